import { describe, expect, it } from 'vitest';
import { phoneScreenKey, verdictAnnouncement, type ScreenInput } from './announce';

const item = { item_id: 'q1' } as ScreenInput['view']['item'];

function live(view: Partial<ScreenInput['view']>): ScreenInput {
  return { screen: 'live', view: { phase: 'item_open', item, result: null, me: null, ...view } };
}

describe('a new screen is a new screen to the phone', () => {
  it('a new question, its close and its reveal are each a new screen', () => {
    const keys = [
      live({}),
      live({ phase: 'item_closed' }),
      live({ phase: 'reveal' }),
      live({ item: { item_id: 'q2' } as ScreenInput['view']['item'] }),
    ].map(phoneScreenKey);
    expect(new Set(keys).size).toBe(4);
  });

  it('a score arriving on the same screen is not', () => {
    expect(phoneScreenKey(live({ me: { score: 100, rank: 1, players: 3, out: false } }))).toBe(phoneScreenKey(live({})));
  });
});

describe('the verdict is read out when it arrives', () => {
  it('a right answer with its points, score and place', () => {
    const s = live({
      phase: 'reveal',
      result: { item_id: 'q1', answered: true, choice: [1], correct: true, points: 100, score: 300, rank: 2, players: 50, out: false },
    });
    expect(verdictAnnouncement(s)).toBe('Đúng. +100 điểm. Tổng điểm 300. Hạng 2/50');
  });

  it('a wrong answer', () => {
    const s = live({
      phase: 'reveal',
      result: { item_id: 'q1', answered: true, choice: [0], correct: false, points: 0, score: 0, rank: 0, players: 50, out: false },
    });
    expect(verdictAnnouncement(s)).toBe('Sai. Tổng điểm 0. Chưa xếp hạng');
  });

  it('nothing before the reveal', () => {
    expect(verdictAnnouncement(live({}))).toBe('');
  });
});
