import type { RoundForm } from './rounds';
import type { Question } from './types';

/** How many levels a part counts: nhận biết, thông hiểu, vận dụng, vận dụng cao. */
export const levelCount = 4;

/** One part of a blueprint (API.md, `BlueprintPart`). */
export interface BlueprintPart {
  tag: string;
  types: string[];
  bank_ids: string[];
  /** Counts of the four levels, nhận biết first. */
  levels: number[];
  any: number;
}

/** A saved blueprint (API.md, `Blueprint`). */
export interface Blueprint {
  id: string;
  title: string;
  owner_id: string;
  owner_name: string;
  parts: BlueprintPart[];
  question_count: number;
  created_at: string;
  updated_at: string;
}

/** A count a draw could not fill (API.md, `Shortfall`). */
export interface Shortfall {
  part: number;
  tag: string;
  /** 1–4, or 0 for “any level”. */
  level: number;
  want: number;
  have: number;
  message: string;
}

/** What a draw gives (API.md, `Draw`). */
export interface Draw {
  seed: number;
  questions: (Question & { bank_title: string })[];
  shortfalls: Shortfall[];
}

/** A topic with its counts (API.md, `TagCount`). */
export interface TagCount {
  tag: string;
  total: number;
  levels: number[];
  unrated: number;
}

/** The body of `POST /api/blueprints/draw`. */
export interface DrawRequest {
  blueprint_id?: string;
  blueprint?: { parts: BlueprintPart[] };
  seed: number;
  exclude: string[];
}

/**
 * A part as the editor holds it: counts may be half typed (null while the box is empty).
 * `key` follows the part when another is removed.
 */
export interface PartForm {
  key: number;
  tag: string;
  levels: (number | null)[];
  any: number | null;
}

let lastKey = 0;

/** A new, empty part. */
export function newPart(tag = ''): PartForm {
  return { key: ++lastKey, tag, levels: Array(levelCount).fill(0), any: 0 };
}

/** The editor's parts of a saved blueprint. */
export function partForms(parts: readonly BlueprintPart[]): PartForm[] {
  return parts.map((p) => ({
    key: ++lastKey,
    tag: p.tag,
    levels: Array.from({ length: levelCount }, (_, i) => p.levels[i] ?? 0),
    any: p.any,
  }));
}

const count = (n: number | null | undefined): number => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0);

/** How many questions a part draws (what is not a whole positive number counts 0). */
export function partTotal(p: PartForm | BlueprintPart): number {
  return p.levels.reduce<number>((s, n) => s + count(n), 0) + count(p.any);
}

/** How many questions the parts draw. */
export function blueprintTotal(parts: readonly (PartForm | BlueprintPart)[]): number {
  return parts.reduce((s, p) => s + partTotal(p), 0);
}

/** The Vietnamese messages the editor's own checks use. */
export interface BlueprintMessages {
  needTitle: string;
  needParts: string;
  badCount: (part: number) => string;
  emptyPart: (part: number) => string;
}

/**
 * The parts as the API takes them, or what is wrong with one, checked before sending: a count
 * that is not a whole number of at least 0, a part of no question. The rest (the round limit,
 * the topic's length) is the server's.
 */
export function partsRequest(parts: readonly PartForm[], msg: BlueprintMessages): { parts: BlueprintPart[] } | { problem: string } {
  if (parts.length === 0) return { problem: msg.needParts };
  const out: BlueprintPart[] = [];
  for (const [i, p] of parts.entries()) {
    const counts = [...p.levels, p.any];
    if (counts.some((n) => n === null || !Number.isInteger(n) || n < 0)) return { problem: msg.badCount(i + 1) };
    if (partTotal(p) === 0) return { problem: msg.emptyPart(i + 1) };
    out.push({ tag: p.tag.trim(), types: [], bank_ids: [], levels: p.levels.map(count), any: count(p.any) });
  }
  return { parts: out };
}

/** The body of `POST /api/blueprints` and `PUT /api/blueprints/:id`. */
export function blueprintRequest(
  title: string,
  parts: readonly PartForm[],
  msg: BlueprintMessages,
): { request: { title: string; parts: BlueprintPart[] } } | { problem: string } {
  if (!title.trim()) return { problem: msg.needTitle };
  const built = partsRequest(parts, msg);
  if ('problem' in built) return built;
  return { request: { title: title.trim(), parts: built.parts } };
}

/** The words a shortfall is said in. */
export interface ShortfallMessages {
  anyTopic: string;
  topic: (tag: string) => string;
  anyLevel: string;
  level: (name: string) => string;
  short: (topic: string, level: string, want: number, have: number) => string;
}

/** Each shortfall in plain Vietnamese: "Chủ đề Điều lệ Đảng, mức vận dụng: cần 2, chỉ có 1 câu". */
export function shortfallLines(shortfalls: readonly Shortfall[], levelNames: readonly string[], msg: ShortfallMessages): string[] {
  return shortfalls.map((s) => {
    const topic = s.tag ? msg.topic(s.tag) : msg.anyTopic;
    const level = s.level > 0 && levelNames[s.level] ? msg.level(levelNames[s.level].toLowerCase()) : msg.anyLevel;
    return msg.short(topic, level, s.want, s.have);
  });
}

/** The largest seed: the largest whole number a browser holds exactly. */
export const maxSeed = Number.MAX_SAFE_INTEGER;

/** Reads a typed seed ("Mã rút đề"): a whole number from 1, or null. */
export function parseSeed(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,16}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= maxSeed ? n : null;
}

/** A new seed of five digits, easy to read aloud and type again. */
export function newSeed(random: () => number = Math.random): number {
  return 10000 + Math.floor(random() * 90000);
}

/** How a round of the contest builder was drawn. */
export interface RoundDrawForm {
  blueprintId: string;
  seed: number;
  /** The questions the draw gave, in order: the round is still “drawn” while its list is these. */
  ids: string[];
  /** The draw was short and the organiser took what there was. */
  short: boolean;
  shortfalls: Shortfall[];
  /** What was drawn, to show. */
  questions: Draw['questions'];
}

/** Whether the round's questions are still exactly what its draw gave (not edited by hand). */
export function isDrawn(r: Pick<RoundForm, 'questionIds' | 'draw'>): boolean {
  const d = r.draw;
  return !!d && d.ids.length === r.questionIds.length && d.ids.every((id, i) => r.questionIds[i] === id);
}

/**
 * The questions a draw for round index leaves out, as the server will when the contest is
 * made: those of every round chosen by hand, and of the drawn rounds before it.
 */
export function drawExclusions(rounds: readonly Pick<RoundForm, 'questionIds' | 'draw'>[], index: number): string[] {
  const out = new Set<string>();
  rounds.forEach((r, j) => {
    if (j === index || (j > index && isDrawn(r))) return;
    for (const id of r.questionIds) out.add(id);
  });
  return [...out];
}

/** The body of a draw for the round editor. */
export function drawRequest(blueprintId: string, seed: number, exclude: readonly string[]): DrawRequest {
  return { blueprint_id: blueprintId, seed, exclude: [...exclude] };
}

/** The `draw` of a round of `POST /api/contests`, sent instead of its question ids. */
export function roundDrawBody(d: RoundDrawForm): { blueprint_id: string; seed: number; allow_short: boolean } {
  return { blueprint_id: d.blueprintId, seed: d.seed, allow_short: d.short };
}
