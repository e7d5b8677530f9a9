import { formatNumber } from './kinds';
import { m, optionLetter } from './messages.vi';
import type { Question } from './types';

/** Two or more questions of a bank with one prompt, by position (GET /api/banks/:id/duplicates). */
export interface DuplicateGroup {
  key: string;
  questions: Question[];
}

/** The notice above the bank, or '' when it has no duplicates. */
export function noticeText(groups: readonly DuplicateGroup[]): string {
  return groups.length > 0 ? m.duplicates.notice(groups.length) : '';
}

/** How two tags are the same tag, as the server drops repeats: case and spacing set aside. */
function tagKey(t: string): string {
  return t.normalize('NFC').split(/\s+/).filter(Boolean).join(' ').toLowerCase();
}

/** What keeping one question of a group and folding the others into it will do. */
export interface MergePlan {
  keep: Question;
  remove: Question[];
  /** The tags the kept question gains, in the spelling first met. */
  addedTags: string[];
  /** The explanation and source it gains, when it has none ('' when it gains none). */
  explanation: string;
  source: string;
}

/**
 * The merge the server makes (quiz.Merge): the kept question stays as it is and gains the
 * others' tags it lacks, and their first explanation and source only when it has none; the
 * others are deleted.
 */
export function mergePlan(group: DuplicateGroup, keepId: string): MergePlan {
  const keep = group.questions.find((q) => q.id === keepId) ?? group.questions[0];
  const remove = group.questions.filter((q) => q.id !== keep.id);
  const seen = new Set((keep.tags ?? []).map(tagKey));
  const addedTags: string[] = [];
  let explanation = '';
  let source = '';
  for (const q of remove) {
    for (const t of q.tags ?? []) {
      if (t.trim() && !seen.has(tagKey(t))) {
        seen.add(tagKey(t));
        addedTags.push(t);
      }
    }
    if (!keep.explanation && !explanation) explanation = q.explanation;
    if (!keep.source && !source) source = q.source;
  }
  return { keep, remove, addedTags, explanation, source };
}

/** The confirmation of a merge, naming the questions by their number in the bank. */
export function confirmMergeText(plan: MergePlan, numberOf: (q: Question) => number): string {
  const gains: string[] = [];
  if (plan.addedTags.length > 0) gains.push(m.duplicates.gainsTags(plan.addedTags));
  if (plan.explanation) gains.push(m.duplicates.gainsExplanation);
  if (plan.source) gains.push(m.duplicates.gainsSource(plan.source));
  return m.duplicates.confirmMerge(numberOf(plan.keep), plan.remove.map(numberOf), gains);
}

/** A question's answer key in words, to compare duplicates side by side. */
export function keyText(q: Question): string {
  switch (q.type) {
    case 'short':
      return (q.answers ?? []).join(' / ');
    case 'numeric':
      return q.tolerance ? `${formatNumber(q.value ?? 0)} (± ${formatNumber(q.tolerance)})` : formatNumber(q.value ?? 0);
    case 'ordering':
      return q.options.join(' → ');
  }
  return q.correct.map((i) => `${optionLetter(i)}. ${q.options[i] ?? ''}`).join('; ');
}

/** A question's options in words, lettered, or '' for the kinds without options. */
export function optionsText(q: Question): string {
  if (q.type === 'short' || q.type === 'numeric' || q.type === 'truefalse') return '';
  return q.options.map((o, i) => (q.type === 'ordering' ? o : `${optionLetter(i)}. ${o}`)).join(' · ');
}
