import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketFactory } from '../test/fakes';
import { backoffDelay, LiveClient } from './live';
import type { ServerFrame } from './types';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

function client(onOpen: () => void = () => {}) {
  const f = socketFactory();
  const frames: ServerFrame[] = [];
  const statuses: string[] = [];
  const c = new LiveClient({
    url: () => 'ws://test/ws/play',
    socketFactory: f.make,
    onOpen,
    onFrame: (fr) => frames.push(fr),
    onStatus: (s) => statuses.push(s),
  });
  return { c, f, frames, statuses };
}

describe('seq filtering', () => {
  it('ignores a contest frame older than the last one applied', () => {
    const { c, f, frames } = client();
    c.start();
    f.last().open();
    f.last().receive({ t: 'state', seq: 17, phase: 'lobby' });
    f.last().receive({ t: 'phase', seq: 16, phase: 'lobby' });
    f.last().receive({ t: 'phase', seq: 18, phase: 'round_intro' });
    f.last().receive({ t: 'phase', seq: 12, phase: 'lobby' });
    expect(frames.map((x) => `${x.t}:${'seq' in x ? x.seq : ''}`)).toEqual(['state:17', 'phase:18']);
  });

  it('keeps a frame that repeats the seq of the last one', () => {
    const { c, f, frames } = client();
    c.start();
    f.last().open();
    f.last().receive({ t: 'state', seq: 21, phase: 'reveal' });
    f.last().receive({ t: 'reveal', seq: 21 });
    f.last().receive({ t: 'standings', seq: 22 });
    f.last().receive({ t: 'standings', seq: 22 });
    expect(frames.map((x) => x.t)).toEqual(['state', 'reveal', 'standings', 'standings']);
  });

  it('always takes a new snapshot, even after a server restart lowered the seq', () => {
    const { c, f, frames } = client();
    c.start();
    f.last().open();
    f.last().receive({ t: 'phase', seq: 40 });
    f.last().receive({ t: 'state', seq: 3 });
    f.last().receive({ t: 'phase', seq: 4 });
    expect(frames.map((x) => `${x.t}:${'seq' in x ? x.seq : ''}`)).toEqual(['phase:40', 'state:3', 'phase:4']);
  });

  it('passes frames without seq (acks, errors) whatever came before', () => {
    const { c, f, frames } = client();
    c.start();
    f.last().open();
    f.last().receive({ t: 'state', seq: 50 });
    f.last().receive({ t: 'ack', item_id: 'i', answer_id: 'a', choice: [1] });
    f.last().receive({ t: 'error', code: 'paused', message: 'Tạm dừng' });
    expect(frames.map((x) => x.t)).toEqual(['state', 'ack', 'error']);
  });
});

describe('reconnecting', () => {
  it('backs off 0.5 s, 1 s, 2 s, 4 s, then stays at 5 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(backoffDelay)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('keeps trying for ever and says so, then sends resume again on the new socket', () => {
    let opens = 0;
    const { c, f, statuses } = client(() => {
      opens++;
      c.send({ t: 'resume', token: 'tok', last_seq: c.lastSeq });
    });
    c.start();
    f.last().open();
    f.last().receive({ t: 'state', seq: 9 });
    for (let i = 0; i < 8; i++) {
      f.last().drop();
      expect(c.status).toBe('reconnecting');
      vi.advanceTimersByTime(5000);
    }
    expect(f.sockets.length).toBe(9);
    f.last().open();
    expect(opens).toBe(2);
    expect(f.last().framesOf('resume')).toEqual([{ t: 'resume', token: 'tok', last_seq: 9 }]);
    expect(statuses).toContain('reconnecting');
    expect(c.status).toBe('open');
  });

  it('does not reconnect after being kicked', () => {
    const finals: number[] = [];
    const f = socketFactory();
    const c = new LiveClient({
      url: () => 'ws://x',
      socketFactory: f.make,
      onOpen: () => {},
      onFrame: () => {},
      onFinalClose: (code) => finals.push(code),
    });
    c.start();
    f.last().open();
    f.last().drop(4001);
    vi.advanceTimersByTime(60_000);
    expect(f.sockets.length).toBe(1);
    expect(finals).toEqual([4001]);
  });

  it('gives up on a connection that went silent (dead Wi-Fi) and opens a new one', () => {
    const { c, f } = client();
    c.start();
    f.last().open();
    vi.advanceTimersByTime(20_000);
    expect(f.sockets[0].closedWith).not.toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(f.sockets.length).toBe(2);
  });
});

describe('a link that goes silent', () => {
  it('shows as lost within 7 s of hearing nothing, while a slow but live link stays open', () => {
    const { c, f } = client();
    c.start();
    f.last().open();
    // Pongs 2.5 s late, as on slow 3G: still open.
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(2500);
      f.last().receive({ t: 'pong', client_time: 0, server_time: 1 });
      expect(c.status).toBe('open');
    }
    vi.advanceTimersByTime(6000);
    expect(c.status).toBe('open');
    vi.advanceTimersByTime(1000);
    expect(c.status).toBe('lost');
  });

  it('follows a slower pace the server asks for in a big crowd, and never a faster one', () => {
    const { c, f } = client();
    c.start();
    f.last().open();
    c.setPace(10_000);
    vi.advanceTimersByTime(9_000);
    expect(f.last().framesOf('ping').length).toBe(1); // the one sent on opening
    vi.advanceTimersByTime(2_000);
    expect(f.last().framesOf('ping').length).toBe(2);
    vi.advanceTimersByTime(8_000); // 19 s of silence: not yet lost at this pace
    expect(c.status).toBe('open');
    vi.advanceTimersByTime(2_000);
    expect(c.status).toBe('lost');
    c.setPace(500);
    f.last().receive({ t: 'pong', client_time: 0, server_time: 1 });
    vi.advanceTimersByTime(5_000);
    expect(c.status).toBe('open');
    vi.advanceTimersByTime(2_000);
    expect(c.status).toBe('lost'); // back at the default pace: lost after 6 s
  });

  it('keeps pinging while lost, sends nothing else, and is open again at the first frame', () => {
    const { c, f } = client();
    c.start();
    f.last().open();
    vi.advanceTimersByTime(7000);
    expect(c.status).toBe('lost');
    const pings = f.last().framesOf('ping').length;
    expect(c.send({ t: 'answer' })).toBe(false);
    vi.advanceTimersByTime(3000);
    expect(f.last().framesOf('ping').length).toBe(pings + 1);
    f.last().receive({ t: 'pong', client_time: 0, server_time: 1 });
    expect(c.status).toBe('open');
    expect(c.send({ t: 'answer' })).toBe(true);
    expect(f.sockets.length).toBe(1);
  });
});

describe('ping', () => {
  it('pings at once and every 3 s, and learns the offset from pongs', () => {
    const { c, f } = client();
    c.start();
    f.last().open();
    const first = f.last().framesOf('ping');
    expect(first).toEqual([{ t: 'ping', client_time: 1_000_000 }]);
    vi.advanceTimersByTime(100);
    f.last().receive({ t: 'pong', client_time: 1_000_000, server_time: 2_000_000 });
    expect(c.clock.offset).toBe(2_000_000 + 50 - 1_000_100);
    vi.advanceTimersByTime(3000);
    expect(f.last().framesOf('ping').length).toBe(2);
  });
});
