// The phone's first load on a slow link: the PIN field is there before the app's script, a PIN
// typed meanwhile survives the app taking over, the join page downloads no organiser page, and
// an organiser page whose file cannot be fetched says so and offers to try again.

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browserSuite, screenshots } from './server.mjs';
import { expectText, waitUntil } from './expect.mjs';
import { organiserAPI } from './organiser.mjs';

/** Slow 3G as measured in district halls: 2 s round trip, 50 KB/s each way, a slow CPU. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };
const CPU_SLOWDOWN = 4;
const PIN_FIELD_LIMIT_MS = 4000;

/** The organiser pages' files: a phone must never fetch them. */
const ORGANISER_FILES = /\/assets\/(LoginPage|AdminHomePage|BankEditorPage|NewContestPage|ControlPanelPage|ResultsPage|BigScreenPage)-/;

browserSuite('the first load of the join page', (env) => {
  let organiser;
  let pin;

  env.setUp(async ({ server, browser }) => {
    organiser = await organiserAPI(browser, server.url);
    pin = (await organiser.contest('Thi thử tải trang', await organiser.sampleQuestionIds(1))).pin;
  });

  env.tearDown(async () => {
    await organiser?.close();
  });

  /** A small phone's page (360×640). */
  function withPhone(label, body) {
    return env.withPage({ ...PHONE, viewport: { width: 360, height: 640 } }, label, body);
  }

  env.test('on slow 3G the PIN field shows within 4 s and no organiser page is downloaded', { timeout: 90_000 }, ({ server }) =>
    withPhone('slow phone', async (page, ctx) => {
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

      const started = Date.now();
      await page.goto(`${server.url}/join`, { waitUntil: 'commit', timeout: 30_000 });
      await page.getByTestId('pin-input').waitFor({ state: 'visible', timeout: 30_000 });
      const pinFieldMs = Date.now() - started;
      await page.waitForFunction(() => !document.getElementById('boot') && !!document.querySelector('#app form'), null, { timeout: 30_000 });
      const appMs = Date.now() - started;
      const timing = await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const bytes = res.reduce((n, r) => n + r.transferSize, nav.transferSize);
        return { fcp: Math.round(paint?.startTime ?? -1), bytes, files: res.length + 1 };
      });
      console.log(
        `# first load on slow 3G: PIN field after ${pinFieldMs} ms (first paint ${timing.fcp} ms), ` +
          `app ready after ${appMs} ms; ${timing.files} files, ${timing.bytes} bytes over the wire`,
      );
      await (await screenshots('load-'))(page, '01-phone-join-slow-3g');
      assert.ok(pinFieldMs < PIN_FIELD_LIMIT_MS, `the PIN field took ${pinFieldMs} ms (limit ${PIN_FIELD_LIMIT_MS})`);
      assert.deepEqual(requests.filter((u) => ORGANISER_FILES.test(u)), [], 'the join page fetched organiser pages');
    }),
  );

  env.test('a PIN typed before the app arrives is kept, with the focus', { timeout: 60_000 }, ({ server }) =>
    withPhone('early typist', async (page) => {
      let release;
      const held = new Promise((ok) => (release = ok));
      await page.route('**/assets/*.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server.url}/join`, { waitUntil: 'commit' });
      const field = page.getByTestId('pin-input');
      await field.tap();
      await field.pressSequentially('12a3');
      assert.equal(await field.inputValue(), '123', 'the static field takes digits only');
      assert.ok(await page.evaluate(() => !!document.getElementById('boot')), 'the app must not be there yet');
      await (await screenshots('load-'))(page, '02-phone-typing-before-the-app');

      release();
      await page.waitForFunction(() => !document.getElementById('boot') && !!document.querySelector('#app form'));
      assert.equal(await field.inputValue(), '123');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'pin-input');
      await field.pressSequentially(pin.slice(3));
      assert.equal(await field.inputValue(), `123${pin.slice(3)}`);
    }),
  );

  env.test('a PIN sent before the app arrives is checked once it does', { timeout: 60_000 }, ({ server }) =>
    withPhone('early sender', async (page) => {
      let release;
      const held = new Promise((ok) => (release = ok));
      await page.route('**/assets/*.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server.url}/join`, { waitUntil: 'commit' });
      await page.getByTestId('pin-input').fill(pin);
      await page.getByTestId('pin-submit').tap();
      await expectText(page.getByTestId('pin-submit'), 'Đang kiểm tra…');
      assert.equal(new URL(page.url()).search, '', 'sending must not reload the page');
      release();
      await page.getByTestId('name-input').waitFor();
    }),
  );

  env.test('an organiser page that cannot be fetched says so and loads on retry', { timeout: 60_000 }, async ({ server }) =>
    env.withPage({ ...DESKTOP, storageState: await organiser.storageState() }, 'organiser', async (page) => {
      await page.route(ORGANISER_FILES, (route) => route.abort('internetdisconnected'));
      await page.goto(`${server.url}/admin`);
      await expectText(page.locator('[data-testid=page-load-failed] h1'), 'Không tải được trang');
      await (await screenshots('load-'))(page, '03-organiser-page-failed');
      await page.unroute(ORGANISER_FILES);
      await page.getByTestId('page-load-retry').click();
      await page.getByTestId('contest-list').waitFor();
    }),
  );
});
