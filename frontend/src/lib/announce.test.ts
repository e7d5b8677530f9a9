import { describe, expect, it } from 'vitest';
import { phoneScreenKey, verdictAnnouncement, verdictOf, type ScreenInput } from './announce';
import { m } from './messages.vi';

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

describe('the verdict of the new round kinds', () => {
  const round = (kind: string) => ({ title: 'Vòng', kind, intro: '', weight: 1, items: 1, tie_break: false, star: false, steal_sec: 0 });
  const result = (correct: boolean, out: boolean) => ({
    item_id: 'q1', answered: true, choice: [0], correct, points: correct ? 100 : 0, score: 100, rank: 1, players: 3, out,
  });
  it('says whether the contestant goes on in an elimination round', () => {
    const s = (correct: boolean, out: boolean) => live({ phase: 'reveal', rounds: [round('elimination')], roundIndex: 0, result: result(correct, out) });
    expect(verdictOf(s(true, false).view).line).toBe('Đồng chí tiếp tục');
    expect(verdictOf(s(false, true).view).line).toBe('Đồng chí bị loại');
    expect(verdictAnnouncement(s(false, true))).toBe('Sai. Đồng chí bị loại. Tổng điểm 100. Hạng 1/3');
  });
  it('gives the host’s mark in a buzzer round, or who answered', () => {
    const buzz = {
      item_id: 'q1', attempt: 0, winner: { participant_id: 'p1', name: 'Nguyễn Văn An', unit: '', gap_ms: 0 }, presses: [], out: [],
      steal_until: 0, star: null, mark: { participant_id: 'p1', right: true, points: 20 },
    };
    const me = (id: string) => ({ participant_id: id, score: 0, rank: 0, players: 3, out: false });
    const s = (id: string) => live({ phase: 'reveal', rounds: [round('buzzer')], roundIndex: 0, buzz, me: me(id) });
    expect(verdictOf(s('p1').view)).toEqual({ title: 'Đúng +20', tone: 'right', points: 20, line: '' });
    expect(verdictOf(s('p2').view)).toEqual({ title: 'Nguyễn Văn An giành quyền trả lời', tone: 'neutral', points: 0, line: '' });
  });
  it('moves to a new screen when the contestant is out, or the buzzer’s turn changes', () => {
    const me = (out: boolean) => ({ participant_id: 'p1', score: 0, rank: 0, players: 3, out });
    expect(phoneScreenKey(live({ me: me(true) }))).not.toBe(phoneScreenKey(live({ me: me(false) })));
    const b = live({ rounds: [round('buzzer')], roundIndex: 0 });
    const pressed = live({ rounds: [round('buzzer')], roundIndex: 0, pressed: { itemId: 'q1', attempt: 0 } });
    expect(phoneScreenKey(b)).not.toBe(phoneScreenKey(pressed));
  });
});

describe('the verdict of a partly right answer', () => {
  it('says partly right, with the points it earned', () => {
    const v = verdictOf({
      phase: 'reveal',
      item: null,
      me: null,
      result: { item_id: 'i', answered: true, choice: [0], correct: false, points: 50, score: 50, rank: 1, players: 2, out: false },
    });
    expect(v.title).toBe(m.phone.partlyRight);
    expect(v.tone).toBe('neutral');
    expect(v.points).toBe(50);
  });
});
