import { m } from './messages.vi';
import type { Contest } from './types';

/** The most questions one round, and so one workshop, holds (quiz.MaxRoundItems). */
export const maxWorkshopQuestions = 200;

/** How many questions a workshop by topic may be asked for, and the one chosen at first. */
export const tagCounts = [5, 10, 15, 20, 30] as const;
export const defaultTagCount = 10;

/**
 * Where a workshop's questions come from: a bank (with how many it has) or a topic, with how
 * many questions it has when the page knows (a search by that topic alone, found whole).
 */
export type WorkshopSource = { bankId: string; bankTitle: string; questionCount: number } | { tag: string; available?: number };

/** POST /api/workshops's body (API.md, "Workshops"). */
export type WorkshopRequest = { bank_id: string } | { tag: string; count: number };

/** What POST /api/workshops answers: the new contest, and what of its source it left out. */
export type Workshop = Contest & { left_out: number; seed: number };

/** The topic as the server compares it: trimmed, inner spaces made one. */
export function cleanTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}

/** The body that asks for a workshop of source; count matters only for a topic. */
export function workshopRequest(source: WorkshopSource, count = defaultTagCount): WorkshopRequest {
  if ('bankId' in source) return { bank_id: source.bankId };
  return { tag: cleanTag(source.tag), count };
}

/**
 * What the dialog says will happen, before the trainer starts: how many questions, from
 * where. Empty when there is nothing to start (a bank without questions: `emptyBank` says so).
 */
export function workshopIntro(source: WorkshopSource, count = defaultTagCount): string {
  if ('bankId' in source) {
    const n = Math.min(source.questionCount, maxWorkshopQuestions);
    if (n === 0) return '';
    return source.questionCount > n
      ? m.workshop.firstOfBank(n, source.bankTitle, source.questionCount)
      : m.workshop.ofBank(n, source.bankTitle);
  }
  const tag = cleanTag(source.tag);
  if (source.available !== undefined && count >= source.available) return m.workshop.allOfTag(source.available, tag);
  return m.workshop.ofTag(count, tag, source.available !== undefined);
}

/** The counts a topic's workshop offers: up to how many the topic has, when that is known. */
export function tagCountChoices(source: WorkshopSource): number[] {
  const a = 'tag' in source ? source.available : undefined;
  if (a === undefined || a <= 0 || a > tagCounts[tagCounts.length - 1]) return [...tagCounts];
  return [...tagCounts.filter((n) => n < a), a];
}

/** The count a topic's dialog starts with: ten, or all of a smaller topic. */
export function firstTagCount(source: WorkshopSource): number {
  const choices = tagCountChoices(source);
  return choices.includes(defaultTagCount) ? defaultTagCount : choices[choices.length - 1];
}

/** Whether the workshop can be started as it stands (a bank with questions, a topic named). */
export function canStart(source: WorkshopSource): boolean {
  return 'bankId' in source ? source.questionCount > 0 : cleanTag(source.tag) !== '';
}
