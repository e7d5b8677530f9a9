import type { CommandArgs } from './api';
import type { Phase } from './types';
import type * as wire from './wire';

/** The commands that move the contest along: the big button and the row under it. */
export type FlowCommand =
  | 'start'
  | 'next'
  | 'close'
  | 'reveal'
  | 'standings'
  | 'pause'
  | 'resume'
  | 'lock'
  | 'unlock'
  | 'finish';

/** Organiser commands that have a button on the control panel. */
export type Command = FlowCommand | 'extend' | 'skip' | 'adjust' | 'rescue' | 'mark' | 'star';

const byPhase: Record<Phase, FlowCommand[]> = {
  lobby: ['start', 'finish'],
  round_intro: ['next', 'pause', 'finish'],
  item_open: ['close', 'pause', 'finish'],
  // The server refuses `next` here: the hall must see the answer before the next question.
  item_closed: ['reveal', 'pause', 'finish'],
  reveal: ['standings', 'next', 'pause', 'finish'],
  standings: ['next', 'pause', 'finish'],
  finished: [],
};

/**
 * The commands that fit the phase (API.md, "Commands"). While paused only "resume" and
 * "finish" make sense: nothing else should move while the hall is waiting. The waiting room's
 * lock is offered apart from these (see lockCommand).
 */
export function allowedCommands(phase: Phase | null, paused: boolean): Set<FlowCommand> {
  if (!phase || !(phase in byPhase)) return new Set();
  if (paused && phase !== 'lobby' && phase !== 'finished') return new Set(['resume', 'finish']);
  return new Set(byPhase[phase]);
}

const stepByPhase: Record<Phase, FlowCommand | null> = {
  lobby: 'start',
  round_intro: 'next',
  item_open: 'close',
  item_closed: 'reveal',
  reveal: 'standings',
  standings: 'next',
  finished: null,
};

/**
 * The one command the organiser most likely wants now, for the big button: close → reveal →
 * standings → next question, and resume while paused. It follows the phase whatever moved it
 * (a button, the deadline, every contestant having answered), and is null once finished.
 */
export function nextStep(phase: Phase | null, paused: boolean): FlowCommand | null {
  if (!phase || !(phase in stepByPhase)) return null;
  if (paused && phase !== 'lobby' && phase !== 'finished') return 'resume';
  return stepByPhase[phase];
}

/**
 * The lock toggle's command: "lock" while latecomers can still join, "unlock" once locked;
 * null when the server does not say (an older server) or the contest is over.
 */
export function lockCommand(locked: boolean | null, phase: Phase | null): 'lock' | 'unlock' | null {
  if (locked === null || !phase || phase === 'finished') return null;
  return locked ? 'unlock' : 'lock';
}

/** Commands that ask "are you sure?" first. */
export const confirmCommands: ReadonlySet<Command> = new Set(['finish']);

/** The seconds "Thêm giờ" offers. */
export const extendSeconds: readonly number[] = [15, 30];

/** What the round being played lets the organiser do now, besides the flow (API.md, "Commands"). */
export interface RoundActions {
  /** More time for the open question (also while paused). */
  extend: boolean;
  /** Drop the open or closed question. */
  skip: boolean;
  /** Elimination, between questions: bring contestants back. */
  rescue: boolean;
  /** Buzzer: mark the winner's answer given aloud. */
  mark: boolean;
  /** Buzzer with the star of hope, before anyone pressed. */
  star: boolean;
}

/**
 * The round commands that fit now, as the server checks them: time and skipping while a
 * question is open (skipping also once it closed, not while paused), a rescue between the
 * questions of an elimination round, a mark once someone won the buzzer, a star of hope
 * before anyone pressed.
 */
export function roundActions(
  phase: Phase | null,
  paused: boolean,
  round: Pick<wire.Round, 'kind' | 'star'> | null,
  buzz: Pick<wire.Buzz, 'winner' | 'presses' | 'attempt' | 'star'> | null,
): RoundActions {
  const open = phase === 'item_open';
  const moving = !paused;
  const kind = round?.kind ?? '';
  const nobodyPressed = !buzz || (buzz.attempt === 0 && !buzz.winner && buzz.presses.length === 0);
  return {
    extend: open,
    skip: moving && (open || phase === 'item_closed'),
    rescue: moving && kind === 'elimination' && (phase === 'reveal' || phase === 'standings'),
    mark: moving && open && kind === 'buzzer' && !!buzz?.winner,
    star: moving && open && kind === 'buzzer' && !!round?.star && nobodyPressed && !buzz?.star,
  };
}

/** "Sửa điểm" as typed: whom, which round (from 1), plus or minus, how many points, why. */
export interface AdjustForm {
  participantId: string;
  round: number | null;
  sign: 1 | -1;
  points: number | null;
  reason: string;
}

/** The messages of the checks made before a command is sent. */
export interface CommandChecks {
  needWho: string;
  needRound: string;
  needPoints: string;
  needReason: string;
}

type Checked = { args: CommandArgs } | { problem: string };

/**
 * The `adjust` command's arguments, or what is missing. The reason is required (the server
 * refuses without one, and the log shows it); the points are sent signed.
 */
export function adjustCommand(f: AdjustForm, msg: CommandChecks): Checked {
  if (!f.participantId) return { problem: msg.needWho };
  if (f.round === null || !Number.isInteger(f.round) || f.round < 1) return { problem: msg.needRound };
  if (f.points === null || !Number.isInteger(f.points) || f.points <= 0) return { problem: msg.needPoints };
  const reason = f.reason.trim();
  if (!reason) return { problem: msg.needReason };
  return { args: { participant_id: f.participantId, round: f.round, points: f.sign * f.points, reason } };
}

/** "Cứu trợ" as chosen: everyone out, the best n of them, or the contestants picked. */
export interface RescueForm {
  mode: 'all' | 'best' | 'chosen';
  best: number | null;
  chosen: string[];
  reason: string;
}

/** The `rescue` command's arguments (exactly one way of choosing), or what is missing. */
export function rescueCommand(f: RescueForm, msg: { needBest: string; needChosen: string }): Checked {
  const reason = f.reason.trim();
  const note = reason ? { reason } : {};
  if (f.mode === 'all') return { args: { all: true, ...note } };
  if (f.mode === 'best') {
    if (f.best === null || !Number.isInteger(f.best) || f.best < 1) return { problem: msg.needBest };
    return { args: { best: f.best, ...note } };
  }
  if (f.chosen.length === 0) return { problem: msg.needChosen };
  return { args: { participant_ids: [...f.chosen], ...note } };
}
