import type { ResultRound } from './api';
import { m } from './messages.vi';

/** The ranks more than one contestant holds (no tie-break rule separated them). */
export function sharedRanks(standings: readonly { rank: number }[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const s of standings) {
    if (seen.has(s.rank)) shared.add(s.rank);
    seen.add(s.rank);
  }
  return shared;
}

/** A round's column heading: its title, with "×2" when its weight is not 1, or "vòng phụ". */
export function roundHeading(r: ResultRound): { title: string; note: string } {
  if (r.tie_break) return { title: r.title, note: m.results.tieBreakRound };
  return { title: r.title, note: r.weight !== 1 ? m.results.weight(r.weight) : '' };
}

/** The rounds given a column of their own: none for a contest of one ordinary round (its column would be the total). */
export function showRoundColumns(rounds: readonly ResultRound[]): ResultRound[] {
  if (rounds.length === 1 && rounds[0].weight === 1 && !rounds[0].tie_break) return [];
  return [...rounds];
}

/**
 * The note under the questions' keys when a round shuffled the options on each phone: the
 * letters are the bank's order, not those each contestant saw. Empty otherwise.
 */
export function lettersNote(rounds: readonly ResultRound[]): string {
  return rounds.some((r) => r.shuffle_options) ? m.results.shuffledLetters : '';
}
