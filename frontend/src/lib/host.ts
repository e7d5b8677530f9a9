import { writable, type Readable } from 'svelte/store';
import { api, errorMessage, isUnauthorized, ApiError, type CommandArgs, type CommandResult } from './api';
import type { Command } from './controls';
import { LiveClient, wsURL, type ConnStatus, type SocketFactory } from './live';
import { emptyPanelView, reducePanel, type PanelView } from './panel';
import { emptyHostView, reduceHost, withVersion, type HostView } from './views';

export interface HostState {
  status: ConnStatus;
  view: HostView;
  /** The rounds, the buzzer and the survivors, for the control panel's round commands. */
  panel: PanelView;
  /** True once the first host_state arrived. */
  loaded: boolean;
  /** The command on its way, so its button can show it. */
  busy: Command | null;
  /** The contestant whose kick is on its way. */
  kicking: string | null;
  error: string;
  /** True when the contest does not exist (never did, or was deleted): nothing will load. */
  missing: boolean;
  /** True when this account may not run or watch the contest (a trainer, a judge). */
  forbidden: boolean;
}

/** What a failed connection turned out to mean. */
export type Access = 'ok' | 'logged_out' | 'missing' | 'forbidden';

export interface HostDeps {
  socketFactory?: SocketFactory;
  url?: () => string;
  sendCommand?: (contestId: string, cmd: string, version: number, args?: CommandArgs) => Promise<CommandResult>;
  /** Says whether the organiser is still logged in and the contest still exists. */
  checkAccess?: (contestId: string) => Promise<Access>;
  onLoggedOut?: () => void;
  /** Called after the server took a command: the panel reloads its log. */
  onCommandDone?: (cmd: Command | 'kick' | 'rejoin') => void;
  now?: () => number;
}

/**
 * The browser cannot see why a websocket upgrade was refused, so the contest itself is asked:
 * 401 means the login lapsed, 404 that the contest is gone (or is someone else's), 403 that this
 * account may not open it. Anything else (the server is down) is left to the reconnecting socket.
 */
async function defaultCheckAccess(contestId: string): Promise<Access> {
  try {
    await api.contest(contestId);
    return 'ok';
  } catch (e) {
    if (isUnauthorized(e)) return 'logged_out';
    if (e instanceof ApiError && e.status === 404) return 'missing';
    if (e instanceof ApiError && e.status === 403) return 'forbidden';
    return 'ok';
  }
}

function initial(): HostState {
  return { status: 'idle', view: emptyHostView(), panel: emptyPanelView(), loaded: false, busy: null, kicking: null, error: '', missing: false, forbidden: false };
}

/** A control panel's or projector's live link to one contest over /ws/host. */
export class HostSession {
  private readonly _state = writable<HostState>(initial());
  readonly state: Readable<HostState> = { subscribe: this._state.subscribe };
  private current: HostState = initial();
  private client: LiveClient;
  private readonly now: () => number;
  /** Set by stop(): a page that was left never starts or steers this session again. */
  private disposed = false;

  constructor(
    readonly contestId: string,
    private readonly deps: HostDeps = {},
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.client = new LiveClient({
      url: deps.url ?? (() => wsURL(`/ws/host?contest=${encodeURIComponent(contestId)}`)),
      socketFactory: deps.socketFactory,
      now: deps.now,
      onOpen: () => {},
      onFrame: (f) => {
        if (f.t === 'error') {
          if (typeof f.message === 'string' && f.message) this.set({ error: f.message });
          return;
        }
        const view = reduceHost(this.current.view, f);
        const panel = reducePanel(this.current.panel, f);
        if (view === this.current.view && panel === this.current.panel) return;
        this.set({ view, panel, loaded: this.current.loaded || f.t === 'host_state' });
      },
      onStatus: (status) => this.set({ status }),
      onAttemptFailed: (attempt, everOpened) => {
        if (!everOpened || attempt % 4 === 3) void this.verifyAccess();
      },
    });
  }

  private set(patch: Partial<HostState>): void {
    this.current = { ...this.current, ...patch };
    this._state.set(this.current);
  }

  get snapshot(): HostState {
    return this.current;
  }

  /** Connects, unless the session was already stopped (its page left while logging in). */
  start(): void {
    if (this.disposed) return;
    this.client.start();
  }

  /** Closes the socket for good. */
  stop(): void {
    this.disposed = true;
    this.client.stop();
  }

  nudge(): void {
    if (!this.disposed) this.client.nudge();
  }

  serverNow(): number {
    return this.now() + this.client.clock.offset;
  }

  clearError(): void {
    this.set({ error: '' });
  }

  /**
   * Sends an organiser command with the version last seen, and its arguments if it has any;
   * one at a time. A refusal (409: stale version or wrong phase) shows the server's message and
   * fetches a fresh snapshot. `onRefused`, when given, takes the message instead of the
   * panel's error line (a dialog shows it next to what was typed).
   */
  async command(cmd: Command, args?: CommandArgs, onRefused?: (message: string) => void): Promise<boolean> {
    if (this.current.busy) return false;
    this.set({ busy: cmd, error: '' });
    const sentAt = this.current.view.version;
    try {
      const res = await this.send(cmd, args);
      this.set({ busy: null, view: withVersion(this.current.view, res.version) });
      this.deps.onCommandDone?.(cmd);
      return true;
    } catch (e) {
      this.set({ busy: null });
      // A "close" pressed just as the question closed by itself is refused as stale; the
      // frames have already moved the panel on, so there is nothing to tell the organiser.
      if (e instanceof ApiError && e.status === 409 && this.current.view.version > sentAt && !onRefused) return false;
      this.refused(e, onRefused);
      return false;
    }
  }

  /**
   * Removes a contestant. It may go while another command is on its way: it needs no version,
   * and it leaves that command's `busy` alone, so the flow buttons stay locked until it returns.
   */
  async kick(participantId: string): Promise<boolean> {
    return this.aboutOne('kick', participantId);
  }

  /** Lets a contestant whose phone died join again from another one, as themselves. */
  async rejoin(participantId: string): Promise<boolean> {
    return this.aboutOne('rejoin', participantId);
  }

  /** A command about one contestant (kick, rejoin): no version, one at a time. */
  private async aboutOne(cmd: 'kick' | 'rejoin', participantId: string): Promise<boolean> {
    if (this.current.kicking) return false;
    this.set({ kicking: participantId, error: '' });
    try {
      await this.send(cmd, { participant_id: participantId });
      this.set({ kicking: null });
      this.deps.onCommandDone?.(cmd);
      return true;
    } catch (e) {
      this.set({ kicking: null });
      this.refused(e);
      return false;
    }
  }

  private send(cmd: string, args?: CommandArgs): Promise<CommandResult> {
    const send = this.deps.sendCommand ?? api.command;
    return send(this.contestId, cmd, this.current.view.version, args);
  }

  private refused(e: unknown, onRefused?: (message: string) => void): void {
    if (onRefused) onRefused(errorMessage(e));
    else this.set({ error: errorMessage(e) });
    if (isUnauthorized(e)) this.deps.onLoggedOut?.();
    else if (e instanceof ApiError && e.status === 404) this.gone();
    else if (e instanceof ApiError && e.status === 409) this.client.reconnect();
  }

  private gone(access: 'missing' | 'forbidden' = 'missing'): void {
    this.client.stop();
    this.set(access === 'missing' ? { missing: true, error: '' } : { forbidden: true, error: '' });
  }

  private async verifyAccess(): Promise<void> {
    const check = this.deps.checkAccess ?? defaultCheckAccess;
    const access = await check(this.contestId);
    if (this.disposed || access === 'ok') return;
    if (access === 'missing' || access === 'forbidden') return this.gone(access);
    this.client.stop();
    this.deps.onLoggedOut?.();
  }
}
