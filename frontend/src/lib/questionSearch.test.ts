import { describe, expect, it } from 'vitest';
import { asksSomething, emptySearch, searchQuery } from './questionSearch';

describe('the search across banks', () => {
  it('sends only what was chosen, trimmed', () => {
    expect(searchQuery({ ...emptySearch, text: '  dang   vien ' })).toBe('q=dang+vien');
    expect(searchQuery({ text: 'chi bộ', bankId: 'b1', tag: ' Điều lệ Đảng ', difficulty: 2, type: 'short' })).toBe(
      'q=chi+b%E1%BB%99&bank=b1&tag=%C4%90i%E1%BB%81u+l%E1%BB%87+%C4%90%E1%BA%A3ng&difficulty=2&type=short',
    );
    expect(searchQuery({ ...emptySearch, difficulty: 0 })).toBe('difficulty=0');
  });
  it('reads the next page of the same search after the last one shown', () => {
    expect(searchQuery({ ...emptySearch, text: 'dang vien' }, 'b1.7.q9')).toBe('q=dang+vien&after=b1.7.q9');
    expect(searchQuery(emptySearch, 'b1.7.q9')).toBe('');
  });
  it('searches nothing while nothing is chosen', () => {
    expect(asksSomething(emptySearch)).toBe(false);
    expect(asksSomething({ ...emptySearch, text: '   ' })).toBe(false);
    expect(asksSomething({ ...emptySearch, tag: 'Điều lệ Đảng' })).toBe(true);
  });
});
