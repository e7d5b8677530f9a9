// A whole contest in real browsers against the real server: the organiser logs in and creates
// a contest, the projector shows the PIN, three phones join and answer differently (one reloads
// in the middle of a question), the organiser closes, reveals and shows the standings, a second
// question separates the scores, the contest finishes and the results download as Excel.

import assert from 'node:assert/strict';
import { DESKTOP, OUTPUT_DIR, PHONE, PROJECTOR, WAIT, browserSuite, newContext, screenshots, watchPage } from './server.mjs';
import { expectAttr, expectClass, expectContains, expectCount, expectMatch, expectText, waitUntil } from './expect.mjs';

const CONTEST_TITLE = 'Hội thi Bí thư chi bộ giỏi xã Hòa Bình 2026';

const PLAYERS = [
  { name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' },
  { name: 'Trần Thị Bình', unit: 'Chi bộ thôn Đoài' },
  { name: 'Lê Văn Cường', unit: 'Chi bộ Trường Tiểu học' },
];

/** The option indexes that answer a question right, and one choice that answers it wrong. */
function rightChoice(q) {
  return [...q.correct].sort((a, b) => a - b);
}
function wrongChoice(q) {
  const wrong = q.options.findIndex((_, i) => !q.correct.includes(i));
  assert.ok(wrong >= 0, `question "${q.prompt}" has no wrong option`);
  return [wrong];
}

/** Taps the options on a phone (and "Gửi đáp án" for a multiple-choice question). */
async function answerOnPhone(page, q, choice) {
  if (q.type === 'multi') {
    for (const i of choice) await page.getByTestId(`option-${i}`).tap();
    await page.getByTestId('submit-multi').tap();
  } else {
    assert.equal(choice.length, 1);
    await page.getByTestId(`option-${choice[0]}`).tap();
  }
}

/** The visible rows of a standings list as { text, name, score }. */
async function readStandings(list, names) {
  const texts = await list.getByTestId('standings-row').allInnerTexts();
  return texts.map((text) => {
    const name = names.find((n) => text.includes(n)) ?? null;
    const numbers = text.match(/\d+/g) ?? [];
    return { text, name, score: Number(numbers[numbers.length - 1]) };
  });
}

browserSuite('a live contest from login to the Excel file', (env) => {
  env.test('organiser, projector and three phones play two questions', { timeout: 150_000 }, async ({ server, browser, lines }, t) => {
    const shot = await screenshots();
    const base = server.url;

    // 1. The organiser logs in and creates a contest from the sample bank.
    const { ctx: organiser, page: control } = await env.organiserPage(DESKTOP, 'control');
    await control.getByTestId('new-contest').click();
    await control.waitForURL(`${base}/admin/contests/new`);
    await control.getByTestId('contest-title').fill(CONTEST_TITLE);
    await control.getByTestId('scoring-fixed').check();

    const bankSelect = control.getByTestId('contest-bank');
    const sampleOption = bankSelect.locator('option', { hasText: 'Bộ câu hỏi mẫu' });
    await sampleOption.waitFor({ state: 'attached' });
    await bankSelect.selectOption(await sampleOption.getAttribute('value'));

    // Choosing a bank ticks every question: untick all, then tick the first three.
    const picks = control.getByTestId('pick-question');
    await picks.first().waitFor();
    const total = await picks.count();
    assert.ok(total >= 30, `the sample bank should have at least 30 questions, has ${total}`);
    await control.getByTestId('select-none').click();
    await expectText(control.getByTestId('selected-count'), `Đã chọn 0/${total} câu`);
    for (let i = 0; i < 3; i++) await picks.nth(i).check();
    await expectText(control.getByTestId('selected-count'), `Đã chọn 3/${total} câu`);
    await control.getByTestId('contest-create').click();

    await control.waitForURL((u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    const contestId = new URL(control.url()).pathname.split('/').pop();
    const pinBox = control.getByTestId('contest-pin');
    await expectMatch(pinBox, /^\d{6}$/);
    const pin = (await pinBox.innerText()).trim();
    await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'lobby');

    // 2. The answer key, as the organiser's session sees it.
    const res = await control.request.get(`${base}/api/contests/${contestId}`, { timeout: WAIT });
    assert.equal(res.status(), 200, `GET /api/contests/${contestId}: ${await res.text()} (page at ${control.url()})`);
    const contest = await res.json();
    assert.equal(contest.title, CONTEST_TITLE);
    assert.equal(contest.pin, pin);
    assert.equal(contest.rounds[0].scoring, 'fixed');
    const questions = contest.rounds[0].items.map((it) => it.question);
    assert.equal(questions.length, 3);

    // 3. The projector: its own full-HD window with the organiser's login cookie. (A second
    // tab in the organiser's window would be a background tab, its animation frames throttled
    // to one a second.)
    const projector = await newContext(browser, {
      ...DESKTOP,
      viewport: PROJECTOR,
      storageState: await organiser.storageState(),
    });
    const screen = watchPage(await projector.newPage(), 'screen', lines);
    await screen.goto(`${base}/screen/${contestId}`);
    await expectText(screen.getByTestId('screen-pin'), pin);
    await expectText(screen.getByTestId('screen-joined-count'), '0 người đã tham gia');
    const qr = screen.getByTestId('screen-qr');
    await qr.waitFor();
    await screen.waitForFunction((img) => img.complete && img.naturalWidth > 0, await qr.elementHandle(), { timeout: WAIT });
    await expectContains(screen.locator('body'), `127.0.0.1:${server.port}/join`);

    // 4. Three phones join, in order.
    const phones = [];
    for (const [i, p] of PLAYERS.entries()) {
      const ctx = await newContext(browser, PHONE);
      const page = watchPage(await ctx.newPage(), `phone ${i + 1}`, lines);
      if (i === 0) {
        // The first one types the PIN, the others come from the QR code.
        await page.goto(`${base}/join`);
        await page.getByTestId('pin-input').fill(pin);
        await page.getByTestId('pin-submit').tap();
      } else {
        await page.goto(`${base}/join?pin=${pin}`);
      }
      await page.getByTestId('name-input').fill(p.name);
      await page.getByTestId('unit-input').fill(p.unit);
      await page.getByTestId('join-submit').tap();
      const lobby = page.getByTestId('lobby');
      await expectContains(lobby, p.name);
      await expectContains(lobby, p.unit);
      await expectText(control.getByTestId('participant-count'), String(i + 1));
      phones.push({ ...p, ctx, page });
    }
    await shot(phones[0].page, '01-phone-lobby');
    await expectText(screen.getByTestId('screen-joined-count'), '3 người đã tham gia');
    for (const p of PLAYERS) await expectContains(screen.locator('main'), p.name);
    await expectText(control.getByTestId('participant-count'), '3');
    await expectCount(control.getByTestId('participant-row'), 3);
    // The organiser finds a contestant by typing the name without diacritics.
    const search = control.getByTestId('participant-search');
    await search.fill('tran thi');
    await expectCount(control.getByTestId('participant-row'), 1);
    await expectContains(control.getByTestId('participant-list'), 'Trần Thị Bình');
    await search.fill('khong co ai');
    await control.getByTestId('participant-none').waitFor();
    await search.fill('');
    await expectCount(control.getByTestId('participant-row'), 3);
    await shot(screen, '02-screen-lobby');

    const [an, binh, cuong] = phones;

    // 5. Start, first question.
    await command(control, 'start', 'round_intro');
    await an.page.getByTestId('round-intro').waitFor();
    await command(control, 'next', 'item_open');

    const q1 = questions[0];
    for (const ph of phones) {
      await expectText(ph.page.getByTestId('question-prompt'), q1.prompt);
      await ph.page.getByTestId('countdown').waitFor();
    }
    await expectText(screen.getByTestId('screen-question'), q1.prompt);
    await screen.getByTestId('screen-countdown').waitFor();
    await shot(an.page, '03-phone-question');
    await shot(screen, '04-screen-question');

    await answerOnPhone(an.page, q1, rightChoice(q1));
    await an.page.getByTestId('answer-acked').waitFor();
    await shot(an.page, '05-phone-acked');
    // The countdown runs on every screen (20 s for these questions).
    for (const [label, countdown] of [
      ['phone', an.page.getByTestId('countdown')],
      ['screen', screen.getByTestId('screen-countdown')],
    ]) {
      await waitUntil(`the ${label} countdown should count down from ${q1.time_limit_sec}`, async () => {
        const secs = Number(((await countdown.innerText({ timeout: 1_000 })).match(/\d+/) ?? [])[0]);
        return { ok: secs > 0 && secs < q1.time_limit_sec, got: secs };
      });
    }
    await shot(control, '07-control-question', { fullPage: true });

    await answerOnPhone(binh.page, q1, wrongChoice(q1));
    await binh.page.getByTestId('answer-acked').waitFor();

    // Cường's phone reloads in the middle of the question: same contestant, same question.
    await cuong.page.reload();
    await expectText(cuong.page.getByTestId('question-prompt'), q1.prompt);
    assert.equal(await cuong.page.getByTestId('name-input').count(), 0, 'a reload must not show the join form');
    assert.equal(await cuong.page.getByTestId('pin-input').count(), 0, 'a reload must not ask for the PIN');
    await shot(cuong.page, '06-phone-after-reload');
    // The last answer closes the question at once: the closed screen may take the place of
    // the acknowledgement straight away (the reveal below shows the answer counted).
    await answerOnPhone(cuong.page, q1, rightChoice(q1));
    await cuong.page.getByTestId('time-up').waitFor();

    // 6. Everyone has answered: the question closes by itself (the contest's default), long
    // before its deadline. Then reveal and standings.
    await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'item_closed');
    for (const ph of phones) await ph.page.getByTestId('time-up').waitFor();
    await expectText(control.getByTestId('answered-count'), 'Đã trả lời: 3/3');
    await command(control, 'reveal', 'reveal');
    await an.page.getByTestId('result-correct').waitFor();
    await binh.page.getByTestId('result-wrong').waitFor();
    await cuong.page.getByTestId('result-correct').waitFor();
    await expectContains(binh.page.getByTestId('result-wrong'), 'Sai');
    await expectText(an.page.getByTestId('my-score'), String(q1.points));
    await expectText(binh.page.getByTestId('my-score'), '0');
    await expectText(cuong.page.getByTestId('my-score'), String(q1.points));
    await shot(an.page, '08-phone-result-correct');
    await shot(binh.page, '09-phone-result-wrong');

    await screen.getByTestId('screen-distribution').waitFor();
    for (const i of q1.correct) await expectClass(screen.getByTestId(`screen-option-${i}`), /\bright\b/);
    await shot(screen, '10-screen-reveal');

    await command(control, 'standings', 'standings');
    const board = screen.getByTestId('screen-standings');
    await expectCount(board.getByTestId('standings-row'), 3);
    const names = PLAYERS.map((p) => p.name);
    // An and Cường tie on points (the faster total time of right answers, then the earlier
    // join, goes first): check who they are and their scores, and Bình last with 0.
    await waitUntil('the two right answers lead with equal points, the wrong one last with 0', async () => {
      const rows = await readStandings(board, names);
      const top2 = rows.slice(0, 2).map((r) => r.name).sort();
      const ok =
        JSON.stringify(top2) === JSON.stringify([an.name, cuong.name].sort()) &&
        rows[2]?.name === binh.name &&
        JSON.stringify(rows.map((r) => r.score)) === JSON.stringify([q1.points, q1.points, 0]);
      return { ok, got: rows };
    });
    await shot(screen, '11-screen-standings-q1');
    await expectText(binh.page.getByTestId('my-rank'), 'Hạng 3/3');

    // Second question: An wrong, Bình does not answer, Cường right. With the same points
    // for every question (the sample bank's): Cường 200, An 100, Bình 0.
    await command(control, 'next', 'item_open');
    const q2 = questions[1];
    assert.ok(q1.points + q2.points > q1.points && q1.points > 0, 'points must separate the ranks');
    for (const ph of phones) await expectText(ph.page.getByTestId('question-prompt'), q2.prompt);
    await expectText(screen.getByTestId('screen-question'), q2.prompt);
    await answerOnPhone(an.page, q2, wrongChoice(q2));
    await answerOnPhone(cuong.page, q2, rightChoice(q2));
    await an.page.getByTestId('answer-acked').waitFor();
    await cuong.page.getByTestId('answer-acked').waitFor();
    await expectText(control.getByTestId('answered-count'), 'Đã trả lời: 2/3');
    await expectText(screen.getByTestId('screen-answered'), 'Đã trả lời 2/3');

    await command(control, 'close', 'item_closed');
    await expectContains(binh.page.getByTestId('time-up').locator('..'), 'Đồng chí chưa trả lời câu này');
    await command(control, 'reveal', 'reveal');
    await an.page.getByTestId('result-wrong').waitFor();
    await expectContains(binh.page.getByTestId('result-wrong'), 'Không trả lời');
    await cuong.page.getByTestId('result-correct').waitFor();
    await expectText(cuong.page.getByTestId('my-score'), String(q1.points + q2.points));
    await expectText(an.page.getByTestId('my-score'), String(q1.points));
    await expectText(binh.page.getByTestId('my-score'), '0');
    await shot(binh.page, '12-phone-result-no-answer');

    await command(control, 'standings', 'standings');
    await expectCount(board.getByTestId('standings-row'), 3);
    await expectOrder(board, names, [cuong.name, an.name, binh.name], [q1.points + q2.points, q1.points, 0]);
    await expectText(cuong.page.getByTestId('my-rank'), 'Hạng 1/3');
    await expectText(an.page.getByTestId('my-rank'), 'Hạng 2/3');
    await shot(screen, '13-screen-standings-q2');
    await shot(an.page, '14-phone-standings');

    // The organiser's list of contestants shows the same scores once the answer is revealed.
    await t.test('the control panel shows the scores after a reveal', async () => {
      const row = control.getByTestId('participant-row').filter({ hasText: cuong.name });
      await expectContains(row, String(q1.points + q2.points), 3_000);
    });

    // 7. Finish early (the third question is never played), confirming in the dialog.
    await control.getByTestId('cmd-finish').click();
    const dialog = control.getByTestId('confirm-dialog');
    await expectContains(dialog, 'Kết thúc cuộc thi ngay bây giờ?');
    await shot(control, '15-control-confirm-finish');
    await dialog.getByTestId('confirm-yes').click();
    await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'finished');
    await assertNoCommandError(control);

    await expectText(cuong.page.getByTestId('final-rank'), 'Hạng 1/3');
    await expectText(an.page.getByTestId('final-rank'), 'Hạng 2/3');
    await expectText(binh.page.getByTestId('final-rank'), 'Hạng 3/3');
    await shot(cuong.page, '16-phone-final');

    await expectText(screen.getByTestId('screen-standings').locator('h1'), 'Kết quả chung cuộc');
    await screen.getByTestId('screen-podium').waitFor();
    await expectContains(screen.getByTestId('screen-podium'), cuong.name);
    await shot(screen, '17-screen-final');

    // Results page and the Excel file.
    await control.goto(`${base}/admin/contests/${contestId}/results`);
    const table = control.getByTestId('results-table');
    await expectCount(table.getByTestId('results-row'), 3);
    const resultRows = await table.getByTestId('results-row').allInnerTexts();
    const expected = [
      [cuong, q1.points + q2.points, 2],
      [an, q1.points, 1],
      [binh, 0, 0],
    ];
    expected.forEach(([p, score, correct], i) => {
      const cells = resultRows[i].split('\t').map((c) => c.trim());
      assert.equal(cells[0], String(i + 1), `rank in row ${i + 1}: ${resultRows[i]}`);
      assert.equal(cells[1], p.name);
      assert.equal(cells[2], p.unit);
      assert.equal(cells[3], String(score));
      assert.equal(cells[4], String(correct));
    });
    const download = control.getByTestId('download-xlsx');
    await expectContains(download, 'Tải file Excel');
    const href = await download.getAttribute('href');
    const xlsx = await control.request.get(new URL(href, base).toString(), { timeout: WAIT });
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'] ?? '', /spreadsheetml|excel/);
    const body = await xlsx.body();
    assert.equal(body.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx file is a zip');
    await shot(control, '18-results', { fullPage: true });

    // A finished contest's PIN no longer lets anyone in.
    const late = await browser.newContext(PHONE);
    try {
      const p = await late.newPage();
      p.setDefaultTimeout(WAIT);
      await p.goto(`${base}/join?pin=${pin}`);
      await p.getByTestId('pin-error').waitFor();
    } finally {
      await late.close();
    }

    for (const ph of phones) await ph.ctx.close();
    await projector.close();
    await organiser.close();
    const crashes = lines.filter((l) => l.includes('page error:'));
    assert.deepEqual(crashes, [], 'no page should throw');
    const refused = lines.filter((l) => l.includes('Content Security Policy'));
    assert.deepEqual(refused, [], 'every page should work under the server\'s Content-Security-Policy');
    if (lines.length) console.log(`browser console:\n${lines.join('\n')}`);
    console.log(`e2e screenshots: ${OUTPUT_DIR}`);
  });
});

async function expectOrder(list, names, order, scores) {
  await waitUntil(`expected standings ${JSON.stringify(order)} with ${JSON.stringify(scores)}`, async () => {
    const rows = await readStandings(list, names);
    const ok =
      JSON.stringify(rows.map((r) => r.name)) === JSON.stringify(order) &&
      JSON.stringify(rows.map((r) => r.score)) === JSON.stringify(scores);
    return { ok, got: rows };
  });
}

async function assertNoCommandError(control) {
  const err = control.getByTestId('command-error');
  if (await err.count()) assert.fail(`the control panel shows an error: ${await err.innerText()}`);
}

/** Presses an organiser button and waits for the phase it leads to. */
async function command(control, cmd, phase) {
  const now = await control.getByTestId('control-phase').getAttribute('data-phase');
  // A question may reach its deadline on its own just before "close" is pressed.
  if (cmd === 'close' && now === 'item_closed') return;
  await control.getByTestId(`cmd-${cmd}`).click();
  await expectAttr(control.getByTestId('control-phase'), 'data-phase', phase);
  await assertNoCommandError(control);
}
