import { describe, expect, it } from 'vitest';
import { onWake } from './wake';

function sources() {
  const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
  const win = new EventTarget();
  return { doc, win };
}

describe('a live page reconnects at once when the phone wakes', () => {
  it('when the screen comes back on, not when it goes off', () => {
    const src = sources();
    let woke = 0;
    onWake(src, () => woke++);
    src.doc.dispatchEvent(new Event('visibilitychange'));
    expect(woke).toBe(0);
    src.doc.visibilityState = 'visible';
    src.doc.dispatchEvent(new Event('visibilitychange'));
    expect(woke).toBe(1);
  });

  it('when the network returns or the page comes back from the back button', () => {
    const src = sources();
    let woke = 0;
    onWake(src, () => woke++);
    src.win.dispatchEvent(new Event('online'));
    src.win.dispatchEvent(new Event('pageshow'));
    expect(woke).toBe(2);
  });

  it('no longer once the page is left', () => {
    const src = sources();
    let woke = 0;
    const stop = onWake(src, () => woke++);
    stop();
    src.doc.visibilityState = 'visible';
    src.doc.dispatchEvent(new Event('visibilitychange'));
    src.win.dispatchEvent(new Event('online'));
    expect(woke).toBe(0);
  });
});
