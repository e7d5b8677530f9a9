// Shared helpers for the browser end-to-end tests: a real hoithi server on a free loopback
// port with a fresh data folder, Debian's Chromium through playwright-core, and a folder for
// screenshots. Nothing here reaches beyond 127.0.0.1.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'matkhau-e2e-123';

const here = dirname(fileURLToPath(import.meta.url));

/** Where screenshots go (gitignored). */
export const OUTPUT_DIR = resolve(here, '..', 'e2e-output');

/** How long any single wait on the page may take. */
export const WAIT = 15_000;

const START_LIMIT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const LOG_LIMIT = 200_000;

/** Every server started by this process and its data folder, cleaned up on exit if a hook did
 * not get to them (a timeout, Ctrl+C). */
const running = new Set();
const dataDirs = new Set();
function killAll() {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

/** A free TCP port on 127.0.0.1 (listen on :0, read it, close). */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts `$HOITHI_BIN serve` on the embedded default (SQLite in a fresh temporary folder) and
 * waits for /healthz. Returns { url, port, dataDir, logs(), dumpLogs(), stop() }.
 */
export async function startServer() {
  const bin = process.env.HOITHI_BIN;
  if (!bin) throw new Error('HOITHI_BIN is not set: build with `go build -o bin/hoithi ./cmd/hoithi` and point HOITHI_BIN at it');

  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(bin);
    } catch (e) {
      lastError = e;
      // The port may have been taken between picking and listening: try another.
    }
  }
  throw lastError;
}

async function startOnce(bin) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'hoithi-e2e-'));
  dataDirs.add(dataDir);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.HOITHI_ADDR;
  Object.assign(env, {
    HOITHI_DATA_DIR: dataDir,
    HOITHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HOITHI_PUBLIC_URL: url,
    HOITHI_LOG_LEVEL: 'info',
    HOITHI_LOG_FORMAT: 'text',
  });

  const child = spawn(bin, ['serve', '-addr', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  const append = (chunk) => {
    log += chunk.toString('utf8');
    if (log.length > LOG_LIMIT) log = '…\n' + log.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = null;
  const exitPromise = new Promise((ok) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      ok();
    }),
  );
  child.on('error', (e) => append(`spawn error: ${e.message}\n`));
  // Resolves true once the process has exited, false after `ms` (the timer never outlives it).
  const exitWithin = (ms) => {
    let timer;
    return Promise.race([
      exitPromise.then(() => true),
      new Promise((ok) => (timer = setTimeout(() => ok(false), ms))),
    ]).finally(() => clearTimeout(timer));
  };

  const server = {
    url,
    port,
    dataDir,
    logs: () => log,
    dumpLogs(label = 'hoithi server log') {
      console.error(`\n----- ${label} (${url}) -----\n${log.trimEnd()}\n----- end of ${label} -----\n`);
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        if (!(await exitWithin(STOP_GRACE_MS))) {
          child.kill('SIGKILL');
          await exitWithin(STOP_GRACE_MS);
        }
      }
      await rm(dataDir, { recursive: true, force: true });
      dataDirs.delete(dataDir);
    },
  };

  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      server.dumpLogs();
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`hoithi exited before it was ready (code ${exited.code}, signal ${exited.signal})`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  server.dumpLogs();
  await server.stop();
  throw new Error(`hoithi did not answer ${url}/healthz with 200 within ${START_LIMIT_MS / 1000} s`);
}

/** Debian's Chromium, headless, without any network of its own. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A phone: iPhone-sized, touch, 2× pixels, Vietnamese locale. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

/** The organiser's laptop. */
export const DESKTOP = { viewport: { width: 1366, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

/** The projector. */
export const PROJECTOR = { width: 1920, height: 1080 };

/** Makes a context whose every wait is bounded. */
export async function newContext(browser, options) {
  const ctx = await browser.newContext(options);
  ctx.setDefaultTimeout(WAIT);
  ctx.setDefaultNavigationTimeout(WAIT);
  return ctx;
}

/**
 * Records what the pages say in their consoles (errors and warnings, uncaught exceptions), so
 * a failing test can show it next to the server log.
 */
export function watchPage(page, label, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') sink.push(`[${label}] console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => sink.push(`[${label}] page error: ${err.message}`));
  return page;
}

/** Makes the output folder and returns a function that saves a full-page screenshot in it. */
export async function screenshots(prefix = '') {
  await mkdir(OUTPUT_DIR, { recursive: true });
  return async (page, name, { fullPage = false } = {}) => {
    const path = join(OUTPUT_DIR, `${prefix}${name}.png`);
    await page.screenshot({ path, fullPage, timeout: WAIT });
    return path;
  };
}

/**
 * Runs a test body; if it fails, prints the server log and the browser console lines
 * collected so far before passing the failure on.
 */
export async function reportOnFailure(server, consoleLines, body) {
  try {
    await body();
  } catch (e) {
    if (consoleLines.length) console.error(`\n----- browser console -----\n${consoleLines.join('\n')}\n----- end of browser console -----`);
    server?.dumpLogs();
    throw e;
  }
}

/** Logs the organiser in through the /login form (lands on `next` or /admin). */
export function logIn(page, baseUrl, next = '') {
  return logInAs(page, baseUrl, ADMIN_USER, ADMIN_PASSWORD, next);
}

/** Logs an account in through the /login form (lands on `next` or /admin). */
export async function logInAs(page, baseUrl, username, password, next = '') {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * A `describe` of browser tests sharing one server and one Chromium, started before its first
 * test and stopped after its last, so that a file holds only its steps:
 *
 *   browserSuite('the organiser pages', (env) => {
 *     env.setUp(async ({ server, browser }) => { … });   // optional, after both are up
 *     env.tearDown(async () => { … });                   // optional, before they stop
 *     env.test('the big button follows the contest', { timeout: 120_000 }, async ({ server, browser, lines }, t) => { … });
 *   });
 *
 * `env.server`, `env.browser` and `env.lines` (the pages' console lines, for watchPage) are set
 * once the suite has started; every `env.test` body and every set-up runs under
 * reportOnFailure, so a failure prints the server log and those lines. `options` may be left
 * out, as with node:test's `test`.
 */
export function browserSuite(name, body) {
  const setUps = [];
  const tearDowns = [];
  const env = {
    server: undefined,
    browser: undefined,
    lines: [],
    /** Runs `fn(env)` once the server and the browser are up, in the order given. */
    setUp(fn) {
      setUps.push(fn);
    },
    /** Runs `fn(env)` before the browser and the server stop. */
    tearDown(fn) {
      tearDowns.push(fn);
    },
    /** A test whose `fn(env, t)` runs under reportOnFailure. */
    test(title, options, fn) {
      if (typeof options === 'function') [options, fn] = [{}, options];
      test(title, options, (t) => reportOnFailure(env.server, env.lines, () => fn(env, t)));
    },
    /** Runs `body(page, ctx)` with a fresh watched page in a context of its own, closed afterwards. */
    async withPage(options, label, body) {
      const ctx = await newContext(env.browser, options);
      try {
        await body(watchPage(await ctx.newPage(), label, env.lines), ctx);
      } finally {
        await ctx.close();
      }
    },
    /** A phone's watched page in a context of its own that has opened the join link of `pin`
     * and sent the form with `name` and `unit` (what the phone shows next is the caller's to
     * check). */
    async joinPhone(options, label, pin, name, unit) {
      const ctx = await newContext(env.browser, options);
      const page = watchPage(await ctx.newPage(), label, env.lines);
      await page.goto(`${env.server.url}/join?pin=${pin}`);
      await page.getByTestId('name-input').fill(name);
      await page.getByTestId('unit-input').fill(unit);
      await page.getByTestId('join-submit').tap();
      return { ctx, page };
    },
    /** A watched page in a context of its own, logged in (as the admin unless `account`
     * names another { username, password }) and on its home page /admin. */
    async organiserPage(options, label, account = { username: ADMIN_USER, password: ADMIN_PASSWORD }) {
      const ctx = await newContext(env.browser, options);
      const page = watchPage(await ctx.newPage(), label, env.lines);
      await logInAs(page, env.server.url, account.username, account.password);
      await page.waitForURL(`${env.server.url}/admin`);
      return { ctx, page };
    },
  };
  describe(name, () => {
    before(async () => {
      env.server = await startServer();
      env.browser = await launchBrowser();
      for (const fn of setUps) await reportOnFailure(env.server, env.lines, () => fn(env));
    });
    after(async () => {
      try {
        for (const fn of tearDowns) await fn(env);
      } finally {
        await env.browser?.close().catch(() => {});
        await env.server?.stop();
      }
    });
    body(env);
  });
}
