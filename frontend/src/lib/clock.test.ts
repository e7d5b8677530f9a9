import { describe, expect, it } from 'vitest';
import { ClockOffset, countdownAt } from './clock';

describe('clock offset from ping/pong', () => {
  it('takes half the round trip into account', () => {
    const c = new ClockOffset();
    // Sent at 1000 (phone clock), answered at server 50_000, received at 1200: rtt 200.
    expect(c.addPong(1000, 50_000, 1200)).toBe(50_000 + 100 - 1200);
  });

  it('uses the median so one slow round trip does not make the countdown jump', () => {
    const c = new ClockOffset();
    c.addPong(0, 10_000, 100); // offset 9950
    c.addPong(1000, 11_000, 1100); // offset 9950
    c.addPong(2000, 12_000, 6000); // 4 s round trip: offset 8000
    expect(c.offset).toBe(9950);
  });

  it('counts down to the server deadline even when the phone clock is wrong', () => {
    const c = new ClockOffset();
    // The phone clock runs 60 s behind the server.
    c.addPong(1_000, 61_050, 1_100);
    const closesAt = 61_100 + 15_000;
    const total = { closesAt, totalMs: 15_000 };
    expect(countdownAt(total, c.serverNow(1_100)).ms).toBe(15_000);
    expect(countdownAt(total, c.serverNow(1_100 + 20_000)).ms).toBe(0);
  });

  it('uses the snapshot server time until the first pong arrives', () => {
    const c = new ClockOffset();
    c.noteServerTime(5_000, 1_000);
    expect(c.offset).toBe(4_000);
    c.addPong(1_000, 6_010, 1_020);
    expect(c.offset).toBe(6_010 + 10 - 1_020);
  });
});

describe('countdownAt', () => {
  it('counts whole seconds up to the deadline and turns urgent in the last five', () => {
    const c = { closesAt: 20_000, totalMs: 20_000 };
    expect(countdownAt(c, 0)).toMatchObject({ secs: 20, frac: 1, urgent: false });
    expect(countdownAt(c, 15_500)).toMatchObject({ secs: 5, urgent: true });
    expect(countdownAt(c, 25_000)).toMatchObject({ secs: 0, frac: 0, urgent: false });
  });
  it('shows the time left when paused, however long the pause', () => {
    const c = { closesAt: 1, totalMs: 20_000, paused: true, pausedRemainingMs: 8_000 };
    expect(countdownAt(c, 999_999)).toMatchObject({ secs: 8, frac: 0.4, urgent: false });
  });
  it('never shows more seconds than the question allows, even with a grace period', () => {
    expect(countdownAt({ closesAt: 20_500, totalMs: 20_000 }, 0).secs).toBe(20);
  });
});
