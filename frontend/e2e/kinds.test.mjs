// The question kinds beyond choices, end to end: in the bank editor the organiser writes a
// short-answer question (accepted without diacritics), a numeric one with a tolerance and an
// ordering one; a contest of them is played on two phones (one types the short answer without
// diacritics, one reloads with its typed answer; the ordering list is put in order with the
// big ▲ ▼ buttons); the projector's reveal shows the accepted answer, the value and the right
// order with how many got each right; the results page lists what was typed.

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, PROJECTOR, browserSuite, logIn, newContext, screenshots, watchPage } from './server.mjs';
import { organiserAPI } from './organiser.mjs';
import { expectContains, expectText, waitUntil } from './expect.mjs';

const RIGHT_ORDER = ['Khai mạc', 'Thảo luận', 'Biểu quyết'];

browserSuite('typed and ordering questions from the bank editor to the results', (env) => {
  env.test('written in the bank, answered on phones, shown on the projector and in the results', { timeout: 180_000 }, async ({ server, browser, lines }) => {
    const shot = await screenshots('kinds-');
    const base = server.url;
    const org = await organiserAPI(browser, base);
    await org.bankWith('Bộ câu hỏi đủ loại', []);
    const banks = await (await org.ctx.request.get(`${base}/api/banks`)).json();
    const bank = banks.banks.find((b) => b.title === 'Bộ câu hỏi đủ loại');

    // The bank editor: three questions of the new kinds.
    const desk = await newContext(browser, DESKTOP);
    const page = watchPage(await desk.newPage(), 'bank', lines);
    await logIn(page, base, `/admin/banks/${bank.id}`);
    const addQuestion = async (type, fill) => {
      await page.getByTestId('add-question').click();
      const form = page.getByTestId('question-form');
      await form.getByTestId(`qtype-${type}`).check();
      await fill(form);
      await form.getByTestId('q-time').fill('300');
      await form.getByTestId('q-save').click();
      await page.getByTestId('question-added').waitFor();
    };
    await addQuestion('short', async (form) => {
      await form.getByTestId('q-prompt').fill('Cơ quan lãnh đạo cao nhất của chi bộ là gì?');
      await form.getByTestId('q-answer-0').fill('Đại hội chi bộ');
      await form.getByTestId('q-add-answer').click();
      await form.getByTestId('q-answer-1').fill('Hội nghị đảng viên');
      await form.getByTestId('q-no-diacritics').check();
      await shot(page, 'bank-short');
    });
    await addQuestion('numeric', async (form) => {
      await form.getByTestId('q-prompt').fill('Đảng Cộng sản Việt Nam được thành lập vào năm nào?');
      await form.getByTestId('q-value').fill('1930');
      await form.getByTestId('q-tolerance').fill('0');
      await shot(page, 'bank-numeric');
    });
    await addQuestion('ordering', async (form) => {
      await form.getByTestId('q-prompt').fill('Sắp xếp các bước của một buổi sinh hoạt chi bộ theo đúng thứ tự');
      for (const [i, item] of RIGHT_ORDER.entries()) await form.getByTestId(`q-option-${i}`).fill(item);
      await form.getByTestId('q-option-3').locator('xpath=..').getByRole('button').click();
      await form.getByTestId('q-partial').check();
      await shot(page, 'bank-ordering');
    });
    await expectContains(page.getByTestId('question-key').first(), 'Đại hội chi bộ / Hội nghị đảng viên');
    await shot(page, 'bank-list');

    const full = await (await org.ctx.request.get(`${base}/api/banks/${bank.id}`)).json();
    assert.deepEqual(full.questions.map((q) => q.type), ['short', 'numeric', 'ordering']);
    assert.deepEqual(full.questions[0].answers, ['Đại hội chi bộ', 'Hội nghị đảng viên']);
    assert.equal(full.questions[0].no_diacritics, true);
    assert.equal(full.questions[1].value, 1930);
    assert.deepEqual(full.questions[2].options, RIGHT_ORDER);
    const contest = await org.contest('Hội thi đủ loại câu hỏi', full.questions.map((q) => q.id));
    const id = contest.id;

    const projector = await newContext(browser, { ...DESKTOP, viewport: PROJECTOR, storageState: await org.storageState() });
    const screen = watchPage(await projector.newPage(), 'screen', lines);
    await screen.goto(`${base}/screen/${id}`);
    await expectText(screen.getByTestId('screen-pin'), contest.pin);

    const phones = [];
    for (const [i, p] of [{ name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' }, { name: 'Trần Thị Bình', unit: 'Chi bộ thôn Đoài' }].entries()) {
      const { ctx, page: pg } = await env.joinPhone(PHONE, `phone ${i + 1}`, contest.pin, p.name, p.unit);
      await expectContains(pg.getByTestId('lobby'), p.name);
      phones.push(pg);
    }
    const [an, binh] = phones;

    // The short answer: An types it without diacritics, Bình reloads after sending hers.
    await org.command(id, 'start');
    await org.command(id, 'next');
    await an.getByTestId('typed-answer').waitFor();
    assert.equal(await an.getByTestId('typed-answer').getAttribute('inputmode'), 'text');
    await shot(an, 'phone-short');
    await shot(screen, 'screen-short-open');
    await an.getByTestId('typed-answer').fill('dai hoi chi bo');
    await an.getByTestId('typed-send').tap();
    await binh.getByTestId('typed-answer').fill('Chi uỷ');
    await binh.getByTestId('typed-send').tap();
    await an.getByTestId('answer-acked').waitFor();
    await binh.getByTestId('answer-acked').waitFor();
    await shot(an, 'phone-short-acked');
    await binh.reload();
    await expectText(binh.getByTestId('typed-sent').locator('.text'), 'Chi uỷ');
    await binh.getByTestId('answer-acked').waitFor();
    await org.command(id, 'close');
    await org.command(id, 'reveal');
    await an.getByTestId('result-correct').waitFor();
    await binh.getByTestId('result-wrong').waitFor();
    await expectContains(an.getByTestId('phone-key'), 'Đại hội chi bộ');
    await expectContains(an.getByTestId('phone-sent'), 'dai hoi chi bo');
    await expectContains(screen.getByTestId('screen-typed-key'), 'Đại hội chi bộ');
    await expectContains(screen.getByTestId('screen-typed-key'), 'không dấu');
    await expectText(screen.getByTestId('screen-right-count'), '1/2 đồng chí trả lời đúng');
    await shot(an, 'phone-short-reveal');
    await shot(binh, 'phone-short-reveal-wrong');
    await shot(screen, 'screen-short-reveal');

    // The number: "1.930" is 1930 as Vietnamese writes it; words are refused on the phone.
    await org.command(id, 'next');
    await an.getByTestId('typed-answer').waitFor();
    assert.equal(await an.getByTestId('typed-answer').getAttribute('inputmode'), 'decimal');
    await binh.getByTestId('typed-answer').fill('năm ba mươi');
    await binh.getByTestId('typed-send').tap();
    await expectContains(binh.getByRole('alert'), 'chữ số');
    await shot(binh, 'phone-numeric-not-a-number');
    await binh.getByTestId('typed-answer').fill('1931');
    await binh.getByTestId('typed-send').tap();
    await an.getByTestId('typed-answer').fill('1.930');
    await an.getByTestId('typed-send').tap();
    await an.getByTestId('answer-acked').waitFor();
    await binh.getByTestId('answer-acked').waitFor();
    await org.command(id, 'close');
    await org.command(id, 'reveal');
    await an.getByTestId('result-correct').waitFor();
    await binh.getByTestId('result-wrong').waitFor();
    await expectContains(screen.getByTestId('screen-typed-key'), '1930');
    await expectText(screen.getByTestId('screen-right-count'), '1/2 đồng chí trả lời đúng');
    await shot(screen, 'screen-numeric-reveal');
    await shot(an, 'phone-numeric-reveal');

    // The ordering: An puts the items right with ▲ ▼; Bình sends the list as it came.
    await org.command(id, 'next');
    await an.getByTestId('ordering-list').waitFor();
    await shot(an, 'phone-ordering');
    await shot(screen, 'screen-ordering-open');
    for (let place = 0; place < RIGHT_ORDER.length; place++) {
      for (;;) {
        const texts = await an.getByTestId('ordering-item').locator('.text').allInnerTexts();
        const at = texts.indexOf(RIGHT_ORDER[place]);
        if (at === place) break;
        await an.getByTestId(`move-up-${at}`).tap();
      }
    }
    await shot(an, 'phone-ordering-sorted');
    await an.getByTestId('ordering-send').tap();
    await binh.getByTestId('ordering-send').tap();
    await an.getByTestId('answer-acked').waitFor();
    await binh.getByTestId('answer-acked').waitFor();
    await org.command(id, 'close');
    await org.command(id, 'reveal');
    await an.getByTestId('result-correct').waitFor();
    const key = screen.getByTestId('screen-typed-key');
    await waitUntil('the projector lists the right order', async () => {
      const got = (await key.locator('li').allInnerTexts()).map((t) => t.replace(/^\d+\s*/, '').trim());
      return { ok: got.join('|') === RIGHT_ORDER.join('|'), got };
    });
    await expectText(screen.getByTestId('screen-right-count'), '1/2 đồng chí trả lời đúng');
    await shot(screen, 'screen-ordering-reveal');
    await shot(an, 'phone-ordering-reveal');
    await shot(binh, 'phone-ordering-reveal-other');

    // The control panel says the same to the organiser.
    const control = watchPage(await desk.newPage(), 'control', lines);
    await control.goto(`${base}/admin/contests/${id}`);
    await expectContains(control.getByTestId('control-typed-key'), 'Khai mạc → Thảo luận → Biểu quyết');
    await expectContains(control.getByTestId('control-typed-key'), '1/2 đồng chí trả lời đúng');
    await shot(control, 'control-ordering-reveal');

    await org.command(id, 'finish');
    const results = watchPage(await desk.newPage(), 'results', lines);
    await results.goto(`${base}/admin/contests/${id}/results`);
    const rows = results.getByTestId('results-question');
    await waitUntil('three questions in the results', async () => {
      const got = await rows.count();
      return { ok: got === 3, got };
    });
    await expectContains(rows.nth(0), 'dai hoi chi bo');
    await expectContains(rows.nth(0), 'Chi uỷ');
    await expectContains(rows.nth(1), '1.930');
    await expectContains(rows.nth(2), 'Khai mạc → Thảo luận → Biểu quyết');
    await shot(results, 'results');
  });
});
