import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

describe('only the newest request is shown', () => {
  it('an older response that arrives last is stale', () => {
    const latest = new Latest();
    const first = latest.begin();
    const second = latest.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });
  it('nothing is current once the page is left', () => {
    const latest = new Latest();
    const only = latest.begin();
    latest.cancel();
    expect(only()).toBe(false);
  });
});
