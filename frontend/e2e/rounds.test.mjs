// A contest of three rounds built in the browser and run from the control panel: the builder's
// checks and the server's refusal shown next to their round, a quiz round, an elimination round
// with more time, a rescue and a score correction, a skipped question, a buzzer round counted
// twice with the star of hope, a mark and a steal, then the results: a column per round, two
// contestants on the same total separated by the tie-break rules, and the audit log. Contestants
// are plain sockets in a page of their own, so only the organiser's pages are under test.

import assert from 'node:assert/strict';
import { DESKTOP, browserSuite, newContext, screenshots } from './server.mjs';
import { expectAttr, expectContains, expectCount, expectMatch, expectText, waitUntil } from './expect.mjs';

/** A contestant over a raw socket: joins, answers, presses the buzzer. */
async function contestant(browser, base, pin, name, unit) {
  const ctx = await newContext(browser, DESKTOP);
  const page = await ctx.newPage();
  await page.goto(`${base}/healthz`);
  await page.evaluate(
    ({ pin, name, unit }) =>
      new Promise((ok, fail) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/play`);
        window.frames_ = [];
        window.ws_ = ws;
        ws.onmessage = (e) => {
          const f = JSON.parse(e.data);
          window.frames_.push(f);
          if (f.t === 'hello') ok();
          if (f.t === 'error' && !window.joined_) fail(new Error(f.message));
        };
        ws.onopen = () => ws.send(JSON.stringify({ t: 'join', pin, name, unit }));
      }),
    { pin, name, unit },
  );
  const send = (f) => page.evaluate((f) => window.ws_.send(JSON.stringify(f)), f);
  /** The id of the question open now, once its frame arrived. */
  const openItem = (notId = '') =>
    waitUntil(`${name} sees a new question`, async () => {
      const id = await page.evaluate(() => {
        const f = [...window.frames_].reverse().find((x) => x.t === 'item' || (x.t === 'state' && x.item));
        return f ? (f.t === 'item' ? f.item_id : f.item.item_id) : '';
      });
      return { ok: id !== '' && id !== notId, got: id };
    }).then(() =>
      page.evaluate(() => {
        const f = [...window.frames_].reverse().find((x) => x.t === 'item' || (x.t === 'state' && x.item));
        return f.t === 'item' ? f.item_id : f.item.item_id;
      }),
    );
  return {
    openItem,
    answer: (itemId, choice) => send({ t: 'answer', item_id: itemId, answer_id: `a${Math.random().toString(36).slice(2, 10)}`, choice: [choice] }),
    buzz: (itemId) => send({ t: 'buzz', item_id: itemId }),
    close: () => ctx.close(),
  };
}

browserSuite('a contest of several rounds, from the builder to the results', (env) => {
  env.test('the organiser builds, runs and corrects a contest of a quiz, an elimination and a buzzer round', { timeout: 180_000 }, async ({ server, browser }) => {
    const shot = await screenshots('rounds-');
    const base = server.url;
    const { ctx, page } = await env.organiserPage({ ...DESKTOP, viewport: { width: 1366, height: 900 } }, 'control');

    // 1. The builder: round 1 a quiz of one question, round 2 an elimination round of two.
    await page.getByTestId('new-contest').click();
    await page.getByTestId('contest-title').fill('Hội thi nhiều vòng');
    const r0 = page.getByTestId('round').nth(0);
    await r0.getByTestId('round-title').fill('Khởi động');
    await r0.getByTestId('kind-quiz').check();
    await r0.getByTestId('pick-question').first().waitFor();
    await r0.getByTestId('select-none').click();
    await r0.getByTestId('pick-question').nth(0).check();
    await page.getByTestId('add-round').click();
    const r1 = page.getByTestId('round').nth(1);
    await r1.getByTestId('round-title').fill('Rung chuông vàng');
    await r1.getByTestId('kind-elimination').check();
    await r1.getByTestId('pick-question').first().waitFor();
    await r1.getByTestId('select-none').click();
    await r1.getByTestId('pick-question').nth(1).check();
    await r1.getByTestId('pick-question').nth(2).check();
    await r1.getByTestId('golden-bell').fill('5');

    // Round 3, a buzzer round counted twice, with the star of hope; its bank ticks only the
    // questions rounds 1 and 2 do not use.
    await page.getByTestId('add-round').click();
    const r2 = page.getByTestId('round').nth(2);
    await r2.getByTestId('round-title').fill('Giành quyền trả lời');
    await r2.getByTestId('kind-buzzer').check();
    await r2.getByTestId('pick-question').first().waitFor();
    const total = await r2.getByTestId('pick-question').count();
    await expectText(r2.getByTestId('selected-count'), `Đã chọn ${total - 3}/${total} câu`);
    await r2.getByTestId('select-none').click();
    await r2.getByTestId('round-weight').fill('2');
    await r2.getByTestId('star').check();
    await r2.getByTestId('steal-sec').fill('5');

    // A round without questions is caught before sending, next to that round.
    await page.getByTestId('contest-create').click();
    await expectContains(r2.getByTestId('round-error'), 'Vui lòng chọn ít nhất một câu hỏi');
    await r2.getByTestId('pick-question').nth(3).check();
    await r2.getByTestId('pick-question').nth(4).check();

    // The tie-break rules: "points of round 3" added and moved first.
    await page.getByTestId('tie-break-new').selectOption('round');
    await page.getByTestId('tie-break-add').click();
    const rules = page.getByTestId('tie-break');
    await expectCount(rules, 3);
    await rules.nth(2).getByTestId('tie-break-round-pick').selectOption({ label: 'Vòng 3: Giành quyền trả lời' });
    await rules.nth(2).getByRole('button', { name: /lên trước/ }).click();
    await rules.nth(1).getByRole('button', { name: /lên trước/ }).click();
    await expectAttr(rules.nth(0), 'data-rule', 'round');

    // The server refuses a golden bell past the round's questions: the message is at round 2
    // and nothing typed is lost.
    await page.getByTestId('contest-create').click();
    await expectContains(r1.getByTestId('round-error'), 'chuông vàng');
    assert.equal(await page.getByTestId('contest-title').inputValue(), 'Hội thi nhiều vòng');
    assert.equal(await r2.getByTestId('round-weight').inputValue(), '2');
    await shot(page, '01-builder-error', { fullPage: true });
    await r1.getByTestId('golden-bell').fill('0');
    await page.getByTestId('contest-create').click();
    await page.waitForURL((u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    const contestId = new URL(page.url()).pathname.split('/').pop();
    await expectMatch(page.getByTestId('contest-pin'), /^\d{6}$/);
    const pin = (await page.getByTestId('contest-pin').innerText()).trim();

    const contest = await (await page.request.get(`${base}/api/contests/${contestId}`)).json();
    assert.deepEqual(contest.rounds.map((r) => [r.kind, r.weight]), [['quiz', 1], ['elimination', 1], ['buzzer', 2]]);
    assert.deepEqual(contest.tie_breaks, [{ rule: 'round', round: 3 }, { rule: 'time', round: 0 }, { rule: 'join', round: 0 }]);
    const points = contest.rounds.map((r) => r.items.map((it) => it.question.points));
    const quizKey = contest.rounds[0].items[0].question.correct[0];
    const key = contest.rounds[1].items[0].question.correct[0];
    // An: the quiz question, the first elimination question and the first buzzer question
    // (×2). Bình: the steal of the second buzzer question (×2) and a correction that brings
    // her to the same total, so the tie-break rules decide.
    const anTotal = points[0][0] + points[1][0] + 2 * points[2][0];
    const correction = anTotal - 2 * points[2][1];
    assert.ok(correction > 0, `the sample questions' points give a correction of ${correction}`);

    // 2. Two contestants join.
    const an = await contestant(browser, base, pin, 'Nguyễn Văn An', 'Chi bộ thôn Đông');
    const binh = await contestant(browser, base, pin, 'Trần Thị Bình', 'Chi bộ thôn Tây');
    await expectText(page.getByTestId('participant-count'), '2');

    // 3. The quiz round: An right, Bình wrong.
    await page.getByTestId('cmd-start').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'round_intro');
    await expectContains(page.getByTestId('round-name'), 'Khởi động');
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
    const q0 = await an.openItem();
    await an.answer(q0, quizKey);
    await binh.answer(q0, (quizKey + 1) % 2);
    await expectText(page.getByTestId('answered-count'), 'Đã trả lời: 2/2');
    await page.getByTestId('cmd-close').click().catch(() => {});
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');
    await page.getByTestId('cmd-reveal').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'reveal');
    await shot(page, '02a-quiz-reveal');

    // The elimination round: more time, An right, Bình wrong.
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'round_intro');
    await expectContains(page.getByTestId('round-name'), 'Rung chuông vàng');
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
    const q1 = await an.openItem(q0);
    await page.getByTestId('extend-15').click();
    await expectContains(page.getByTestId('control-log'), 'Thêm 15 giây');
    await an.answer(q1, key);
    await binh.answer(q1, (key + 1) % 2);
    await expectText(page.getByTestId('answered-count'), 'Đã trả lời: 2/2');
    await page.getByTestId('cmd-close').click().catch(() => {});
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');
    await page.getByTestId('cmd-reveal').click();
    await expectText(page.getByTestId('survivors-count'), 'Còn lại: 1/2 người');

    // A rescue brings Bình back.
    await page.getByTestId('cmd-rescue').click();
    await page.getByTestId('rescue-all').check();
    await shot(page, '02-rescue');
    await page.getByTestId('rescue-save').click();
    await expectCount(page.getByTestId('rescue-dialog'), 0);
    await expectContains(page.getByTestId('survivors-count'), 'Còn lại: 2/2 người');

    // A correction needs a reason; it shows in the log with before → after and the reason.
    await page.getByTestId('cmd-adjust').click();
    const dialog = page.getByTestId('adjust-dialog');
    await dialog.getByTestId('contestant-search').fill('binh');
    await expectCount(dialog.getByTestId('contestant-pick'), 1);
    await dialog.getByTestId('contestant-pick').check();
    await dialog.getByTestId('adjust-points').fill(String(correction));
    await dialog.getByTestId('adjust-save').click();
    await expectText(dialog.getByTestId('adjust-error'), 'Vui lòng ghi lý do sửa điểm.');
    await dialog.getByTestId('adjust-reason').fill('Ban giám khảo chấm lại câu 1');
    await shot(page, '03-adjust');
    await dialog.getByTestId('adjust-save').click();
    await expectCount(page.getByTestId('adjust-dialog'), 0);
    const log = page.getByTestId('control-log');
    await expectContains(log, `Sửa điểm Trần Thị Bình: +${correction} (vòng 2)`);
    await expectContains(log, '“Ban giám khảo chấm lại câu 1”');
    await expectContains(log, 'Được cứu trợ');

    // The second question is skipped (after a confirm): the buzzer round's intro follows.
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
    await page.getByTestId('cmd-skip').click();
    await page.getByTestId('confirm-yes').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'round_intro');
    await expectContains(page.getByTestId('round-name'), 'Vòng 3: Giành quyền trả lời');
    await expectContains(page.getByTestId('round-name'), ' · ×2');

    // 4. The buzzer round: Bình plays the star of hope, An presses first and is marked right.
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
    const q3 = await an.openItem(q1);
    await page.getByTestId('cmd-star').click();
    await page.getByTestId('star-dialog').getByTestId('contestant-search').fill('Bình');
    await page.getByTestId('star-dialog').getByTestId('contestant-pick').check();
    await page.getByTestId('star-save').click();
    await expectContains(page.getByTestId('buzz-star'), 'Trần Thị Bình');
    await an.buzz(q3);
    await expectContains(page.getByTestId('buzz-winner'), 'Nguyễn Văn An');
    await shot(page, '04-buzzer');
    await page.getByTestId('mark-right').click();
    await expectContains(page.getByTestId('buzz-mark'), 'Đã chấm Đúng');
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');
    await expectContains(log, 'Giành quyền, trả lời đúng');

    // The next buzzer question: An is wrong, the steal opens, Bình steals and is right.
    await page.getByTestId('cmd-reveal').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'reveal');
    await page.getByTestId('cmd-next').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
    const q4 = await an.openItem(q3);
    await expectCount(page.getByTestId('buzz-winner'), 0);
    await an.buzz(q4);
    await expectContains(page.getByTestId('buzz-winner'), 'Nguyễn Văn An');
    await page.getByTestId('mark-wrong').click();
    await expectMatch(page.getByTestId('buzz-steal'), /giành lại quyền/i);
    await binh.buzz(q4);
    await expectContains(page.getByTestId('buzz-winner'), 'Trần Thị Bình');
    await expectMatch(page.getByTestId('buzzer-box'), /giành lại quyền lần 1/i);
    await shot(page, '04b-steal');
    await page.getByTestId('mark-right').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');
    await expectContains(log, 'Giành lại quyền, trả lời đúng');

    // 5. The finish and the results: a column per round, the weight, the log below.
    await page.getByTestId('cmd-finish').click();
    await page.getByTestId('confirm-yes').click();
    await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'finished');
    await page.getByTestId('open-results').click();
    const heads = page.getByTestId('results-round');
    await expectCount(heads, 3);
    await expectText(heads.nth(2), 'Giành quyền trả lời\n×2');
    await expectCount(page.getByTestId('results-row'), 2);
    await expectContains(page.getByTestId('results-audit'), `Sửa điểm Trần Thị Bình: +${correction} (vòng 2)`);
    // Same total: the points of round 3 decide, then the time of right answers (an answer
    // given aloud counts the time to press).
    const results = await (await page.request.get(`${base}/api/contests/${contestId}/results`)).json();
    const [first, second] = results.standings;
    assert.equal(first.score, anTotal);
    assert.equal(second.score, anTotal);
    assert.deepEqual([first.rank, second.rank], [1, 2]);
    const timeOf = (name) => results.standings.find((x) => x.name === name).time_ms;
    const anFirst =
      points[2][0] !== points[2][1] ? points[2][0] > points[2][1] : timeOf('Nguyễn Văn An') < timeOf('Trần Thị Bình');
    assert.notEqual(timeOf('Trần Thị Bình'), 0, 'the steal answered aloud counts the time to press');
    assert.equal(first.name, anFirst ? 'Nguyễn Văn An' : 'Trần Thị Bình');
    assert.deepEqual(results.standings.find((x) => x.name === 'Nguyễn Văn An').rounds, [points[0][0], points[1][0], points[2][0]]);
    await expectContains(page.getByTestId('results-row').nth(0), first.name);
    await shot(page, '05-results', { fullPage: true });

    await an.close();
    await binh.close();
    await ctx.close();
  });
});
