// The organiser's side driven through the HTTP API, for tests that need a contest in a given
// state without clicking through the control panel: banks with chosen questions, contests,
// commands.

import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ADMIN_USER, DESKTOP, WAIT, newContext } from './server.mjs';

/** Logs in as the organiser in a context of its own; returns helpers over its session. */
export async function organiserAPI(browser, baseUrl) {
  const ctx = await newContext(browser, DESKTOP);
  const login = await ctx.request.post(`${baseUrl}/api/login`, {
    data: { username: ADMIN_USER, password: ADMIN_PASSWORD },
    timeout: WAIT,
  });
  assert.equal(login.status(), 200, await login.text());
  const { csrf_token: csrf } = await login.json();
  const headers = { 'X-CSRF-Token': csrf };

  async function send(method, path, data) {
    const res = await ctx.request.fetch(`${baseUrl}${path}`, { method, headers, data, timeout: WAIT });
    const text = await res.text();
    assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  return {
    ctx,
    /** Any request of the organiser's, checked to succeed; resolves the JSON answer. */
    send,
    /** The organiser's cookies, for a projector context. */
    storageState: () => ctx.storageState(),
    /** A bank holding `questions` (Question fields); resolves the created questions. */
    async bankWith(title, questions) {
      const bank = await send('POST', '/api/banks', { title, description: '' });
      const made = [];
      for (const q of questions) made.push(await send('POST', `/api/banks/${bank.id}/questions`, q));
      return made;
    },
    /** A contest over the given question ids (fixed points) whose questions close only at
     * their deadline or on "close", as these tests drive them; resolves the Contest. */
    contest(title, questionIds) {
      return send('POST', '/api/contests', { title, scoring: 'fixed', round_title: 'Vòng 1', question_ids: questionIds, auto_close: false });
    },
    /** The first question of the sample bank. */
    async sampleQuestionIds(n = 1) {
      const banks = await send('GET', '/api/banks');
      const bank = await send('GET', `/api/banks/${banks.banks[0].id}`);
      return bank.questions.slice(0, n).map((q) => q.id);
    },
    /** Sends a command with the contest's current version; resolves {version, phase}. */
    async command(contestId, cmd, participantId) {
      const c = await send('GET', `/api/contests/${contestId}`);
      return send('POST', `/api/contests/${contestId}/commands`, { cmd, version: c.live.version, participant_id: participantId });
    },
    close: () => ctx.close(),
  };
}
