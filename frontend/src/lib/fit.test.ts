import { describe, expect, it } from 'vitest';
import { largestFit, typeRange } from './fit';

describe('the projector picks the largest type that fits', () => {
  it('16 px to 39 px on a 720p projector, 24 px to 58 px at 1080p', () => {
    expect(typeRange(720)).toEqual({ min: 16, max: 39 });
    expect(typeRange(1080)).toEqual({ min: 24, max: 58 });
  });

  it('never below 16 px on a small window', () => {
    expect(typeRange(400).min).toBe(16);
  });

  it('finds the exact largest size, asking only a few times', () => {
    let asked = 0;
    const r = largestFit((s) => (asked++, s <= 31), 16, 58);
    expect(r).toEqual({ size: 31, fits: true });
    expect(asked).toBeLessThanOrEqual(8);
  });

  it('takes the largest when a short question fits at once', () => {
    expect(largestFit(() => true, 16, 58)).toEqual({ size: 58, fits: true });
  });

  it('says so when even the smallest does not fit', () => {
    expect(largestFit(() => false, 16, 58)).toEqual({ size: 16, fits: false });
  });
});
