import { readJSON, writeJSON, type KeyValueStore } from './storage';
import type { Phase, StoredAnswer } from './types';
import type { ClientFrame } from './wire';

/** The answer frame exactly as sent; a resend must be byte for byte the same answer. */
export type AnswerFrame = Required<Pick<ClientFrame, 'item_id' | 'answer_id'>> &
  Pick<ClientFrame, 'choice' | 'text' | 'order'> & { t: 'answer' };

/** What a contestant answers: options chosen, a text typed, or the shown positions in the order put. */
export interface AnswerInput {
  choice?: number[];
  text?: string;
  order?: number[];
}

export const OUTBOX_KEY = 'hoithi.outbox';

/** A fresh answer id of 1–64 characters from [A-Za-z0-9_-]; works on plain http too. */
export function newAnswerId(): string {
  const bytes = new Uint8Array(12);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = 'a';
  for (const b of bytes) id += b.toString(16).padStart(2, '0');
  return id;
}

/**
 * Answers sent but not yet acknowledged, kept in localStorage by item id so that a dropped
 * connection, a locked screen or a refresh never loses a tap. The same frame (same answer_id)
 * is sent again after every reconnect until the server acknowledges it.
 */
export class AnswerOutbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly transmit: (frame: AnswerFrame) => boolean,
    private readonly makeId: () => string = newAnswerId,
  ) {}

  private load(): Record<string, AnswerFrame> {
    const data = readJSON<Record<string, AnswerFrame>>(this.store, OUTBOX_KEY);
    return data && typeof data === 'object' ? data : {};
  }

  private save(data: Record<string, AnswerFrame>): void {
    writeJSON(this.store, OUTBOX_KEY, data);
  }

  /** The unacknowledged answer for an item, if any. */
  pending(itemId: string): AnswerFrame | null {
    return this.load()[itemId] ?? null;
  }

  /**
   * Records an answer and sends it if it can. A second tap on the same item while the first
   * is pending keeps the first (the server only counts the first anyway).
   */
  submit(itemId: string, input: AnswerInput | number[], online: boolean): AnswerFrame {
    const data = this.load();
    let frame = data[itemId];
    if (!frame) {
      const a: AnswerInput = Array.isArray(input) ? { choice: input } : input;
      frame = { t: 'answer', item_id: itemId, answer_id: this.makeId() };
      if (a.text !== undefined) frame.text = a.text;
      else if (a.order) frame.order = [...a.order];
      else frame.choice = [...(a.choice ?? [])];
      data[itemId] = frame;
      this.save(data);
    }
    if (online) this.transmit(frame);
    return frame;
  }

  /** Sends the pending answer for an item again, unchanged. */
  resend(itemId: string): boolean {
    const frame = this.pending(itemId);
    return frame ? this.transmit(frame) : false;
  }

  /**
   * After a (re)connection's snapshot: answers for other items are dropped, an answer the
   * server already stored is dropped, and the one for the open item is sent again.
   */
  afterSnapshot(snapshot: {
    itemId: string | null;
    phase: Phase | null;
    paused: boolean;
    stored: StoredAnswer | null;
  }): void {
    const data = this.load();
    let changed = false;
    for (const id of Object.keys(data)) {
      const keep =
        id === snapshot.itemId && !snapshot.stored && snapshot.phase === 'item_open';
      if (!keep) {
        delete data[id];
        changed = true;
      }
    }
    if (changed) this.save(data);
    if (snapshot.itemId && data[snapshot.itemId] && !snapshot.paused) {
      this.transmit(data[snapshot.itemId]);
    }
  }

  /** A new item opened: answers to any other item can no longer count. */
  keepOnly(itemId: string): void {
    const data = this.load();
    const ids = Object.keys(data).filter((id) => id !== itemId);
    if (ids.length === 0) return;
    for (const id of ids) delete data[id];
    this.save(data);
  }

  /** The server stored the answer for this item (whichever answer_id it reports). */
  acked(itemId: string): void {
    this.drop(itemId);
  }

  /** The server refused the answer for good (too late, not open, bad choice). */
  drop(itemId: string): void {
    const data = this.load();
    if (!(itemId in data)) return;
    delete data[itemId];
    this.save(data);
  }

  /** Forgets everything (leaving a contest). */
  clear(): void {
    this.save({});
  }
}
