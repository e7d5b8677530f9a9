import { describe, expect, it } from 'vitest';
import { findQuestions, pickShown, questionFromDraft, splitTags, type QuestionDraft } from './questions';
import { m } from './messages.vi';
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

describe('the question form makes a question of every type', () => {
  const draft = (over: Partial<QuestionDraft>): QuestionDraft => ({
    type: 'single', prompt: 'Câu hỏi?', options: ['A', 'B'], correct: [0], partial: false, answers: [''], noDiacritics: false,
    value: '', tolerance: '', timeLimit: 30, points: 100, explanation: '', source: '', tags: '', difficulty: 0, image: '', ...over,
  });
  const tf = ['Đúng', 'Sai'];

  it('keeps the picture the trainer added, whatever the type, and sends "" for none', () => {
    expect(questionFromDraft(draft({ image: 'ab12' }), tf)).toMatchObject({ input: { image: 'ab12' } });
    expect(questionFromDraft(draft({ type: 'numeric', value: '3', image: 'ab12' }), tf)).toMatchObject({ input: { image: 'ab12' } });
    expect(questionFromDraft(draft({}), tf)).toMatchObject({ input: { image: '' } });
  });

  it('keeps the accepted answers of a short answer, without the empty boxes', () => {
    const r = questionFromDraft(draft({ type: 'short', answers: [' Đại hội chi bộ ', '', 'Hội nghị đảng viên'], noDiacritics: true }), tf);
    expect('input' in r && r.input).toMatchObject({ type: 'short', answers: ['Đại hội chi bộ', 'Hội nghị đảng viên'], no_diacritics: true, options: [], correct: [] });
    expect(questionFromDraft(draft({ type: 'short', answers: ['  '] }), tf)).toEqual({ error: m.bank.needAnswers });
  });

  it('reads the value and tolerance of a number as a trainer types them', () => {
    const r = questionFromDraft(draft({ type: 'numeric', value: '3,5', tolerance: '0,5' }), tf);
    expect('input' in r && r.input).toMatchObject({ value: 3.5, tolerance: 0.5 });
    expect(questionFromDraft(draft({ type: 'numeric', value: '1.930', tolerance: '' }), tf)).toMatchObject({ input: { value: 1930, tolerance: 0 } });
    expect(questionFromDraft(draft({ type: 'numeric', value: 'năm' }), tf)).toEqual({ error: m.bank.needValue });
    expect(questionFromDraft(draft({ type: 'numeric', value: '1', tolerance: '-1' }), tf)).toEqual({ error: m.bank.badTolerance });
  });

  it('keeps an ordering question’s items in the order typed, with partial credit', () => {
    const r = questionFromDraft(draft({ type: 'ordering', options: ['Khai mạc', 'Thảo luận', 'Biểu quyết'], partial: true, correct: [1] }), tf);
    expect('input' in r && r.input).toMatchObject({ options: ['Khai mạc', 'Thảo luận', 'Biểu quyết'], partial: true, correct: [] });
    expect(questionFromDraft(draft({ type: 'ordering', options: ['Khai mạc', ' '] }), tf)).toEqual({ error: m.bank.needItems });
  });

  it('gives partial credit only to multiple choice among the choice types', () => {
    expect(questionFromDraft(draft({ type: 'multi', correct: [0, 1], partial: true }), tf)).toMatchObject({ input: { partial: true } });
    expect(questionFromDraft(draft({ type: 'single', partial: true }), tf)).toMatchObject({ input: { partial: false } });
    expect(questionFromDraft(draft({ type: 'truefalse', options: [], correct: [1] }), tf)).toMatchObject({ input: { options: ['Đúng', 'Sai'] } });
    expect(questionFromDraft(draft({ correct: [] }), tf)).toEqual({ error: m.bank.needCorrect });
  });
});

describe('topic tags typed in one field', () => {
  it('are split at commas and semicolons, trimmed, each once', () => {
    expect(splitTags(' Điều lệ Đảng, Quy định 24-QĐ/TW;  sinh hoạt   chi bộ ,, điều lệ đảng ')).toEqual([
      'Điều lệ Đảng',
      'Quy định 24-QĐ/TW',
      'sinh hoạt chi bộ',
    ]);
    expect(splitTags('   ')).toEqual([]);
  });
});
