import { describe, expect, it } from 'vitest';
import { formatNumber, isTyped, keyLines, moveItem, parseNumber, rightCount, sentWords, shownOrder } from './kinds';

describe('question kinds on the phone and the projector', () => {
  it('knows which questions are typed', () => {
    expect(isTyped('short')).toBe(true);
    expect(isTyped('numeric')).toBe(true);
    expect(isTyped('ordering')).toBe(false);
    expect(isTyped('single')).toBe(false);
  });

  it('moves an item up and down with the big buttons, and not past either end', () => {
    const start = shownOrder(3);
    expect(start).toEqual([0, 1, 2]);
    expect(moveItem(start, 2, -1)).toEqual([0, 2, 1]);
    expect(moveItem(start, 0, 1)).toEqual([1, 0, 2]);
    expect(moveItem(start, 0, -1)).toEqual([0, 1, 2]);
    expect(moveItem(start, 2, 1)).toEqual([0, 1, 2]);
    expect(start).toEqual([0, 1, 2]);
  });

  it('reads numbers the way Vietnamese phones type them', () => {
    expect(parseNumber('1930')).toBe(1930);
    expect(parseNumber('1.930')).toBe(1930);
    expect(parseNumber('1 930')).toBe(1930);
    expect(parseNumber('3,5')).toBe(3.5);
    expect(parseNumber('3.5')).toBe(3.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('−2')).toBe(-2);
    expect(parseNumber('một nghìn')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(formatNumber(0.5)).toBe('0,5');
  });

  it('says what a typed or ordering question needed at the reveal', () => {
    expect(keyLines('short', [], { answers: ['Đại hội chi bộ', 'Hội nghị đảng viên'] })).toEqual(['Đại hội chi bộ', 'Hội nghị đảng viên']);
    expect(keyLines('numeric', [], { value: 1930 })).toEqual(['1930']);
    expect(keyLines('numeric', [], { value: 3.5, tolerance: 0.5 })).toEqual(['3,5 (± 0,5)']);
    expect(keyLines('numeric', [], { value: 0 })).toEqual(['0']);
    expect(keyLines('ordering', ['Biểu quyết', 'Khai mạc', 'Thảo luận'], { order: [1, 2, 0] })).toEqual(['Khai mạc', 'Thảo luận', 'Biểu quyết']);
    expect(keyLines('single', ['A', 'B'], {})).toEqual([]);
  });

  it('says what the phone sent', () => {
    expect(sentWords('short', [], { text: 'dai hoi chi bo' })).toEqual(['dai hoi chi bo']);
    expect(sentWords('ordering', ['X', 'Y', 'Z'], { order: [2, 0, 1] })).toEqual(['Z', 'X', 'Y']);
    expect(sentWords('single', ['X'], { text: '' })).toEqual([]);
    expect(sentWords('short', [], null)).toEqual([]);
  });

  it('counts how many got a typed or ordering question right', () => {
    expect(rightCount('numeric', [7])).toBe(7);
    expect(rightCount('ordering', [])).toBe(0);
    expect(rightCount('single', [1, 2])).toBeNull();
  });
});
