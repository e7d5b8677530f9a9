import { describe, expect, it } from 'vitest';
import { lettersNote, roundHeading, sharedRanks, showRoundColumns } from './results';

describe('the results table', () => {
  it('knows which ranks are shared (1, 1, 3)', () => {
    expect([...sharedRanks([{ rank: 1 }, { rank: 1 }, { rank: 3 }, { rank: 4 }, { rank: 4 }])]).toEqual([1, 4]);
    expect(sharedRanks([{ rank: 1 }, { rank: 2 }]).size).toBe(0);
  });

  it('heads a round with its weight only when it is not 1, and marks a tie-break round', () => {
    expect(roundHeading({ title: 'Kiến thức', kind: 'quiz', weight: 1, tie_break: false })).toEqual({ title: 'Kiến thức', note: '' });
    expect(roundHeading({ title: 'Tăng tốc', kind: 'speed_order', weight: 2, tie_break: false })).toEqual({ title: 'Tăng tốc', note: '×2' });
    expect(roundHeading({ title: 'Phụ', kind: 'buzzer', weight: 0, tie_break: true })).toEqual({ title: 'Phụ', note: 'vòng phụ' });
  });
});

describe('the round columns', () => {
  const quiz = { title: 'Kiến thức', kind: 'quiz', weight: 1, tie_break: false };
  it('are left out for a contest of one ordinary round, whose column would be the total', () => {
    expect(showRoundColumns([quiz])).toEqual([]);
    expect(showRoundColumns([{ ...quiz, weight: 3 }])).toHaveLength(1);
    expect(showRoundColumns([quiz, quiz])).toHaveLength(2);
  });
});

describe('the keys of the questions', () => {
  const round = { title: 'Vòng 1', kind: 'quiz', weight: 1, tie_break: false };
  it('say their letters are the bank\'s when a round shuffled the options on each phone', () => {
    expect(lettersNote([round, { ...round, shuffle_options: true }])).toContain('thứ tự riêng');
  });
  it('need no note when no round did, or from an older server', () => {
    expect(lettersNote([round, { ...round, shuffle_options: false }])).toBe('');
    expect(lettersNote([])).toBe('');
  });
});
