// The organiser's pages in a real browser against the real server: the control panel's big
// button through a whole question, what fits on a 1366×768 laptop, a contest that does not
// exist, a page left while the login was being checked, the bank editor and the accounts pages.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP,
  PHONE,
  PROJECTOR,
  launchBrowser,
  logIn,
  newContext,
  reportOnFailure,
  screenshots,
  startServer,
  watchPage,
} from './server.mjs';
import { expectAttr, expectContains, expectCount, expectMatch, expectText, expectURL, waitUntil } from './expect.mjs';

const LAPTOP = { ...DESKTOP, viewport: { width: 1366, height: 768 } };

/** Logs in as the admin and waits for the home page. */
async function adminPage(browser, base, label, lines, options = LAPTOP) {
  const ctx = await newContext(browser, options);
  const page = watchPage(await ctx.newPage(), label, lines);
  await logIn(page, base);
  await page.waitForURL(`${base}/admin`);
  return { ctx, page };
}

/** The primary button's command, read from its test id. */
async function primaryCommand(page) {
  const id = await page.locator('.step button').getAttribute('data-testid', { timeout: 1_000 });
  return id?.replace(/^cmd-/, '') ?? null;
}

function expectPrimary(page, cmd) {
  return waitUntil(`expected the big button to be ${cmd}`, async () => {
    const got = await primaryCommand(page);
    return { ok: got === cmd, got };
  });
}

/** The element's top and bottom edges lie inside the first screenful. */
async function aboveTheFold(page, testid) {
  const box = await page.getByTestId(testid).first().boundingBox();
  assert.ok(box, `${testid} is not on the page`);
  const height = page.viewportSize().height;
  assert.ok(box.y >= 0 && box.y + Math.min(box.height, 40) <= height, `${testid} starts at ${box.y}px, below the ${height}px screen`);
}

describe('the organiser pages', () => {
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

  test('the big button follows the contest, and the QR code, answers and contestants fit on a laptop', { timeout: 120_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const base = server.url;
      const { ctx, page } = await adminPage(browser, base, 'control', lines);

      // The only bank is chosen already; the picker searches without diacritics and
      // "select none" acts on what the search shows.
      await page.getByTestId('new-contest').click();
      await page.getByTestId('contest-title').fill('Hội thi thử bảng điều khiển');
      const picks = page.getByTestId('pick-question');
      await picks.first().waitFor();
      const total = await picks.count();
      await expectText(page.getByTestId('selected-count'), `Đã chọn ${total}/${total} câu`);
      await page.getByTestId('pick-search').fill('phuc tho');
      const shown = await waitUntil('the search narrows the list', async () => {
        const n = await picks.count();
        return { ok: n > 0 && n < total, got: n };
      });
      await expectMatch(page.getByTestId('select-none'), new RegExp(`Bỏ chọn ${shown} câu đang hiện`));
      await page.getByTestId('select-none').click();
      await expectText(page.getByTestId('selected-count'), `Đã chọn ${total - shown}/${total} câu`);
      await page.getByTestId('pick-search').fill('');
      await page.getByTestId('select-none').click();
      await expectText(page.getByTestId('selected-count'), `Đã chọn 0/${total} câu`);
      await picks.nth(0).check();
      await picks.nth(1).check();
      // Questions close by themselves once everyone has answered unless this is unticked:
      // here the organiser closes them, to see every step of the big button.
      assert.equal(await page.getByTestId('auto-close').isChecked(), true, 'auto-close is on by default');
      await page.getByTestId('auto-close').uncheck();
      await shot(page, '01-new-contest');
      await page.getByTestId('contest-create').click();
      await page.waitForURL((u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
      await expectMatch(page.getByTestId('contest-pin'), /^\d{6}$/);
      const pin = (await page.getByTestId('contest-pin').innerText()).trim();
      await expectPrimary(page, 'start');

      // One phone joins.
      const phoneCtx = await newContext(browser, PHONE);
      const phone = watchPage(await phoneCtx.newPage(), 'phone', lines);
      await phone.goto(`${base}/join?pin=${pin}`);
      await phone.getByTestId('name-input').fill('Nguyễn Văn An');
      await phone.getByTestId('unit-input').fill('Chi bộ thôn Đông');
      await phone.getByTestId('join-submit').tap();
      await phone.getByTestId('lobby').waitFor();
      await expectCount(page.getByTestId('participant-row'), 1);

      const qr = page.getByTestId('control-qr');
      await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await qr.elementHandle());
      for (const id of ['cmd-start', 'control-qr', 'contest-pin', 'answered-count', 'participant-list']) await aboveTheFold(page, id);
      await shot(page, '02-control-lobby-1366');

      // The lock toggle shows only when the server says whether the room is locked.
      if ((await page.getByTestId('lock-state').count()) > 0) {
        await expectContains(page.getByTestId('lock-state'), 'Phòng chờ đang mở');
        await page.getByTestId('cmd-lock').click();
        await expectContains(page.getByTestId('lock-state'), 'Phòng chờ đã khoá');
        await page.getByTestId('cmd-unlock').click();
        await expectContains(page.getByTestId('lock-state'), 'Phòng chờ đang mở');
      } else {
        await expectCount(page.getByTestId('cmd-lock'), 0);
      }

      await page.getByTestId('cmd-start').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'round_intro');
      await expectPrimary(page, 'next');
      await page.getByTestId('cmd-next').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
      await expectPrimary(page, 'close');
      await phone.getByTestId('option-0').tap();
      await phone.getByTestId('answer-acked').waitFor();
      await expectText(page.getByTestId('answered-count'), 'Đã trả lời: 1/1');
      for (const id of ['cmd-close', 'control-qr', 'answered-count', 'participant-list']) await aboveTheFold(page, id);
      await shot(page, '03-control-question-1366');
      await page.getByTestId('cmd-close').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');

      // A closed question is revealed: "next" is not offered before the reveal.
      await expectPrimary(page, 'reveal');
      await expectCount(page.getByTestId('cmd-next'), 0);
      await page.getByTestId('cmd-reveal').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'reveal');
      await expectPrimary(page, 'standings');
      await page.getByTestId('cmd-standings').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'standings');
      await expectPrimary(page, 'next');
      await expectContains(page.getByTestId('cmd-next'), 'Câu tiếp theo');

      // The full-HD view of the same panel.
      await page.setViewportSize(PROJECTOR);
      await shot(page, '04-control-standings-1920');
      await page.setViewportSize(LAPTOP.viewport);

      // The last question: the big button says it finishes the contest.
      await page.getByTestId('cmd-next').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_open');
      await page.getByTestId('cmd-close').click().catch(() => {});
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'item_closed');
      await page.getByTestId('cmd-reveal').click();
      await page.getByTestId('cmd-standings').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'standings');
      await expectText(page.getByTestId('cmd-next'), 'Kết thúc và công bố kết quả');

      // Finishing asks first, with the focus on "Huỷ", and gives it back when cancelled.
      await page.getByTestId('cmd-finish').focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.waitFor();
      await waitUntil('the focus is on the safe answer', async () => {
        const got = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        return { ok: got === 'confirm-no', got };
      });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="confirm-dialog"]'));
      assert.ok(inside, 'Tab left the dialog');
      await page.keyboard.press('Escape');
      await expectCount(dialog, 0);
      await waitUntil('the focus goes back to the button that opened the dialog', async () => {
        const got = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        return { ok: got === 'cmd-finish', got };
      });

      await page.getByTestId('cmd-next').click();
      await expectAttr(page.getByTestId('control-phase'), 'data-phase', 'finished');
      await page.getByTestId('open-results').waitFor();
      await shot(page, '05-control-finished-1366');
      await phoneCtx.close();
      await ctx.close();
    });
  });

  test('a contest that does not exist says so, with a way back, and stops reconnecting', { timeout: 60_000 }, async (t) => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const { ctx, page } = await adminPage(browser, server.url, 'missing', lines);
      const sockets = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`${server.url}/admin/contests/khong-co-cuoc-thi-nay`);
      await expectContains(page.getByTestId('contest-missing'), 'Không tìm thấy cuộc thi');
      await expectCount(page.getByText('Mất kết nối'), 0);
      await shot(page, '06-control-missing');
      const attempts = sockets.length;
      await page.getByTestId('contest-missing-back').click();
      await expectURL(page, (u) => u.pathname === '/admin', '/admin');
      await page.getByTestId('new-contest').waitFor();
      assert.ok(attempts <= 2, `${attempts} socket attempts before the page said the contest is missing`);
      assert.equal(sockets.length, attempts, 'the page kept reconnecting after saying the contest is missing');
      t.diagnostic(`${attempts} host socket attempt(s) before "Không tìm thấy cuộc thi", none after`);
      await ctx.close();
    });
  });

  test('a control panel left while the login is being checked opens no socket', { timeout: 60_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const { ctx, page } = await adminPage(browser, server.url, 'orphan', lines);
      const created = await page.request.post(`${server.url}/api/contests`, {
        headers: { 'X-CSRF-Token': (await (await page.request.get(`${server.url}/api/me`)).json()).csrf_token },
        data: { title: 'Cuộc thi bỏ dở', scoring: 'fixed', round_title: 'Vòng 1', question_ids: await firstQuestionIds(page, server.url, 1) },
      });
      assert.equal(created.status(), 201, await created.text());
      const contest = await created.json();

      // Hold every login check until the organiser has gone back to the home page.
      let release;
      const held = new Promise((ok) => (release = ok));
      await page.route('**/api/me', async (route) => {
        await held;
        await route.continue();
      });
      const sockets = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.evaluate((path) => {
        history.pushState({}, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/admin/contests/${contest.id}`);
      await page.evaluate(() => {
        history.pushState({}, '', '/admin');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      release();
      await page.getByTestId('contest-list').waitFor();
      assert.deepEqual(sockets.filter((u) => u.includes('/ws/host')), [], 'a host socket was opened by a page already left');
      await ctx.close();
    });
  });

  test('a contestant whose phone died is let back in from another phone', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const { ctx, page } = await adminPage(browser, server.url, 'rejoin', lines);
      const created = await page.request.post(`${server.url}/api/contests`, {
        headers: { 'X-CSRF-Token': (await (await page.request.get(`${server.url}/api/me`)).json()).csrf_token },
        data: { title: 'Cuộc thi đổi máy', scoring: 'fixed', round_title: 'Vòng 1', question_ids: await firstQuestionIds(page, server.url, 1) },
      });
      assert.equal(created.status(), 201, await created.text());
      const contest = await created.json();
      await page.goto(`${server.url}/admin/contests/${contest.id}`);
      const join = async (label) => {
        const phoneCtx = await newContext(browser, PHONE);
        const phone = watchPage(await phoneCtx.newPage(), label, lines);
        await phone.goto(`${server.url}/join?pin=${contest.pin}`);
        await phone.getByTestId('name-input').fill('Trần Văn Bình');
        await phone.getByTestId('unit-input').fill('Chi bộ thôn Nam');
        await phone.getByTestId('join-submit').tap();
        return { phoneCtx, phone };
      };
      const first = await join('old phone');
      await first.phone.getByTestId('lobby').waitFor();
      await expectCount(page.getByTestId('participant-row'), 1);
      await first.phoneCtx.close(); // the battery died

      // Another phone with the same name and unit is refused until the organiser lets it in.
      const second = await join('new phone');
      await expectContains(second.phone.getByTestId('join-error'), 'Cho vào lại');
      await page.getByTestId('rejoin').waitFor(); // offered once the old phone is gone
      await page.getByTestId('rejoin').click();
      await expectContains(page.getByTestId('confirm-dialog'), 'Trần Văn Bình');
      await shot(page, '14-control-rejoin-confirm');
      const sent = page.waitForResponse((r) => r.url().endsWith('/commands') && r.request().method() === 'POST');
      await page.getByTestId('confirm-yes').click();
      assert.equal((await sent).status(), 200, 'the rejoin command');
      await second.phone.getByTestId('join-submit').tap();
      await second.phone.getByTestId('lobby').waitFor();
      await expectCount(page.getByTestId('participant-row'), 1);
      await shot(second.phone, '15-phone-back-in');
      await second.phoneCtx.close();
      await ctx.close();
    });
  });

  test('the bank editor confirms a save in place and keeps numbers and true/false answers clear', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const { ctx, page } = await adminPage(browser, server.url, 'bank', lines);
      await page.getByTestId('bank-list').locator('a').first().click();
      const rows = page.getByTestId('question-row');
      await rows.first().waitFor();

      // Edit the eighth question, save: the card says so where it is and the page stays put.
      const eighth = rows.nth(7);
      await eighth.scrollIntoViewIfNeeded();
      await eighth.getByTestId('question-edit').click();
      const form = page.getByTestId('question-form');
      await form.getByTestId('q-points').fill('150');
      await form.getByTestId('q-save').scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => window.scrollY);
      await form.getByTestId('q-save').click();
      const saved = page.getByTestId('question-saved');
      await saved.waitFor();
      await expectContains(rows.nth(7), '150 điểm');
      const box = await saved.boundingBox();
      assert.ok(box && box.y >= 0 && box.y < page.viewportSize().height, 'the confirmation is off the screen');
      const afterSave = await page.evaluate(() => window.scrollY);
      assert.ok(afterSave > before / 2 && afterSave > 200, `the page jumped from ${before}px to ${afterSave}px`);
      await shot(page, '07-bank-saved');
      // The edit is the question's second version: its history says who changed what.
      await rows.nth(7).getByTestId('question-history').click();
      await expectContains(rows.nth(7).getByTestId('question-revision'), 'Bản 2');
      await expectContains(rows.nth(7).getByTestId('question-revision'), 'sửa điểm');
      await shot(page, '07b-bank-history');

      // A search keeps each question's number in the bank.
      await page.getByTestId('question-search').fill('hoi thi');
      await waitUntil('the search narrows the list', async () => {
        const n = await rows.count();
        return { ok: n > 0 && n < 20, got: n };
      });
      const numbers = (await rows.locator('.no').allInnerTexts()).map(Number);
      assert.notDeepEqual(numbers, numbers.map((_, i) => i + 1), `the found questions are numbered ${numbers} as if the bank were only these`);
      await page.getByTestId('question-search').fill('');

      // A true/false question's two answers read "Đúng" and "Sai".
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('add-question').click();
      await page.getByTestId('qtype-truefalse').check();
      const labels = await page.getByTestId('question-form').locator('label:has([data-testid^="q-correct-"])').allInnerTexts();
      assert.deepEqual(labels.map((s) => s.trim()), ['Đúng', 'Sai']);
      await page.getByTestId('q-prompt').fill('Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.');
      await page.getByTestId('q-correct-0').check();
      await shot(page, '08-bank-truefalse');
      await page.getByTestId('q-save').click();
      await expectContains(page.getByTestId('question-added'), 'Đã thêm câu hỏi số');
      await ctx.close();
    });
  });

  test('the admin makes an account whose password is shown once, and its owner changes it', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const { ctx, page } = await adminPage(browser, server.url, 'users', lines);
      await page.getByTestId('home-users').click();
      await page.getByTestId('user-list').waitFor();
      await page.getByTestId('new-user').click();
      await page.getByTestId('new-user-username').fill('tranthibinh');
      await page.getByTestId('new-user-name').fill('Trần Thị Bình');
      await page.getByTestId('new-user-role').selectOption('trainer');
      await page.getByTestId('new-user-submit').click();
      const dialog = page.getByTestId('password-dialog');
      await expectContains(dialog, 'chỉ hiện một lần');
      const password = await page.getByTestId('new-password').inputValue();
      assert.ok(password.length >= 8, `generated password ${JSON.stringify(password)}`);
      await shot(page, '09-users-password-once');
      await page.getByTestId('password-done').click();
      const row = page.getByTestId('user-row').filter({ hasText: 'tranthibinh' });
      await expectContains(row, 'Trần Thị Bình');
      await expectAttr(row.getByTestId('user-role').locator('option:checked'), 'value', 'trainer');

      // Role and disabling, as the admin sees them.
      await row.getByTestId('user-role').selectOption('organiser');
      await expectContains(page.getByTestId('users-notice'), 'Đã lưu');
      await row.getByTestId('user-disable').click();
      await page.getByTestId('confirm-yes').click();
      await expectText(row.getByTestId('user-status'), 'Đã khoá');
      await row.getByTestId('user-enable').click();
      await expectText(row.getByTestId('user-status'), 'Đang hoạt động');
      await shot(page, '10-users');

      // The new organiser logs in with the password, changes it and logs out everywhere.
      const other = await newContext(browser, LAPTOP);
      const binh = watchPage(await other.newPage(), 'binh', lines);
      await binh.goto(`${server.url}/login`);
      await binh.getByTestId('login-username').fill('tranthibinh');
      await binh.getByTestId('login-password').fill(password);
      await binh.getByTestId('login-submit').click();
      await binh.waitForURL(`${server.url}/admin`);
      await expectCount(binh.getByTestId('home-users'), 0);
      await binh.getByTestId('home-account').click();
      await binh.getByTestId('pw-current').fill('sai-mat-khau');
      await binh.getByTestId('pw-next').fill('matkhau-moi-2026');
      await binh.getByTestId('pw-repeat').fill('matkhau-moi-2026');
      await binh.getByTestId('pw-submit').click();
      await binh.getByTestId('pw-error').waitFor();
      await binh.getByTestId('pw-current').fill(password);
      await binh.getByTestId('pw-submit').click();
      await binh.getByTestId('pw-changed').waitFor();
      await shot(binh, '11-account');
      await binh.getByTestId('logout-all').click();
      await binh.getByTestId('confirm-yes').click();
      await expectURL(binh, (u) => u.pathname === '/login', '/login');
      await other.close();
      await ctx.close();
    });
  });

  test('a shared bank is read-only to a colleague, who copies it; a co-organiser sees the contest', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('org-');
      const base = server.url;
      const { ctx, page } = await adminPage(browser, base, 'share', lines);
      const csrf = (await (await page.request.get(`${base}/api/me`)).json()).csrf_token;
      const made = await page.request.post(`${base}/api/users`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { username: 'lethicuc', display_name: 'Lê Thị Cúc', role: 'organiser', password: 'matkhau-cuc-2026' },
      });
      assert.equal(made.status(), 201, await made.text());

      // The admin shares the sample bank with her.
      await page.getByTestId('bank-list').locator('a').first().click();
      await page.getByTestId('bank-share').click();
      const share = page.getByTestId('share-dialog');
      await share.getByTestId('people-pick').first().waitFor();
      await share.locator('label', { hasText: 'Lê Thị Cúc' }).getByTestId('people-pick').check();
      await shot(page, '12-bank-share');
      await share.getByTestId('people-save').click();
      await expectText(page.getByTestId('bank-shared'), 'Đang chia sẻ với 1 người');

      // And makes her a co-organiser of a contest.
      const created = await page.request.post(`${base}/api/contests`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { title: 'Hội thi cùng tổ chức', scoring: 'fixed', round_title: 'Vòng 1', question_ids: await firstQuestionIds(page, base, 1) },
      });
      const contest = await created.json();
      await page.goto(`${base}/admin/contests/${contest.id}`);
      await page.getByTestId('open-organisers').click();
      const dialog = page.getByTestId('organisers-dialog');
      await dialog.locator('label', { hasText: 'Lê Thị Cúc' }).getByTestId('people-pick').check();
      await dialog.getByTestId('people-save').click();
      await expectContains(page.locator('.who'), '1 người cùng tổ chức');

      // She sees the bank read-only, whose it is, and copies it into one she can edit.
      const other = await newContext(browser, LAPTOP);
      const cuc = watchPage(await other.newPage(), 'cuc', lines);
      await cuc.goto(`${base}/login`);
      await cuc.getByTestId('login-username').fill('lethicuc');
      await cuc.getByTestId('login-password').fill('matkhau-cuc-2026');
      await cuc.getByTestId('login-submit').click();
      await cuc.waitForURL(`${base}/admin`);
      await expectContains(cuc.getByTestId('contest-list'), 'Hội thi cùng tổ chức');
      // She runs it, but only its owner (or the admin) may delete it.
      await expectCount(cuc.getByTestId('contest-row').filter({ hasText: 'Hội thi cùng tổ chức' }).getByRole('button', { name: 'Xoá' }), 0);
      await expectContains(cuc.getByTestId('bank-list'), 'Bộ câu hỏi của Quản trị viên');
      await cuc.getByTestId('bank-list').locator('a').first().click();
      await expectContains(cuc.getByTestId('bank-readonly'), 'của Quản trị viên');
      await cuc.getByTestId('question-row').first().waitFor();
      await expectCount(cuc.getByTestId('question-edit'), 0);
      await expectCount(cuc.getByTestId('add-question'), 0);
      await shot(cuc, '13-bank-read-only');
      await cuc.getByTestId('bank-copy').click();
      await waitUntil('the copy opens, editable', async () => {
        const got = await cuc.getByTestId('bank-title').inputValue({ timeout: 1_000 });
        return { ok: got.endsWith('(bản sao)'), got };
      });
      await cuc.getByTestId('add-question').waitFor();
      assert.ok((await cuc.getByTestId('question-edit').count()) > 0, 'the copy has no edit buttons');

      // And runs the contest she co-organises.
      await cuc.goto(`${base}/admin/contests/${contest.id}`);
      await expectAttr(cuc.getByTestId('control-phase'), 'data-phase', 'lobby');
      await cuc.getByTestId('cmd-start').waitFor();
      await other.close();

      // A trainer's home shows the banks only: no contests to refuse.
      const trainer = await page.request.post(`${base}/api/users`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { username: 'phamvandung', display_name: 'Phạm Văn Dũng', role: 'trainer', password: 'matkhau-dung-2026' },
      });
      assert.equal(trainer.status(), 201, await trainer.text());
      const third = await newContext(browser, LAPTOP);
      const dung = watchPage(await third.newPage(), 'dung', lines);
      await dung.goto(`${base}/login`);
      await dung.getByTestId('login-username').fill('phamvandung');
      await dung.getByTestId('login-password').fill('matkhau-dung-2026');
      await dung.getByTestId('login-submit').click();
      await dung.waitForURL(`${base}/admin`);
      await dung.getByTestId('new-bank').waitFor();
      await expectCount(dung.getByTestId('new-contest'), 0);
      await expectCount(dung.getByRole('alert'), 0);
      // A contest's address opened by a trainer (who runs only the workshops they open) is
      // one they cannot see.
      await dung.goto(`${base}/admin/contests/${contest.id}`);
      await expectContains(dung.getByTestId('contest-missing'), 'Không tìm thấy cuộc thi');
      await expectCount(dung.getByText('Mất kết nối'), 0);
      await third.close();
      await ctx.close();
    });
  });
});

/** The ids of the first n questions of the first bank, through the API. */
async function firstQuestionIds(page, base, n) {
  const banks = await (await page.request.get(`${base}/api/banks`)).json();
  const bank = await (await page.request.get(`${base}/api/banks/${banks.banks[0].id}`)).json();
  return bank.questions.slice(0, n).map((q) => q.id);
}
