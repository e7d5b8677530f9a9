// Duplicates in a bank in a real browser: a trainer's bank holds two pairs of questions with the
// same prompt (one typed without diacritics); the bank page says so, the panel shows each pair
// side by side, the trainer merges one pair and keeps the other, and after a reload no notice
// is left, the kept question has both pairs' tags and its history names the merge.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { organiserAPI } from './organiser.mjs';
import { DESKTOP, WAIT, launchBrowser, newContext, reportOnFailure, screenshots, startServer, watchPage } from './server.mjs';
import { expectContains, waitUntil } from './expect.mjs';

const TRAINER = { username: 'hoa', password: 'mat-khau-giang-vien', display_name: 'Nguyễn Thị Hoa', role: 'trainer' };
const COLLEAGUE = { username: 'lan', password: 'mat-khau-dong-nghiep', display_name: 'Trần Thị Lan', role: 'trainer' };

const QUESTIONS = [
  { type: 'truefalse', prompt: 'Đảng viên có nhiệm vụ tham gia sinh hoạt chi bộ đều đặn.', correct: [0], tags: ['Điều lệ Đảng'] },
  { type: 'single', prompt: 'Chi bộ họp thường kỳ mấy lần một tháng?', options: ['Một lần', 'Hai lần'], correct: [0] },
  { type: 'truefalse', prompt: 'dang vien co nhiem vu tham gia sinh hoat chi bo deu dan', correct: [0], tags: ['Đảng viên'] },
  { type: 'single', prompt: 'Chi bộ họp thường kỳ mấy lần một tháng', options: ['Một lần', 'Hai lần', 'Ba lần'], correct: [0] },
  { type: 'truefalse', prompt: 'Bí thư chi bộ chủ trì sinh hoạt chi bộ.', correct: [0] },
];

describe('duplicates in a bank', () => {
  let server;
  let browser;
  const lines = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a trainer merges one pair of duplicates, keeps the other, and the page remembers', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('duplicates-');
      const base = server.url;
      const admin = await organiserAPI(browser, base);
      const adminHeaders = { 'X-CSRF-Token': (await (await admin.ctx.request.get(`${base}/api/me`)).json()).csrf_token };
      const userIds = [];
      for (const u of [TRAINER, COLLEAGUE]) {
        const made = await admin.ctx.request.post(`${base}/api/users`, { data: u, headers: adminHeaders });
        assert.equal(made.status(), 201, await made.text());
        userIds.push((await made.json()).user.id);
      }
      await admin.close();

      // The trainer's own bank, written through the API in the trainer's browser session.
      const ctx = await newContext(browser, DESKTOP);
      const login = await ctx.request.post(`${base}/api/login`, { data: { username: TRAINER.username, password: TRAINER.password }, timeout: WAIT });
      assert.equal(login.status(), 200, await login.text());
      const headers = { 'X-CSRF-Token': (await login.json()).csrf_token };
      const bank = await (await ctx.request.post(`${base}/api/banks`, { data: { title: 'Sinh hoạt chi bộ', description: '' }, headers })).json();
      for (const q of QUESTIONS) {
        const res = await ctx.request.post(`${base}/api/banks/${bank.id}/questions`, { data: q, headers });
        assert.equal(res.status(), 201, await res.text());
      }

      const page = watchPage(await ctx.newPage(), 'trainer', lines);
      await page.goto(`${base}/admin/banks/${bank.id}`);
      await expectContains(page.getByTestId('duplicates-notice'), 'Có 2 nhóm câu hỏi trùng nhau');
      await page.getByTestId('duplicates-open').click();
      const groups = page.getByTestId('duplicate-group');
      await waitUntil('expected two groups of two questions', async () => {
        const n = await groups.count();
        const sizes = [];
        for (let i = 0; i < n; i++) sizes.push(await groups.nth(i).getByTestId('duplicate-question').count());
        return { ok: sizes.join(',') === '2,2', got: sizes };
      });
      const first = groups.first();
      await expectContains(first.getByTestId('duplicate-question').nth(1), 'dang vien co nhiem vu');
      await expectContains(first.getByTestId('duplicate-question').nth(1), 'Đảng viên');
      await shot(page, '01-panel', { fullPage: true });

      // Merge the first pair into its first question: the confirmation says what happens.
      await first.getByTestId('duplicate-keep-this').first().click();
      const dialog = page.getByTestId('confirm-dialog');
      await expectContains(dialog, 'Giữ câu 1 và xoá câu 3?');
      await expectContains(dialog, 'chủ đề “Đảng viên”');
      await expectContains(dialog, 'Các cuộc thi đã tạo vẫn giữ nguyên');
      await shot(page, '02-confirm');
      await page.getByTestId('confirm-yes').click();
      await waitUntil('expected one group left after the merge', async () => {
        const n = await groups.count();
        return { ok: n === 1, got: n };
      });
      await expectContains(page.getByTestId('duplicates-done'), 'Đã gộp');
      await waitUntil('expected the bank to have 4 questions', async () => {
        const n = await page.getByTestId('question-row').count();
        return { ok: n === 4, got: n };
      });

      // The other pair are two questions: keep both.
      await expectContains(groups.first().getByTestId('duplicate-keep-all'), 'Giữ cả hai');
      await groups.first().getByTestId('duplicate-keep-all').click();
      await expectContains(page.getByTestId('duplicates-done'), 'Không còn câu hỏi trùng nhau');

      await page.reload();
      const rows = page.getByTestId('question-row');
      await waitUntil('expected the bank to load with 4 questions', async () => {
        const n = await rows.count();
        return { ok: n === 4, got: n };
      });
      assert.equal(await page.getByTestId('duplicates-notice').count(), 0, 'a notice is left after the reload');
      const kept = rows.first();
      await expectContains(kept, 'Điều lệ Đảng');
      await expectContains(kept, 'Đảng viên');
      await kept.getByTestId('question-history').click();
      await expectContains(kept.getByTestId('question-history-list'), 'gộp câu trùng');
      await shot(page, '03-after-reload', { fullPage: true });

      // A colleague the bank is shared with, read only, sees a new pair without the buttons.
      const again = await ctx.request.post(`${base}/api/banks/${bank.id}/questions`, { data: { ...QUESTIONS[4], prompt: 'bi thu chi bo chu tri sinh hoat chi bo' }, headers });
      assert.equal(again.status(), 201, await again.text());
      const shared = await ctx.request.put(`${base}/api/banks/${bank.id}/sharing`, { data: { user_ids: [userIds[1]], all: false }, headers });
      assert.equal(shared.status(), 200, await shared.text());
      await ctx.close();
      const reader = await newContext(browser, DESKTOP);
      const readerLogin = await reader.request.post(`${base}/api/login`, { data: { username: COLLEAGUE.username, password: COLLEAGUE.password }, timeout: WAIT });
      assert.equal(readerLogin.status(), 200, await readerLogin.text());
      const readerPage = watchPage(await reader.newPage(), 'colleague', lines);
      await readerPage.goto(`${base}/admin/banks/${bank.id}`);
      await expectContains(readerPage.getByTestId('duplicates-notice'), 'Có 1 nhóm câu hỏi trùng nhau');
      await readerPage.getByTestId('duplicates-open').click();
      await expectContains(readerPage.getByTestId('duplicates-panel'), 'bi thu chi bo chu tri');
      assert.equal(await readerPage.getByTestId('duplicate-keep-this').count(), 0, 'a reader is offered a merge');
      assert.equal(await readerPage.getByTestId('duplicate-keep-all').count(), 0, 'a reader is offered to keep both');
      await shot(readerPage, '04-read-only');
      await reader.close();
    });
  });
});
