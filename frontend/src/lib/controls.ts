import type { Phase } from './types';

/** Organiser commands that have a button on the control panel. */
export type Command =
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

const byPhase: Record<Phase, Command[]> = {
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
export function allowedCommands(phase: Phase | null, paused: boolean): Set<Command> {
  if (!phase || !(phase in byPhase)) return new Set();
  if (paused && phase !== 'lobby' && phase !== 'finished') return new Set(['resume', 'finish']);
  return new Set(byPhase[phase]);
}

const stepByPhase: Record<Phase, Command | null> = {
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
export function nextStep(phase: Phase | null, paused: boolean): Command | null {
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
