import { describe, expect, it } from 'vitest';
import { adjustCommand, rescueCommand, roundActions } from './controls';
import { currentRound, emptyPanelView, reducePanel, roundLabel, shownMark } from './panel';
import type { ServerFrame } from './types';

const rounds = [
  { title: 'Rung chuông vàng', kind: 'elimination', intro: '', weight: 1, items: 10, tie_break: false, star: false, steal_sec: 0 },
  { title: 'Giành quyền', kind: 'buzzer', intro: '', weight: 2, items: 5, tie_break: false, star: true, steal_sec: 5 },
];
const survivors = { round_index: 0, count: 3, names: ['An', 'Bình', 'Chi'], players: 10, rescued: 0 };
const winner = { participant_id: 'p1', name: 'An', unit: 'Chi bộ 1', gap_ms: 0 };
const buzz = { item_id: 'i7', attempt: 0, winner, presses: [winner], out: [], steal_until: 0, star: null, mark: null };

function frame(f: object): ServerFrame {
  return f as ServerFrame;
}

describe('what the control panel knows of the round', () => {
  it('comes back whole from the snapshot after a reload', () => {
    const v = reducePanel(emptyPanelView(), frame({ t: 'host_state', rounds, round_index: 1, buzz, survivors: null }));
    expect(currentRound(v)?.title).toBe('Giành quyền');
    expect(v.buzz?.winner?.name).toBe('An');
  });

  it('shows who remains after a survivors frame, and forgets them when the next round starts', () => {
    let v = reducePanel(emptyPanelView(), frame({ t: 'host_state', rounds, round_index: 0, buzz: null, survivors: null }));
    v = reducePanel(v, frame({ t: 'survivors', seq: 5, ...survivors }));
    expect(v.survivors?.count).toBe(3);
    v = reducePanel(v, frame({ t: 'phase', seq: 6, phase: 'round_intro', round_index: 1 }));
    expect(v.survivors).toBe(null);
    expect(currentRound(v)?.kind).toBe('buzzer');
  });

  it('clears the buzzer when another question opens', () => {
    let v = reducePanel(emptyPanelView(), frame({ t: 'host_state', rounds, round_index: 1, buzz, survivors: null }));
    v = reducePanel(v, frame({ t: 'item', seq: 9, item_id: 'i7' }));
    expect(v.buzz).not.toBe(null);
    v = reducePanel(v, frame({ t: 'item', seq: 10, item_id: 'i8' }));
    expect(v.buzz).toBe(null);
  });
});

describe('the round commands offered', () => {
  const quiz = { kind: 'quiz', star: false };
  const elim = { kind: 'elimination', star: false };
  const buzzer = { kind: 'buzzer', star: true };
  const nobody = { winner: null, presses: [], attempt: 0, star: null };

  it('offers more time only while a question is open, paused or not', () => {
    expect(roundActions('item_open', false, quiz, null).extend).toBe(true);
    expect(roundActions('item_open', true, quiz, null).extend).toBe(true);
    expect(roundActions('item_closed', false, quiz, null).extend).toBe(false);
  });

  it('offers skipping an open or closed question, not while paused', () => {
    expect(roundActions('item_open', false, quiz, null).skip).toBe(true);
    expect(roundActions('item_closed', false, quiz, null).skip).toBe(true);
    expect(roundActions('item_open', true, quiz, null).skip).toBe(false);
    expect(roundActions('reveal', false, quiz, null).skip).toBe(false);
  });

  it('offers a rescue between the questions of an elimination round only', () => {
    expect(roundActions('reveal', false, elim, null).rescue).toBe(true);
    expect(roundActions('standings', false, elim, null).rescue).toBe(true);
    expect(roundActions('item_open', false, elim, null).rescue).toBe(false);
    expect(roundActions('reveal', false, quiz, null).rescue).toBe(false);
  });

  it('offers marking once someone won the buzzer, and the star of hope before anyone pressed', () => {
    expect(roundActions('item_open', false, buzzer, buzz)).toMatchObject({ mark: true, star: false });
    expect(roundActions('item_open', false, buzzer, nobody)).toMatchObject({ mark: false, star: true });
    expect(roundActions('item_open', false, buzzer, null)).toMatchObject({ mark: false, star: true });
    expect(roundActions('item_open', false, { kind: 'buzzer', star: false }, nobody).star).toBe(false);
    expect(roundActions('item_open', false, buzzer, { ...nobody, star: winner }).star).toBe(false);
  });
});

describe('“Sửa điểm” as sent', () => {
  const msg = { needWho: 'who', needRound: 'round', needPoints: 'points', needReason: 'reason' };
  const ok = { participantId: 'p1', round: 2, sign: -1 as const, points: 15, reason: '  Chấm lại câu 5 ' };

  it('sends the points signed, the round and the reason', () => {
    expect(adjustCommand(ok, msg)).toEqual({ args: { participant_id: 'p1', round: 2, points: -15, reason: 'Chấm lại câu 5' } });
  });

  it.each([
    ['nobody chosen', { participantId: '' }, 'who'],
    ['no round', { round: null }, 'round'],
    ['no points', { points: null }, 'points'],
    ['zero points', { points: 0 }, 'points'],
    ['half a point', { points: 1.5 }, 'points'],
    ['a reason of spaces only', { reason: '   ' }, 'reason'],
  ])('is not sent with %s', (_name, patch, problem) => {
    expect(adjustCommand({ ...ok, ...patch }, msg)).toEqual({ problem });
  });
});

describe('“Cứu trợ” as sent', () => {
  const msg = { needBest: 'best', needChosen: 'chosen' };
  it('is one way of choosing at a time, with the note only when one was typed', () => {
    expect(rescueCommand({ mode: 'all', best: 3, chosen: ['a'], reason: '' }, msg)).toEqual({ args: { all: true } });
    expect(rescueCommand({ mode: 'best', best: 3, chosen: ['a'], reason: 'Còn ít người' }, msg)).toEqual({ args: { best: 3, reason: 'Còn ít người' } });
    expect(rescueCommand({ mode: 'chosen', best: 3, chosen: ['a', 'b'], reason: '' }, msg)).toEqual({ args: { participant_ids: ['a', 'b'] } });
  });
  it('says what is missing', () => {
    expect(rescueCommand({ mode: 'best', best: 0, chosen: [], reason: '' }, msg)).toEqual({ problem: 'best' });
    expect(rescueCommand({ mode: 'chosen', best: 3, chosen: [], reason: '' }, msg)).toEqual({ problem: 'chosen' });
  });
});

describe('the round’s name on the control panel', () => {
  it.each([
    [0, 'Vòng 1: Kiến thức', 'Kiến thức', 'Vòng 1: Kiến thức'],
    [1, 'Tăng tốc', 'Tăng tốc', 'Vòng 2: Tăng tốc'],
    [1, 'Về đích', 'Giành quyền trả lời', 'Vòng 2: Về đích · Giành quyền trả lời'],
    [2, '', 'Rung chuông vàng', 'Vòng 3 · Rung chuông vàng'],
  ])('round %i titled “%s” (%s) reads “%s”', (i, title, kind, want) => {
    expect(roundLabel(i, title, kind)).toBe(want);
  });
});

describe('the mark shown on the buzzer', () => {
  const an = { participant_id: 'an', name: 'An', unit: '', gap_ms: 0 };
  const binh = { participant_id: 'binh', name: 'Bình', unit: '', gap_ms: 0 };
  it('shows the wrong mark while the steal is open, and not once someone else answers', () => {
    const mark = { participant_id: 'an', right: false, points: -10 };
    expect(shownMark({ winner: null, mark }, null)).toEqual({ right: false, points: -10 });
    expect(shownMark({ winner: binh, mark }, { participantId: 'an', right: false })).toBe(null);
  });
  it('shows the right mark the panel sent, which no buzzer frame repeats', () => {
    expect(shownMark({ winner: binh, mark: { participant_id: 'an', right: false, points: 0 } }, { participantId: 'binh', right: true })).toEqual({ right: true, points: null });
    expect(shownMark({ winner: an, mark: null }, null)).toBe(null);
  });
});
