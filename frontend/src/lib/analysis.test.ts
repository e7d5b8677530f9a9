import { describe, expect, it } from 'vitest';
import type { ItemAnalysis } from './api';
import { band, bandLabel, fixLink, flagNotes, isWeak, notes, optionBars, percent, popularWrongNote, sortForReview } from './analysis';

function item(over: Partial<ItemAnalysis> = {}): ItemAnalysis {
  return {
    item_id: 'i',
    round: 1,
    item: 1,
    type: 'single',
    prompt: 'Câu hỏi',
    key: 'A',
    excluded: '',
    eligible: 10,
    answered: 10,
    right: 5,
    difficulty: 0.5,
    discrimination: 0.5,
    upper: { eligible: 3, right: 3 },
    lower: { eligible: 3, right: 0 },
    options: [],
    wrong_answers: [],
    flags: [],
    source: { question_id: 'q', bank_id: 'b', can_edit: true, reason: '' },
    ...over,
  };
}

describe('the discrimination in words', () => {
  it.each([
    [0.6, 'good', 'Phân biệt: tốt'],
    [0.4, 'good', 'Phân biệt: tốt'],
    [0.39, 'fair', 'Phân biệt: khá'],
    [0.2, 'fair', 'Phân biệt: khá'],
    [0.19, 'weak', 'Phân biệt: kém'],
    [0, 'weak', 'Phân biệt: kém'],
    [-0.1, 'negative', 'Phân biệt: âm — kiểm tra đáp án'],
    [null, 'unknown', 'Phân biệt: chưa đủ thí sinh để đánh giá'],
  ])('D = %s is %s (“%s”)', (d, want, label) => {
    expect(band(d)).toBe(want);
    expect(bandLabel(d)).toBe(label);
  });

  it('gives shares as whole percentages', () => {
    expect(percent(0.254)).toBe('25%');
    expect(percent(1)).toBe('100%');
  });
});

describe('the order of the questions', () => {
  it('puts a wrong key first, then the too hard, then the rest in play order, and those without figures last', () => {
    const items = [
      item({ item_id: 'fine' }),
      item({ item_id: 'buzzer', excluded: 'buzzer', flags: [] }),
      item({ item_id: 'hard', flags: ['too_hard'] }),
      item({ item_id: 'easy', flags: ['too_easy', 'weak_discrimination'] }),
      item({ item_id: 'key', flags: ['negative_discrimination'] }),
      item({ item_id: 'fine2' }),
    ];
    expect(sortForReview(items).map((i) => i.item_id)).toEqual(['key', 'hard', 'easy', 'fine', 'fine2', 'buzzer']);
  });

  it('highlights a question with something to fix, not one that is only easy', () => {
    expect(isWeak(item({ flags: ['too_hard'] }))).toBe(true);
    expect(isWeak(item({ flags: ['too_easy'] }))).toBe(false);
    expect(isWeak(item())).toBe(false);
  });
});

describe('the notes and the option chart', () => {
  const options = [
    { text: 'Một', correct: true, count: 5, upper: 0, lower: 3, unused: false, draws_upper: false },
    { text: 'Hai', correct: false, count: 5, upper: 3, lower: 0, unused: false, draws_upper: true },
    { text: 'Ba', correct: false, count: 0, upper: 0, lower: 0, unused: true, draws_upper: false },
  ];

  it('names the options an option flag is about', () => {
    const it = item({ options, flags: ['negative_discrimination', 'unused_option', 'distractor_draws_upper'] });
    expect(flagNotes(it)).toEqual([
      'Nhóm điểm thấp đúng nhiều hơn nhóm điểm cao: kiểm tra lại đáp án.',
      'Phương án sai không ai chọn: C.',
      'Phương án sai thu hút nhóm điểm cao: B.',
    ]);
  });

  it('draws each option as its share of the answers, marking the odd wrong ones', () => {
    const bars = optionBars(item({ options, answered: 10 }));
    expect(bars.map((b) => [b.letter, b.width, b.correct, b.odd])).toEqual([
      ['A', 50, true, false],
      ['B', 50, false, true],
      ['C', 0, false, true],
    ]);
  });
});

describe('a wrong option most of the room chose', () => {
  const opt = (count: number, correct = false) => ({ text: '', correct, count, upper: 0, lower: 0, unused: false, draws_upper: false });

  it('says the key may be wrong, even in a room too small for groups', () => {
    const it = item({ answered: 4, right: 0, options: [opt(0), opt(4), opt(0), opt(0, true)], flags: ['too_hard'] });
    expect(popularWrongNote(it)).toBe('Nhiều người chọn B hơn đáp án D: kiểm tra lại đáp án.');
    expect(notes(it)).toEqual(['Quá khó: dưới 20% thí sinh trả lời đúng.', 'Nhiều người chọn B hơn đáp án D: kiểm tra lại đáp án.']);
    expect(isWeak(it)).toBe(true);
  });

  it('says nothing when the key drew as many, or the wrong option drew under half', () => {
    expect(popularWrongNote(item({ answered: 4, options: [opt(2, true), opt(2)] }))).toBeNull();
    expect(popularWrongNote(item({ answered: 10, options: [opt(2, true), opt(4), opt(4)] }))).toBeNull();
  });

  it('puts such a question before one that is only too hard', () => {
    const popular = item({ item_id: 'popular', answered: 4, options: [opt(1, true), opt(3)] });
    const hard = item({ item_id: 'hard', flags: ['too_hard'] });
    expect(sortForReview([hard, popular]).map((i) => i.item_id)).toEqual(['popular', 'hard']);
  });
});

describe('fixing a question from the analysis', () => {
  it('opens the question in its bank editor when the caller may edit it', () => {
    expect(fixLink(item())).toEqual({ href: '/admin/banks/b?question=q' });
  });

  it.each([
    ['deleted', 'Câu hỏi đã bị xoá khỏi bộ câu hỏi.'],
    ['read_only', 'Đồng chí chỉ được xem bộ câu hỏi này.'],
    ['hidden', 'Đồng chí không có quyền xem bộ câu hỏi này.'],
  ] as const)('says why not when the question is %s', (reason, text) => {
    expect(fixLink(item({ source: { question_id: 'q', bank_id: '', can_edit: false, reason } }))).toEqual({ reason: text });
  });
});
