// Wrong input in the browser: a wrong or short PIN on a phone, a missing name, a wrong password
// on the login page, and organiser pages opened while logged out. Each shows a Vietnamese
// message (or the login page) instead of going on.

import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ADMIN_USER, DESKTOP, PHONE, WAIT, browserSuite, logIn, newContext, screenshots } from './server.mjs';
import { expectCount, expectText, expectURL } from './expect.mjs';

const PIN_NOT_FOUND = 'Không tìm thấy cuộc thi có mã PIN này. Vui lòng kiểm tra lại.';
const PIN_TOO_SHORT = 'Vui lòng nhập đủ 6 chữ số.';
const BAD_LOGIN = 'Sai tên đăng nhập hoặc mật khẩu.';

browserSuite('bad input in the browser', (env) => {
  env.test('a wrong PIN on a phone says so in Vietnamese and stays on the PIN form', { timeout: 60_000 }, ({ server }) =>
    env.withPage(PHONE, 'phone', async (page) => {
      await page.goto(`${server.url}/join`);
      const pin = page.getByTestId('pin-input');

      // Letters are dropped as they are typed; a short PIN is not sent at all.
      await pin.fill('12a4');
      assert.equal(await pin.inputValue(), '124');
      await page.getByTestId('pin-submit').tap();
      await expectText(page.getByTestId('pin-error'), PIN_TOO_SHORT);

      // Six digits that no open contest has.
      await pin.fill('000000');
      await page.getByTestId('pin-submit').tap();
      await expectText(page.getByTestId('pin-error'), PIN_NOT_FOUND);
      await expectCount(page.getByTestId('name-input'), 0);
      await pin.waitFor({ state: 'visible' });
      await (await screenshots('bad-'))(page, '01-phone-wrong-pin');

      // The same from a QR code with a stale PIN.
      await page.goto(`${server.url}/join?pin=999999`);
      await expectText(page.getByTestId('pin-error'), PIN_NOT_FOUND);
      await expectCount(page.getByTestId('name-input'), 0);
    }),
  );

  env.test('joining without a name or a unit says what is missing', { timeout: 60_000 }, async ({ server, browser }) => {
    // An open contest to join, made through the API as the organiser.
    const api = await newContext(browser, DESKTOP);
    let pin;
    try {
      const login = await api.request.post(`${server.url}/api/login`, {
        data: { username: ADMIN_USER, password: ADMIN_PASSWORD },
        timeout: WAIT,
      });
      assert.equal(login.status(), 200);
      const { csrf_token: csrf } = await login.json();
      const banks = await (await api.request.get(`${server.url}/api/banks`, { timeout: WAIT })).json();
      const bank = await (await api.request.get(`${server.url}/api/banks/${banks.banks[0].id}`, { timeout: WAIT })).json();
      const created = await api.request.post(`${server.url}/api/contests`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { title: 'Thi thử', scoring: 'fixed', round_title: 'Vòng 1', question_ids: [bank.questions[0].id] },
        timeout: WAIT,
      });
      assert.equal(created.status(), 201);
      pin = (await created.json()).pin;
    } finally {
      await api.close();
    }

    await env.withPage(PHONE, 'phone', async (page) => {
      await page.goto(`${server.url}/join?pin=${pin}`);
      await page.getByTestId('name-input').fill('   ');
      await page.getByTestId('unit-input').fill('Chi bộ thôn Đông');
      await page.getByTestId('join-submit').tap();
      await expectText(page.getByTestId('join-error'), 'Vui lòng nhập họ và tên.');

      await page.getByTestId('name-input').fill('Nguyễn Văn An');
      await page.getByTestId('unit-input').fill('');
      await page.getByTestId('join-submit').tap();
      await expectText(page.getByTestId('join-error'), 'Vui lòng nhập chi bộ hoặc đơn vị.');
      await expectCount(page.getByTestId('lobby'), 0);

      await page.getByTestId('unit-input').fill('Chi bộ thôn Đông');
      await page.getByTestId('join-submit').tap();
      await page.getByTestId('lobby').waitFor();
    });
  });

  env.test('a wrong password on /login says so in Vietnamese', { timeout: 60_000 }, ({ server }) =>
    env.withPage(DESKTOP, 'login', async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('login-error'), 'Vui lòng nhập tên đăng nhập và mật khẩu.');

      await page.getByTestId('login-username').fill(ADMIN_USER);
      await page.getByTestId('login-password').fill('sai-mat-khau');
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('login-error'), BAD_LOGIN);
      await (await screenshots('bad-'))(page, '02-login-wrong-password');
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await page.getByTestId('login-password').inputValue(), '', 'the wrong password is cleared');

      // Still not logged in: the organiser pages send us back here.
      await page.goto(`${server.url}/admin`);
      await expectURL(page, (u) => u.pathname === '/login', '/login');
    }),
  );

  env.test('organiser pages opened while logged out go to /login and come back after it', { timeout: 60_000 }, ({ server }) =>
    env.withPage(DESKTOP, 'organiser', async (page) => {
      for (const path of ['/admin', '/admin/contests/new', '/admin/contests/khong-co/results', '/screen/khong-co']) {
        await page.goto(`${server.url}${path}`);
        await expectURL(
          page,
          (u) => u.pathname === '/login' && u.searchParams.get('next') === path,
          `/login?next=${path}`,
        );
        await page.getByTestId('login-username').waitFor();
      }

      // Logging in from there lands on the page asked for.
      await logIn(page, server.url, '/admin/contests/new');
      await expectURL(page, (u) => u.pathname === '/admin/contests/new', '/admin/contests/new');
      await page.getByTestId('contest-title').waitFor();

      // And after logging out, the organiser pages are closed again.
      await page.goto(`${server.url}/admin`);
      await page.getByTestId('logout').click();
      await page.goto(`${server.url}/admin/contests/new`);
      await expectURL(page, (u) => u.pathname === '/login', '/login');
    }),
  );
});
