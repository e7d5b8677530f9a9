// "Tập huấn nhanh" in real browsers against the real server: a trainer opens a bank shared with
// her, presses Tập huấn nhanh then Bắt đầu, and is on the workshop's control panel; a phone
// joins with the PIN and answers the first question, which closes by itself; after the reveal
// the phone and the projector show its explanation. Then the same start from the search page,
// by topic.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP,
  PHONE,
  PROJECTOR,
  WAIT,
  launchBrowser,
  logIn,
  newContext,
  reportOnFailure,
  screenshots,
  startServer,
  watchPage,
} from './server.mjs';
import { expectAttr, expectContains, expectMatch, expectText, expectURL } from './expect.mjs';

const TRAINER = { username: 'nguyenthilan', display_name: 'Nguyễn Thị Lan', role: 'trainer', password: 'matkhau-lan-2026' };

describe('a quick workshop (Tập huấn nhanh)', () => {
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

  test('a trainer starts a workshop of a bank in two clicks and every reveal explains', { timeout: 150_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('workshop-');
      const base = server.url;

      // The admin makes the trainer's account and shares the sample bank with everyone.
      const adminCtx = await newContext(browser, DESKTOP);
      const admin = watchPage(await adminCtx.newPage(), 'admin', lines);
      await logIn(admin, base);
      await admin.waitForURL(`${base}/admin`);
      const { csrf_token: csrf } = await (await admin.request.get(`${base}/api/me`)).json();
      const made = await admin.request.post(`${base}/api/users`, { headers: { 'X-CSRF-Token': csrf }, data: TRAINER });
      assert.equal(made.status(), 201, await made.text());
      const { banks } = await (await admin.request.get(`${base}/api/banks`)).json();
      const sample = banks.find((b) => b.title.startsWith('Bộ câu hỏi mẫu'));
      assert.ok(sample, `no sample bank among ${banks.map((b) => b.title)}`);
      const shared = await admin.request.put(`${base}/api/banks/${sample.id}/sharing`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { user_ids: [], all: true },
      });
      assert.equal(shared.status(), 200, await shared.text());
      await adminCtx.close();

      // The trainer opens the bank from her home page.
      const trainerCtx = await newContext(browser, DESKTOP);
      const control = watchPage(await trainerCtx.newPage(), 'trainer', lines);
      await control.goto(`${base}/login`);
      await control.getByTestId('login-username').fill(TRAINER.username);
      await control.getByTestId('login-password').fill(TRAINER.password);
      await control.getByTestId('login-submit').click();
      await control.waitForURL(`${base}/admin`);
      await control.getByRole('link', { name: sample.title }).click();
      await control.waitForURL(`${base}/admin/banks/${sample.id}`);
      await control.getByTestId('bank-readonly').waitFor();

      // First click: the dialog says what will happen.
      await control.getByTestId('workshop-open').click();
      const dialog = control.getByTestId('workshop-dialog');
      await expectText(dialog.getByTestId('workshop-intro'), `Mở phiên tập huấn với ${sample.question_count} câu của bộ “${sample.title}”.`);
      await expectContains(dialog, 'Người học vào bằng mã PIN trên màn chiếu.');
      await shot(control, '01-dialog');

      // Second click: the workshop's control panel, with its PIN.
      await dialog.getByTestId('workshop-start').click();
      await expectURL(control, (u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname), 'the control panel');
      const contestId = new URL(control.url()).pathname.split('/').pop();
      const pinBox = control.getByTestId('contest-pin');
      await expectMatch(pinBox, /^\d{6}$/);
      const pin = (await pinBox.innerText()).trim();
      await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'lobby');
      const res = await control.request.get(`${base}/api/contests/${contestId}`, { timeout: WAIT });
      assert.equal(res.status(), 200, await res.text());
      const contest = await res.json();
      assert.match(contest.title, /^Tập huấn nhanh: Bộ câu hỏi mẫu.* – \d\d\/\d\d\/\d{4}$/);
      assert.equal(contest.rounds.length, 1);
      assert.equal(contest.rounds[0].scoring, 'fixed');
      assert.equal(contest.rounds[0].auto_close, true);
      const q1 = contest.rounds[0].items[0].question;
      assert.equal(contest.rounds[0].items.length, sample.question_count);
      assert.ok(q1.explanation, 'the first question of the sample bank has an explanation');

      // The projector, in its own window with the trainer's login.
      const projectorCtx = await newContext(browser, { ...DESKTOP, viewport: PROJECTOR, storageState: await trainerCtx.storageState() });
      const screen = watchPage(await projectorCtx.newPage(), 'screen', lines);
      await screen.goto(`${base}/screen/${contestId}`);
      await expectText(screen.getByTestId('screen-pin'), pin);

      // A phone joins with the PIN.
      const phoneCtx = await newContext(browser, PHONE);
      const phone = watchPage(await phoneCtx.newPage(), 'phone', lines);
      await phone.goto(`${base}/join`);
      await phone.getByTestId('pin-input').fill(pin);
      await phone.getByTestId('pin-submit').tap();
      await phone.getByTestId('name-input').fill('Hoàng Văn Minh');
      await phone.getByTestId('unit-input').fill('Chi bộ thôn Nam');
      await phone.getByTestId('join-submit').tap();
      await expectContains(phone.getByTestId('lobby'), 'Hoàng Văn Minh');
      await expectText(control.getByTestId('participant-count'), '1');

      // The first question: answered, it closes by itself, then the reveal.
      await command(control, 'start', 'round_intro');
      await command(control, 'next', 'item_open');
      await expectText(phone.getByTestId('question-prompt'), q1.prompt);
      assert.equal(q1.type, 'single');
      await phone.getByTestId(`option-${q1.correct[0]}`).tap();
      // The only contestant answered: the question closes by itself (at once, so the phone
      // may go from its answer straight to the closed screen).
      await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'item_closed');
      await command(control, 'reveal', 'reveal');

      await phone.getByTestId('result-correct').waitFor();
      await expectText(phone.getByTestId('phone-explanation'), `Giải thích: ${q1.explanation}`);
      await expectText(screen.getByTestId('screen-explanation'), `Giải thích: ${q1.explanation}`);
      await shot(phone, '02-phone-reveal', { fullPage: true });
      await shot(screen, '03-screen-reveal');
      await phoneCtx.close();
      await projectorCtx.close();

      // The same from the search page, by topic: two clicks once the topic is chosen.
      await control.goto(`${base}/admin/questions`);
      await control.getByTestId('search-tag').fill('Sinh hoạt chi bộ');
      await expectText(control.getByTestId('search-count'), 'Tìm thấy 28 câu hỏi');
      await control.getByTestId('workshop-open').click();
      const byTag = control.getByTestId('workshop-dialog');
      await expectText(
        byTag.getByTestId('workshop-intro'),
        'Mở phiên tập huấn với 10 câu chọn ngẫu nhiên thuộc chủ đề “Sinh hoạt chi bộ”, từ mọi bộ câu hỏi đồng chí được xem.',
      );
      assert.deepEqual(await byTag.getByTestId('workshop-count').locator('option').allInnerTexts(), ['5 câu', '10 câu', '15 câu', '20 câu', '28 câu']);
      await byTag.getByTestId('workshop-count').selectOption('5');
      await expectContains(byTag.getByTestId('workshop-intro'), 'với 5 câu chọn ngẫu nhiên');
      await shot(control, '04-dialog-by-topic');
      await byTag.getByTestId('workshop-start').click();
      await expectURL(control, (u) => /^\/admin\/contests\/[^/]+$/.test(u.pathname) && u.pathname !== `/admin/contests/${contestId}`, 'the second control panel');
      await expectAttr(control.getByTestId('control-phase'), 'data-phase', 'lobby');
      const secondId = new URL(control.url()).pathname.split('/').pop();
      const second = await (await control.request.get(`${base}/api/contests/${secondId}`)).json();
      assert.match(second.title, /^Tập huấn nhanh: Sinh hoạt chi bộ – /);
      const drawn = second.rounds[0].items.map((it) => it.question);
      assert.equal(drawn.length, 5);
      for (const q of drawn) assert.ok(q.tags.includes('Sinh hoạt chi bộ'), `${q.prompt} is not on the topic`);
      await trainerCtx.close();
    });
  });
});

/** Presses a control-panel command and waits for the phase it leads to. */
async function command(control, cmd, phase) {
  await control.getByTestId(`cmd-${cmd}`).click();
  await expectAttr(control.getByTestId('control-phase'), 'data-phase', phase);
}
