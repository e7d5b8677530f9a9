import type { ServerFrame } from './types';

const snapshots = new Set(['state', 'host_state']);

/**
 * Drops contest frames older than the last one applied. A snapshot (`state`, `host_state`)
 * is always taken and becomes the new mark; frames without `seq` (hello, pong, ack, error,
 * kicked) always pass. A frame with the same seq as the last one passes: applying a frame
 * twice does no harm, dropping one would.
 */
export class SeqFilter {
  private last = -1;

  get lastSeq(): number {
    return Math.max(0, this.last);
  }

  accept(frame: ServerFrame): boolean {
    const seq = 'seq' in frame ? frame.seq : undefined;
    if (typeof seq !== 'number') return true;
    if (snapshots.has(frame.t)) {
      this.last = seq;
      return true;
    }
    if (seq < this.last) return false;
    this.last = seq;
    return true;
  }
}
