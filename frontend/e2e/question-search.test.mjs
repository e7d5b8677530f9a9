// The search across banks in a real browser: from the home page, a text typed without
// diacritics finds the sample bank's questions, a topic narrows them, a text found nowhere says
// so, and a question found opens its bank.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, launchBrowser, logIn, newContext, reportOnFailure, screenshots, startServer, watchPage } from './server.mjs';
import { expectContains, expectCount, expectURL, waitUntil } from './expect.mjs';
import { organiserAPI } from './organiser.mjs';

const LAPTOP = { ...DESKTOP, viewport: { width: 1366, height: 768 } };

describe('the search across banks', () => {
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

  test('a trainer finds questions without diacritics, by topic, and opens their bank', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const shot = await screenshots('search-');
      const base = server.url;
      const ctx = await newContext(browser, LAPTOP);
      const page = watchPage(await ctx.newPage(), 'search', lines);
      await logIn(page, base);
      await page.waitForURL(`${base}/admin`);
      await page.getByTestId('open-question-search').click();
      await expectURL(page, (u) => u.pathname === '/admin/questions', 'the search page');

      await page.getByTestId('search-text').fill('sinh hoat chi bo');
      const hits = page.getByTestId('search-hit');
      await waitUntil('expected questions about sinh hoạt chi bộ', async () => {
        const n = await hits.count();
        return { ok: n > 0, got: n };
      });
      for (const text of await hits.allInnerTexts()) {
        assert.match(text.toLocaleLowerCase('vi'), /sinh hoạt chi bộ/, `a question found without the words: ${text}`);
      }
      const all = await hits.count();

      await page.getByTestId('search-tag').fill('Xây dựng Đảng');
      await waitUntil('expected the topic to narrow the questions', async () => {
        const n = await hits.count();
        return { ok: n < all, got: n };
      });
      for (const text of await hits.allInnerTexts()) assert.match(text, /Xây dựng Đảng/);
      await shot(page, '01-found', { fullPage: true });

      await page.getByTestId('search-tag').fill('');
      await page.getByTestId('search-text').fill('khong co cau hoi nao nhu the nay');
      await expectContains(page.getByTestId('search-none'), 'Không tìm thấy');

      await page.getByTestId('search-text').fill('sinh hoat chi bo');
      await hits.first().click();
      await page.waitForURL(/\/admin\/banks\//);
      await ctx.close();
    });
  });

  test('a search finding more than a page shows the rest on request', { timeout: 90_000 }, async () => {
    await reportOnFailure(server, lines, async () => {
      const base = server.url;
      const org = await organiserAPI(browser, base);
      const questions = Array.from({ length: 55 }, (_, i) => ({
        type: 'single', prompt: `Câu luyện tìm kiếm số ${i + 1}: chọn phương án A.`, options: ['A', 'B'], correct: [0],
      }));
      await org.bankWith('Bộ luyện tìm kiếm', questions);
      await org.close();
      const ctx = await newContext(browser, LAPTOP);
      const page = watchPage(await ctx.newPage(), 'search-more', lines);
      await logIn(page, base, '/admin/questions');
      await page.waitForURL(`${base}/admin/questions`);
      await page.getByTestId('search-text').fill('luyen tim kiem');
      const hits = page.getByTestId('search-hit');
      await expectCount(hits, 50);
      await page.getByTestId('search-more').click();
      await expectCount(hits, 55);
      await expectCount(page.getByTestId('search-more'), 0);
      assert.match(await hits.last().innerText(), /số 55:/);
      await expectContains(page.getByTestId('search-count'), 'Tìm thấy 55 câu hỏi');
      await ctx.close();
    });
  });
});
