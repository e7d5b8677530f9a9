// Item analysis after a contest: three questions played on four phones (one everyone gets
// right, one whose key is wrong so nobody is marked right, one half the room gets right); the
// results page's "Phân tích câu hỏi" puts the wrong-keyed question first, flagged too hard
// and with the option everyone chose over the key named, with its options' chart; "Sửa câu hỏi này" opens the bank editor on that question's form,
// where the key is fixed and saved.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DESKTOP, OUTPUT_DIR, PHONE, launchBrowser, logIn, newContext, reportOnFailure, screenshots, startServer, watchPage } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectContains, expectCount, waitUntil } from './expect.mjs';

const OPTIONS = ['Hằng tháng', 'Hằng quý', 'Sáu tháng một lần', 'Hằng năm'];
const QUESTIONS = [
  { prompt: 'Chi bộ sinh hoạt thường kỳ bao lâu một lần?', correct: [0] },
  // The right answer is "Hằng quý"; the key says "Hằng năm" by mistake.
  { prompt: 'Chi bộ sinh hoạt chuyên đề ít nhất bao lâu một lần?', correct: [3] },
  { prompt: 'Đại hội chi bộ nhiệm kỳ tiến hành bao lâu một lần?', correct: [2] },
];
// What each phone taps on each question.
const TAPS = [
  [0, 1, 2],
  [0, 1, 2],
  [0, 1, 0],
  [0, 1, 1],
];

describe('the item analysis on the results page', () => {
  let server;
  let browser;
  const consoleLines = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('flags a wrong-keyed question and opens it in its bank to be fixed', { timeout: 180_000 }, async () => {
    await reportOnFailure(server, consoleLines, async () => {
      const shot = await screenshots('analysis-');
      const base = server.url;
      const org = await organiserAPI(browser, base);
      const made = await org.bankWith(
        'Bộ câu hỏi sinh hoạt chi bộ',
        QUESTIONS.map((q) => ({ type: 'single', prompt: q.prompt, options: OPTIONS, correct: q.correct, time_limit_sec: 300, points: 10 })),
      );
      const contest = await org.contest('Hội thi sinh hoạt chi bộ', made.map((q) => q.id));
      const id = contest.id;

      const phones = [];
      for (const [i, name] of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'].entries()) {
        const ctx = await newContext(browser, PHONE);
        const pg = watchPage(await ctx.newPage(), `phone ${i + 1}`, consoleLines);
        await pg.goto(`${base}/join?pin=${contest.pin}`);
        await pg.getByTestId('name-input').fill(name);
        await pg.getByTestId('unit-input').fill(`Chi bộ thôn ${i + 1}`);
        await pg.getByTestId('join-submit').tap();
        await expectContains(pg.getByTestId('lobby'), name);
        phones.push(pg);
      }

      await org.command(id, 'start');
      for (const [qi, q] of QUESTIONS.entries()) {
        await org.command(id, 'next');
        for (const [pi, pg] of phones.entries()) {
          await expectContains(pg.getByTestId('question-prompt'), q.prompt);
          await pg.getByTestId(`option-${TAPS[pi][qi]}`).tap();
          await pg.getByTestId('answer-acked').waitFor();
        }
        await org.command(id, 'close');
        await org.command(id, 'reveal');
        await phones[0].getByTestId(TAPS[0][qi] === q.correct[0] ? 'result-correct' : 'result-wrong').waitFor();
      }
      await org.command(id, 'finish');

      const desk = await newContext(browser, DESKTOP);
      const page = watchPage(await desk.newPage(), 'results', consoleLines);
      await logIn(page, base, `/admin/contests/${id}/results`);
      const section = page.getByTestId('analysis');
      await expectCount(section.getByTestId('analysis-item'), 3);
      await expectContains(section.getByTestId('analysis-groups'), 'cần ít nhất 10 thí sinh');

      // The wrong-keyed question comes first, highlighted and flagged too hard.
      const first = section.getByTestId('analysis-item').first();
      await expectContains(first, QUESTIONS[1].prompt);
      assert.equal(await first.getAttribute('data-weak'), 'true');
      await expectContains(first.getByTestId('analysis-p'), '0% (0/4 thí sinh)');
      await expectContains(first.getByTestId('analysis-flags'), 'Quá khó');
      await expectContains(first.getByTestId('analysis-flags'), 'Nhiều người chọn B hơn đáp án D: kiểm tra lại đáp án.');
      await expectContains(first.getByTestId('analysis-d'), 'chưa đủ thí sinh');
      await first.locator('summary').click();
      const options = first.getByTestId('analysis-option');
      await expectCount(options, 4);
      await expectContains(options.nth(1), '4 người chọn');
      await expectContains(options.nth(3), 'đáp án đúng');
      // The others follow in play order: everyone right, then half.
      await expectContains(section.getByTestId('analysis-item').nth(1).getByTestId('analysis-p'), '100% (4/4 thí sinh)');
      await expectContains(section.getByTestId('analysis-item').nth(2).getByTestId('analysis-p'), '50% (2/4 thí sinh)');
      await shot(page, 'results', { fullPage: true });
      await section.screenshot({ path: join(OUTPUT_DIR, 'analysis-section.png') });

      // "Sửa câu hỏi này" opens the bank editor on that question's form.
      await first.getByTestId('analysis-fix').click();
      await page.waitForURL(/\/admin\/banks\/[^/?]+\?question=/);
      const form = page.getByTestId('question-form');
      await form.waitFor();
      await waitUntil('the form holds the wrong-keyed question', async () => {
        const got = await form.getByTestId('q-prompt').inputValue();
        return { ok: got === QUESTIONS[1].prompt, got };
      });
      await waitUntil('the form is on the screen', async () => {
        const box = await form.boundingBox();
        const ok = box !== null && box.y < DESKTOP.viewport.height && box.y + box.height > 0;
        return { ok, got: box };
      });
      await shot(page, 'bank-form');
      await form.getByTestId('q-correct-1').check();
      await form.getByTestId('q-save').click();
      await page.getByTestId('question-saved').waitFor();
      const bank = await (await org.ctx.request.get(`${base}/api/banks/${made[1].bank_id}`)).json();
      const fixed = bank.questions.find((q) => q.id === made[1].id);
      assert.deepEqual(fixed.correct, [1]);
      await shot(page, 'bank-saved');
    });
  });
});
