import { urls, type AnalysisOption, type ItemAnalysis } from './api';
import { m } from './messages.vi';

/**
 * The bands of discrimination a trainer reads, after Ebel: 0.4 and over tells the stronger
 * contestants from the weaker ones well; 0.2–0.39 fairly (Ebel's "reasonably good" and
 * "marginal"); under 0.2 hardly; under 0 the weaker did better, most often a wrong key.
 */
export type Band = 'good' | 'fair' | 'weak' | 'negative' | 'unknown';

export const GOOD_D = 0.4;
export const WEAK_D = 0.2;

/** The band of a discrimination D, or 'unknown' when there is none (too few contestants). */
export function band(d: number | null): Band {
  if (d === null || Number.isNaN(d)) return 'unknown';
  if (d < 0) return 'negative';
  if (d < WEAK_D) return 'weak';
  if (d < GOOD_D) return 'fair';
  return 'good';
}

/** "Phân biệt: tốt", "Phân biệt: âm — kiểm tra đáp án"… */
export function bandLabel(d: number | null): string {
  return `${m.analysis.discrimination}: ${m.analysis.bands[band(d)]}`;
}

/** A share as a whole percentage, as Vietnamese writes it: "75%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** How much each flag calls for a look, most first: a wrong key before all. */
const weight: Record<string, number> = {
  negative_discrimination: 8,
  too_hard: 4,
  distractor_draws_upper: 3,
  weak_discrimination: 2,
  unused_option: 1,
  too_easy: 1,
};

/** How much a question calls for a look: 0 for one with nothing to say. */
export function weakness(it: ItemAnalysis): number {
  const flagged = it.flags.reduce((sum, f) => sum + (weight[f] ?? 0), 0);
  return flagged + (popularWrongNote(it) && !it.flags.includes('negative_discrimination') ? weight.negative_discrimination : 0);
}

/** Whether a question is shown as one to look at. */
export function isWeak(it: ItemAnalysis): boolean {
  return it.flags.some((f) => f !== 'too_easy' && f !== 'unused_option') || popularWrongNote(it) !== null;
}

/** The questions in the order the section shows them: the weakest first, then in play order; those without figures last. */
export function sortForReview(items: readonly ItemAnalysis[]): ItemAnalysis[] {
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => {
      const ex = Number(a.it.excluded !== '') - Number(b.it.excluded !== '');
      return ex || weakness(b.it) - weakness(a.it) || a.i - b.i;
    })
    .map(({ it }) => it);
}

function letter(i: number): string {
  return String.fromCharCode(65 + i);
}

/** The flags as short notes, naming the options an option flag is about. */
export function flagNotes(it: ItemAnalysis): string[] {
  return it.flags.map((f) => {
    const label = m.analysis.flags[f] ?? f;
    const pick = f === 'unused_option' ? (o: AnalysisOption) => o.unused : f === 'distractor_draws_upper' ? (o: AnalysisOption) => o.draws_upper : null;
    if (!pick) return label;
    const letters = it.options.flatMap((o, i) => (pick(o) ? [letter(i)] : []));
    return letters.length ? m.analysis.flagOptions(label, letters.join(', ')) : `${label}.`;
  });
}

/**
 * A note for a wrong option that most of the room chose over the key (at least half the
 * answers, more than any right option): the key may be wrong. Unlike the flags it needs no
 * upper and lower group, so it shows in a small workshop too.
 */
export function popularWrongNote(it: ItemAnalysis): string | null {
  const right = it.options.filter((o) => o.correct);
  if (right.length === 0 || it.answered === 0) return null;
  const best = Math.max(...right.map((o) => o.count));
  const at = it.options.findIndex((o) => !o.correct && o.count > best && o.count * 2 >= it.answered);
  if (at < 0) return null;
  const key = it.options.flatMap((o, i) => (o.correct ? [letter(i)] : [])).join(', ');
  return m.analysis.popularWrong(letter(at), key);
}

/** Every note of a question: its flags, then a popular wrong option. */
export function notes(it: ItemAnalysis): string[] {
  const popular = popularWrongNote(it);
  return popular ? [...flagNotes(it), popular] : flagNotes(it);
}

/** One bar of an option chart: its letter, its share of those who answered, and its counts. */
export interface OptionBar {
  letter: string;
  text: string;
  correct: boolean;
  /** 0 … 100, for the bar's width. */
  width: number;
  count: number;
  upper: number;
  lower: number;
  /** A wrong option to look at: nobody chose it, or the upper group chose it more. */
  odd: boolean;
}

/** The option chart of a choice question: each option's share of the answers. */
export function optionBars(it: ItemAnalysis): OptionBar[] {
  const total = Math.max(it.answered, 1);
  return it.options.map((o, i) => ({
    letter: letter(i),
    text: o.text,
    correct: o.correct,
    width: Math.round((o.count / total) * 100),
    count: o.count,
    upper: o.upper,
    lower: o.lower,
    odd: o.unused || o.draws_upper,
  }));
}

/** Where "Sửa câu hỏi này" goes, or why the caller cannot fix the question. */
export function fixLink(it: ItemAnalysis): { href: string } | { reason: string } {
  const s = it.source;
  if (s.can_edit && s.bank_id) return { href: urls.bankQuestion(s.bank_id, s.question_id) };
  return { reason: m.analysis.reasons[s.reason || 'deleted'] };
}
