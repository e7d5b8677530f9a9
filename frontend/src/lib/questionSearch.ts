import type { QuestionType } from './types';

/** What the trainer chose on the search page. Empty text and "" filters mean "any". */
export interface SearchForm {
  text: string;
  bankId: string;
  tag: string;
  difficulty: number | '';
  type: QuestionType | '';
}

export const emptySearch: SearchForm = { text: '', bankId: '', tag: '', difficulty: '', type: '' };

/** The query string of GET /api/questions for a form (API.md, "Question banks"); after is the
 * `next` of the page before, to read the one that follows. */
export function searchQuery(f: SearchForm, after = ''): string {
  const p = new URLSearchParams();
  const text = f.text.trim().replace(/\s+/g, ' ');
  if (text) p.set('q', text);
  if (f.bankId) p.set('bank', f.bankId);
  const tag = f.tag.trim().replace(/\s+/g, ' ');
  if (tag) p.set('tag', tag);
  if (f.difficulty !== '') p.set('difficulty', String(f.difficulty));
  if (f.type) p.set('type', f.type);
  if (after && p.toString() !== '') p.set('after', after);
  return p.toString();
}

/** Whether the form asks for anything at all: with nothing chosen, nothing is searched. */
export function asksSomething(f: SearchForm): boolean {
  return searchQuery(f) !== '';
}
