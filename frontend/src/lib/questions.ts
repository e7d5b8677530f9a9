import { fold } from './roster';
import type { Question } from './types';

/** A question as a list shows it: with its number in the whole bank, whatever the search. */
export interface NumberedQuestion {
  question: Question;
  number: number;
}

/**
 * The questions whose prompt contains the query, ignoring case, diacritics and spacing (as the
 * server's search does), each numbered by its place in the bank so "Câu 7" stays "Câu 7".
 */
export function findQuestions(questions: readonly Question[], query: string): NumberedQuestion[] {
  const q = fold(query);
  const all = questions.map((question, i) => ({ question, number: i + 1 }));
  return q ? all.filter((x) => fold(x.question.prompt).includes(q)) : all;
}

/**
 * The picked set after "select all" or "select none" of the questions shown: the others keep
 * whatever they had.
 */
export function pickShown(picked: ReadonlySet<string>, shown: readonly NumberedQuestion[], on: boolean): Set<string> {
  const next = new Set(picked);
  for (const { question } of shown) {
    if (on) next.add(question.id);
    else next.delete(question.id);
  }
  return next;
}
