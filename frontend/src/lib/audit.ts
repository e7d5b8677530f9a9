import type { Audit, CommandLog, ScoreChange } from './api';
import { m } from './messages.vi';

/** One line of the "Nhật ký" as a person reads it. */
export interface AuditRow {
  key: string;
  at: string;
  kind: 'score' | 'command';
  /** What happened, in words. */
  text: string;
  /** The points before → after, for a score change. */
  change: string;
  /** The organiser's reason or note, if any. */
  note: string;
  /** Who decided it; "Tự động" for automatic scoring. */
  who: string;
}

/**
 * The log with the lines of a later answer (`audit?after=`) added; lines it already has (two
 * answers for the same version) are not added twice.
 */
export function withLater(a: Audit | null, later: Audit): Audit {
  if (!a) return later;
  const changes = new Set(a.score_changes.map((c) => c.id));
  const commands = new Set(a.commands.map((c) => c.version));
  return {
    version: Math.max(a.version, later.version),
    score_changes: [...a.score_changes, ...later.score_changes.filter((c) => !changes.has(c.id))],
    commands: [...a.commands, ...later.commands.filter((c) => !commands.has(c.version))],
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/** A score change in words: the contestant, why, where, and the points before → after. */
export function scoreRow(c: ScoreChange): AuditRow {
  const reason = m.audit.reasons[c.reason] ?? c.reason;
  return {
    key: `s${c.id}`,
    at: c.at,
    kind: 'score',
    text: `${c.name}: ${reason} (${m.audit.place(c.round, c.item)})`,
    change: `${c.before} → ${c.after} (${signed(c.points)})`,
    note: c.note,
    who: c.actor_name || m.audit.auto,
  };
}

/** What a command did, in words. */
export function commandText(c: CommandLog): string {
  switch (c.cmd) {
    case 'extend':
      return m.audit.extend(c.seconds);
    case 'adjust':
      return m.audit.adjust(c.name, c.points, c.round);
    case 'rescue':
      if (c.all) return m.audit.rescueAll;
      if (c.best > 0) return m.audit.rescueBest(c.best);
      return m.audit.rescueChosen(c.participant_ids?.length ?? 0);
    case 'mark':
      return c.name ? m.audit.mark(c.name, c.right) : m.audit.markNoName(c.right);
    case 'star':
      return m.audit.star(c.name);
    case 'kick':
      return m.audit.kick(c.name);
    case 'rejoin':
      return m.audit.rejoin(c.name);
    default:
      return m.audit.commands[c.cmd] ?? m.audit.unknown(c.cmd);
  }
}

export function commandRow(c: CommandLog, i: number): AuditRow {
  return { key: `c${c.version}-${i}`, at: c.at, kind: 'command', text: commandText(c), change: '', note: c.reason, who: c.actor_name };
}

/**
 * The log's lines, score changes and commands together by time (oldest first, or newest first
 * for the control panel, where the last thing done matters most). At the same instant a
 * command comes before the score changes it caused.
 */
export function auditRows(a: Audit | null, newestFirst = false): AuditRow[] {
  if (!a) return [];
  const rows = [...(a.commands ?? []).map(commandRow), ...(a.score_changes ?? []).map(scoreRow)];
  const t = (r: AuditRow) => Date.parse(r.at) || 0;
  // sort is stable: commands were put first, so they stay first among equal times.
  rows.sort((x, y) => t(x) - t(y));
  return newestFirst ? rows.reverse() : rows;
}

/**
 * A fingerprint of everyone's score: when it changes, the log has new lines to fetch. Null
 * when nobody is listed, so an empty list does not fetch.
 */
export function scoresKey(participants: readonly { id: string; score: number }[]): string | null {
  if (participants.length === 0) return null;
  return participants.map((p) => `${p.id}:${p.score}`).join(',');
}

/** A day and time as Vietnamese writes them: "14:02 01/12/2026". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** The time of a log line, to the second (the day is the contest's). */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
