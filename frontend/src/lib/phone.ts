import { writable, type Readable } from 'svelte/store';
import { errorMessage, type JoinInfo } from './api';
import { LiveClient, wsURL, CLOSE_KICKED, type ConnStatus, type SocketFactory } from './live';
import { m } from './messages.vi';
import { AnswerOutbox, type AnswerFrame, type AnswerInput } from './outbox';
import { readJSON, remove, writeJSON, type KeyValueStore } from './storage';
import type { ErrorFrame, Phase, ServerFrame } from './types';
import { emptyPlayerView, isOut, phoneBuzzer, reducePlayer, type PlayerView } from './views';

/** Which part of the phone page is showing. */
export type PhoneScreen = 'pin' | 'details' | 'connecting' | 'live' | 'kicked' | 'replaced';

export interface PhoneState {
  screen: PhoneScreen;
  pin: string;
  contestTitle: string;
  name: string;
  unit: string;
  formError: string;
  busy: boolean;
  status: ConnStatus;
  view: PlayerView;
  /** The answer to the current item that is on its way but not yet acknowledged. */
  pending: AnswerFrame | null;
  /** The press of the buzzer on its way: the phone shows it at once, the server confirms it. */
  pressing: Press | null;
  /** A short message from the server to show for a moment (e.g. "too late"). */
  notice: { text: string; at: number } | null;
  kickedMessage: string;
}

/** A press of the buzzer: on which question, and in which attempt (0, then one more per steal). */
export interface Press {
  itemId: string;
  attempt: number;
}

/** The answer id of a press: an error about it names it, so it is told from an answer's. */
const pressPrefix = 'buzz-';

/** The identity kept across refreshes. */
export interface StoredIdentity {
  token: string;
  participant_id: string;
  contest_id: string;
  pin: string;
  title?: string;
}

/** What the static page's PIN form held when the app took over (see index.html, main.ts). */
export interface BootInput {
  pin: string;
  /** The PIN was sent before the app was there to check it. */
  submitted: boolean;
  /** The PIN field had the focus, so the app's field takes it. */
  focused: boolean;
}

export const IDENTITY_KEY = 'hoithi.player';
export const PROFILE_KEY = 'hoithi.profile';

/** What the name form says when the server refuses a join; other codes show its message. */
const joinRefusals: Record<string, string> = {
  lobby_locked: m.phone.lobbyLocked,
  name_taken: m.phone.nameTaken,
  kicked: m.phone.kickedJoin,
  rate_limited: m.phone.joinRateLimited,
};

const answerRetryCodes = new Set(['retry', 'unavailable']);
// invalid: a number that is not one; the contestant types it again.
const answerFinalCodes = new Set(['item_closed', 'item_not_open', 'bad_choice', 'eliminated', 'invalid']);

export interface PhoneDeps {
  store: KeyValueStore;
  checkPin: (pin: string) => Promise<JoinInfo>;
  socketFactory?: SocketFactory;
  url?: () => string;
  now?: () => number;
}

/**
 * The phone's side of a live contest: PIN, name, the socket with resume after every drop, the
 * answer outbox, and the view to render. Svelte components subscribe to `state`.
 */
export class PhoneSession {
  private readonly _state = writable<PhoneState>(initialState());
  readonly state: Readable<PhoneState> = { subscribe: this._state.subscribe };
  private current: PhoneState = initialState();
  private client: LiveClient | null = null;
  private joinRequest: { pin: string; name: string; unit: string } | null = null;
  private ready = false;
  private readonly outbox: AnswerOutbox;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly now: () => number;

  constructor(private readonly deps: PhoneDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.outbox = new AnswerOutbox(deps.store, (f) => (this.ready ? this.client?.send(f) ?? false : false));
    const profile = readJSON<{ name?: string; unit?: string }>(deps.store, PROFILE_KEY);
    this.set({ name: profile?.name ?? '', unit: profile?.unit ?? '' });
  }

  private set(patch: Partial<PhoneState>): void {
    this.current = { ...this.current, ...patch };
    const p = this.current.pressing;
    if (p && !stillPressing(p, this.current.view)) this.current.pressing = null;
    this._state.set(this.current);
  }

  get snapshot(): PhoneState {
    return this.current;
  }

  /** The server's clock now, for countdowns. */
  serverNow(): number {
    return this.client?.serverNow() ?? this.now();
  }

  identity(): StoredIdentity | null {
    const id = readJSON<StoredIdentity>(this.deps.store, IDENTITY_KEY);
    return id && typeof id.token === 'string' && id.token ? id : null;
  }

  /**
   * Starts the page: resume a stored identity, or check the PIN from the QR code, or go on
   * with what was typed into the static page before the app arrived.
   */
  init(urlPin: string | null, boot: BootInput | null = null): void {
    const id = this.identity();
    const pin = (urlPin ?? '').trim();
    if (id && (!pin || pin === id.pin)) {
      this.set({ screen: 'connecting', pin: id.pin, contestTitle: id.title ?? '' });
      this.connect();
      return;
    }
    if (id) this.forgetIdentity();
    if (/^\d{6}$/.test(pin)) {
      this.set({ pin });
      void this.submitPin(pin);
      return;
    }
    if (boot?.submitted) {
      void this.submitPin(boot.pin);
      return;
    }
    this.set({ screen: 'pin', pin: boot?.pin ?? '' });
  }

  /** Checks the PIN with the server and moves on to the name form. */
  async submitPin(raw: string): Promise<void> {
    const pin = raw.replace(/\D/g, '');
    if (pin.length !== 6) {
      this.set({ screen: 'pin', pin, formError: m.phone.pinTooShort });
      return;
    }
    this.set({ pin, busy: true, formError: '' });
    try {
      const info = await this.deps.checkPin(pin);
      this.set({ screen: 'details', contestTitle: info.title, busy: false, formError: '' });
    } catch (e) {
      this.set({ screen: 'pin', busy: false, formError: errorMessage(e) });
    }
  }

  /** Back to the PIN screen from the name form. */
  changePin(): void {
    this.stopClient();
    this.joinRequest = null;
    this.set({ screen: 'pin', busy: false, formError: '' });
  }

  /** Joins with a name and unit; they are remembered to prefill next time. */
  join(rawName: string, rawUnit: string): void {
    const name = rawName.trim().replace(/\s+/g, ' ');
    const unit = rawUnit.trim().replace(/\s+/g, ' ');
    if (!name) return this.set({ name: rawName, unit: rawUnit, formError: m.phone.nameRequired });
    if (!unit) return this.set({ name: rawName, unit: rawUnit, formError: m.phone.unitRequired });
    writeJSON(this.deps.store, PROFILE_KEY, { name, unit });
    this.joinRequest = { pin: this.current.pin, name, unit };
    this.set({ name, unit, busy: true, formError: '' });
    this.stopClient();
    this.connect();
  }

  /**
   * Sends an answer to the open item (kept and resent until acknowledged): the options chosen,
   * or a typed text, or an ordering's shown positions in the order put.
   */
  answer(input: number[] | AnswerInput): void {
    const v = this.current.view;
    if (!v.item || v.phase !== 'item_open' || v.paused || v.answer || isOut(v)) return;
    const a: AnswerInput = Array.isArray(input) ? { choice: input } : input;
    let frame: AnswerFrame;
    if (a.text !== undefined) {
      const text = a.text.trim();
      if (!text) return;
      frame = this.outbox.submit(v.item.item_id, { text }, this.ready);
    } else if (a.order) {
      if (a.order.length === 0) return;
      frame = this.outbox.submit(v.item.item_id, { order: a.order }, this.ready);
    } else {
      const choice = a.choice ?? [];
      if (choice.length === 0) return;
      frame = this.outbox.submit(v.item.item_id, [...choice].sort((x, y) => x - y), this.ready);
    }
    this.set({ pending: frame, notice: null });
  }

  /**
   * Presses the buzzer on the open question. It is not kept for later: a press only counts now,
   * so without a link the phone says so and the contestant presses again.
   */
  buzz(): void {
    const v = this.current.view;
    if (!v.item || v.phase !== 'item_open' || v.paused || isOut(v) || this.current.pressing) return;
    if (phoneBuzzer(v).kind !== 'press') return;
    const press: Press = { itemId: v.item.item_id, attempt: v.buzz?.attempt ?? 0 };
    if (!this.sendPress(press)) {
      this.set({ notice: { text: m.phone.buzzOffline, at: this.now() } });
      return;
    }
    this.set({ pressing: press, notice: null });
  }

  private sendPress(p: Press): boolean {
    if (!this.ready || !this.client) return false;
    return this.client.send({ t: 'buzz', item_id: p.itemId, answer_id: `${pressPrefix}${p.attempt}` });
  }

  /** After "replaced": take the contest back to this tab. */
  useHere(): void {
    this.set({ screen: 'connecting' });
    this.stopClient();
    this.connect();
  }

  /** Forgets this contest and goes back to the PIN screen. */
  leave(): void {
    this.stopClient();
    this.forgetIdentity();
    this.outbox.clear();
    this.joinRequest = null;
    this.set({
      screen: 'pin',
      pin: '',
      contestTitle: '',
      busy: false,
      formError: '',
      view: emptyPlayerView(),
      pending: null,
      pressing: null,
      notice: null,
    });
  }

  /** The screen came back or the network returned: try at once instead of waiting. */
  nudge(): void {
    this.client?.nudge();
  }

  destroy(): void {
    this.stopClient();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private connect(): void {
    this.ready = false;
    const client = new LiveClient({
      url: this.deps.url ?? (() => wsURL('/ws/play')),
      socketFactory: this.deps.socketFactory,
      now: this.deps.now,
      onOpen: () => this.onOpen(client),
      onFrame: (f) => this.onFrame(f),
      onStatus: (status) => {
        const was = this.current.status;
        // A silent link keeps its socket: if frames come back on it, nothing was missed.
        if (status !== 'open' && status !== 'lost') this.ready = false;
        this.set({ status });
        if (status === 'open' && was === 'lost' && this.ready) this.resendPending();
      },
      onFinalClose: (code) => {
        this.ready = false;
        if (code === CLOSE_KICKED) {
          this.set({
            screen: 'kicked',
            kickedMessage: this.current.kickedMessage || m.phone.kickedDefault,
          });
        } else {
          this.set({ screen: 'replaced' });
        }
      },
    });
    this.client = client;
    client.start();
  }

  private stopClient(): void {
    this.ready = false;
    this.client?.stop();
    this.client = null;
  }

  private onOpen(client: LiveClient): void {
    const id = this.identity();
    if (id) {
      client.send({ t: 'resume', token: id.token, last_seq: client.lastSeq });
    } else if (this.joinRequest) {
      client.send({ t: 'join', ...this.joinRequest });
    } else {
      client.stop();
      this.set({ screen: this.current.pin ? 'details' : 'pin', busy: false });
    }
  }

  private onFrame(f: ServerFrame): void {
    switch (f.t) {
      case 'hello': {
        const prev = this.identity();
        const id: StoredIdentity = {
          token: String(f.token ?? ''),
          participant_id: String(f.participant_id ?? ''),
          contest_id: String(f.contest_id ?? ''),
          pin: this.joinRequest?.pin ?? prev?.pin ?? this.current.pin,
          title: prev?.title ?? this.current.contestTitle,
        };
        if (id.token) writeJSON(this.deps.store, IDENTITY_KEY, id);
        this.joinRequest = null;
        if (typeof f.ping_ms === 'number') this.client?.setPace(f.ping_ms);
        return;
      }
      case 'state': {
        const view = reducePlayer(emptyPlayerView(), f);
        this.ready = true;
        const id = this.identity();
        if (id && view.contest?.title && id.title !== view.contest.title) {
          writeJSON(this.deps.store, IDENTITY_KEY, { ...id, title: view.contest.title });
        }
        this.outbox.afterSnapshot({
          itemId: view.item?.item_id ?? null,
          phase: view.phase,
          paused: view.paused,
          stored: view.answer,
        });
        this.set({
          screen: 'live',
          busy: false,
          formError: '',
          view,
          contestTitle: view.contest?.title ?? this.current.contestTitle,
          name: view.me?.name ?? this.current.name,
          unit: view.me?.unit ?? this.current.unit,
          pending: this.pendingFor(view),
          // A press sent before the link dropped may or may not have counted: the button is
          // offered again, and a second press of the same attempt is harmless.
          pressing: null,
        });
        return;
      }
      case 'ack': {
        const view = reducePlayer(this.current.view, f);
        this.outbox.acked(f.item_id);
        this.set({ view, pending: this.pendingFor(view) });
        return;
      }
      case 'error':
        if (f.code === 'eliminated') this.set({ view: reducePlayer(this.current.view, f) });
        this.onError(f);
        return;
      case 'kicked':
        this.set({ kickedMessage: String(f.message || m.phone.kickedDefault), screen: 'kicked' });
        return;
      default: {
        const before = this.current.view;
        const view = reducePlayer(before, f);
        if (view === before) return;
        if (f.t === 'item' && view.item) {
          this.outbox.keepOnly(view.item.item_id);
        }
        if (f.t === 'phase' && this.resumedAfterPause(before.paused, view.phase, view.paused) && view.item) {
          this.outbox.resend(view.item.item_id);
        }
        const rescued = f.t === 'survivors' && isOut(before) && !isOut(view);
        this.set({ view, pending: this.pendingFor(view), ...(rescued ? { notice: { text: m.phone.backIn, at: this.now() } } : {}) });
      }
    }
  }

  /** The answer tapped while the link was silent goes out now that it is back. */
  private resendPending(): void {
    const v = this.current.view;
    if (v.item && v.phase === 'item_open' && !v.paused && !v.answer) this.outbox.resend(v.item.item_id);
  }

  private resumedAfterPause(wasPaused: boolean, phase: Phase | null, paused: boolean): boolean {
    return wasPaused && !paused && phase === 'item_open' && this.ready;
  }

  private pendingFor(view: PlayerView): AnswerFrame | null {
    if (!view.item || view.answer) return null;
    return this.outbox.pending(view.item.item_id);
  }

  private onError(f: ErrorFrame): void {
    const code = String(f.code ?? '');
    const message = String(f.message || m.errors.unexpected);
    const itemId = typeof f.item_id === 'string' ? f.item_id : '';
    if (itemId && typeof f.answer_id === 'string' && f.answer_id.startsWith(pressPrefix)) {
      this.onPressRefused(code, message, itemId);
      return;
    }

    if (itemId && (answerRetryCodes.has(code) || answerFinalCodes.has(code) || code === 'paused')) {
      if (answerRetryCodes.has(code)) {
        this.later(() => {
          if (this.ready) this.outbox.resend(itemId);
        }, 1000);
        return;
      }
      if (answerFinalCodes.has(code)) this.outbox.drop(itemId);
      this.set({ pending: this.pendingFor(this.current.view), notice: { text: message, at: this.now() } });
      return;
    }

    switch (code) {
      case 'token_invalid':
        this.stopClient();
        this.forgetIdentity();
        this.outbox.clear();
        this.set({
          screen: this.current.pin ? 'details' : 'pin',
          busy: false,
          formError: message || m.phone.sessionExpired,
          view: emptyPlayerView(),
          pending: null,
        });
        return;
      case 'pin_not_found':
      case 'contest_finished':
        if (this.joinRequest) {
          this.stopClient();
          this.joinRequest = null;
          this.set({ screen: 'pin', busy: false, formError: message });
          return;
        }
        break;
      case 'kicked':
      case 'invalid':
      case 'lobby_locked':
      case 'name_taken':
      case 'rate_limited':
        if (this.joinRequest) {
          // A refused join: stay on the name form with what was typed, and say why.
          this.stopClient();
          this.joinRequest = null;
          this.set({ screen: 'details', busy: false, formError: joinRefusals[code] ?? message });
          return;
        }
        if (code === 'kicked') {
          this.stopClient();
          this.set({ screen: 'kicked', kickedMessage: message });
          return;
        }
        break;
      case 'unavailable':
        if (!this.ready) {
          this.later(() => this.client?.reconnect(), 2000);
          return;
        }
        break;
    }
    this.set({ notice: { text: message, at: this.now() } });
  }

  /** A press the server did not take: tried again once it may, otherwise the reason shown. */
  private onPressRefused(code: string, message: string, itemId: string): void {
    const p = this.current.pressing;
    if (p && p.itemId === itemId && answerRetryCodes.has(code)) {
      this.later(() => {
        if (this.current.pressing === p && !this.sendPress(p)) this.set({ pressing: null });
      }, 1000);
      return;
    }
    this.set({ pressing: null, notice: { text: message, at: this.now() } });
  }

  private forgetIdentity(): void {
    remove(this.deps.store, IDENTITY_KEY);
  }
}

function initialState(): PhoneState {
  return {
    screen: 'connecting',
    pin: '',
    contestTitle: '',
    name: '',
    unit: '',
    formError: '',
    busy: false,
    status: 'idle',
    view: emptyPlayerView(),
    pending: null,
    pressing: null,
    notice: null,
    kickedMessage: '',
  };
}

/** Whether a press on its way still belongs to what the phone shows: same question, same attempt, not yet confirmed. */
function stillPressing(p: Press, v: PlayerView): boolean {
  return v.item?.item_id === p.itemId && (v.buzz?.attempt ?? 0) === p.attempt && !v.pressed && !v.buzz?.winner && v.phase === 'item_open';
}
