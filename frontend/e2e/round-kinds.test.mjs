// The phones and the projector through a contest of an elimination round (Rung chuông vàng)
// and a buzzer round, against the real server, with the organiser's commands sent through the
// API: each round's intro, a wrong and a missing answer that eliminate, the calm card that stays
// after a reload, a rescue that brings a contestant back, the survivors on the projector; the
// buzzer's button, who won, the wrong mark and the steal with its countdown.

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, PROJECTOR, browserSuite, newContext, screenshots, watchPage } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectContains, expectText, waitUntil } from './expect.mjs';

const PLAYERS = [
  { name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' },
  { name: 'Trần Thị Bình', unit: 'Chi bộ thôn Đoài' },
  { name: 'Lê Thị Cúc', unit: 'Chi bộ Trường Tiểu học' },
];

const question = (n) => ({
  type: 'single',
  prompt: `Câu hỏi số ${n}: chi bộ thôn sinh hoạt thường kỳ bao lâu một lần?`,
  options: ['Mỗi tháng một lần', 'Mỗi quý một lần'],
  correct: [0],
  time_limit_sec: 300,
  points: 20,
  explanation: '',
});

const RULES = 'Mỗi câu trả lời sai hoặc không trả lời là dừng bước. Ban tổ chức có thể cứu trợ.';

/** The organiser's session over the API, with commands that carry arguments. */
async function organiser(browser, base) {
  const api = await organiserAPI(browser, base);
  return {
    ctx: api.ctx,
    send: api.send,
    async command(id, args) {
      const c = await api.send('GET', `/api/contests/${id}`);
      return api.send('POST', `/api/contests/${id}/commands`, { version: c.live.version, ...args });
    },
  };
}

browserSuite('the phones and the projector in an elimination and a buzzer round', (env) => {
  env.test('from the first intro to the steal and its mark', { timeout: 150_000 }, async ({ server, browser, lines }) => {
    const shot = await screenshots('rounds-');
    const base = server.url;
    const org = await organiser(browser, base);
    const bank = await org.send('POST', '/api/banks', { title: 'Bộ câu hỏi nhiều vòng', description: '' });
    const ids = [];
    for (let n = 1; n <= 3; n++) ids.push((await org.send('POST', `/api/banks/${bank.id}/questions`, question(n))).id);
    const contest = await org.send('POST', '/api/contests', {
      title: 'Chung kết Hội thi',
      rounds: [
        { title: 'Rung chuông vàng', kind: 'elimination', auto_close: false, question_ids: ids.slice(0, 2), settings: { intro: RULES } },
        {
          title: 'Về đích', kind: 'buzzer', weight: 2, question_ids: ids.slice(2),
          settings: { wrong_penalty: 10, steal_sec: 30, star: true, intro: 'Ai bấm chuông trước được trả lời trước.' },
        },
      ],
    });
    const id = contest.id;

    const projector = await newContext(browser, { ...DESKTOP, viewport: PROJECTOR, storageState: await org.ctx.storageState() });
    const screen = watchPage(await projector.newPage(), 'screen', lines);
    await screen.goto(`${base}/screen/${id}`);
    await expectText(screen.getByTestId('screen-pin'), contest.pin);

    const phones = [];
    for (const [i, p] of PLAYERS.entries()) {
      const { ctx, page } = await env.joinPhone(PHONE, `phone ${i + 1}`, contest.pin, p.name, p.unit);
      await expectContains(page.getByTestId('lobby'), p.name);
      const participantId = await page.evaluate(() => JSON.parse(localStorage.getItem('hoithi.player')).participant_id);
      phones.push({ ...p, page, participantId });
    }
    const [an, binh, cuc] = phones;

    // The elimination round's intro: its kind in words and its rules, on both screens.
    await org.command(id, { cmd: 'start' });
    // The round is named after its kind, which is not said twice.
    await expectContains(an.page.getByTestId('round-intro'), 'dừng bước');
    assert.equal(await an.page.getByTestId('round-kind').count(), 0);
    await expectContains(screen.getByTestId('screen-round-intro'), 'Rung chuông vàng');
    await expectText(screen.getByTestId('screen-round-rules'), RULES);
    await shot(an.page, 'phone-round-intro');
    await shot(screen, 'screen-round-intro');

    // Question 1: An is right, Bình wrong, Cúc does not answer.
    await org.command(id, { cmd: 'next' });
    await an.page.getByTestId('option-0').tap();
    await binh.page.getByTestId('option-1').tap();
    await an.page.getByTestId('answer-acked').waitFor();
    await binh.page.getByTestId('answer-acked').waitFor();
    await cuc.page.getByTestId('option-0').waitFor();
    await org.command(id, { cmd: 'close' });
    await org.command(id, { cmd: 'reveal' });
    await expectText(an.page.getByTestId('result-line'), 'Đồng chí tiếp tục');
    await expectText(binh.page.getByTestId('result-line'), 'Đồng chí bị loại');
    await expectContains(cuc.page.getByTestId('eliminated'), 'Đồng chí đã dừng bước ở vòng này');
    await expectContains(an.page.getByTestId('remaining'), 'Còn 1/3');
    await expectContains(screen.getByTestId('screen-remaining'), '1');
    await shot(binh.page, 'phone-reveal-eliminated');
    await shot(an.page, 'phone-reveal-goes-on');

    // The standings of an elimination round are who remains; the organiser rescues Bình.
    await org.command(id, { cmd: 'standings' });
    await expectText(screen.getByTestId('screen-survivor-count'), '1');
    await expectText(screen.getByTestId('screen-survivor-name'), 'Nguyễn Văn An');
    await org.command(id, { cmd: 'rescue', participant_ids: [binh.participantId], reason: 'Cứu trợ sau câu 1' });
    await expectText(screen.getByTestId('screen-survivor-count'), '2');
    await expectContains(screen.getByTestId('screen-rescued'), '1');
    await shot(screen, 'screen-survivors');

    // Question 2: Cúc, still out, sees the calm card, also after a reload; Bình is back in.
    await org.command(id, { cmd: 'next' });
    await expectContains(cuc.page.getByTestId('eliminated'), 'mời đồng chí tiếp tục theo dõi'.replace('mời', 'Mời'));
    await cuc.page.reload();
    await cuc.page.getByTestId('eliminated').waitFor();
    assert.equal(await cuc.page.getByTestId('option-0').count(), 0, 'an eliminated contestant has no answer buttons');
    await shot(cuc.page, 'phone-eliminated');
    await binh.page.getByTestId('option-0').tap();
    await an.page.getByTestId('option-0').tap();
    await binh.page.getByTestId('answer-acked').waitFor();
    await an.page.getByTestId('answer-acked').waitFor();
    await org.command(id, { cmd: 'close' });
    await org.command(id, { cmd: 'reveal' });
    await expectText(binh.page.getByTestId('result-line'), 'Đồng chí tiếp tục');

    // The buzzer round: its intro, then one big button on every phone.
    await org.command(id, { cmd: 'next' });
    await expectText(an.page.getByTestId('round-kind'), 'Giành quyền trả lời');
    await expectText(screen.getByTestId('screen-round-kind'), 'Giành quyền trả lời');
    await org.command(id, { cmd: 'next' });
    for (const p of phones) await expectText(p.page.getByTestId('buzz-button'), 'BẤM CHUÔNG');
    await org.command(id, { cmd: 'star', participant_id: binh.participantId });
    await expectContains(screen.getByTestId('screen-star'), 'Trần Thị Bình');
    await shot(cuc.page, 'phone-buzzer');
    await shot(screen, 'screen-buzzer-open');

    // Bình presses first and wins the right to answer; the others are told who did.
    await binh.page.getByTestId('buzz-button').tap();
    await an.page.getByTestId('buzz-button').tap().catch(() => {});
    await expectText(binh.page.getByTestId('buzz-won').locator('h1'), 'Đồng chí giành quyền — hãy trả lời to');
    await expectContains(cuc.page.getByTestId('buzz-taken'), 'Trần Thị Bình giành quyền trả lời');
    await expectContains(screen.getByTestId('screen-buzz-winner'), 'Trần Thị Bình');
    await expectContains(screen.getByTestId('screen-buzz-winner'), 'Chi bộ thôn Đoài');
    await expectContains(screen.getByTestId('screen-buzz-winner'), '★');
    await shot(binh.page, 'phone-buzz-won');
    await shot(cuc.page, 'phone-buzz-taken');
    await shot(screen, 'screen-buzz-winner');

    // A wrong answer (on her star: it costs the question's points) opens a steal for the others.
    await org.command(id, { cmd: 'mark', right: false });
    await binh.page.getByTestId('buzz-wrong').waitFor();
    await expectContains(binh.page.getByTestId('buzz-wrong'), 'Đồng chí đã trả lời sai câu này');
    await cuc.page.getByTestId('buzz-steal').waitFor();
    await cuc.page.getByTestId('steal-countdown').waitFor();
    await expectText(cuc.page.getByTestId('buzz-button'), 'BẤM CHUÔNG');
    await expectContains(screen.getByTestId('screen-mark'), 'Trần Thị Bình: Sai −20');
    await screen.getByTestId('screen-steal-countdown').waitFor();
    await shot(cuc.page, 'phone-steal');
    await shot(binh.page, 'phone-buzz-wrong');
    await shot(screen, 'screen-steal');

    // Cúc reloads in the middle of the steal and still has her button; she presses and wins.
    await cuc.page.reload();
    await cuc.page.getByTestId('steal-countdown').waitFor();
    await cuc.page.getByTestId('buzz-button').tap();
    await expectContains(screen.getByTestId('screen-buzz-winner'), 'Lê Thị Cúc');
    await waitUntil('the phone says Cúc answers', async () => ({ ok: (await cuc.page.getByTestId('buzz-won').count()) === 1, got: '' }));
    await shot(screen, 'screen-steal-winner');

    // The host marks her right. (A right mark changes no buzzer state, so the server sends no
    // buzz frame for it: the screens show the mark from the snapshot, after a reload.)
    await org.command(id, { cmd: 'mark', right: true });
    await screen.reload();
    await expectContains(screen.getByTestId('screen-mark'), 'Đúng +20');
    await org.command(id, { cmd: 'reveal' });
    await cuc.page.reload();
    await expectText(cuc.page.getByTestId('result-correct').locator('h1'), 'Đúng +20');
    await expectContains(screen.getByTestId('screen-key'), 'A');
    assert.equal(await screen.getByTestId('screen-answered').count(), 0, 'no count of phone answers for a question answered aloud');
    await shot(cuc.page, 'phone-buzz-reveal');
    await shot(screen, 'screen-buzz-reveal');
  });
  env.test('sixty contestants: fifty names on the projector, all inside the screen', { timeout: 120_000 }, async ({ server, browser, lines }) => {
    const shot = await screenshots('rounds-');
    const base = server.url;
    const org = await organiser(browser, base);
    const bank = await org.send('POST', '/api/banks', { title: 'Bộ câu hỏi đông người', description: '' });
    const ids = [];
    for (let n = 1; n <= 2; n++) ids.push((await org.send('POST', `/api/banks/${bank.id}/questions`, question(n))).id);
    const contest = await org.send('POST', '/api/contests', {
      title: 'Rung chuông vàng toàn xã',
      rounds: [{ title: 'Rung chuông vàng', kind: 'elimination', auto_close: false, question_ids: ids }],
    });
    const projector = await newContext(browser, { ...DESKTOP, viewport: { width: 1280, height: 720 }, storageState: await org.ctx.storageState() });
    const screen = watchPage(await projector.newPage(), 'screen', lines);
    await screen.goto(`${base}/screen/${contest.id}`);
    await expectText(screen.getByTestId('screen-pin'), contest.pin);

    // Sixty phones without a page each: sockets from one page, which answer every question,
    // all right but the last four.
    const crowd = watchPage(await (await newContext(browser, DESKTOP)).newPage(), 'crowd', lines);
    await crowd.goto(`${base}/`);
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
    const given = ['Văn An', 'Thị Bình', 'Đức Cường', 'Thị Phương Thảo', 'Minh Quang', 'Thu Hà', 'Văn Dũng'];
    const names = Array.from({ length: 60 }, (_, i) => `${family[i % 8]} ${given[i % 7]} ${i + 1}`);
    await crowd.evaluate(({ pin, names }) => Promise.all(names.map((name, i) => new Promise((joined) => {
      const ws = new WebSocket(`ws://${location.host}/ws/play`);
      ws.onopen = () => ws.send(JSON.stringify({ t: 'join', pin, name, unit: `Chi bộ ${i + 1}` }));
      ws.onmessage = (e) => {
        const f = JSON.parse(e.data);
        if (f.t === 'state') joined();
        if (f.t === 'item') ws.send(JSON.stringify({ t: 'answer', item_id: f.item_id, answer_id: `a${i}`, choice: [i < 56 ? 0 : 1] }));
      };
    }))), { pin: contest.pin, names });
    await expectText(screen.getByTestId('screen-joined-count'), '60 người đã tham gia');
    await org.command(contest.id, { cmd: 'start' });
    await org.command(contest.id, { cmd: 'next' });
    await expectText(screen.getByTestId('screen-answered'), 'Đã trả lời 60/60');
    await org.command(contest.id, { cmd: 'close' });
    await org.command(contest.id, { cmd: 'reveal' });
    await org.command(contest.id, { cmd: 'standings' });
    await expectText(screen.getByTestId('screen-survivor-count'), '56');
    await expectText(screen.getByTestId('screen-survivors-more'), 'và 6 đồng chí khác');
    const names50 = screen.getByTestId('screen-survivor-name');
    await waitUntil('fifty names on the projector', async () => ({ ok: (await names50.count()) === 50, got: await names50.count() }));
    const outside = await screen.evaluate(() => [...document.querySelectorAll('[data-testid="screen-survivor-name"], [data-testid="screen-survivors-more"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const clipped = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        return clipped || r.bottom > innerHeight || r.right > innerWidth || r.top < 0 || r.left < 0;
      })
      .map((el) => el.textContent));
    assert.deepEqual(outside, [], 'every name whole and inside the 1280×720 screen');
    await shot(screen, 'screen-survivors-60-720p');
  });
});
