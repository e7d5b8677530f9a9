/**
 * The difference between the server's clock and this device's, learnt from ping/pong:
 * `rtt = now - client_time`, `offset = server_time + rtt/2 - now`. The median of the recent
 * samples is used, so one slow round trip over hall Wi-Fi does not make the countdown jump.
 */
export class ClockOffset {
  private samples: number[] = [];
  private rough: number | null = null;

  constructor(private readonly keep = 9) {}

  /** Adds the sample from a pong received at `now` (all in ms). Returns the new offset. */
  addPong(clientTime: number, serverTime: number, now: number): number {
    const rtt = Math.max(0, now - clientTime);
    this.samples.push(serverTime + rtt / 2 - now);
    if (this.samples.length > this.keep) this.samples.shift();
    return this.offset;
  }

  /** Uses a server timestamp seen at `now` (hello, state) until the first pong arrives. */
  noteServerTime(serverTime: number, now: number): void {
    if (Number.isFinite(serverTime) && serverTime > 0) this.rough = serverTime - now;
  }

  /** Milliseconds to add to this device's clock to get the server's. */
  get offset(): number {
    if (this.samples.length === 0) return this.rough ?? 0;
    return median(this.samples);
  }

  /** The server's clock now, as well as this device can tell. */
  serverNow(now = Date.now()): number {
    return now + this.offset;
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** What a countdown to a server deadline needs to draw itself. */
export interface CountdownInput {
  closesAt: number;
  totalMs: number;
  paused?: boolean;
  pausedRemainingMs?: number;
}

/** What a countdown shows at server time `now`: whole seconds left, the fraction of the
 * time left, and whether the last five seconds have come. A paused question shows the time it
 * had left when it was paused. */
export function countdownAt(c: CountdownInput, now: number) {
  const ms = c.paused ? (c.pausedRemainingMs ?? 0) : Math.max(0, c.closesAt - now);
  const secs = Math.min(Math.ceil(ms / 1000), Math.ceil(c.totalMs / 1000) || Infinity);
  const frac = c.totalMs > 0 ? Math.min(1, ms / c.totalMs) : 0;
  const urgent = !c.paused && ms > 0 && ms <= 5000;
  return { ms, secs, frac, urgent };
}
