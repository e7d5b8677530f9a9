import { writable, type Readable } from 'svelte/store';
import { api, errorMessage, isUnauthorized, ApiError, type CommandResult } from './api';
import type { Command } from './controls';
import { LiveClient, wsURL, type ConnStatus, type SocketFactory } from './live';
import { emptyHostView, reduceHost, withVersion, type HostView } from './views';

export interface HostState {
  status: ConnStatus;
  view: HostView;
  /** True once the first host_state arrived. */
  loaded: boolean;
  /** The command on its way, so its button can show it. */
  busy: Command | 'kick' | null;
  error: string;
}

export interface HostDeps {
  socketFactory?: SocketFactory;
  url?: () => string;
  sendCommand?: (contestId: string, cmd: string, version: number, participantId?: string) => Promise<CommandResult>;
  /** Resolves false when the organiser is no longer logged in. */
  checkLogin?: () => Promise<boolean>;
  onLoggedOut?: () => void;
  now?: () => number;
}

async function defaultCheckLogin(): Promise<boolean> {
  try {
    await api.me();
    return true;
  } catch (e) {
    return !isUnauthorized(e);
  }
}

/** A control panel's or projector's live link to one contest over /ws/host. */
export class HostSession {
  private readonly _state = writable<HostState>({
    status: 'idle',
    view: emptyHostView(),
    loaded: false,
    busy: null,
    error: '',
  });
  readonly state: Readable<HostState> = { subscribe: this._state.subscribe };
  private current: HostState;
  private client: LiveClient;
  private readonly now: () => number;

  constructor(
    readonly contestId: string,
    private readonly deps: HostDeps = {},
  ) {
    this.now = deps.now ?? (() => Date.now());
    this.current = { status: 'idle', view: emptyHostView(), loaded: false, busy: null, error: '' };
    this.client = new LiveClient({
      url: deps.url ?? (() => wsURL(`/ws/host?contest=${encodeURIComponent(contestId)}`)),
      socketFactory: deps.socketFactory,
      now: deps.now,
      onOpen: () => {},
      onFrame: (f) => {
        if (f.t === 'error') return;
        const view = reduceHost(this.current.view, f);
        if (view === this.current.view) return;
        this.set({ view, loaded: this.current.loaded || f.t === 'host_state' });
      },
      onStatus: (status) => this.set({ status }),
      onAttemptFailed: (attempt, everOpened) => {
        if (!everOpened || attempt % 4 === 3) void this.verifyLogin();
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

  start(): void {
    this.client.start();
  }

  stop(): void {
    this.client.stop();
  }

  nudge(): void {
    this.client.nudge();
  }

  serverNow(): number {
    return this.now() + this.client.clock.offset;
  }

  clearError(): void {
    this.set({ error: '' });
  }

  /**
   * Sends an organiser command with the version last seen. A refusal (409: stale version or
   * wrong phase) shows the server's message and fetches a fresh snapshot.
   */
  async command(cmd: Command | 'kick', participantId?: string): Promise<boolean> {
    if (this.current.busy && cmd !== 'kick') return false;
    this.set({ busy: cmd, error: '' });
    const send = this.deps.sendCommand ?? api.command;
    try {
      const res = await send(this.contestId, cmd, this.current.view.version, participantId);
      this.set({ busy: null, view: withVersion(this.current.view, res.version) });
      return true;
    } catch (e) {
      this.set({ busy: null, error: errorMessage(e) });
      if (isUnauthorized(e)) this.deps.onLoggedOut?.();
      else if (e instanceof ApiError && e.status === 409) this.client.reconnect();
      return false;
    }
  }

  private async verifyLogin(): Promise<void> {
    const check = this.deps.checkLogin ?? defaultCheckLogin;
    if (!(await check())) {
      this.client.stop();
      this.deps.onLoggedOut?.();
    }
  }
}
