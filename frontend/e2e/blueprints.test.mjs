// Blueprints (đề mẫu) in a real browser: an organiser with a bank of questions tagged by topic
// and level makes a blueprint of two topics, tries a draw, saves it, then makes a contest of two
// rounds both drawn from it: no question is in both rounds, and each holds what was asked.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DESKTOP, OUTPUT_DIR, WAIT, browserSuite, screenshots } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectContains, expectCount, expectMatch, expectURL } from './expect.mjs';

const LAPTOP = { ...DESKTOP, viewport: { width: 1366, height: 900 } };
const USER = 'giangvien';
const PASSWORD = 'matkhau-giangvien-e2e';

/** n questions of a topic and level (0: no level). */
function tagged(tag, level, n) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'single',
    prompt: `${tag}, mức ${level}, câu ${i + 1}: nội dung nào đúng?`,
    options: ['Phương án A', 'Phương án B', 'Phương án C'],
    correct: [i % 3],
    tags: [tag],
    difficulty: level,
  }));
}

browserSuite('blueprints', (env) => {
  env.test('an organiser draws two rounds from one blueprint, with no question in both', { timeout: 150_000 }, async ({ server, browser }) => {
    const shot = await screenshots('blueprints-');
    const base = server.url;

    // The admin makes the account; its owner fills a bank through the API.
    const admin = await organiserAPI(browser, base);
    const adminHeaders = { 'X-CSRF-Token': (await (await admin.ctx.request.get(`${base}/api/me`)).json()).csrf_token };
    const made = await admin.ctx.request.post(`${base}/api/users`, {
      headers: adminHeaders,
      data: { username: USER, display_name: 'Đồng chí Giảng viên', role: 'organiser', password: PASSWORD },
    });
    assert.equal(made.status(), 201, await made.text());
    await admin.close();

    const { ctx, page } = await env.organiserPage(LAPTOP, 'blueprints', { username: USER, password: PASSWORD });
    const csrf = (await (await ctx.request.get(`${base}/api/me`)).json()).csrf_token;
    const send = async (method, path, data) => {
      const res = await ctx.request.fetch(`${base}${path}`, { method, headers: { 'X-CSRF-Token': csrf }, data, timeout: WAIT });
      assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    };
    const bank = await send('POST', '/api/banks', { title: 'Điều lệ và Quy định', description: '' });
    for (const q of [...tagged('Điều lệ Đảng', 1, 5), ...tagged('Điều lệ Đảng', 2, 5), ...tagged('Điều lệ Đảng', 3, 3), ...tagged('Quy định 24-QĐ/TW', 0, 5)]) {
      await send('POST', `/api/banks/${bank.id}/questions`, q);
    }

    // The blueprint of the example, with smaller counts: 2 + 2 + 1 of the statutes, 2 of Quy định 24.
    await page.reload();
    await page.getByTestId('open-blueprints').click();
    await expectURL(page, (u) => u.pathname === '/admin/blueprints', 'the blueprints page');
    await page.getByTestId('blueprint-new').click();
    await page.getByTestId('blueprint-title').fill('Đề vòng loại');
    const parts = page.getByTestId('blueprint-part');
    await parts.nth(0).getByTestId('part-tag').selectOption('Điều lệ Đảng');
    await expectContains(parts.nth(0).getByTestId('part-tag-counts'), '13 câu: 5 nhận biết, 5 thông hiểu, 3 vận dụng');
    await parts.nth(0).getByTestId('part-level-1').fill('2');
    await parts.nth(0).getByTestId('part-level-2').fill('2');
    await parts.nth(0).getByTestId('part-level-3').fill('1');
    await page.getByTestId('part-add').click();
    await parts.nth(1).getByTestId('part-tag').selectOption('Quy định 24-QĐ/TW');
    await parts.nth(1).getByTestId('part-any').fill('2');
    await expectContains(page.getByTestId('blueprint-total'), '7 câu');

    await page.getByTestId('blueprint-seed').fill('48213');
    await page.getByTestId('blueprint-try').click();
    const editor = page.getByTestId('blueprint-editor');
    await expectCount(editor.getByTestId('drawn-question'), 7);
    await expectContains(editor.getByTestId('drawn-questions'), 'Mã rút đề: 48213');
    assert.equal(await editor.getByTestId('draw-shortfall').count(), 0, 'a whole draw names no shortfall');
    const drawnTexts = await editor.getByTestId('drawn-question').allInnerTexts();
    assert.equal(drawnTexts.filter((t) => t.includes('Quy định 24-QĐ/TW')).length, 2, `two of Quy định 24: ${drawnTexts}`);
    assert.equal(drawnTexts.filter((t) => t.includes('Vận dụng')).length, 1, `one vận dụng: ${drawnTexts}`);

    // Asking more than the bank has is said in plain words before anything is saved.
    await parts.nth(0).getByTestId('part-level-3').fill('4');
    await page.getByTestId('blueprint-try').click();
    await expectContains(editor.getByTestId('draw-shortfall'), 'Chủ đề Điều lệ Đảng, mức vận dụng: cần 4, chỉ có 3 câu');
    await parts.nth(0).getByTestId('part-level-3').fill('1');
    await page.getByTestId('blueprint-try').click();
    await expectCount(editor.getByTestId('draw-shortfall'), 0);
    await shot(page, '01-editor', { fullPage: true });
    await page.getByTestId('blueprint-save').click();
    await expectContains(page.getByTestId('blueprint-saved'), 'Đã lưu');
    await expectCount(page.getByTestId('blueprint-item'), 1);
    await expectContains(page.getByTestId('blueprint-item'), '7 câu');
    assert.ok(await page.getByTestId('blueprint-workshop').isVisible(), 'each blueprint offers Tập huấn nhanh');

    // A contest of two rounds, each drawn from the blueprint.
    await page.goto(`${base}/admin/contests/new`);
    await page.getByTestId('contest-title').fill('Hội thi rút đề');
    const rounds = page.getByTestId('round');
    await rounds.nth(0).getByTestId('round-blueprint').selectOption({ label: 'Đề vòng loại (7 câu)' });
    await rounds.nth(0).getByTestId('round-draw-go').click();
    await expectCount(rounds.nth(0).getByTestId('drawn-question'), 7);
    await expectMatch(rounds.nth(0).getByTestId('drawn-questions'), /Mã rút đề: \d{5}/);
    await page.getByTestId('add-round').click();
    await expectCount(rounds, 2);
    await rounds.nth(1).getByTestId('round-blueprint').selectOption({ label: 'Đề vòng loại (7 câu)' });
    await rounds.nth(1).getByTestId('round-redraw').click();
    await expectCount(rounds.nth(1).getByTestId('drawn-question'), 7);
    const first = await rounds.nth(0).getByTestId('drawn-question').allInnerTexts();
    const second = await rounds.nth(1).getByTestId('drawn-question').allInnerTexts();
    assert.deepEqual(first.filter((t) => second.includes(t)), [], 'the second round draws none of the first round’s questions');
    await rounds.nth(1).getByTestId('round-draw').screenshot({ path: join(OUTPUT_DIR, 'blueprints-02-round-editor.png'), timeout: WAIT });

    await page.getByTestId('contest-create').click();
    await expectURL(page, (u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'), 'the control panel');
    const id = new URL(page.url()).pathname.split('/').pop();
    const contest = await (await ctx.request.get(`${base}/api/contests/${id}`)).json();
    assert.equal(contest.rounds.length, 2);
    const ids = contest.rounds.map((r) => r.items.map((it) => it.question.id));
    assert.deepEqual(ids.map((l) => l.length), [7, 7], 'each round holds the 7 questions asked');
    assert.deepEqual(ids[0].filter((q) => ids[1].includes(q)), [], 'no question is in both rounds');
    for (const r of contest.rounds) {
      const levels = r.items.map((it) => it.question.difficulty);
      assert.deepEqual([1, 2, 3].map((l) => levels.filter((d) => d === l).length), [2, 2, 1], `the levels of ${r.title}: ${levels}`);
      assert.equal(r.items.filter((it) => it.question.tags.includes('Quy định 24-QĐ/TW')).length, 2);
      assert.ok(r.settings.draw && r.settings.draw.seed > 0, `round ${r.title} keeps its seed`);
    }
    await ctx.close();
  });
});
