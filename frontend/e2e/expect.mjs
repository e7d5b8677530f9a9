// Assertions that wait: each polls the page until it holds or the time runs out (WAIT, 15 s,
// unless a timeout is given), then fails with what it saw last. They check what a person
// would see: visible text, how many rows, the phase shown to the organiser.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { WAIT } from './server.mjs';

/** Polls `fn` (resolving { ok, got }) until ok, or fails with `what` and the last `got`. */
export async function waitUntil(what, fn, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn().catch((e) => ({ ok: false, got: String(e?.message ?? e).split('\n')[0] }));
    if (last.ok) return last.got;
    if (Date.now() >= deadline) break;
    await sleep(100);
  }
  assert.fail(`${what}; last seen: ${JSON.stringify(last?.got)}`);
}

const text = async (locator) => (await locator.innerText({ timeout: 1_000 })).trim();

/** The element's visible text is exactly `want` (trimmed). */
export function expectText(locator, want, timeout) {
  return waitUntil(`expected ${locator} to read ${JSON.stringify(want)}`, async () => {
    const got = await text(locator);
    return { ok: got === want, got };
  }, timeout);
}

/** The element's visible text contains `want`. */
export function expectContains(locator, want, timeout) {
  return waitUntil(`expected ${locator} to contain ${JSON.stringify(want)}`, async () => {
    const got = await text(locator);
    return { ok: got.includes(want), got };
  }, timeout);
}

/** The element's visible text matches `re`; resolves the text. */
export function expectMatch(locator, re, timeout) {
  return waitUntil(`expected ${locator} to match ${re}`, async () => {
    const got = await text(locator);
    return { ok: re.test(got), got };
  }, timeout);
}

export function expectAttr(locator, name, want, timeout) {
  return waitUntil(`expected ${locator} to have ${name}=${JSON.stringify(want)}`, async () => {
    const got = await locator.getAttribute(name, { timeout: 1_000 });
    return { ok: got === want, got };
  }, timeout);
}

export function expectClass(locator, re, timeout) {
  return waitUntil(`expected ${locator} to have a class matching ${re}`, async () => {
    const got = (await locator.getAttribute('class', { timeout: 1_000 })) ?? '';
    return { ok: re.test(got), got };
  }, timeout);
}

/** Exactly `n` elements match. */
export function expectCount(locator, n, timeout) {
  return waitUntil(`expected ${n} of ${locator}`, async () => {
    const got = await locator.count();
    return { ok: got === n, got };
  }, timeout);
}

/** The page's address satisfies `test(url)`. */
export function expectURL(page, test, what, timeout) {
  return waitUntil(`expected the address to be ${what}`, async () => {
    const got = page.url();
    return { ok: test(new URL(got)), got };
  }, timeout);
}
