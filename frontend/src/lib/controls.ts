import type { Phase } from './types';

/** Organiser commands that have a button on the control panel. */
export type Command = 'start' | 'next' | 'close' | 'reveal' | 'standings' | 'pause' | 'resume' | 'finish';

export const commandOrder: Command[] = [
  'start',
  'next',
  'close',
  'reveal',
  'standings',
  'pause',
  'resume',
  'finish',
];

const byPhase: Record<Phase, Command[]> = {
  lobby: ['start', 'finish'],
  round_intro: ['next', 'pause', 'finish'],
  item_open: ['close', 'pause', 'finish'],
  item_closed: ['reveal', 'next', 'pause', 'finish'],
  reveal: ['standings', 'next', 'pause', 'finish'],
  standings: ['next', 'pause', 'finish'],
  finished: [],
};

/**
 * The commands that fit the phase (API.md, "Commands"). While paused only "resume" and
 * "finish" make sense: nothing else should move while the hall is waiting.
 */
export function allowedCommands(phase: Phase | null, paused: boolean): Set<Command> {
  if (!phase || !(phase in byPhase)) return new Set();
  if (paused && phase !== 'lobby' && phase !== 'finished') return new Set(['resume', 'finish']);
  return new Set(byPhase[phase]);
}

/** Commands that ask "are you sure?" first. */
export const confirmCommands: ReadonlySet<Command> = new Set(['finish']);
