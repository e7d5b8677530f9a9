import { isDrawn, roundDrawBody, type RoundDrawForm } from './blueprints';
import type { Scoring } from './types';

/** The kinds of round a contest can have (API.md, "Round kinds"). */
export type RoundKind = 'quiz' | 'elimination' | 'speed_order' | 'buzzer';

export const roundKinds: readonly RoundKind[] = ['quiz', 'elimination', 'speed_order', 'buzzer'];

/** A tie-break rule (API.md, `TieBreak`). */
export type TieBreakRule = 'time' | 'correct' | 'round' | 'join';

export const tieBreakRules: readonly TieBreakRule[] = ['time', 'correct', 'round', 'join'];

/** The settings a round's kind reads (API.md, `RoundSettings`). */
export interface RoundSettings {
  intro: string;
  streak_bonus: number;
  tie_break: boolean;
  golden_bell: number;
  order_points: number[];
  wrong_penalty: number;
  no_negative: boolean;
  steal_sec: number;
  steal_penalty: number;
  star: boolean;
  shuffle_options: boolean;
}

/** One round of `POST /api/contests`. */
export interface RoundRequest {
  title: string;
  kind: RoundKind;
  scoring: Scoring;
  auto_close: boolean;
  weight: number;
  settings: RoundSettings;
  /** Empty for a round drawn from a blueprint, which sends `draw` instead. */
  question_ids: string[];
  draw?: { blueprint_id: string; seed: number; allow_short: boolean };
}

/** The body of `POST /api/contests`. */
export interface ContestRequest {
  title: string;
  rounds: RoundRequest[];
  tie_breaks: { rule: TieBreakRule; round: number }[];
}

/**
 * A round as the builder holds it while it is typed: numbers may be half typed, so they are
 * kept as typed and read only when the contest is sent. `key` follows the round when it moves.
 */
export interface RoundForm {
  key: number;
  title: string;
  kind: RoundKind;
  scoring: Scoring;
  autoClose: boolean;
  weight: number | null;
  intro: string;
  tieBreak: boolean;
  streakBonus: number | null;
  goldenBell: number | null;
  orderPoints: string;
  wrongPenalty: number | null;
  noNegative: boolean;
  stealSec: number | null;
  stealPenalty: number | null;
  star: boolean;
  shuffleOptions: boolean;
  questionIds: string[];
  /** How the questions were drawn from a blueprint, or null for those picked by hand. */
  draw: RoundDrawForm | null;
}

/** A tie-break rule as the builder holds it: a `round` rule names its round by key. */
export interface TieBreakForm {
  rule: TieBreakRule;
  roundKey: number | null;
}

export const defaultOrderPoints = '40, 30, 20, 10';

let lastKey = 0;

/** A new round of the kind, with the server's defaults. */
export function newRound(kind: RoundKind = 'quiz', title = ''): RoundForm {
  return {
    key: ++lastKey,
    title,
    kind,
    scoring: 'fixed',
    autoClose: kind !== 'buzzer',
    weight: 1,
    intro: '',
    tieBreak: false,
    streakBonus: 0,
    goldenBell: 0,
    orderPoints: defaultOrderPoints,
    wrongPenalty: 0,
    noNegative: true,
    stealSec: 0,
    stealPenalty: 0,
    star: false,
    shuffleOptions: false,
    questionIds: [],
    draw: null,
  };
}

/** The round with another kind: a buzzer round never closes by itself, the others do by default. */
export function withKind(r: RoundForm, kind: RoundKind): RoundForm {
  if (r.kind === kind) return r;
  const autoClose = kind === 'buzzer' ? false : r.kind === 'buzzer' ? true : r.autoClose;
  return { ...r, kind, autoClose, scoring: kind === 'buzzer' ? 'fixed' : r.scoring };
}

/** The default rules: less time first, then who joined first (API.md). */
export function defaultTieBreaks(): TieBreakForm[] {
  return [
    { rule: 'time', roundKey: null },
    { rule: 'join', roundKey: null },
  ];
}

/** The list with the entry at i moved by delta places (-1 up, +1 down); unchanged at an end. */
export function moved<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** The list without the entry at i. */
export function removed<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}

/** The rules a new one may still be: each rule at most once. */
export function unusedRules(list: readonly TieBreakForm[]): TieBreakRule[] {
  return tieBreakRules.filter((r) => !list.some((t) => t.rule === r));
}

/**
 * Reads speed-order points typed as "40, 30, 20, 10" (commas, semicolons or spaces between).
 * Null when something other than whole numbers was typed.
 */
export function parseOrderPoints(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return null;
    out.push(Number(p));
  }
  return out;
}

/** Where a problem with the form is: the contest's title, one round, the tie-break rules, or the form as a whole. */
export type Place = { at: 'title' } | { at: 'round'; index: number } | { at: 'tieBreaks' } | { at: 'form' };

/** A problem found before sending, or a refusal placed next to what it is about. */
export interface FormProblem {
  place: Place;
  message: string;
}

/** The Vietnamese messages the builder's own checks use. */
export interface BuildMessages {
  needTitle: string;
  needRounds: string;
  needQuestions: string;
  badWeight: string;
  badNumber: string;
  badOrderPoints: string;
  needTieBreakRound: string;
  roundTitleTooLong: (max: number, n: number) => string;
  introTooLong: (max: number, n: number) => string;
}

/** Bounds of API.md ("Limits"), checked here too because the server's message names no round. */
export const maxRoundTitle = 200;
export const maxIntro = 2000;

const int = (v: number | null): number | null => (v !== null && Number.isInteger(v) ? v : null);

/**
 * Builds `POST /api/contests` from the form, or says what is missing and where. Only what the
 * server cannot say better is checked here (an empty field, a half-typed number); the rest of
 * the rules are the server's, and its message is placed with placeError.
 */
export function buildContestRequest(
  title: string,
  rounds: readonly RoundForm[],
  tieBreaks: readonly TieBreakForm[],
  msg: BuildMessages,
): { request: ContestRequest } | { problem: FormProblem } {
  if (!title.trim()) return { problem: { place: { at: 'title' }, message: msg.needTitle } };
  if (rounds.length === 0) return { problem: { place: { at: 'form' }, message: msg.needRounds } };
  const out: RoundRequest[] = [];
  for (const [index, r] of rounds.entries()) {
    const here = (message: string) => ({ problem: { place: { at: 'round' as const, index }, message } });
    // Characters as the server counts them: code points, after NFC.
    const titleLen = [...r.title.trim().normalize('NFC')].length;
    if (titleLen > maxRoundTitle) return here(msg.roundTitleTooLong(maxRoundTitle, titleLen));
    const introLen = [...r.intro.trim().normalize('NFC')].length;
    if (introLen > maxIntro) return here(msg.introTooLong(maxIntro, introLen));
    if (r.questionIds.length === 0) return here(msg.needQuestions);
    const weight = int(r.weight);
    if (weight === null || weight < 1) return here(msg.badWeight);
    const numbers = [r.streakBonus, r.goldenBell, r.wrongPenalty, r.stealSec, r.stealPenalty].map(int);
    const [streakBonus, goldenBell, wrongPenalty, stealSec, stealPenalty] = numbers;
    const used: Record<RoundKind, (number | null)[]> = {
      quiz: [streakBonus],
      elimination: [goldenBell],
      speed_order: [],
      buzzer: [wrongPenalty, stealSec, stealPenalty],
    };
    if (used[r.kind].some((n) => n === null || n < 0)) return here(msg.badNumber);
    let orderPoints: number[] = [];
    if (r.kind === 'speed_order') {
      const parsed = parseOrderPoints(r.orderPoints);
      if (!parsed) return here(msg.badOrderPoints);
      orderPoints = parsed;
    }
    // Each kind reads its own settings; the others are sent as 0 / false (API.md).
    out.push({
      title: r.title.trim(),
      kind: r.kind,
      scoring: r.kind === 'buzzer' || r.kind === 'speed_order' ? 'fixed' : r.scoring,
      auto_close: r.kind === 'buzzer' ? false : r.autoClose,
      weight,
      settings: {
        intro: r.intro.trim(),
        streak_bonus: r.kind === 'quiz' ? (streakBonus ?? 0) : 0,
        tie_break: r.tieBreak,
        golden_bell: r.kind === 'elimination' ? (goldenBell ?? 0) : 0,
        order_points: orderPoints,
        wrong_penalty: r.kind === 'buzzer' ? (wrongPenalty ?? 0) : 0,
        no_negative: r.kind === 'buzzer' && r.noNegative,
        steal_sec: r.kind === 'buzzer' ? (stealSec ?? 0) : 0,
        steal_penalty: r.kind === 'buzzer' ? (stealPenalty ?? 0) : 0,
        star: r.kind === 'buzzer' && r.star,
        shuffle_options: r.kind !== 'buzzer' && r.shuffleOptions,
      },
      // A round still as drawn is drawn again by the server with its seed, which keeps it.
      ...(r.draw && isDrawn(r) ? { question_ids: [], draw: roundDrawBody(r.draw) } : { question_ids: [...r.questionIds] }),
    });
  }
  const tie_breaks: ContestRequest['tie_breaks'] = [];
  for (const t of tieBreaks) {
    if (t.rule !== 'round') {
      tie_breaks.push({ rule: t.rule, round: 0 });
      continue;
    }
    const i = rounds.findIndex((r) => r.key === t.roundKey);
    if (i < 0) return { problem: { place: { at: 'tieBreaks' }, message: msg.needTieBreakRound } };
    tie_breaks.push({ rule: 'round', round: i + 1 });
  }
  return { request: { title: title.trim(), rounds: out, tie_breaks } };
}

/** The title the server gives a round left untitled ("Vòng 2"). */
function serverTitle(r: RoundForm, i: number): string {
  return r.title.trim().replace(/\s+/g, ' ') || `Vòng ${i + 1}`;
}

/**
 * Places the server's refusal of a new contest next to what it is about. The server names a
 * round by its number ("Vòng 2: …") or its title ("Vòng thi “Tăng tốc”: …"), the contest's
 * title and the tie-break rules by words; anything else goes with the form as a whole.
 */
export function placeError(message: string, rounds: readonly RoundForm[]): Place {
  const byNumber = /^Vòng (\d+):/.exec(message);
  if (byNumber) {
    const index = Number(byNumber[1]) - 1;
    if (index >= 0 && index < rounds.length) return { at: 'round', index };
  }
  const byTitle = /^Vòng thi “([^”]*)”/.exec(message);
  if (byTitle) {
    const index = rounds.findIndex((r, i) => serverTitle(r, i) === byTitle[1].normalize('NFC'));
    if (index >= 0) return { at: 'round', index };
  }
  if (/tiêu chí phụ/i.test(message)) return { at: 'tieBreaks' };
  if (/tên cuộc thi/i.test(message)) return { at: 'title' };
  return { at: 'form' };
}

/** Whether a problem is at this place. */
export function isAt(problem: FormProblem | null, place: Place): boolean {
  if (!problem || problem.place.at !== place.at) return false;
  return place.at !== 'round' || (problem.place.at === 'round' && problem.place.index === place.index);
}

/**
 * A round's picked questions after the organiser picked `pickedInBank` among one bank's
 * `bankIds` (in bank order): that bank's picks in bank order, where its first pick was (or at
 * the end), the other banks' picks untouched.
 */
export function withBankPicks(current: readonly string[], bankIds: readonly string[], pickedInBank: ReadonlySet<string>): string[] {
  const inBank = new Set(bankIds);
  const mine = bankIds.filter((id) => pickedInBank.has(id));
  const at = current.findIndex((id) => inBank.has(id));
  const others = current.filter((id) => !inBank.has(id));
  const before = at < 0 ? others.length : current.slice(0, at).filter((id) => !inBank.has(id)).length;
  return [...others.slice(0, before), ...mine, ...others.slice(before)];
}

/** Rounds after one was removed: a `round` tie-break rule that named it names none. */
export function tieBreaksWithout(list: readonly TieBreakForm[], removedKey: number): TieBreakForm[] {
  return list.map((t) => (t.roundKey === removedKey ? { ...t, roundKey: null } : t));
}
