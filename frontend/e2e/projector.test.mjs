// The projector with the longest questions the bank accepts (a 1,000-character prompt, eight
// options of 300 characters, a 1,000-character explanation) at 1280×720 and 1920×1080: while
// the question is open and at the reveal, nothing is cut or off the screen, the counts of the
// answers show beside every option, the explanation is whole, and no text is smaller than the
// readable minimum (16 px at 720p, 24 px at 1080p; see src/lib/fit.ts).

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browserSuite, newContext, screenshots, watchPage } from './server.mjs';
import { expectText, waitUntil } from './expect.mjs';
import { organiserAPI } from './organiser.mjs';

const WORDS = (
  'Chi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp lãnh đạo thực hiện nhiệm vụ chính trị, ' +
  'giáo dục, quản lý và phân công công việc cho đảng viên; sinh hoạt chi bộ phải bảo đảm tính ' +
  'lãnh đạo, tính giáo dục, tính chiến đấu, nêu cao tinh thần tự phê bình và phê bình, giữ gìn ' +
  'đoàn kết nội bộ, gắn với việc thực hiện nghị quyết của cấp trên và tình hình thực tế ở thôn, xóm'
).split(' ');

/** Vietnamese prose of exactly n characters, cut between words. */
function prose(n, offset = 0) {
  let s = '';
  for (let i = offset; s.length < n; i++) s += (s ? ' ' : '') + WORDS[i % WORDS.length];
  return s.slice(0, n - 1).trimEnd().padEnd(n - 1, 'a') + '?';
}

const LONGEST = {
  type: 'multi',
  prompt: prose(1000),
  options: Array.from({ length: 8 }, (_, i) => prose(300, i * 7)),
  correct: [1, 4, 6],
  time_limit_sec: 300,
  points: 100,
  explanation: prose(1000, 11),
};
const LONG_FOUR = {
  type: 'single',
  prompt: prose(1000, 3),
  options: Array.from({ length: 4 }, (_, i) => prose(300, i * 5 + 2)),
  correct: [2],
  time_limit_sec: 300,
  points: 100,
  explanation: prose(1000, 5),
};
const EVERYDAY = {
  type: 'single',
  prompt: 'Chi bộ thôn, tổ dân phố sinh hoạt thường kỳ bao lâu một lần?',
  options: ['Mỗi tháng một lần', 'Mỗi quý một lần', 'Sáu tháng một lần', 'Mỗi năm một lần'],
  correct: [0],
  time_limit_sec: 300,
  points: 100,
  explanation: 'Hướng dẫn 12-HD/BTCTW: chi bộ sinh hoạt thường kỳ mỗi tháng một lần.',
};

const SIZES = [
  { label: '1280x720', viewport: { width: 1280, height: 720 }, minPx: 16 },
  { label: '1920x1080', viewport: { width: 1920, height: 1080 }, minPx: 24 },
];

/**
 * Everything wrong with the question on the screen: a part outside the viewport or the
 * stage, a box whose content is clipped, text below minPx. Resolves { problems, typePx }.
 */
function layoutProblems(page, minPx) {
  return page.evaluate((minPx) => {
    const stage = document.querySelector('[data-testid="screen-stage"]');
    if (!stage) return { problems: ['no question on the screen'], typePx: 0 };
    const problems = [];
    const name = (el) => el.getAttribute('data-testid') || `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const s = stage.getBoundingClientRect();
    const shown = [stage, ...stage.querySelectorAll('*')].filter((el) => {
      const cs = getComputedStyle(el);
      return cs.display !== 'none' && cs.visibility !== 'hidden' && !(el instanceof SVGElement);
    });
    for (const el of shown) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
        problems.push(`${name(el)} is off the screen (${Math.round(r.top)}–${Math.round(r.bottom)} of ${innerHeight})`);
      }
      if (el !== stage && (r.bottom > s.bottom + 0.5 || r.right > s.right + 0.5)) {
        problems.push(`${name(el)} sticks out of the stage (${Math.round(r.bottom)} > ${Math.round(s.bottom)})`);
      }
      const cs = getComputedStyle(el);
      // A box that can cut (overflow other than visible, a line clamp, an ellipsis) must have
      // room for all it holds; one that cannot is checked by the edges above.
      const cuts = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.webkitLineClamp !== 'none' || cs.textOverflow === 'ellipsis';
      if (cuts && cs.display !== 'inline' && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        problems.push(`${name(el)} clips its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
      }
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (hasText && parseFloat(cs.fontSize) < minPx - 0.01) {
        problems.push(`${name(el)} text is ${cs.fontSize}, under ${minPx}px`);
      }
    }
    return { problems: [...new Set(problems)], typePx: Number(stage.dataset.typePx) };
  }, minPx);
}

browserSuite('the projector fits any question the bank accepts', (env) => {
  let organiser;
  let contest;
  let questions;
  const screens = [];
  let phone;

  env.setUp(async ({ server, browser, lines }) => {
    organiser = await organiserAPI(browser, server.url);
    questions = await organiser.bankWith('Câu hỏi dài nhất', [LONGEST, LONG_FOUR, EVERYDAY]);
    contest = await organiser.contest('Hội thi Bí thư chi bộ giỏi huyện Phúc Thọ năm 2026', questions.map((q) => q.id));
    for (const size of SIZES) {
      const ctx = await newContext(browser, { ...DESKTOP, viewport: size.viewport, storageState: await organiser.storageState() });
      const page = watchPage(await ctx.newPage(), `screen ${size.label}`, lines);
      await page.goto(`${server.url}/screen/${contest.id}`);
      await page.getByTestId('screen-pin').waitFor();
      screens.push({ ...size, ctx, page });
    }
    const { ctx, page } = await env.joinPhone(PHONE, 'phone', contest.pin, 'Nguyễn Văn An', 'Chi bộ thôn Đông');
    await page.getByTestId('lobby').waitFor();
    phone = { ctx, page };
    await organiser.command(contest.id, 'start');
  });

  env.tearDown(async () => {
    for (const s of screens) await s.ctx.close().catch(() => {});
    await phone?.ctx.close().catch(() => {});
    await organiser?.close();
  });

  /** Checks every screen size; resolves the fitted type size at each. */
  async function check(what, shotName) {
    const shot = await screenshots('projector-');
    const sizes = {};
    for (const s of screens) {
      await s.page.waitForFunction(() => Number(document.querySelector('[data-testid="screen-stage"]')?.dataset.typePx) > 0);
      await shot(s.page, `${shotName}-${s.label}`);
      const got = await waitUntil(`${what} at ${s.label}: nothing cut, nothing under ${s.minPx}px`, async () => {
        const r = await layoutProblems(s.page, s.minPx);
        return { ok: r.problems.length === 0 && r.typePx >= s.minPx, got: r };
      });
      console.log(`# ${what} at ${s.label}: options and prompt at ${got.typePx} px`);
      sizes[s.label] = got.typePx;
    }
    return sizes;
  }

  for (const [i, label, q] of [
    [0, 'the longest question (1,000 + 8 × 300 characters)', LONGEST],
    [1, 'a 1,000-character question with four 300-character options', LONG_FOUR],
    [2, 'an everyday question', EVERYDAY],
  ]) {
    env.test(`${label} fits while open and at the reveal`, { timeout: 90_000 }, async () => {
      await organiser.command(contest.id, 'next');
      for (const s of screens) await expectText(s.page.getByTestId('screen-question'), q.prompt);
      const open = await check(`${label}, open`, `${i + 1}a-open`);
      if (q === EVERYDAY) {
        for (const s of screens) assert.ok(open[s.label] >= 2 * s.minPx, `an everyday question at ${s.label} is set at ${open[s.label]} px`);
        // A projector that loses the server says so and stops its countdown.
        const { page, ctx } = screens[0];
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.enable');
        const conditions = (offline) => ({ offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await cdp.send('Network.emulateNetworkConditions', conditions(true));
        await expectText(page.getByTestId('reconnecting'), 'Mất kết nối — đang kết nối lại…');
        await expectText(page.getByTestId('screen-countdown'), '--');
        await (await screenshots('projector-'))(page, '3c-offline-1280x720');
        await cdp.send('Network.emulateNetworkConditions', conditions(false));
        await waitUntil('the countdown runs again', async () => {
          const got = await page.getByTestId('screen-countdown').innerText();
          return { ok: /^\d+$/.test(got.trim()), got };
        }, 20_000);
        await cdp.detach();
      }

      // One answer, so the reveal has a bar to draw.
      await phone.page.getByTestId('option-0').tap();
      if (q.type === 'multi') await phone.page.getByTestId('submit-multi').tap();
      await phone.page.getByTestId('answer-acked').waitFor();

      await organiser.command(contest.id, 'close');
      await organiser.command(contest.id, 'reveal');
      for (const s of screens) {
        await s.page.getByTestId('screen-distribution').waitFor();
        await expectText(s.page.getByTestId('screen-count-0'), '1');
        for (let o = 0; o < q.options.length; o++) await s.page.getByTestId(`screen-count-${o}`).waitFor();
        await expectText(s.page.getByTestId('screen-explanation'), `Giải thích: ${q.explanation}`);
      }
      await check(`${label}, revealed`, `${i + 1}b-reveal`);
      await organiser.command(contest.id, 'standings');
      for (const s of screens) await s.page.getByTestId('screen-standings').waitFor();
    });
  }

});
