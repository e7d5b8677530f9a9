import { describe, expect, it } from 'vitest';
import { findQuestions, pickShown } from './questions';
import type { Question } from './types';

const q = (id: string, prompt: string) => ({ id, prompt }) as Question;
const bank = [
  q('a', 'Chi bộ sinh hoạt thường kỳ mấy lần?'),
  q('b', 'Hội thi Bí thư chi bộ giỏi có mấy vòng?'),
  q('c', 'Đảng viên   phải làm gì?'),
];

describe('finding questions in a bank', () => {
  it('ignores diacritics and case, and keeps each question’s number in the bank', () => {
    expect(findQuestions(bank, 'bi thu')).toEqual([{ question: bank[1], number: 2 }]);
  });
  it('finds đ when d is typed, and ignores extra spaces', () => {
    expect(findQuestions(bank, 'dang vien phai').map((x) => x.number)).toEqual([3]);
  });
  it('shows every question, numbered in order, when nothing is typed', () => {
    expect(findQuestions(bank, '  ').map((x) => x.number)).toEqual([1, 2, 3]);
  });
});

describe('select all and select none act on what the search shows', () => {
  it('select all adds the shown questions and keeps the others', () => {
    const shown = findQuestions(bank, 'bi thu');
    expect([...pickShown(new Set(['a']), shown, true)].sort()).toEqual(['a', 'b']);
  });
  it('select none removes only the shown questions', () => {
    const shown = findQuestions(bank, 'chi bo');
    expect([...pickShown(new Set(['a', 'b', 'c']), shown, false)]).toEqual(['c']);
  });
});
