import { ClockOffset } from './clock';
import { SeqFilter } from './seq';
import { parseFrame, type ServerFrame } from './types';
import type { ClientFrame } from './wire';

/** The part of a WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

/**
 * Where the connection is. `lost`: the socket is still open but nothing has come back for a
 * few seconds (Wi-Fi gone, the phone does not know yet); `reconnecting`: between attempts.
 */
export type ConnStatus = 'idle' | 'connecting' | 'open' | 'lost' | 'reconnecting' | 'stopped';

/** Whether a connection in this status can be trusted to show what the room is doing now. */
export function isLive(status: ConnStatus): boolean {
  return status === 'open';
}

export const OPEN = 1;

/** Close codes after which the client must not reconnect by itself. */
export const CLOSE_KICKED = 4001;
export const CLOSE_REPLACED = 4002;
const CLOSE_FLOODING = 1008;

export interface LiveClientOptions {
  /** The websocket URL, worked out at each attempt. */
  url: () => string;
  socketFactory?: SocketFactory;
  /** Called on each new connection, before any frame: send join or resume here. */
  onOpen: () => void;
  /** Called for every frame that passed the seq filter (pongs are kept inside). */
  onFrame: (frame: ServerFrame) => void;
  onStatus?: (status: ConnStatus) => void;
  /** Called when the server closed the socket for good (kicked, replaced). */
  onFinalClose?: (code: number) => void;
  /** Called after each failed attempt; the host pages use it to check the login. */
  onAttemptFailed?: (attempt: number, everOpened: boolean) => void;
  pingIntervalMs?: number;
  /** A connection that has heard nothing, not even a pong, for this long is shown as lost. */
  lostAfterMs?: number;
  /** A connection that has heard nothing for this long is closed and opened again. */
  silenceLimitMs?: number;
  now?: () => number;
}

/** 0.5 s, 1 s, 2 s, 4 s, then 5 s for ever. */
export function backoffDelay(attempt: number): number {
  return Math.min(5000, 500 * 2 ** Math.max(0, attempt));
}

function defaultFactory(url: string): SocketLike {
  return new WebSocket(url) as unknown as SocketLike;
}

/** The websocket URL for a path on this host (ws: or wss: to match the page). */
export function wsURL(path: string): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${path}`;
}

/**
 * A websocket that reconnects for ever with backoff, pings every few seconds to learn the
 * clock offset and to notice a dead Wi-Fi link, and drops stale contest frames.
 */
export class LiveClient {
  readonly clock = new ClockOffset();
  readonly seq = new SeqFilter();

  private socket: SocketLike | null = null;
  private attempt = 0;
  private everOpened = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private lastPing = 0;
  private _status: ConnStatus = 'idle';
  private readonly factory: SocketFactory;
  private readonly basePing: number;
  private pingEvery: number;
  private lostAfter: number;
  private silenceLimit: number;
  private readonly now: () => number;

  constructor(private readonly opts: LiveClientOptions) {
    this.factory = opts.socketFactory ?? defaultFactory;
    // A ping every 3 s answered within 6 s: a slow link (2–3 s round trips) stays "open",
    // a dead one shows as lost within 6–7 s, and is given up after 12 s.
    this.pingEvery = this.basePing = opts.pingIntervalMs ?? 3000;
    this.lostAfter = opts.lostAfterMs ?? 6000;
    this.silenceLimit = opts.silenceLimitMs ?? 12000;
    this.now = opts.now ?? (() => Date.now());
  }

  /**
   * Follows the pace the server asks for (its hello's `ping_ms`, slower in a big crowd): a ping
   * every `pingMs`, with the time to show the link lost and to give it up stretched alike.
   * Never faster than the pace the client was made with.
   */
  setPace(pingMs: number): void {
    if (!(pingMs > 0)) return;
    const scale = Math.max(1, pingMs / this.basePing);
    this.pingEvery = this.basePing * scale;
    this.lostAfter = (this.opts.lostAfterMs ?? 6000) * scale;
    this.silenceLimit = (this.opts.silenceLimitMs ?? 12000) * scale;
  }

  get status(): ConnStatus {
    return this._status;
  }

  /** The server's clock now, as well as this device can tell (for countdowns). */
  serverNow(): number {
    return this.clock.serverNow(this.now());
  }

  get lastSeq(): number {
    return this.seq.lastSeq;
  }

  /** Opens the connection (again, if it was stopped). */
  start(): void {
    this.clearReconnect();
    if (this.socket) return;
    this.connect();
  }

  /** Closes the connection and stays closed. */
  stop(): void {
    this.clearReconnect();
    this.stopPing();
    this.dropSocket(1000);
    this.setStatus('stopped');
  }

  /** Reconnects at once if waiting between attempts (the screen came back, Wi-Fi returned). */
  nudge(): void {
    if (this._status === 'reconnecting' && this.reconnectTimer) {
      this.clearReconnect();
      this.attempt = 0;
      this.connect();
    } else if (this._status === 'open' || this._status === 'lost') {
      this.checkSilence();
    }
  }

  /** Drops the current connection and opens a new one, to get a fresh snapshot. */
  reconnect(): void {
    this.clearReconnect();
    this.stopPing();
    this.dropSocket(1000);
    this.attempt = 0;
    this.connect();
  }

  /** Sends a frame if the socket is open; returns whether it went out. */
  send(frame: ClientFrame): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN || this._status !== 'open') return false;
    try {
      s.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private connect(): void {
    this.setStatus(this.everOpened || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let s: SocketLike;
    try {
      s = this.factory(this.opts.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      if (this.socket !== s) return;
      this.attempt = 0;
      this.everOpened = true;
      this.lastHeard = this.now();
      this.setStatus('open');
      this.opts.onOpen();
      this.sendPing();
      this.startPing();
    };
    s.onmessage = (ev) => {
      if (this.socket !== s) return;
      this.lastHeard = this.now();
      if (this._status === 'lost') this.setStatus('open');
      this.handleMessage(ev.data);
    };
    s.onerror = () => {
      // The close event that follows decides what to do.
    };
    s.onclose = (ev) => {
      if (this.socket !== s) return;
      this.socket = null;
      this.stopPing();
      const code = ev?.code ?? 1006;
      if (code === CLOSE_KICKED || code === CLOSE_REPLACED) {
        this.setStatus('stopped');
        this.opts.onFinalClose?.(code);
        return;
      }
      if (this._status === 'stopped') return;
      this.scheduleReconnect(code === CLOSE_FLOODING ? 5000 : undefined);
    };
  }

  private handleMessage(data: unknown): void {
    const frame = parseFrame(data);
    if (!frame) return;
    if (frame.t === 'pong') {
      const ct = Number(frame.client_time);
      const st = Number(frame.server_time);
      if (Number.isFinite(ct) && Number.isFinite(st)) this.clock.addPong(ct, st, this.now());
      return;
    }
    if ((frame.t === 'hello' || frame.t === 'state' || frame.t === 'host_state') && typeof frame.server_time === 'number') {
      this.clock.noteServerTime(frame.server_time, this.now());
    }
    if (!this.seq.accept(frame)) return;
    this.opts.onFrame(frame);
  }

  private scheduleReconnect(minDelay?: number): void {
    this.opts.onAttemptFailed?.(this.attempt, this.everOpened);
    const delay = Math.max(minDelay ?? 0, backoffDelay(this.attempt));
    this.attempt++;
    this.setStatus('reconnecting');
    this.clearReconnect();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private sendPing(): void {
    this.lastPing = this.now();
    const s = this.socket;
    if (!s || s.readyState !== OPEN) return;
    try {
      // Sent while "lost" too: the pong is how the phone learns the link is back.
      s.send(JSON.stringify({ t: 'ping', client_time: this.lastPing } satisfies ClientFrame));
    } catch {
      // The close event follows.
    }
  }

  /** One watch a second: ping when due, and notice silence as soon as it counts. */
  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.checkSilence()) return;
      if (this.now() - this.lastPing >= this.pingEvery) this.sendPing();
    }, Math.min(1000, this.pingEvery));
  }

  /**
   * Shows a silent connection as lost, and takes a longer silence as dead and starts over;
   * returns whether it started over.
   */
  private checkSilence(): boolean {
    if (this._status !== 'open' && this._status !== 'lost') return false;
    const silent = this.now() - this.lastHeard;
    if (silent > this.silenceLimit) {
      this.stopPing();
      this.dropSocket(4000);
      this.scheduleReconnect();
      return true;
    }
    if (silent > this.lostAfter) this.setStatus('lost');
    return false;
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private dropSocket(code: number): void {
    const s = this.socket;
    this.socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close(code);
    } catch {
      // Already closed.
    }
  }

  private setStatus(s: ConnStatus): void {
    if (this._status === s) return;
    this._status = s;
    this.opts.onStatus?.(s);
  }
}
