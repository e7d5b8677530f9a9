// A question's picture, end to end: in the bank editor a trainer adds a picture to a
// four-option question (a photo over 2 MB is refused before it is sent), sees its preview and
// the card's thumbnail; a contest of it opens on a small phone (360×640) and the projector
// (1280×720): both show the picture with the question, the phone's four options and countdown
// all on screen without scrolling, the projector's words still fitted to the screen; a phone
// whose picture cannot be loaded shows the question without it, still answerable.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { DESKTOP, PHONE, launchBrowser, logIn, newContext, reportOnFailure, screenshots, startServer, watchPage } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectText, waitUntil } from './expect.mjs';

const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };
const PROJECTOR_720 = { ...DESKTOP, viewport: { width: 1280, height: 720 } };

/** A PNG of w×h: a red flag with a yellow star-like square, as a trainer's scanned picture. */
function flagPNG(w, h) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const i = y * (w * 3 + 1) + 1 + x * 3;
      const star = Math.abs(x - w / 2) + Math.abs(y - h / 2) < h / 5;
      raw[i] = star ? 255 : 218;
      raw[i + 1] = star ? 222 : 37;
      raw[i + 2] = star ? 0 : 29;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether the picture of a page's `testid` is on screen and loaded. */
async function pictureLoaded(page, testid) {
  return page.getByTestId(testid).locator('img').evaluate((img) => img.complete && img.naturalWidth > 0);
}

describe('a picture with a question', () => {
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

  test('added in the bank, shown on a small phone and the projector', { timeout: 150_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('images-');
      const base = server.url;
      const org = await organiserAPI(browser, base);
      await org.bankWith('Bộ câu hỏi có ảnh', []);
      const banks = await (await org.ctx.request.get(`${base}/api/banks`)).json();
      const bank = banks.banks.find((b) => b.title === 'Bộ câu hỏi có ảnh');

      const desk = await newContext(browser, DESKTOP);
      const page = watchPage(await desk.newPage(), 'bank', lines);
      const uploads = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/images') uploads.push(r.url());
      });
      await logIn(page, base, `/admin/banks/${bank.id}`);
      await page.getByTestId('add-question').click();
      const form = page.getByTestId('question-form');
      await form.getByTestId('q-prompt').fill('Lá cờ trong ảnh là cờ gì?');
      for (const [i, text] of ['Cờ Tổ quốc', 'Cờ Đảng', 'Cờ Đoàn', 'Cờ Hội Phụ nữ'].entries()) await form.getByTestId(`q-option-${i}`).fill(text);
      await form.getByTestId('q-correct-0').check();

      // A camera photo over 2 MB is refused in the browser: nothing is sent.
      await form.getByTestId('q-picture-file').setInputFiles({ name: 'anh-chup.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(2.5 * 1024 * 1024, 1) });
      await waitUntil('the form says the photo is over 2 MB', async () => {
        const text = await form.getByTestId('q-picture-error').innerText().catch(() => '');
        return { ok: /2,5 MB/.test(text) && /2 MB/.test(text), got: text };
      });
      assert.equal(uploads.length, 0, 'a picture over 2 MB was sent to the server');

      await form.getByTestId('q-picture-file').setInputFiles({ name: 'co-to-quoc.png', mimeType: 'image/png', buffer: flagPNG(900, 600) });
      await form.getByTestId('q-picture-preview').locator('img').waitFor();
      await waitUntil('the preview shows the picture', async () => ({ ok: await pictureLoaded(form, 'q-picture-preview') }));
      assert.equal(await form.getByTestId('q-picture-error').count(), 0, 'the error stayed after a good picture');
      assert.equal(uploads.length, 1);
      await shot(page, '01-form-preview');
      await form.getByTestId('q-save').click();
      await page.getByTestId('question-added').waitFor();
      await waitUntil('the card shows a thumbnail', async () => ({ ok: await pictureLoaded(page, 'question-thumbnail') }));
      await shot(page, '02-bank-card');

      const full = await (await org.ctx.request.get(`${base}/api/banks/${bank.id}`)).json();
      const [q] = full.questions;
      assert.match(q.image, /^[0-9a-f]{64}$/, 'the saved question names its picture');
      const contest = await org.contest('Hội thi có ảnh', [q.id]);
      const id = contest.id;

      const projector = await newContext(browser, { ...PROJECTOR_720, storageState: await org.storageState() });
      const screen = watchPage(await projector.newPage(), 'screen', lines);
      await screen.goto(`${base}/screen/${id}`);
      await expectText(screen.getByTestId('screen-pin'), contest.pin);

      const join = async (label, name, block) => {
        const ctx = await newContext(browser, SMALL_PHONE);
        const pg = watchPage(await ctx.newPage(), label, lines);
        if (block) await pg.route('**/api/images/**', (route) => route.abort());
        await pg.goto(`${base}/join?pin=${contest.pin}`);
        await pg.getByTestId('name-input').fill(name);
        await pg.getByTestId('unit-input').fill('Chi bộ thôn Đông');
        await pg.getByTestId('join-submit').tap();
        await pg.getByTestId('lobby').waitFor();
        return pg;
      };
      const phone = await join('phone', 'Nguyễn Văn An', false);
      const offline = await join('phone without the picture', 'Trần Thị Bình', true);

      await org.command(id, 'start');
      await org.command(id, 'next');

      // The small phone: the picture under the prompt, the countdown and all four options in view.
      await phone.getByTestId('question-prompt').waitFor();
      await waitUntil('the phone shows the picture', async () => ({ ok: await pictureLoaded(phone, 'question-picture') }));
      const inView = async (pg, locator) => {
        const box = await locator.boundingBox();
        const h = pg.viewportSize().height;
        return box && box.y >= 0 && box.y + box.height <= h + 0.5 ? null : box;
      };
      await waitUntil('the four options are on the phone screen without scrolling', async () => {
        const buttons = phone.locator('[data-testid^="option-"]');
        const n = await buttons.count();
        const out = [];
        for (let i = 0; i < n; i++) {
          const off = await inView(phone, buttons.nth(i));
          if (off) out.push(off);
        }
        return { ok: n === 4 && out.length === 0, got: { n, out } };
      });
      assert.equal(await inView(phone, phone.getByTestId('countdown')), null, 'the countdown is off the phone screen');
      const picBox = await phone.getByTestId('question-picture').boundingBox();
      const promptBox = await phone.getByTestId('question-prompt').boundingBox();
      assert.ok(picBox.y >= promptBox.y + promptBox.height - 1, 'the picture is not under the prompt');
      assert.ok(picBox.height >= 88 && picBox.height <= 0.35 * 640 + 1, `the picture is ${picBox.height} px tall`);
      assert.equal(await phone.evaluate(() => window.scrollY), 0, 'the phone scrolled');
      await shot(phone, '03-phone');

      // The phone that cannot load the picture shows the question without a broken picture.
      await offline.getByTestId('question-prompt').waitFor();
      await waitUntil('the phone without the picture hides it', async () => ({ ok: (await offline.getByTestId('question-picture').count()) === 0 }));
      await shot(offline, '04-phone-no-picture');

      // The projector: the picture beside the options, the words fitted to the screen.
      await waitUntil('the projector shows the picture', async () => ({ ok: await pictureLoaded(screen, 'screen-picture') }));
      await waitUntil('the projector fits the question', async () => {
        const fits = await screen.getByTestId('screen-stage').getAttribute('data-fits');
        return { ok: fits === 'true', got: fits };
      });
      const stage = await screen.getByTestId('screen-stage').boundingBox();
      const pic = await screen.getByTestId('screen-picture').boundingBox();
      const opts = await screen.getByTestId('screen-options').boundingBox();
      assert.ok(pic.width >= 0.35 * stage.width && pic.height >= 0.5 * stage.height, `the projector's picture is small: ${JSON.stringify(pic)}`);
      assert.ok(pic.x >= opts.x + opts.width - 1, 'the picture is not beside the options');
      assert.ok(pic.y + pic.height <= 720 && opts.y + opts.height <= 720, 'something is below the projector screen');
      const typePx = Number(await screen.getByTestId('screen-stage').getAttribute('data-type-px'));
      assert.ok(typePx >= 16, `the projector's type is ${typePx} px`);
      await shot(screen, '05-projector');

      // Both phones answer; the one without the picture too.
      await phone.getByTestId('option-0').tap();
      await offline.getByTestId('option-1').tap();
      await phone.getByTestId('answer-acked').waitFor();
      await offline.getByTestId('answer-acked').waitFor();

      const control = watchPage(await desk.newPage(), 'control', lines);
      await control.goto(`${base}/admin/contests/${id}`);
      await waitUntil('the control panel previews the picture', async () => ({ ok: await pictureLoaded(control, 'control-picture') }));
      await shot(control, '06-control-panel');
      await org.command(id, 'close');
      await org.command(id, 'reveal');
      await screen.getByTestId('screen-distribution').waitFor();
      await waitUntil('the projector fits the revealed question', async () => {
        const fits = await screen.getByTestId('screen-stage').getAttribute('data-fits');
        return { ok: fits === 'true', got: fits };
      });
      await shot(screen, '07-projector-reveal');
    });
  });
});
