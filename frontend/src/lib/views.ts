import {
  isPhase,
  type HostParticipant,
  type ItemBody,
  type Me,
  type Phase,
  type ResultBody,
  type RevealBody,
  type ServerFrame,
  type SnapshotContest,
  type StandingsBody,
  type StoredAnswer,
} from './types';
import type * as wire from './wire';

/** What every live screen knows about the contest: built from snapshots and shared frames. */
export interface SharedView {
  seq: number;
  phase: Phase | null;
  version: number;
  paused: boolean;
  /** The organiser closed the lobby to new contestants (host_state and phase frames). */
  locked: boolean;
  remainingMs: number;
  roundTitle: string;
  itemIndex: number;
  itemCount: number;
  item: ItemBody | null;
  closed: { answered: number; players: number } | null;
  reveal: RevealBody | null;
  standings: StandingsBody | null;
  /** The contest's rounds, as the snapshot describes them. */
  rounds: wire.Round[];
  /** The round being played or introduced: an index into rounds. */
  roundIndex: number;
  /** Who remains in the elimination round being played (null in other rounds). */
  survivors: Omit<wire.Survivors, 't' | 'seq' | 'me'> | null;
  /** The open buzzer question's presses, winner, steal and marks (null when none). */
  buzz: Omit<wire.Buzz, 't' | 'seq'> | null;
}

/** What the phone shows. */
export interface PlayerView extends SharedView {
  contest: SnapshotContest | null;
  answer: StoredAnswer | null;
  result: ResultBody | null;
  me: Me | null;
  /** The press of the buzzer this phone made that the server took, on the current question. */
  pressed: { itemId: string; attempt: number } | null;
}

/** What the control panel and the projector show. */
export interface HostView extends SharedView {
  contest: SnapshotContest | null;
  answered: number;
  players: number;
  participants: HostParticipant[];
}

function emptyShared(): SharedView {
  return {
    seq: 0,
    phase: null,
    version: 0,
    paused: false,
    locked: false,
    remainingMs: 0,
    roundTitle: '',
    itemIndex: -1,
    itemCount: 0,
    item: null,
    closed: null,
    reveal: null,
    standings: null,
    rounds: [],
    roundIndex: 0,
    survivors: null,
    buzz: null,
  };
}

export function emptyPlayerView(): PlayerView {
  return { ...emptyShared(), contest: null, answer: null, result: null, me: null, pressed: null };
}

export function emptyHostView(): HostView {
  return { ...emptyShared(), contest: null, answered: 0, players: 0, participants: [] };
}

/** A frame's body without its envelope (`t`, `seq`), as the snapshot holds it. */
function body<F extends { t: string; seq: number }>(frame: F): Omit<F, 't' | 'seq'> {
  const { t: _t, seq: _seq, ...rest } = frame;
  return rest;
}

const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

const noItemPhases: Phase[] = ['lobby', 'round_intro'];

/** What both snapshots (`state`, `host_state`) say the same way. */
function fromSnapshot(f: wire.State | wire.HostState, roundTitle: string): SharedView {
  const item = f.item ?? null;
  return {
    seq: num(f.seq),
    phase: isPhase(f.phase) ? f.phase : null,
    version: num(f.version),
    paused: !!f.paused,
    // Only the host screens' snapshot says whether the lobby is locked.
    locked: f.t === 'host_state' && !!f.locked,
    remainingMs: num(f.remaining_ms),
    roundTitle: item?.round_title ?? roundTitle,
    itemIndex: item ? item.index : -1,
    itemCount: num(f.contest?.item_count, item?.count ?? 0),
    item,
    closed: null,
    reveal: f.reveal ?? null,
    standings: f.standings ?? null,
    rounds: Array.isArray(f.rounds) ? f.rounds : [],
    roundIndex: num(f.round_index),
    survivors: survivorsOf(f.survivors),
    buzz: f.buzz && item && f.buzz.item_id === item.item_id ? buzzOf(f.buzz) : null,
  };
}

function survivorsOf(s: wire.Survivors | null | undefined): SharedView['survivors'] {
  if (!s) return null;
  const { t: _t, seq: _seq, me: _me, ...rest } = s;
  return { ...rest, names: Array.isArray(rest.names) ? rest.names : [] };
}

function buzzOf(b: wire.Buzz): NonNullable<SharedView['buzz']> {
  const { t: _t, seq: _seq, ...rest } = b;
  return {
    ...rest,
    presses: Array.isArray(rest.presses) ? rest.presses : [],
    out: Array.isArray(rest.out) ? rest.out : [],
  };
}

/** Applies a frame that phones and hosts share. Returns null for frames it does not know. */
function applyShared<V extends SharedView>(v: V, f: ServerFrame): V | null {
  const seq = 'seq' in f && typeof f.seq === 'number' ? Math.max(v.seq, f.seq) : v.seq;
  switch (f.t) {
    case 'phase': {
      const phase = isPhase(f.phase) ? f.phase : null;
      const roundIndex = num(f.round_index, v.roundIndex);
      const next: V = {
        ...v,
        seq,
        phase,
        version: num(f.version, v.version),
        paused: !!f.paused,
        locked: typeof f.locked === 'boolean' ? f.locked : v.locked,
        remainingMs: num(f.remaining_ms),
        roundTitle: str(f.round_title, v.roundTitle),
        itemIndex: num(f.item_index, v.itemIndex),
        itemCount: num(f.item_count, v.itemCount),
        roundIndex,
        // Who remains belongs to the round it was counted in.
        survivors: roundIndex === v.roundIndex ? v.survivors : null,
      };
      const itemChanged =
        typeof f.item_index === 'number' && v.item !== null && v.item.index !== f.item_index;
      if ((phase && noItemPhases.includes(phase)) || (phase === 'item_open' && itemChanged)) {
        return clearItem(next);
      }
      const closesAt = num(f.closes_at);
      if (phase === 'item_open' && next.item && closesAt > 0) {
        next.item = { ...next.item, closes_at: closesAt };
      }
      return next;
    }
    case 'item': {
      const item: ItemBody = body(f);
      const same = v.item?.item_id === item.item_id;
      const next = same ? { ...v, seq } : clearItem({ ...v, seq });
      return {
        ...next,
        item,
        phase: same ? v.phase : 'item_open',
        itemIndex: num(item.index, v.itemIndex),
        itemCount: num(item.count, v.itemCount),
        roundTitle: item.round_title || v.roundTitle,
      };
    }
    case 'closed': {
      if (v.item && f.item_id && v.item.item_id !== f.item_id) return { ...v, seq };
      return {
        ...v,
        seq,
        phase: v.phase === 'item_open' ? 'item_closed' : v.phase,
        closed: { answered: num(f.answered), players: num(f.players) },
      };
    }
    case 'reveal': {
      const { result: _result, ...reveal } = body(f);
      if (v.item && reveal.item_id && v.item.item_id !== reveal.item_id) return { ...v, seq };
      // Phones get no phase frame with a reveal: the reveal itself says it.
      return { ...v, seq, reveal, phase: 'reveal' };
    }
    case 'standings': {
      const { me: _me, ...standings } = body(f);
      // Likewise for the standings, between questions and at the finish.
      return { ...v, seq, standings, phase: standings.final ? 'finished' : 'standings' };
    }
    case 'survivors': {
      // A frame of a round already over (a late copy) must not show in the next one.
      if (num(f.round_index, v.roundIndex) !== v.roundIndex) return { ...v, seq };
      return { ...v, seq, survivors: survivorsOf(f) };
    }
    case 'buzz': {
      if (v.item && f.item_id !== v.item.item_id) return { ...v, seq };
      return { ...v, seq, buzz: buzzOf(f) };
    }
    default:
      return null;
  }
}

function clearItem<V extends SharedView>(v: V): V {
  const cleared: SharedView = { ...v, item: null, closed: null, reveal: null, buzz: null };
  const extra: Record<string, unknown> = {};
  if ('answer' in v) extra.answer = null;
  if ('result' in v) extra.result = null;
  if ('pressed' in v) extra.pressed = null;
  return { ...(cleared as V), ...extra };
}

/** The phone's view after one more frame. Frames it does not know leave it as it was. */
export function reducePlayer(v: PlayerView, f: ServerFrame): PlayerView {
  switch (f.t) {
    case 'state':
      return {
        ...fromSnapshot(f, v.roundTitle),
        contest: f.contest ?? v.contest,
        answer: f.answer ?? null,
        result: f.result ?? null,
        me: f.me ?? null,
        pressed: f.pressed ? { itemId: f.pressed.item_id, attempt: num(f.pressed.attempt) } : null,
      };
    case 'phase': {
      const next = applyShared(v, f) ?? v;
      // Out of an elimination round is out of that round only.
      if (next.roundIndex !== v.roundIndex && next.me?.out) return { ...next, me: { ...next.me, out: false } };
      return next;
    }
    case 'survivors': {
      // A phone's copy says whether it is out (or back in, after a rescue).
      const next = applyShared(v, f) ?? v;
      if (!f.me || next.survivors === v.survivors) return next;
      return withPlace(next, f.me);
    }
    case 'pressed': {
      if (!v.item || v.item.item_id !== f.item_id) return v;
      return { ...v, pressed: { itemId: f.item_id, attempt: num(f.attempt) } };
    }
    case 'error': {
      // An answer refused because the contestant is out: the phone had missed that it was.
      if (f.code !== 'eliminated' || !v.me || v.me.out) return v;
      return { ...v, me: { ...v.me, out: true } };
    }
    case 'ack': {
      if (!v.item || v.item.item_id !== f.item_id) return v;
      const answer: StoredAnswer = { answer_id: str(f.answer_id), choice: Array.isArray(f.choice) ? f.choice : [] };
      if (typeof f.text === 'string' && f.text) answer.text = f.text;
      if (Array.isArray(f.order) && f.order.length > 0) answer.order = f.order;
      return { ...v, answer };
    }
    case 'reveal': {
      // A phone's reveal carries its own result.
      const next = applyShared(v, f) ?? v;
      const result = f.result ?? null;
      if (!result || (v.item && result.item_id && v.item.item_id !== result.item_id)) return next;
      return { ...withPlace(next, result), result };
    }
    case 'standings': {
      // A phone's standings carry its own place.
      const next = applyShared(v, f) ?? v;
      return f.me ? withPlace(next, f.me) : next;
    }
    default:
      return applyShared(v, f) ?? v;
  }
}

/** The phone's view with its score and rank taken from a part of a frame addressed to it. */
function withPlace(v: PlayerView, p: Partial<Me>): PlayerView {
  return { ...v, me: { ...(v.me ?? { score: 0, rank: 0, players: 0, out: false }), score: num(p.score), rank: num(p.rank), players: num(p.players), out: p.out === true } };
}

/** The host view after one more frame. */
export function reduceHost(v: HostView, f: ServerFrame): HostView {
  switch (f.t) {
    case 'host_state':
      return {
        ...fromSnapshot(f, v.roundTitle),
        contest: f.contest ?? v.contest,
        answered: num(f.answered),
        players: num(f.players),
        participants: Array.isArray(f.participants) ? f.participants : [],
      };
    case 'participants': {
      if (!Array.isArray(f.participants)) return v;
      return { ...v, participants: f.participants };
    }
    case 'progress': {
      if (v.item && f.item_id && v.item.item_id !== f.item_id) return v;
      return { ...v, answered: num(f.answered, v.answered), players: num(f.players, v.players) };
    }
    case 'item': {
      const next = applyShared(v, f) ?? v;
      return { ...next, answered: 0 };
    }
    case 'closed': {
      const next = applyShared(v, f) ?? v;
      if (!next.closed) return next;
      return { ...next, answered: next.closed.answered, players: next.closed.players || next.players };
    }
    default:
      return applyShared(v, f) ?? v;
  }
}

/** A command response carries the newest version; a later frame may already have passed it. */
export function withVersion<V extends SharedView>(v: V, version: number): V {
  if (!(version > v.version)) return v;
  return { ...v, version };
}

/** The round being played or introduced, as the snapshot describes it (null from an older server). */
export function currentRound(v: SharedView): wire.Round | null {
  return v.rounds[v.roundIndex] ?? null;
}

/** The kind of the round being played: `quiz`, `elimination`, `speed_order` or `buzzer`. */
export function roundKind(v: SharedView): string {
  return currentRound(v)?.kind ?? 'quiz';
}

/** Whether the phone's contestant is out of the elimination round being played. */
export function isOut(v: PlayerView): boolean {
  return v.me?.out === true;
}

/** What the phone shows on a buzzer question. */
export type PhoneBuzzer =
  /** Press now: the first press or, with `stealUntil`, a steal after a wrong answer. */
  | { kind: 'press'; stealUntil: number }
  /** The press counts; the server is naming who was first. */
  | { kind: 'pressed' }
  /** This contestant won the right to answer aloud. */
  | { kind: 'won' }
  /** Someone else won it. */
  | { kind: 'taken'; name: string; unit: string }
  /** The host marked this contestant wrong on this question: no more presses. */
  | { kind: 'wrong' };

/** Where the phone's contestant stands on the open buzzer question. */
export function phoneBuzzer(v: PlayerView): PhoneBuzzer {
  const b = v.item && v.buzz?.item_id === v.item.item_id ? v.buzz : null;
  const myId = v.me?.participant_id ?? '';
  const attempt = b?.attempt ?? 0;
  if (b?.winner) {
    if (myId && b.winner.participant_id === myId) return { kind: 'won' };
    return { kind: 'taken', name: b.winner.name, unit: b.winner.unit };
  }
  if (myId && b?.out.includes(myId)) return { kind: 'wrong' };
  if (v.pressed && v.item && v.pressed.itemId === v.item.item_id && v.pressed.attempt === attempt) return { kind: 'pressed' };
  return { kind: 'press', stealUntil: attempt > 0 ? (b?.steal_until ?? 0) : 0 };
}

/** The host's last mark on the open buzzer question when it is this phone's answer. */
export function myMark(v: PlayerView): wire.Mark | null {
  const mark = v.item && v.buzz?.item_id === v.item.item_id ? v.buzz.mark : null;
  return mark && v.me?.participant_id && mark.participant_id === v.me.participant_id ? mark : null;
}

/** What the projector shows of a buzzer question. */
export interface ScreenBuzzer {
  winner: wire.Presser | null;
  /** The presses after the winner's, with their gaps. */
  next: wire.Presser[];
  /** When the steal window closes (server ms), 0 when there is none. */
  stealUntil: number;
  /** Who plays the star of hope on this question. */
  starId: string;
  /** The host's last mark, with the name of whom it is about. */
  mark: (wire.Mark & { name: string }) | null;
  /** How many were marked wrong on this question. */
  wrong: number;
}

/** The projector's buzzer board for the open question, or null when nobody has pressed yet. */
export function screenBuzzer(v: HostView): ScreenBuzzer | null {
  const b = v.item && v.buzz?.item_id === v.item.item_id ? v.buzz : null;
  if (!b) return null;
  const winnerId = b.winner?.participant_id ?? '';
  const nameOf = (id: string) =>
    [b.winner, b.star, ...b.presses].find((p) => p?.participant_id === id)?.name ??
    v.participants.find((p) => p.id === id)?.name ??
    '';
  return {
    winner: b.winner,
    next: b.presses.filter((p) => p.participant_id !== winnerId),
    stealUntil: b.winner ? 0 : b.steal_until,
    starId: b.star?.participant_id ?? '',
    mark: b.mark ? { ...b.mark, name: nameOf(b.mark.participant_id) } : null,
    wrong: b.out.length,
  };
}
