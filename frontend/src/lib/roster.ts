import type { HostParticipant } from './types';

/** Lowercase without Vietnamese diacritics, so "nguyen van an" finds "Nguyễn Văn An". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many rows of the participant list the control panel draws at most. */
export const rosterLimit = 200;

/**
 * The rows the control panel shows: those whose name or unit contains the query (ignoring
 * case and diacritics), the ones still in the contest first, highest score first, then in
 * join order; at most `limit` of them. `total` is how many matched.
 */
export function roster(
  participants: HostParticipant[],
  query: string,
  limit = rosterLimit,
): { rows: HostParticipant[]; total: number } {
  const q = fold(query);
  const matched = q
    ? participants.filter((p) => fold(p.name).includes(q) || fold(p.unit).includes(q))
    : [...participants];
  matched.sort((a, b) => Number(a.kicked) - Number(b.kicked) || b.score - a.score || a.join_order - b.join_order);
  return { rows: matched.slice(0, limit), total: matched.length };
}
