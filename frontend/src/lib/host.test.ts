import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketFactory } from '../test/fakes';
import { ApiError } from './api';
import { HostSession } from './host';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const hostState = {
  t: 'host_state',
  seq: 17,
  server_time: Date.now(),
  contest: { id: 'c1', title: 'Hội thi', pin: '123456', join_url: 'http://x/join?pin=123456', item_count: 5 },
  phase: 'item_closed',
  version: 9,
  paused: false,
  remaining_ms: 0,
  item: null,
  answered: 12,
  players: 50,
  participants: [],
  reveal: null,
  standings: null,
};

function setup(sendCommand = vi.fn()) {
  const f = socketFactory();
  const host = new HostSession('c1', {
    socketFactory: f.make,
    url: () => 'ws://test/ws/host?contest=c1',
    sendCommand,
    checkAccess: async () => 'ok' as const,
  });
  host.start();
  f.last().open();
  f.last().receive(hostState);
  return { host, f, sendCommand };
}

describe('control panel commands', () => {
  it('sends the version it last saw', async () => {
    const send = vi.fn().mockResolvedValue({ version: 10, phase: 'reveal' });
    const { host } = setup(send);
    await host.command('reveal');
    expect(send).toHaveBeenCalledWith('c1', 'reveal', 9, undefined);
    expect(host.snapshot.view.version).toBe(10);
  });

  it('a refused command shows the server message and fetches a fresh snapshot', async () => {
    const send = vi
      .fn()
      .mockRejectedValue(new ApiError(409, 'conflict', 'Trạng thái cuộc thi đã thay đổi, vui lòng thử lại.'));
    const { host, f } = setup(send);
    const ok = await host.command('next');
    expect(ok).toBe(false);
    expect(host.snapshot.error).toBe('Trạng thái cuộc thi đã thay đổi, vui lòng thử lại.');
    expect(f.sockets.length).toBe(2);
    f.last().open();
    f.last().receive({ ...hostState, seq: 20, phase: 'reveal', version: 11 });
    expect(host.snapshot.view.phase).toBe('reveal');
    expect(host.snapshot.view.version).toBe(11);
  });

  it('a second press while the first is on its way is not sent', async () => {
    let resolve: (v: { version: number; phase: 'reveal' }) => void = () => {};
    const send = vi.fn().mockReturnValue(new Promise((r) => (resolve = r)));
    const { host } = setup(send);
    const first = host.command('reveal');
    expect(await host.command('reveal')).toBe(false);
    resolve({ version: 10, phase: 'reveal' });
    await first;
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('the phase frame moves the version on, so the next command is not stale', () => {
    const { host, f } = setup();
    f.last().receive({ t: 'phase', seq: 18, phase: 'reveal', version: 10, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: 0 });
    expect(host.snapshot.view.version).toBe(10);
    expect(host.snapshot.view.phase).toBe('reveal');
  });
});

describe('what the hall sees', () => {
  it('counts answers live and shows who joined', () => {
    const { host, f } = setup();
    f.last().receive({ t: 'item', seq: 19, item_id: 'i2', index: 1, count: 5, round_title: 'Vòng 1', type: 'single', prompt: 'Câu hỏi', options: ['A', 'B'], points: 100, time_limit_ms: 20000, opens_at: 1, closes_at: 2 });
    expect(host.snapshot.view.answered).toBe(0);
    f.last().receive({ t: 'progress', seq: 20, item_id: 'i2', answered: 31, players: 50 });
    expect(host.snapshot.view.answered).toBe(31);
    f.last().receive({ t: 'progress', seq: 21, item_id: 'old-item', answered: 2, players: 50 });
    expect(host.snapshot.view.answered).toBe(31);
    f.last().receive({
      t: 'participants',
      seq: 21,
      participants: [{ id: 'p1', name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông', join_order: 1, connected: true, kicked: false, score: 0 }],
    });
    expect(host.snapshot.view.participants.map((p) => p.name)).toEqual(['Nguyễn Văn An']);
  });
});

describe('a kick while another command is on its way', () => {
  it('does not free the flow buttons, so a second "next" is not sent', async () => {
    let finishNext: (v: { version: number; phase: 'item_open' }) => void = () => {};
    const send = vi.fn((_c: string, cmd: string) =>
      cmd === 'kick' ? Promise.resolve({ version: 9, phase: 'item_closed' as const }) : new Promise((r) => (finishNext = r)),
    );
    const { host } = setup(send as never);
    const next = host.command('next');
    expect(await host.kick('p1')).toBe(true);
    expect(host.snapshot.busy).toBe('next');
    expect(await host.command('next')).toBe(false);
    finishNext({ version: 10, phase: 'item_open' });
    await next;
    expect(send.mock.calls.filter((c) => c[1] === 'next')).toHaveLength(1);
    expect(host.snapshot.busy).toBe(null);
  });

  it('shows whose kick is on its way and sends no second one meanwhile', async () => {
    let done: (v: { version: number; phase: 'item_closed' }) => void = () => {};
    const send = vi.fn().mockReturnValue(new Promise((r) => (done = r)));
    const { host } = setup(send);
    const first = host.kick('p1');
    expect(host.snapshot.kicking).toBe('p1');
    expect(await host.kick('p2')).toBe(false);
    done({ version: 9, phase: 'item_closed' });
    await first;
    expect(host.snapshot.kicking).toBe(null);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('letting a contestant back in on another phone', () => {
  it('sends rejoin for that contestant, one such command at a time', async () => {
    let done: (v: { version: number; phase: 'item_closed' }) => void = () => {};
    const send = vi.fn().mockReturnValue(new Promise((r) => (done = r)));
    const { host } = setup(send);
    const first = host.rejoin('p1');
    expect(host.snapshot.kicking).toBe('p1');
    expect(await host.kick('p2')).toBe(false);
    done({ version: 9, phase: 'item_closed' });
    expect(await first).toBe(true);
    expect(send).toHaveBeenCalledWith('c1', 'rejoin', 9, { participant_id: 'p1' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('a page left before its socket started', () => {
  it('never opens a socket once stopped', () => {
    const f = socketFactory();
    const host = new HostSession('c1', { socketFactory: f.make, url: () => 'ws://test/ws/host?contest=c1' });
    host.stop();
    host.start();
    vi.advanceTimersByTime(30_000);
    expect(f.sockets).toHaveLength(0);
  });
});

describe('a contest that does not exist', () => {
  it('stops trying and says so instead of blaming the Wi-Fi', async () => {
    const f = socketFactory();
    const checkAccess = vi.fn(async () => 'missing' as const);
    const host = new HostSession('gone', { socketFactory: f.make, url: () => 'ws://test/ws/host?contest=gone', checkAccess });
    host.start();
    f.last().drop();
    await vi.waitFor(() => expect(host.snapshot.missing).toBe(true));
    vi.advanceTimersByTime(30_000);
    expect(f.sockets).toHaveLength(1);
    expect(checkAccess).toHaveBeenCalledWith('gone');
  });

  it('an account that may not open it is told so, and nothing retries', async () => {
    const f = socketFactory();
    const host = new HostSession('c1', { socketFactory: f.make, url: () => 'ws://x', checkAccess: async () => 'forbidden' });
    host.start();
    f.last().drop();
    await vi.waitFor(() => expect(host.snapshot.forbidden).toBe(true));
    vi.advanceTimersByTime(30_000);
    expect(f.sockets).toHaveLength(1);
  });

  it('a logged-out organiser goes to the login page', async () => {
    const f = socketFactory();
    const onLoggedOut = vi.fn();
    const host = new HostSession('c1', { socketFactory: f.make, url: () => 'ws://x', checkAccess: async () => 'logged_out', onLoggedOut });
    host.start();
    f.last().drop();
    await vi.waitFor(() => expect(onLoggedOut).toHaveBeenCalled());
    expect(host.snapshot.missing).toBe(false);
  });

  it('a check that answers after the page was left changes nothing', async () => {
    const f = socketFactory();
    const onLoggedOut = vi.fn();
    let answer: (a: 'logged_out') => void = () => {};
    const host = new HostSession('c1', {
      socketFactory: f.make,
      url: () => 'ws://x',
      checkAccess: () => new Promise((r) => (answer = r)),
      onLoggedOut,
    });
    host.start();
    f.last().drop();
    host.stop();
    answer('logged_out');
    await Promise.resolve();
    await Promise.resolve();
    expect(onLoggedOut).not.toHaveBeenCalled();
  });
});

describe('the waiting room lock', () => {
  it('is open until the server says otherwise, then follows the phase frames', () => {
    const { host, f } = setup();
    expect(host.snapshot.view.locked).toBe(false);
    f.last().receive({ t: 'phase', seq: 18, phase: 'item_closed', version: 10, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: 0, locked: true });
    expect(host.snapshot.view.locked).toBe(true);
    f.last().receive({ t: 'phase', seq: 19, phase: 'item_closed', version: 11, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: 0 });
    expect(host.snapshot.view.locked).toBe(true);
  });

  it('comes with the snapshot', () => {
    const f = socketFactory();
    const host = new HostSession('c1', { socketFactory: f.make, url: () => 'ws://x', checkAccess: async () => 'ok' });
    host.start();
    f.last().open();
    f.last().receive({ ...hostState, locked: false });
    expect(host.snapshot.view.locked).toBe(false);
  });

  it('is sent with the version like any command', async () => {
    const send = vi.fn().mockResolvedValue({ version: 10, phase: 'item_closed' });
    const { host } = setup(send);
    await host.command('lock');
    expect(send).toHaveBeenCalledWith('c1', 'lock', 9, undefined);
  });
});

describe('an error frame on the host socket', () => {
  it('shows its Vietnamese message instead of being dropped', () => {
    const { host, f } = setup();
    f.last().receive({ t: 'error', code: 'unavailable', message: 'Máy chủ tạm thời bận.' });
    expect(host.snapshot.error).toBe('Máy chủ tạm thời bận.');
  });
});

describe('a command that crosses a change made by the server', () => {
  it('is refused without an error when the frames already moved the panel on', async () => {
    let refuse: (e: unknown) => void = () => {};
    const send = vi.fn().mockReturnValue(new Promise((_ok, fail) => (refuse = fail)));
    const { host, f } = setup(send);
    f.last().receive({ ...hostState, seq: 18, phase: 'item_open', version: 9 });
    const close = host.command('close');
    // Everyone answered: the question closes by itself before the organiser's press arrives.
    f.last().receive({ t: 'phase', seq: 19, phase: 'item_closed', version: 10, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: 0 });
    refuse(new ApiError(409, 'conflict', 'Trạng thái cuộc thi đã thay đổi, vui lòng thử lại.'));
    expect(await close).toBe(false);
    expect(host.snapshot.error).toBe('');
    expect(host.snapshot.view.phase).toBe('item_closed');
  });
});

describe('round commands with their arguments', () => {
  it('sends the arguments with the version, and tells the panel the server took it', async () => {
    const send = vi.fn().mockResolvedValue({ version: 10, phase: 'item_open' });
    const done = vi.fn();
    const f = socketFactory();
    const host = new HostSession('c1', { socketFactory: f.make, url: () => 'ws://x', sendCommand: send, checkAccess: async () => 'ok' as const, onCommandDone: done });
    host.start();
    f.last().open();
    f.last().receive(hostState);
    expect(await host.command('adjust', { participant_id: 'p1', points: -5, round: 2, reason: 'Chấm lại' })).toBe(true);
    expect(send).toHaveBeenCalledWith('c1', 'adjust', 9, { participant_id: 'p1', points: -5, round: 2, reason: 'Chấm lại' });
    expect(done).toHaveBeenCalledWith('adjust');
  });

  it('keeps the in-flight guard: a mark pressed twice is sent once', async () => {
    let resolve: (v: { version: number; phase: 'item_closed' }) => void = () => {};
    const send = vi.fn().mockReturnValue(new Promise((r) => (resolve = r)));
    const { host } = setup(send);
    const first = host.command('mark', { right: true });
    expect(host.snapshot.busy).toBe('mark');
    expect(await host.command('mark', { right: false })).toBe(false);
    resolve({ version: 10, phase: 'item_closed' });
    await first;
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives a refusal to the dialog that asked, not to the panel’s error line', async () => {
    const send = vi.fn().mockRejectedValue(new ApiError(400, 'invalid', 'Vui lòng ghi lý do sửa điểm.'));
    const { host } = setup(send);
    const told = vi.fn();
    expect(await host.command('adjust', { participant_id: 'p1', points: 5 }, told)).toBe(false);
    expect(told).toHaveBeenCalledWith('Vui lòng ghi lý do sửa điểm.');
    expect(host.snapshot.error).toBe('');
  });

  it('keeps the buzzer and the survivors from the snapshot and their frames', () => {
    const { host, f } = setup();
    const round = { title: 'Giành quyền', kind: 'buzzer', intro: '', weight: 1, items: 3, tie_break: false, star: true, steal_sec: 5 };
    f.last().receive({ ...hostState, seq: 30, phase: 'item_open', rounds: [round], round_index: 0, buzz: null, survivors: null });
    expect(host.snapshot.panel.rounds[0].kind).toBe('buzzer');
    const winner = { participant_id: 'p1', name: 'Nguyễn Văn An', unit: 'Chi bộ 1', gap_ms: 0 };
    f.last().receive({ t: 'buzz', seq: 31, item_id: 'i1', attempt: 0, winner, presses: [winner], out: [], steal_until: 0, star: null, mark: null });
    expect(host.snapshot.panel.buzz?.winner?.name).toBe('Nguyễn Văn An');
  });
});
