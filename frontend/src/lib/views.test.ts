import { describe, expect, it } from 'vitest';
import { emptyHostView, emptyPlayerView, reduceHost, reducePlayer } from './views';
import type { ServerFrame } from './types';

const frames = (...fs: ServerFrame[]) => fs.reduce(reducePlayer, emptyPlayerView());

const item = {
  t: 'item', seq: 3, item_id: 'q1', index: 0, count: 2, round_title: 'Vòng 1', type: 'single',
  prompt: 'Câu hỏi?', options: ['A', 'B'], points: 100, time_limit_ms: 20000, opens_at: 1, closes_at: 20001,
} as unknown as ServerFrame;

describe('a phone follows the contest from the frames that carry it', () => {
  it('shows the question as soon as its item frame arrives, with no phase frame', () => {
    expect(frames(item).phase).toBe('item_open');
  });
  it('closes the question when its closed frame arrives, with no phase frame', () => {
    const v = frames(item, { t: 'closed', seq: 5, item_id: 'q1', answered: 3, players: 3 } as ServerFrame);
    expect(v.phase).toBe('item_closed');
    expect(v.closed).toEqual({ answered: 3, players: 3 });
  });
  it('moves to the answer when the reveal arrives', () => {
    const reveal = { t: 'reveal', seq: 6, item_id: 'q1', correct: [1], distribution: [1, 2] } as unknown as ServerFrame;
    const v = frames(item, { t: 'closed', seq: 5, item_id: 'q1', answered: 3, players: 3 } as ServerFrame, reveal);
    expect(v.phase).toBe('reveal');
    expect(v.reveal?.correct).toEqual([1]);
  });
  it('moves to the standings between questions, and to the finish with the final standings', () => {
    const st = { t: 'standings', seq: 8, final: false, players: 3, top: [] } as unknown as ServerFrame;
    expect(frames(item, st).phase).toBe('standings');
    const fin = { t: 'standings', seq: 9, final: true, players: 3, top: [], me: { score: 100, rank: 1, players: 3 } } as unknown as ServerFrame;
    const v = frames(item, st, fin);
    expect(v.phase).toBe('finished');
    expect(v.me?.rank).toBe(1);
  });
});

describe('a locked lobby', () => {
  const host = (...fs: ServerFrame[]) => fs.reduce(reduceHost, emptyHostView());
  it('shows locked from the snapshot and follows the phase frames', () => {
    const snap = { t: 'host_state', seq: 1, phase: 'lobby', locked: true, participants: [] } as unknown as ServerFrame;
    expect(host(snap).locked).toBe(true);
    const unlock = { t: 'phase', seq: 2, phase: 'lobby', locked: false } as unknown as ServerFrame;
    expect(host(snap, unlock).locked).toBe(false);
  });
  it('keeps what it knew when a server sends no locked field', () => {
    const snap = { t: 'host_state', seq: 1, phase: 'lobby', locked: true, participants: [] } as unknown as ServerFrame;
    const phase = { t: 'phase', seq: 2, phase: 'round_intro' } as unknown as ServerFrame;
    expect(host(snap, phase).locked).toBe(true);
    expect(host({ t: 'host_state', seq: 1, phase: 'lobby', participants: [] } as unknown as ServerFrame).locked).toBe(false);
  });
});
