// A trainer fills a bank from question files in a real browser against the real server: a
// Word paper with a question lacking its answer, then a GIFT file with a bad question and one
// the bank already has; the preview names every problem by its place in the file, the import
// waits for the trainer to skip the bad ones, and the questions appear in the bank. Then the
// bank is exported as Excel and the template downloaded.

import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, ADMIN_USER, DESKTOP, browserSuite, logInAs, newContext, screenshots, watchPage } from './server.mjs';
import { expectContains, expectCount, expectMatch, expectText, waitUntil } from './expect.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WORD_PAPER = resolve(here, '..', '..', 'quiz', 'bankfile', 'testdata', 'docx', 'dapan.docx');
const PICTURES_PAPER = resolve(here, '..', '..', 'quiz', 'bankfile', 'testdata', 'docx', 'libreoffice-resaved-pictures.docx');

const TRAINER = { username: 'tranthimai', display_name: 'Trần Thị Mai', role: 'trainer', password: 'matkhau-mai-2026' };
const ORGANISER = { username: 'levanbinh', display_name: 'Lê Văn Bình', role: 'organiser', password: 'matkhau-binh-2026' };

// Line 1 is good, line 3 has no right answer, line 5 repeats a question of the Word paper,
// line 7 is a good true/false one.
const GIFT = [
  '::Q1:: Đại hội chi bộ nhiệm kỳ 5 năm được tổ chức mấy lần? {=Một lần ~Hai lần ~Ba lần}',
  '',
  '::Q2:: Câu hỏi này quên đánh dấu đáp án đúng {~Phương án A ~Phương án B}',
  '',
  '::Q3:: Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần? {~60% ~90% ~95% =100%}',
  '',
  '::Q4:: Chi bộ sinh hoạt thường kỳ mỗi tháng một lần. {T}',
  '',
].join('\n');

const LAPTOP = { ...DESKTOP, viewport: { width: 1366, height: 768 } };

browserSuite('question files in the bank editor', (env) => {
  env.test('a trainer previews a Word paper and a GIFT file, skips the bad questions, imports the rest and exports the bank as Excel', { timeout: 180_000 }, async ({ server, browser, lines }) => {
    const shot = await screenshots('files-');
    const base = server.url;

    // The admin makes the trainer's account.
    const admin = await newContext(browser, LAPTOP);
    const login = await admin.request.post(`${base}/api/login`, { data: { username: ADMIN_USER, password: ADMIN_PASSWORD } });
    assert.equal(login.status(), 200, await login.text());
    const { csrf_token: adminCsrf } = await login.json();
    for (const user of [TRAINER, ORGANISER]) {
      const made = await admin.request.post(`${base}/api/users`, { headers: { 'X-CSRF-Token': adminCsrf }, data: user });
      assert.equal(made.status(), 201, await made.text());
    }
    await admin.close();

    // The trainer logs in and makes a bank of her own from the home page.
    const { ctx, page } = await env.organiserPage(LAPTOP, 'trainer', TRAINER);
    await page.getByTestId('new-bank').click();
    await page.getByTestId('new-bank-title').fill('Ôn tập sinh hoạt chi bộ');
    await page.getByTestId('new-bank-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/admin/banks/'));
    await page.getByTestId('import-open').waitFor();
    await expectCount(page.getByTestId('question-row'), 0);

    // The Word paper: six questions read, the sixth has no answer (paragraph 34).
    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await expectContains(dialog, 'Word (.docx), Excel (.xlsx), CSV, Moodle (GIFT, Aiken, XML)');
    await expectText(dialog.getByTestId('import-file-name'), 'Chưa chọn tệp nào.');
    await dialog.getByTestId('import-file').setInputFiles(WORD_PAPER);
    await expectMatch(dialog.getByTestId('import-file-name'), /^Đã chọn: dapan\.docx \(\d+ KB\)$/);
    await dialog.getByTestId('import-preview').click();
    await expectContains(dialog.getByTestId('import-summary'), 'Tìm thấy 7 câu hỏi trong tệp: 6 câu đọc được, 1 câu lỗi.');
    await expectCount(dialog.getByTestId('import-problem'), 1);
    await expectMatch(dialog.getByTestId('import-problem'), /^Đoạn 34: Câu 6: không tìm thấy đáp án đúng/);
    await expectCount(dialog.getByTestId('import-item'), 6);
    const first = dialog.getByTestId('import-item').first();
    await expectContains(first, 'Đoạn 5');
    await expectContains(first, 'Một đáp án');
    await expectContains(first, 'Đáp án: B. Sức sống, sự tồn tại và phát triển');
    await expectContains(dialog.getByTestId('import-item').nth(3), 'Nhiều đáp án');
    // Nothing can be imported while the problem stands, and the dialog says why.
    await expectText(dialog.getByTestId('import-submit'), 'Nhập 6 câu hỏi');
    assert.equal(await dialog.getByTestId('import-submit').isDisabled(), true, 'the import is offered before the problem is skipped');
    await expectContains(dialog.getByTestId('import-hint'), 'Bỏ qua các câu lỗi');
    await expectContains(dialog, 'Bỏ qua các câu lỗi (1 câu)');
    await shot(page, '01-word-preview-with-a-problem');
    await dialog.getByTestId('import-skip-bad').check();
    await waitUntil('the import is offered once the problem is skipped', async () => {
      const got = await dialog.getByTestId('import-submit').isEnabled({ timeout: 1_000 });
      return { ok: got, got };
    });
    await expectCount(dialog.getByTestId('import-hint'), 0);
    await dialog.getByTestId('import-submit').click();
    await expectText(page.getByTestId('import-done'), '✓ Đã nhập 6 câu hỏi, thêm vào cuối danh sách bên dưới.');
    await expectCount(page.getByTestId('import-dialog'), 0);
    await expectCount(page.getByTestId('question-row'), 6);
    await expectContains(page.getByTestId('question-row').first(), 'chất lượng sinh hoạt chi bộ');

    // A file that is no question file: the server's message, in Vietnamese, and the file
    // stays chosen.
    await page.getByTestId('import-open').click();
    await dialog.waitFor();
    await expectCount(page.getByTestId('import-done'), 0);
    // A Word paper whose two questions each show a picture: the preview says so.
    await dialog.getByTestId('import-file').setInputFiles(PICTURES_PAPER);
    await dialog.getByTestId('import-preview').click();
    await expectCount(dialog.getByTestId('import-item-picture'), 2);
    await dialog.getByTestId('import-file').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('Họp chi bộ lúc 8 giờ sáng thứ Hai.\n') });
    await dialog.getByTestId('import-preview').click();
    await expectContains(dialog.getByTestId('import-error'), 'Không nhận ra dạng tệp');
    await expectContains(dialog.getByTestId('import-file-name'), 'ghi-chu.txt');

    // A file over 10 MB is refused before it is sent.
    let uploads = 0;
    page.on('request', (r) => {
      if (r.url().includes('/import')) uploads++;
    });
    await dialog.getByTestId('import-file').setInputFiles({ name: 'de-thi-lon.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await expectContains(dialog.getByTestId('import-error'), 'quá giới hạn 10 MB');
    await dialog.getByTestId('import-preview').click();
    await expectContains(dialog.getByTestId('import-error'), 'quá giới hạn 10 MB');
    assert.equal(uploads, 0, 'a file over 10 MB was sent');

    // The GIFT file: line 3 is bad, line 5 repeats a question already in the bank.
    await dialog.getByTestId('import-file').setInputFiles({ name: 'on-tap.gift', mimeType: 'text/plain', buffer: Buffer.from(GIFT) });
    await expectCount(dialog.getByTestId('import-error'), 0);
    await dialog.getByTestId('import-preview').click();
    await expectContains(dialog.getByTestId('import-summary'), 'Tìm thấy 4 câu hỏi trong tệp: 3 câu đọc được, 1 câu lỗi, 1 câu trùng.');
    await expectMatch(dialog.getByTestId('import-problem'), /^Dòng 3: /);
    await expectText(dialog.getByTestId('import-duplicate'), 'Dòng 5: trùng với câu đã có trong bộ câu hỏi');
    await expectContains(dialog.getByTestId('import-item').nth(2), 'Đúng–Sai');
    await expectContains(dialog.getByTestId('import-item').nth(2), 'Đáp án: Đúng');
    assert.equal(await dialog.getByTestId('import-submit').isDisabled(), true, 'the import is offered before the problem is skipped');
    await shot(page, '02-gift-preview-with-a-problem-and-a-repeat');
    // The same on a phone's screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '02b-gift-preview-on-a-phone');
    await page.setViewportSize(LAPTOP.viewport);
    await dialog.getByTestId('import-skip-bad').check();
    await expectText(dialog.getByTestId('import-submit'), 'Nhập 3 câu hỏi');
    await dialog.getByTestId('import-skip-duplicates').check();
    await expectText(dialog.getByTestId('import-submit'), 'Nhập 2 câu hỏi');
    await dialog.getByTestId('import-submit').click();
    await expectText(page.getByTestId('import-done'), '✓ Đã nhập 2 câu hỏi, thêm vào cuối danh sách bên dưới.');
    await expectCount(page.getByTestId('question-row'), 8);
    await expectContains(page.getByTestId('question-row').last(), 'Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.');
    await shot(page, '03-imported', { fullPage: true });

    // Aiken holds only single-answer questions, and the page says so before the download.
    await page.getByTestId('export-format').selectOption('aiken');
    await expectContains(page.getByTestId('export-leaves-out'), 'Aiken chỉ ghi được câu hỏi một đáp án');
    // The bank as an Excel file, and the template.
    await page.getByTestId('export-format').selectOption('xlsx');
    await expectCount(page.getByTestId('export-leaves-out'), 0);
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    assert.match(exported.suggestedFilename(), /\.xlsx$/);
    assert.equal(await exported.failure(), null);
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('question-template').click()]);
    assert.equal(template.suggestedFilename(), 'mau-cau-hoi.xlsx');

    // Shared read-only with everyone, the bank can be exported by a colleague but not
    // filled from a file.
    const bankPath = new URL(page.url()).pathname;
    await page.getByTestId('bank-share').click();
    await page.getByTestId('people-everyone').check();
    await page.getByTestId('people-save').click();
    await expectCount(page.getByTestId('share-dialog'), 0);
    const other = await newContext(browser, LAPTOP);
    const binh = watchPage(await other.newPage(), 'organiser', lines);
    await logInAs(binh, base, ORGANISER.username, ORGANISER.password, bankPath);
    await binh.getByTestId('bank-readonly').waitFor();
    await binh.getByTestId('export-download').waitFor();
    await expectCount(binh.getByTestId('import-open'), 0);
    await binh.getByTestId('export-format').selectOption('docx');
    const [word] = await Promise.all([binh.waitForEvent('download'), binh.getByTestId('export-download').click()]);
    assert.match(word.suggestedFilename(), /\.docx$/);
    await other.close();
    await ctx.close();
  });
});
