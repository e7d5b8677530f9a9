// Options shuffled on each phone, against the real server: the organiser ticks "Đảo thứ tự
// đáp án trên mỗi điện thoại" in the round editor; four phones (360×640) show a question's
// options in orders of their own, lettered A, B, C, D by place; each contestant taps the right
// option where their phone shows it and sees "Đúng" with the letter their own phone gave it;
// a reload keeps the order;
// the projector shows the options without letters and, at the reveal, the right one
// highlighted; the control panel says the answers are shuffled on each phone.

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, PROJECTOR, browserSuite, newContext, screenshots, watchPage } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectContains, expectText, waitUntil } from './expect.mjs';

const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };

const OPTIONS = ['Hai tháng một lần', 'Ba tháng một lần', 'Mỗi tháng một lần', 'Sáu tháng một lần'];
const RIGHT = 2;

const PLAYERS = [
  { name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' },
  { name: 'Trần Thị Bình', unit: 'Chi bộ thôn Đoài' },
  { name: 'Lê Thị Cúc', unit: 'Chi bộ thôn Nam' },
  { name: 'Phạm Văn Dũng', unit: 'Chi bộ thôn Bắc' },
];

/** The options' own indexes in the order the phone shows them, and the letter on each. */
async function shownOrder(page) {
  await page.getByTestId(`option-${RIGHT}`).waitFor();
  return page.locator('button.opt').evaluateAll((els) =>
    els.map((e) => ({ option: Number(e.dataset.testid.slice('option-'.length)), letter: e.querySelector('.letter').textContent.replace('.', '').trim() })),
  );
}

browserSuite('options shuffled on each phone', (env) => {
  env.test('each phone has its own order, and every contestant who taps the right option is right', { timeout: 150_000 }, async ({ server, browser, lines }) => {
    const shot = await screenshots('shuffle-');
    const base = server.url;
    const org = await organiserAPI(browser, base);
    const [q] = await org.bankWith('Bộ câu hỏi đảo đáp án', [
      { type: 'single', prompt: 'Chi bộ sinh hoạt thường kỳ bao lâu một lần?', options: OPTIONS, correct: [RIGHT], time_limit_sec: 300, points: 100, explanation: '' },
    ]);

    // The organiser ticks the setting in the round editor; a buzzer round, answered aloud, has none.
    const panelCtx = await newContext(browser, { ...DESKTOP, storageState: await org.storageState() });
    const panel = watchPage(await panelCtx.newPage(), 'panel', lines);
    await panel.goto(`${base}/admin/contests/new`);
    await panel.getByTestId('contest-title').fill('Hội thi đảo đáp án');
    const round = panel.getByTestId('round').nth(0);
    await round.getByTestId('round-title').fill('Kiến thức');
    await round.getByTestId('kind-buzzer').check();
    assert.equal(await round.getByTestId('shuffle-options').count(), 0, 'a buzzer round offers no shuffling');
    await round.getByTestId('kind-quiz').check();
    await round.getByTestId('contest-bank').selectOption({ label: 'Bộ câu hỏi đảo đáp án (1 câu hỏi)' });
    await round.getByTestId('pick-question').first().waitFor();
    await round.getByTestId('select-none').click();
    await round.getByTestId('pick-question').nth(0).check();
    await round.getByTestId('auto-close').uncheck();
    await round.getByTestId('shuffle-options').check();
    await expectContains(round.locator('label', { has: panel.getByTestId('shuffle-options') }), 'Đảo thứ tự đáp án trên mỗi điện thoại');
    await shot(panel, 'round-editor');
    await panel.getByTestId('contest-create').click();
    await panel.waitForURL((u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    const id = new URL(panel.url()).pathname.split('/').pop();
    const contest = await org.send('GET', `/api/contests/${id}`);
    assert.equal(contest.rounds[0].settings.shuffle_options, true, 'the round was saved with the options shuffled');
    assert.deepEqual(contest.rounds[0].items.map((it) => it.question.prompt), [q.prompt]);

    const projector = await newContext(browser, { ...DESKTOP, viewport: PROJECTOR, storageState: await org.storageState() });
    const screen = watchPage(await projector.newPage(), 'screen', lines);
    await screen.goto(`${base}/screen/${id}`);
    await expectText(screen.getByTestId('screen-pin'), contest.pin);

    const phones = [];
    for (const [i, p] of PLAYERS.entries()) {
      const { ctx, page } = await env.joinPhone(SMALL_PHONE, `phone ${i + 1}`, contest.pin, p.name, p.unit);
      await expectContains(page.getByTestId('lobby'), p.name);
      phones.push({ ...p, page });
    }

    await org.command(id, 'start');
    await org.command(id, 'next');
    for (const p of phones) {
      p.shown = await shownOrder(p.page);
      assert.deepEqual([...p.shown.map((s) => s.option)].sort(), [0, 1, 2, 3], `${p.name}'s phone shows every option once`);
      assert.deepEqual(p.shown.map((s) => s.letter), ['A', 'B', 'C', 'D'], `${p.name}'s phone letters the options by place`);
      p.rightLetter = p.shown.find((s) => s.option === RIGHT).letter;
    }
    // Four phones: all in one order would be one chance in 13,824.
    const key = (p) => p.shown.map((s) => s.option).join();
    const first = phones[0];
    const other = phones.find((p) => key(p) !== key(first));
    assert.ok(other, `every phone showed the options in the order ${key(first)}`);
    await shot(first.page, 'phone-1-question');
    await shot(other.page, 'phone-2-question');

    // The room's screens name no letter: each phone's differ.
    await screen.getByTestId('screen-options').waitFor();
    assert.equal(await screen.locator('[data-testid="screen-options"] .letter').count(), 0, 'the projector shows no letters');
    await expectText(screen.getByTestId('screen-shuffled'), 'Mỗi điện thoại hiện các đáp án theo thứ tự riêng');
    await expectContains(panel.getByTestId('control-shuffled'), 'Đáp án được đảo trên mỗi điện thoại');
    await shot(screen, 'screen-question');
    await panel.getByTestId('control-shuffled').scrollIntoViewIfNeeded();
    await shot(panel, 'control-panel');

    // Each contestant finds the right answer where their own phone shows it.
    for (const p of phones) {
      await p.page.locator('button.opt', { hasText: OPTIONS[RIGHT] }).tap();
      await p.page.getByTestId('answer-acked').waitFor();
    }
    // A reload shows the same order, with the answer kept.
    await other.page.reload();
    assert.deepEqual(await shownOrder(other.page), other.shown, 'the order after a reload');
    await other.page.getByTestId('answer-acked').waitFor();

    await org.command(id, 'close');
    await org.command(id, 'reveal');
    for (const p of phones) {
      await expectContains(p.page.getByTestId('result-correct'), 'Đúng');
      await expectText(p.page.getByTestId('phone-key-letters'), `Đáp án đúng: ${p.rightLetter}`);
      await waitUntil(`${p.name}'s phone marks the right option where it showed it`, async () => {
        const marked = await p.page.locator('button.opt.right').evaluateAll((els) => els.map((e) => Number(e.dataset.place)));
        const place = p.shown.findIndex((s) => s.option === RIGHT);
        return { ok: marked.length === 1 && marked[0] === place, got: { marked, place } };
      });
    }
    await shot(first.page, 'phone-1-reveal', { fullPage: true });
    await shot(other.page, 'phone-2-reveal', { fullPage: true });
    await expectContains(screen.locator('[data-testid="screen-distribution"] li.right'), OPTIONS[RIGHT]);
    assert.equal(await screen.getByTestId('screen-key').count(), 0, 'the projector names no letter at the reveal');
    await expectText(screen.getByTestId(`screen-count-${RIGHT}`), String(PLAYERS.length));
    await shot(screen, 'screen-reveal');
    await org.close();
  });
});
