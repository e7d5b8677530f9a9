// What a contestant's phone shows, on the small phones of a district hall (360×640 and
// 360×740): every new screen starts at its top with the focus on its heading, the verdict is
// seen without scrolling, the four options fit, screen readers get the letters, the verdict
// and the pause; and a phone whose network is cut says so within seconds, stops its
// countdown, keeps a tap and sends it once the network is back.

import assert from 'node:assert/strict';
import { PHONE, browserSuite, screenshots } from './server.mjs';
import { expectAttr, expectContains, expectText, waitUntil } from './expect.mjs';
import { organiserAPI } from './organiser.mjs';

const QUESTIONS = [
  {
    type: 'single',
    prompt:
      'Theo Hướng dẫn của Ban Tổ chức Trung ương về nâng cao chất lượng sinh hoạt chi bộ, sinh hoạt chi bộ thường kỳ ở chi bộ thôn, tổ dân phố được tổ chức bao lâu một lần và do ai chủ trì?',
    options: [
      'Mỗi tháng một lần, do đồng chí bí thư chi bộ chủ trì',
      'Mỗi quý một lần, do đồng chí phó bí thư chi bộ chủ trì',
      'Sáu tháng một lần, do cấp ủy cấp trên cử người chủ trì',
      'Khi có việc đột xuất, do đảng viên cao tuổi nhất chủ trì',
    ],
    correct: [0],
    time_limit_sec: 120,
    points: 100,
    explanation:
      'Hướng dẫn 12-HD/BTCTW: chi bộ sinh hoạt thường kỳ mỗi tháng một lần; bí thư chi bộ chuẩn bị nội dung và chủ trì, khi vắng thì phó bí thư chủ trì.',
  },
  {
    type: 'single',
    prompt: 'Đảng viên có hoàn cảnh đặc biệt được miễn sinh hoạt chi bộ khi nào, và ai quyết định việc miễn đó cho đảng viên?',
    options: [
      'Khi tuổi cao, sức yếu; chi bộ xem xét, quyết định',
      'Khi đi công tác dài ngày; đảng viên tự quyết định',
      'Khi bận việc gia đình; bí thư chi bộ quyết định',
      'Không bao giờ được miễn sinh hoạt chi bộ',
    ],
    correct: [0],
    time_limit_sec: 120,
    points: 100,
    explanation: 'Điều lệ Đảng: đảng viên tuổi cao, sức yếu có thể xin miễn sinh hoạt; chi bộ xem xét, quyết định.',
  },
];

const SMALL = { width: 360, height: 640 };
const TALL = { width: 360, height: 740 };

/** Where an element sits in the viewport, and whether the page is scrolled. */
function place(page, testid) {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, vh: innerHeight, vw: innerWidth, scrollY };
  }, testid);
}

async function expectInView(page, testid, what) {
  await waitUntil(`${what}: [${testid}] should be wholly on screen without scrolling`, async () => {
    const p = await place(page, testid);
    const ok = !!p && p.scrollY === 0 && p.top >= 0 && p.bottom <= p.vh && p.left >= 0 && p.right <= p.vw;
    return { ok, got: p };
  });
}

async function focusedTestid(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.closest('[data-testid]')?.getAttribute('data-testid') ?? el?.tagName;
  });
}

browserSuite('the phone screens', (env) => {
  let organiser;
  let contest;
  const phones = [];

  env.setUp(async ({ server, browser }) => {
    organiser = await organiserAPI(browser, server.url);
    const made = await organiser.bankWith('Câu hỏi cho điện thoại nhỏ', QUESTIONS);
    contest = await organiser.contest('Hội thi Bí thư chi bộ giỏi xã Hòa Bình 2026', made.map((q) => q.id));
    for (const [label, viewport, name] of [
      ['360×640', SMALL, 'Nguyễn Văn An'],
      ['360×740', TALL, 'Trần Thị Bình'],
    ]) {
      const { ctx, page } = await env.joinPhone({ ...PHONE, viewport }, label, contest.pin, name, 'Chi bộ thôn Đông');
      await page.getByTestId('lobby').waitFor();
      phones.push({ label, ctx, page });
    }
  });

  env.tearDown(async () => {
    for (const p of phones) await p.ctx.close().catch(() => {});
    await organiser?.close();
  });

  env.test('each screen starts at its top, fits, and tells a screen reader what changed', { timeout: 120_000 }, async () => {
    const shot = await screenshots('phone-');
    const [small, tall] = phones.map((p) => p.page);
    await organiser.command(contest.id, 'start');
    await small.getByTestId('round-intro').waitFor();
    await organiser.command(contest.id, 'next');

    for (const page of [small, tall]) {
      await expectText(page.getByTestId('question-prompt'), QUESTIONS[0].prompt);
      await expectInView(page, 'question-prompt', 'a new question');
    }
    await shot(small, '01-question-360x640');
    await shot(tall, '02-question-360x740');
    // On 360×740 the whole question fits: the prompt and all four options.
    for (let i = 0; i < 4; i++) await expectInView(tall, `option-${i}`, 'the four options on 360×740');

    // Each answer is named with its letter, so "Đáp án đúng: A" can be matched by ear.
    for (const [i, letter] of ['A', 'B', 'C', 'D'].entries()) {
      const name = new RegExp(`^${letter} ?\\. ${QUESTIONS[0].options[i]}$`);
      assert.equal(await small.getByRole('button', { name }).count(), 1, `a button named ${name}`);
    }

    // The small phone scrolls down to the last option and picks it (wrong); the tall one
    // picks the right one.
    await small.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await small.getByTestId('option-3').tap();
    await tall.getByTestId('option-0').tap();
    for (const page of [small, tall]) await page.getByTestId('answer-acked').waitFor();
    await waitUntil('the acknowledgement covers no option on 360×740', async () => {
      const covered = await tall.evaluate(() =>
        [0, 1, 2, 3].filter((i) => {
          const r = document.querySelector(`[data-testid="option-${i}"]`).getBoundingClientRect();
          const probe = document.elementFromPoint(r.left + r.width / 2, Math.min(r.bottom - 4, innerHeight - 1));
          return !probe?.closest(`[data-testid="option-${i}"]`);
        }),
      );
      return { ok: covered.length === 0, got: covered };
    });
    await shot(tall, '03-acked-360x740');

    await organiser.command(contest.id, 'close');
    for (const page of [small, tall]) {
      await page.getByTestId('time-up').waitFor();
      await expectInView(page, 'time-up', 'the time-up screen');
      assert.equal(await focusedTestid(page), 'time-up', 'the focus moves to the new heading');
    }

    await small.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await organiser.command(contest.id, 'reveal');
    await small.getByTestId('result-wrong').waitFor();
    await tall.getByTestId('result-correct').waitFor();
    for (const page of [small, tall]) {
      for (const id of ['result-correct', 'result-wrong']) {
        if (await page.getByTestId(id).count()) await expectInView(page, id, 'the verdict');
      }
    }
    assert.equal(await focusedTestid(small), 'result-wrong');
    await expectText(small.getByTestId('verdict-announcement'), 'Sai. Tổng điểm 0. Hạng 2/2');
    await expectContains(tall.getByTestId('verdict-announcement'), 'Đúng. +100 điểm. Tổng điểm 100. Hạng 1/2');
    assert.equal(await small.getByRole('img', { name: 'Sai, đồng chí đã chọn' }).count(), 1, 'the wrong pick is marked for the ear too');
    await shot(small, '04-reveal-wrong-360x640');
    await shot(tall, '05-reveal-right-360x740');
    await shot(small, '06-reveal-wrong-360x640-whole', { fullPage: true });

    // Scrolled to the bottom of the reveal, the next question still opens at its top.
    await small.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await organiser.command(contest.id, 'next');
    await expectText(small.getByTestId('question-prompt'), QUESTIONS[1].prompt);
    await expectInView(small, 'question-prompt', 'the second question after a scrolled reveal');
    assert.equal(await focusedTestid(small), 'question-prompt');

    // A pause takes the focus to its message, and gives it back.
    await organiser.command(contest.id, 'pause');
    await small.getByTestId('paused').waitFor();
    await waitUntil('the pause takes the focus', async () => {
      const got = await focusedTestid(small);
      return { ok: got === 'paused', got };
    });
    await shot(small, '07-paused-360x640');
    await organiser.command(contest.id, 'resume');
    await waitUntil('the pause is gone', async () => ({ ok: (await small.getByTestId('paused').count()) === 0, got: 'paused' }));

    // A phone set to larger text (the root size) gets larger text everywhere.
    const size = () => small.getByTestId('question-prompt').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    // Set on the element itself: the page's Content-Security-Policy refuses a <style> tag.
    await small.evaluate(() => document.documentElement.style.setProperty('font-size', '20px'));
    assert.equal((await size()) / before, 1.25, 'the prompt follows the text size setting');
    await shot(small, '07b-larger-text-360x640');
  });

  env.test('a phone whose network is cut says so, stops its countdown, and sends its tap once back', { timeout: 120_000 }, async () => {
    const shot = await screenshots('phone-');
    const { page, ctx } = phones[1];
    await page.getByTestId('question-prompt').waitFor();
    await expectAttr(page.getByTestId('countdown'), 'data-frozen', 'false');
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    const cut = Date.now();
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const banner = page.getByTestId('reconnecting');
    await banner.waitFor({ timeout: 10_000 });
    const noticedMs = Date.now() - cut;
    console.log(`# the phone showed the lost connection ${noticedMs} ms after the network was cut`);
    assert.ok(noticedMs < 8000, `the banner took ${noticedMs} ms`);
    await expectText(banner, 'Mất kết nối — đang kết nối lại…');
    await expectAttr(page.getByTestId('countdown'), 'data-frozen', 'true');
    await page.getByTestId('offline-hint').waitFor();
    await page.getByTestId('option-0').tap();
    await expectText(page.getByTestId('answer-sending'), 'Chưa gửi được — sẽ tự gửi khi có kết nối lại');
    await shot(page, '08-offline-360x740');

    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.getByTestId('answer-acked').waitFor({ timeout: 20_000 });
    await waitUntil('the banner goes once the network is back', async () => ({ ok: (await banner.count()) === 0, got: 'banner shown' }));
    await expectAttr(page.getByTestId('countdown'), 'data-frozen', 'false');
    await shot(page, '09-back-online-360x740');

    // The standings open on the contestant's own place, read first.
    await organiser.command(contest.id, 'close');
    await organiser.command(contest.id, 'reveal');
    await page.getByTestId('result-correct').waitFor();
    await organiser.command(contest.id, 'standings');
    await expectInView(page, 'my-rank', 'the place in the standings');
    await waitUntil('the focus is on "Thứ hạng của đồng chí"', async () => {
      const got = await page.evaluate(() => document.activeElement?.textContent?.trim());
      return { ok: got === 'Thứ hạng của đồng chí', got };
    });
    await shot(page, '10-standings-360x740');
  });
});
