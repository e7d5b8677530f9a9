import { describe, expect, it } from 'vitest';
import { displayOrder, lettersDiffer, optionColour, shownPlaces } from './options';

describe('an option has the same colour on the phone and the projector', () => {
  it('A to H each their own colour', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => optionColour(i, 'single'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('"Đúng" blue and "Sai" red on a true/false question', () => {
    expect([optionColour(0, 'truefalse'), optionColour(1, 'truefalse')]).toEqual([1, 0]);
  });
});

describe('a phone that shuffles the options', () => {
  it('shows them in the order the server gave it', () => {
    expect(displayOrder(4, [2, 0, 3, 1])).toEqual([2, 0, 3, 1]);
  });
  it('shows them as they are when the item is not shuffled', () => {
    expect(displayOrder(4, undefined)).toEqual([0, 1, 2, 3]);
    expect(displayOrder(2, null)).toEqual([0, 1]);
  });
  it('shows them as they are rather than lose one to an order that is not every option once', () => {
    expect(displayOrder(4, [2, 0, 3])).toEqual([0, 1, 2, 3]);
    expect(displayOrder(4, [2, 2, 3, 1])).toEqual([0, 1, 2, 3]);
    expect(displayOrder(3, [0, 1, 5])).toEqual([0, 1, 2]);
  });
  it('names the right option by the letter it shows it under', () => {
    // Option 2 is shown first, so it is A on this phone; option 0 second, B.
    expect(shownPlaces([2], [2, 0, 3, 1])).toEqual([0]);
    expect(shownPlaces([0, 2], [2, 0, 3, 1])).toEqual([0, 1]);
    expect(shownPlaces([1], [0, 1, 2, 3])).toEqual([1]);
  });
  it('leaves letters off the shared screens only for a shuffled item', () => {
    expect(lettersDiffer({ shuffled: true })).toBe(true);
    expect(lettersDiffer({})).toBe(false);
    expect(lettersDiffer(null)).toBe(false);
  });
});
