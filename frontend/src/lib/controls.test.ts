import { describe, expect, it } from 'vitest';
import { allowedCommands, lockCommand, nextStep, type Command } from './controls';
import type { Phase } from './types';

const cases: [string, Phase, boolean, Command[]][] = [
  ['in the lobby only start (or finish) can be pressed', 'lobby', false, ['start', 'finish']],
  ['after the round intro the first question can be opened', 'round_intro', false, ['next', 'pause', 'finish']],
  ['an open question can be closed early or paused, not revealed', 'item_open', false, ['close', 'pause', 'finish']],
  ['a closed question must be revealed before the next one', 'item_closed', false, ['reveal', 'pause', 'finish']],
  ['after the reveal the standings or the next question', 'reveal', false, ['standings', 'next', 'pause', 'finish']],
  ['from the standings the next question', 'standings', false, ['next', 'pause', 'finish']],
  ['while paused only resume or finish', 'item_open', true, ['resume', 'finish']],
  ['a finished contest has no buttons', 'finished', false, []],
];

describe('control panel buttons', () => {
  it.each(cases)('%s', (_name, phase, paused, expected) => {
    expect([...allowedCommands(phase, paused)].sort()).toEqual([...expected].sort());
  });

  it('nothing can be pressed before the first snapshot', () => {
    expect(allowedCommands(null, false).size).toBe(0);
  });

  it('reveal is never offered while a question is still open', () => {
    for (const paused of [false, true]) {
      expect(allowedCommands('item_open', paused).has('reveal')).toBe(false);
    }
  });
});

const steps: [string, Phase | null, boolean, Command | null][] = [
  ['the lobby starts the contest', 'lobby', false, 'start'],
  ['the round intro opens the first question', 'round_intro', false, 'next'],
  ['an open question is closed', 'item_open', false, 'close'],
  ['a closed question is revealed, never skipped', 'item_closed', false, 'reveal'],
  ['a reveal leads to the standings', 'reveal', false, 'standings'],
  ['the standings lead to the next question', 'standings', false, 'next'],
  ['a paused contest is resumed first', 'reveal', true, 'resume'],
  ['a finished contest has no next step', 'finished', false, null],
  ['before the first snapshot there is none', null, false, null],
];

describe('the big button', () => {
  it.each(steps)('%s', (_name, phase, paused, want) => {
    expect(nextStep(phase, paused)).toBe(want);
  });

  it('is always a command the server accepts in that phase', () => {
    for (const phase of ['lobby', 'round_intro', 'item_open', 'item_closed', 'reveal', 'standings'] as Phase[]) {
      for (const paused of [false, true]) {
        const step = nextStep(phase, paused);
        expect(step && allowedCommands(phase, paused).has(step)).toBe(true);
      }
    }
  });
});

describe('the waiting room toggle', () => {
  it('locks an open room and unlocks a locked one', () => {
    expect(lockCommand(false, 'lobby')).toBe('lock');
    expect(lockCommand(true, 'item_open')).toBe('unlock');
  });
  it('is hidden when the server does not say, or once the contest is over', () => {
    expect(lockCommand(null, 'lobby')).toBe(null);
    expect(lockCommand(false, 'finished')).toBe(null);
  });
});
