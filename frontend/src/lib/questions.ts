import { parseNumber } from './kinds';
import { m } from './messages.vi';
import { fold } from './roster';
import type { Question, QuestionInput, QuestionType } from './types';

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

/** What the bank's question form holds while the trainer types: numbers as typed. */
export interface QuestionDraft {
  type: QuestionType;
  prompt: string;
  options: string[];
  correct: number[];
  partial: boolean;
  answers: string[];
  noDiacritics: boolean;
  value: string;
  tolerance: string;
  timeLimit: number | string;
  points: number | string;
  explanation: string;
  source: string;
  /** The topic tags as typed: separated by commas or semicolons. */
  tags: string;
  difficulty: number | string;
  /** The id of the picture uploaded for the question, or "". */
  image: string;
}

/** The tags typed in one field, separated by commas or semicolons, each once. */
export function splitTags(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(/[,;]/)) {
    const tag = t.trim().replace(/\s+/g, ' ');
    if (tag && !out.some((o) => o.toLocaleLowerCase('vi') === tag.toLocaleLowerCase('vi'))) out.push(tag);
  }
  return out;
}

/**
 * The question the form's draft makes, or the first thing the trainer still has to fix, in
 * Vietnamese. Each type sends only its own key; the server checks the rest again.
 */
export function questionFromDraft(d: QuestionDraft, trueFalse: readonly string[]): { input: QuestionInput } | { error: string } {
  const prompt = d.prompt.trim();
  if (!prompt) return { error: m.bank.needPrompt };
  const input: QuestionInput = {
    type: d.type,
    prompt,
    options: [],
    correct: [],
    partial: false,
    answers: [],
    no_diacritics: false,
    value: 0,
    tolerance: 0,
    time_limit_sec: Number(d.timeLimit) || 20,
    points: Number(d.points) || 100,
    explanation: d.explanation.trim(),
    source: d.source.trim(),
    tags: splitTags(d.tags),
    difficulty: Number(d.difficulty) || 0,
    image: d.image,
  };
  switch (d.type) {
    case 'short': {
      const answers = d.answers.map((a) => a.trim()).filter(Boolean);
      if (answers.length === 0) return { error: m.bank.needAnswers };
      return { input: { ...input, answers, no_diacritics: d.noDiacritics } };
    }
    case 'numeric': {
      const value = parseNumber(d.value);
      if (value === null) return { error: m.bank.needValue };
      const tolerance = d.tolerance.trim() ? parseNumber(d.tolerance) : 0;
      if (tolerance === null || tolerance < 0) return { error: m.bank.badTolerance };
      return { input: { ...input, value, tolerance } };
    }
    case 'ordering': {
      const options = d.options.map((o) => o.trim());
      if (options.length < 2 || options.some((o) => !o)) return { error: m.bank.needItems };
      return { input: { ...input, options, partial: d.partial } };
    }
  }
  const options = d.type === 'truefalse' ? [...trueFalse] : d.options.map((o) => o.trim());
  if (options.some((o) => !o)) return { error: m.bank.needOptions };
  if (d.correct.length === 0) return { error: m.bank.needCorrect };
  return { input: { ...input, options, correct: [...d.correct], partial: d.type === 'multi' && d.partial } };
}
