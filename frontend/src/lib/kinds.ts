import type { QuestionType } from './types';
import type { Reveal } from './wire';

/** Question types answered by typing rather than tapping an option. */
export function isTyped(type: string): boolean {
  return type === 'short' || type === 'numeric';
}

/** Question types answered by choosing options. */
export function isChoice(type: string): boolean {
  return type === 'single' || type === 'multi' || type === 'truefalse';
}

/** The question types a bank offers, in the order the form lists them. */
export const questionTypes: readonly QuestionType[] = ['single', 'multi', 'truefalse', 'short', 'numeric', 'ordering'];

/** The list in its shown order: position i holds shown position i. */
export function shownOrder(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The order after moving the entry at place i one place up (delta −1) or down (+1); the same
 * order when it cannot move that way.
 */
export function moveItem(order: readonly number[], i: number, delta: -1 | 1): number[] {
  const j = i + delta;
  const next = [...order];
  if (i < 0 || i >= order.length || j < 0 || j >= order.length) return next;
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** A number as Vietnamese writes it: a decimal comma, "1930", "3,5". */
export function formatNumber(v: number): string {
  return String(v).replace('.', ',');
}

/** Whether every mark in s is followed by exactly three digits and the first group has 1–3. */
function groupedByThousands(s: string, mark: string): boolean {
  const parts = s.replace(/^[+-]+/, '').split(mark);
  if (parts.length < 2 || parts[0].length < 1 || parts[0].length > 3) return false;
  return parts.slice(1).every((p) => p.length === 3);
}

/**
 * Reads a number as a Vietnamese phone user types it, as the server does: "3,5" and "3.5" are
 * three and a half; "1.930" and "1 930" group thousands; where both marks appear the last is
 * the decimal mark. Null when it is not a number.
 */
export function parseNumber(raw: string): number | null {
  let s = raw.replace(/\s+/g, '').replace(/−/g, '-');
  if (!s || s.length > 40) return null;
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) {
    const thousands = comma > dot ? '.' : ',';
    s = s.split(thousands).join('').replace(/,/g, '.');
  } else if (comma >= 0) {
    if (s.split(',').length > 2) {
      if (!groupedByThousands(s, ',')) return null;
      s = s.replace(/,/g, '');
    } else {
      s = s.replace(',', '.');
    }
  } else if (dot >= 0 && groupedByThousands(s, '.')) {
    s = s.replace(/\./g, '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** What a reveal says the question needed, as lines to show: empty for choice questions. */
export function keyLines(type: string, options: readonly string[], reveal: Pick<Reveal, 'answers' | 'value' | 'tolerance' | 'order'>): string[] {
  switch (type) {
    case 'short':
      return [...(reveal.answers ?? [])];
    case 'numeric':
      if (reveal.value === undefined) return [];
      return [reveal.tolerance ? `${formatNumber(reveal.value)} (± ${formatNumber(reveal.tolerance)})` : formatNumber(reveal.value)];
    case 'ordering':
      return (reveal.order ?? []).map((p) => options[p] ?? '');
  }
  return [];
}

/** What a phone sent, in words: the text typed, or the items in the order put. */
export function sentWords(type: string, options: readonly string[], sent: { text?: string; order?: number[] } | null | undefined): string[] {
  if (!sent) return [];
  if (isTyped(type)) return sent.text ? [sent.text] : [];
  if (type === 'ordering') return (sent.order ?? []).map((p) => options[p] ?? '');
  return [];
}

/** How many got it right, for typed and ordering questions (their distribution's one count). */
export function rightCount(type: string, distribution: readonly number[]): number | null {
  return isTyped(type) || type === 'ordering' ? (distribution[0] ?? 0) : null;
}
