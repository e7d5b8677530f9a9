import { describe, expect, it } from 'vitest';
import { allowedCommands, type Command } from './controls';
import type { Phase } from './types';

const cases: [string, Phase, boolean, Command[]][] = [
  ['in the lobby only start (or finish) can be pressed', 'lobby', false, ['start', 'finish']],
  ['after the round intro the first question can be opened', 'round_intro', false, ['next', 'pause', 'finish']],
  ['an open question can be closed early or paused, not revealed', 'item_open', false, ['close', 'pause', 'finish']],
  ['a closed question can be revealed or skipped', 'item_closed', false, ['reveal', 'next', 'pause', 'finish']],
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
