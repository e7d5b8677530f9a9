import { describe, expect, it } from 'vitest';
import { ClockOffset, remainingMs } from './clock';

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
    expect(remainingMs(closesAt, c.offset, 1_100)).toBe(15_000);
    expect(remainingMs(closesAt, c.offset, 1_100 + 20_000)).toBe(0);
  });

  it('uses the snapshot server time until the first pong arrives', () => {
    const c = new ClockOffset();
    c.noteServerTime(5_000, 1_000);
    expect(c.offset).toBe(4_000);
    c.addPong(1_000, 6_010, 1_020);
    expect(c.offset).toBe(6_010 + 10 - 1_020);
  });
});
