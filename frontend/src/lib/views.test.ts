import { describe, expect, it } from 'vitest';
import {
  emptyHostView,
  emptyPlayerView,
  isOut,
  myMark,
  phoneBuzzer,
  reduceHost,
  reducePlayer,
  roundKind,
  screenBuzzer,
} from './views';
import type { ServerFrame } from './types';
import type * as wire from './wire';

const frames = (...fs: ServerFrame[]) => fs.reduce(reducePlayer, emptyPlayerView());

const item: wire.ItemFrame = {
  t: 'item', seq: 3, item_id: 'q1', index: 0, count: 2, round_title: 'Vòng 1', type: 'single',
  prompt: 'Câu hỏi?', options: ['A', 'B'], points: 100, time_limit_ms: 20000, opens_at: 1, closes_at: 20001,
};
const closed: wire.Closed = { t: 'closed', seq: 5, item_id: 'q1', answered: 3, players: 3 };
const standings = (seq: number, final: boolean, me?: wire.MyPlace): wire.StandingsFrame => ({
  t: 'standings', seq, final, players: 3, top: [], ...(me ? { me } : {}),
});

describe('a phone follows the contest from the frames that carry it', () => {
  it('shows the question as soon as its item frame arrives, with no phase frame', () => {
    expect(frames(item).phase).toBe('item_open');
  });
  it('closes the question when its closed frame arrives, with no phase frame', () => {
    const v = frames(item, closed);
    expect(v.phase).toBe('item_closed');
    expect(v.closed).toEqual({ answered: 3, players: 3 });
  });
  it('moves to the answer when the reveal arrives', () => {
    const reveal: wire.RevealFrame = {
      t: 'reveal', seq: 6, item_id: 'q1', correct: [1], distribution: [1, 2], answered: 3, players: 3, explanation: '', source: '',
    };
    const v = frames(item, closed, reveal);
    expect(v.phase).toBe('reveal');
    expect(v.reveal?.correct).toEqual([1]);
  });
  it('moves to the standings between questions, and to the finish with the final standings', () => {
    const st = standings(8, false);
    expect(frames(item, st).phase).toBe('standings');
    const v = frames(item, st, standings(9, true, { score: 100, rank: 1, players: 3, out: false }));
    expect(v.phase).toBe('finished');
    expect(v.me?.rank).toBe(1);
  });
});

describe('a locked lobby', () => {
  const host = (...fs: ServerFrame[]) => fs.reduce(reduceHost, emptyHostView());
  const snapshot = (locked: boolean): wire.HostState => ({
    t: 'host_state', seq: 1, server_time: 0, contest: { id: 'c1', title: 'Hội thi', item_count: 2, pin: '123456', join_url: '' },
    phase: 'lobby', version: 1, paused: false, locked, remaining_ms: 0, item: null, answered: 0, players: 0,
    participants: [], reveal: null, standings: null, rounds: [], round_index: 0, buzz: null, survivors: null,
  });
  const phase = (p: string, locked: boolean): wire.Phase => ({
    t: 'phase', seq: 2, phase: p, version: 2, paused: false, locked, remaining_ms: 0, item_index: -1, item_count: 2, round_index: 0,
    round_title: '', closes_at: 0,
  });
  it('shows locked from the snapshot and follows the phase frames', () => {
    expect(host(snapshot(true)).locked).toBe(true);
    expect(host(snapshot(true), phase('lobby', false)).locked).toBe(false);
  });
  it('keeps what it knew when a server sends no locked field', () => {
    // Frames of a server from before the lobby could be locked, which the types cannot describe.
    const { locked: _l, ...oldPhase } = phase('round_intro', false);
    expect(host(snapshot(true), oldPhase as unknown as ServerFrame).locked).toBe(true);
    const { locked: _s, ...oldSnapshot } = snapshot(false);
    expect(host(oldSnapshot as unknown as ServerFrame).locked).toBe(false);
  });
});

const rounds: wire.Round[] = [
  { title: 'Khởi động', kind: 'quiz', intro: '', weight: 1, items: 1, tie_break: false, star: false, steal_sec: 0 },
  { title: 'Rung chuông vàng', kind: 'elimination', intro: 'Sai là dừng bước.', weight: 1, items: 2, tie_break: false, star: false, steal_sec: 0 },
  { title: 'Về đích', kind: 'buzzer', intro: 'Bấm chuông.', weight: 2, items: 1, tie_break: false, star: true, steal_sec: 30 },
];
const me = (out: boolean): wire.Me => ({ participant_id: 'p2', name: 'Trần Thị Bình', unit: 'Chi bộ 2', score: 100, rank: 2, players: 3, out });
const phoneSnapshot = (over: Partial<wire.State>): wire.State => ({
  t: 'state', seq: 10, server_time: 0, contest: { id: 'c1', title: 'Hội thi', item_count: 4 }, phase: 'item_open', version: 5,
  paused: false, remaining_ms: 0, me: me(false), rounds, round_index: 1, item: null, answer: null, reveal: null, result: null,
  standings: null, buzz: null, pressed: null, survivors: null, ...over,
});
const elimItem: wire.ItemFrame = { ...item, seq: 11, item_id: 'q2', index: 1, count: 4, round_title: 'Rung chuông vàng' };
const survivors = (seq: number, count: number, out: boolean | null, rescued = 0): wire.SurvivorsFrame => ({
  t: 'survivors', seq, round_index: 1, count, names: ['Nguyễn Văn An', 'Trần Thị Bình'].slice(0, count), players: 3, rescued,
  ...(out === null ? {} : { me: { score: 100, rank: 2, players: 3, out } }),
});
const phaseFrame = (seq: number, phase: string, round: number, itemIndex: number): wire.Phase => ({
  t: 'phase', seq, phase, version: seq, paused: false, locked: false, remaining_ms: 0, item_index: itemIndex, item_count: 4,
  round_index: round, round_title: rounds[round].title, closes_at: 0,
});

describe('a contestant out of an elimination round', () => {
  const reveal = (out: boolean): wire.RevealFrame => ({
    t: 'reveal', seq: 13, item_id: 'q2', correct: [0], distribution: [1, 1], answered: 2, players: 3, explanation: '', source: '',
    result: { item_id: 'q2', answered: true, choice: [1], correct: !out, points: 0, score: 100, rank: 2, players: 3, out },
  });
  it('is out from the reveal that eliminated them, and the reveal says so', () => {
    const v = frames(phoneSnapshot({ item: elimItem }), reveal(true));
    expect(isOut(v)).toBe(true);
    expect(v.result?.out).toBe(true);
  });
  it('stays out after a refresh: the snapshot says it', () => {
    const v = frames(phoneSnapshot({ me: me(true), phase: 'item_open', item: elimItem }));
    expect(isOut(v)).toBe(true);
  });
  it('is back in after a rescue, and knows how many remain', () => {
    const v = frames(phoneSnapshot({ item: elimItem }), reveal(true), survivors(14, 1, true), survivors(15, 2, false, 1));
    expect(isOut(v)).toBe(false);
    expect(v.survivors?.count).toBe(2);
    expect(v.survivors?.rescued).toBe(1);
  });
  it('is in play again in the next round', () => {
    const v = frames(phoneSnapshot({ me: me(true), phase: 'reveal', item: elimItem }), phaseFrame(16, 'round_intro', 2, 1));
    expect(isOut(v)).toBe(false);
    expect(roundKind(v)).toBe('buzzer');
    expect(v.survivors).toBeNull();
  });
  it('takes a refused answer as word that it is out', () => {
    const refused: wire.Error = { t: 'error', code: 'eliminated', message: 'Đồng chí đã bị loại.', item_id: 'q2', answer_id: 'a' };
    expect(isOut(frames(phoneSnapshot({ item: elimItem }), refused))).toBe(true);
  });
  it('ignores survivors counted in a round already over', () => {
    const v = frames(phoneSnapshot({ round_index: 2 }), survivors(20, 1, true));
    expect(v.survivors).toBeNull();
    expect(isOut(v)).toBe(false);
  });
  it('shows the projector how many remain from the snapshot and every survivors frame', () => {
    const hs: wire.HostState = {
      t: 'host_state', seq: 10, server_time: 0, contest: { id: 'c1', title: 'Hội thi', item_count: 4 }, phase: 'reveal', version: 5,
      paused: false, locked: false, remaining_ms: 0, rounds, round_index: 1, item: elimItem, answered: 2, players: 3, participants: [],
      reveal: null, standings: null, buzz: null, survivors: { round_index: 1, count: 1, names: ['Nguyễn Văn An'], players: 3, rescued: 0 },
    };
    expect([hs].reduce(reduceHost, emptyHostView()).survivors?.names).toEqual(['Nguyễn Văn An']);
    expect([hs, survivors(11, 2, null, 1)].reduce(reduceHost, emptyHostView()).survivors?.count).toBe(2);
  });
});

describe('a buzzer question on a phone', () => {
  const buzzItem: wire.ItemFrame = { ...item, seq: 21, item_id: 'q4', index: 3, count: 4, round_title: 'Về đích' };
  const presser = (id: string, name: string, gap: number): wire.Presser => ({ participant_id: id, name, unit: 'Chi bộ', gap_ms: gap });
  const buzz = (seq: number, over: Partial<wire.Buzz>): wire.BuzzFrame => ({
    t: 'buzz', seq, item_id: 'q4', attempt: 0, winner: null, presses: [], out: [], steal_until: 0, star: null, mark: null, ...over,
  });
  const start = phoneSnapshot({ round_index: 2, phase: 'round_intro' });
  const pressed: wire.Pressed = { t: 'pressed', item_id: 'q4', attempt: 0, at: 1000 };

  it('offers the button while nobody has won', () => {
    expect(phoneBuzzer(frames(start, buzzItem))).toEqual({ kind: 'press', stealUntil: 0 });
  });
  it('waits for the result once the press counts', () => {
    expect(phoneBuzzer(frames(start, buzzItem, pressed)).kind).toBe('pressed');
  });
  it('still shows the press after a reload', () => {
    const reloaded = phoneSnapshot({ round_index: 2, phase: 'item_open', item: buzzItem, buzz: buzz(21, {}), pressed });
    expect(phoneBuzzer(frames(reloaded)).kind).toBe('pressed');
    expect(phoneBuzzer(frames({ ...reloaded, pressed: null })).kind).toBe('press');
  });
  it('names who won, or tells the winner to answer aloud', () => {
    const an = presser('p1', 'Nguyễn Văn An', 0);
    expect(phoneBuzzer(frames(start, buzzItem, pressed, buzz(22, { winner: an, presses: [an] })))).toEqual({
      kind: 'taken', name: 'Nguyễn Văn An', unit: 'Chi bộ',
    });
    const binh = presser('p2', 'Trần Thị Bình', 0);
    expect(phoneBuzzer(frames(start, buzzItem, pressed, buzz(22, { winner: binh, presses: [binh] }))).kind).toBe('won');
  });
  it('says the contestant marked wrong cannot press again, while the others may steal', () => {
    const binh = presser('p2', 'Trần Thị Bình', 0);
    const afterMark = buzz(23, {
      attempt: 1, out: ['p2'], steal_until: 50_000, mark: { participant_id: 'p2', right: false, points: -10 },
    });
    const v = frames(start, buzzItem, pressed, buzz(22, { winner: binh, presses: [binh] }), afterMark);
    expect(phoneBuzzer(v).kind).toBe('wrong');
    expect(myMark(v)?.points).toBe(-10);
    const other = frames({ ...start, me: { ...me(false), participant_id: 'p3' } }, buzzItem, pressed, afterMark);
    expect(phoneBuzzer(other)).toEqual({ kind: 'press', stealUntil: 50_000 });
    expect(myMark(other)).toBeNull();
  });
  it('comes back in the middle of a steal from the snapshot', () => {
    const v = frames(phoneSnapshot({
      round_index: 2, item: buzzItem, me: { ...me(false), participant_id: 'p3' },
      buzz: { item_id: 'q4', attempt: 1, winner: null, presses: [], out: ['p2'], steal_until: 50_000, star: null, mark: null },
    }));
    expect(phoneBuzzer(v)).toEqual({ kind: 'press', stealUntil: 50_000 });
  });
  it('forgets the press and the buzzer with the next question', () => {
    const next: wire.ItemFrame = { ...buzzItem, seq: 30, item_id: 'q5', index: 4 };
    const v = frames(start, buzzItem, pressed, buzz(22, { winner: presser('p1', 'An', 0) }), next);
    expect(v.buzz).toBeNull();
    expect(phoneBuzzer(v)).toEqual({ kind: 'press', stealUntil: 0 });
  });
  it('ignores a buzz frame of another question', () => {
    const v = frames(start, buzzItem, buzz(22, { item_id: 'old', winner: presser('p1', 'An', 0) }));
    expect(v.buzz).toBeNull();
  });
});

describe('a buzzer question on the projector', () => {
  const hs = (b: wire.Buzz | null): wire.HostState => ({
    t: 'host_state', seq: 10, server_time: 0, contest: { id: 'c1', title: 'Hội thi', item_count: 4 }, phase: 'item_open', version: 5,
    paused: false, locked: false, remaining_ms: 0, rounds, round_index: 2,
    item: { ...item, item_id: 'q4', index: 3, count: 4 }, answered: 0, players: 3,
    participants: [{ id: 'p2', name: 'Trần Thị Bình', unit: 'Chi bộ 2', join_order: 2, connected: true, kicked: false, out: false, score: 0 }],
    reveal: null, standings: null, buzz: b, survivors: null,
  });
  const p = (id: string, name: string, gap: number): wire.Presser => ({ participant_id: id, name, unit: 'Chi bộ', gap_ms: gap });
  it('shows the winner, then the next presses with their gaps, and the star', () => {
    const b = screenBuzzer([hs({
      item_id: 'q4', attempt: 0, winner: p('p1', 'An', 0), presses: [p('p1', 'An', 0), p('p3', 'Cúc', 120)], out: [],
      steal_until: 0, star: p('p1', 'An', 0), mark: null,
    })].reduce(reduceHost, emptyHostView()));
    expect(b?.winner?.name).toBe('An');
    expect(b?.next.map((x) => [x.name, x.gap_ms])).toEqual([['Cúc', 120]]);
    expect(b?.starId).toBe('p1');
  });
  it('shows a steal in progress after a refresh, with the mark of whom was wrong', () => {
    const b = screenBuzzer([hs({
      item_id: 'q4', attempt: 1, winner: null, presses: [], out: ['p2'], steal_until: 50_000, star: null,
      mark: { participant_id: 'p2', right: false, points: -10 },
    })].reduce(reduceHost, emptyHostView()));
    expect(b?.stealUntil).toBe(50_000);
    expect(b?.mark).toEqual({ participant_id: 'p2', right: false, points: -10, name: 'Trần Thị Bình' });
  });
  it('follows buzz frames', () => {
    const frame: wire.BuzzFrame = {
      t: 'buzz', seq: 11, item_id: 'q4', attempt: 0, winner: p('p3', 'Cúc', 0), presses: [p('p3', 'Cúc', 0)], out: [],
      steal_until: 0, star: null, mark: null,
    };
    expect(screenBuzzer([hs(null), frame].reduce(reduceHost, emptyHostView()))?.winner?.name).toBe('Cúc');
  });
});
