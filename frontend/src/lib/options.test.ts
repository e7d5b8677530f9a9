import { describe, expect, it } from 'vitest';
import { optionColour } from './options';

describe('an option has the same colour on the phone and the projector', () => {
  it('A to H each their own colour', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => optionColour(i, 'single'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('"Đúng" blue and "Sai" red on a true/false question', () => {
    expect([optionColour(0, 'truefalse'), optionColour(1, 'truefalse')]).toEqual([1, 0]);
  });
});
