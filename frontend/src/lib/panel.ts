import type { ServerFrame } from './types';
import type * as wire from './wire';

/**
 * What the control panel knows of the rounds besides the shared host view: the rounds
 * themselves, the one being played, the buzzer's state and who remains in an elimination
 * round. Built from `host_state`, `phase`, `item`, `buzz` and `survivors` frames, so a reload
 * brings it all back from the snapshot.
 */
export interface PanelView {
  rounds: wire.Round[];
  /** The round being played or introduced; -1 in the lobby. */
  roundIndex: number;
  buzz: wire.Buzz | null;
  survivors: wire.Survivors | null;
}

export function emptyPanelView(): PanelView {
  return { rounds: [], roundIndex: -1, buzz: null, survivors: null };
}

function body<F extends { t?: string; seq?: number }>(f: F): Omit<F, 't' | 'seq'> {
  const { t: _t, seq: _seq, ...rest } = f;
  return rest;
}

/** The panel's view after one more frame; the same object when the frame changes nothing here. */
export function reducePanel(v: PanelView, f: ServerFrame): PanelView {
  switch (f.t) {
    case 'host_state':
      return {
        rounds: Array.isArray(f.rounds) ? f.rounds : [],
        roundIndex: typeof f.round_index === 'number' ? f.round_index : -1,
        buzz: f.buzz ?? null,
        survivors: f.survivors ?? null,
      };
    case 'phase': {
      if (typeof f.round_index !== 'number' || f.round_index === v.roundIndex) return v;
      // Survivors belong to their round; the buzzer to its question.
      const survivors = v.survivors && v.survivors.round_index === f.round_index ? v.survivors : null;
      return { ...v, roundIndex: f.round_index, survivors, buzz: null };
    }
    case 'item':
      if (v.buzz && v.buzz.item_id === f.item_id) return v;
      return v.buzz ? { ...v, buzz: null } : v;
    case 'buzz':
      return { ...v, buzz: body(f) };
    case 'survivors': {
      const { me: _me, ...s } = body(f);
      return { ...v, survivors: s };
    }
    default:
      return v;
  }
}

/** The round being played, or null in the lobby (or from an older server). */
export function currentRound(v: PanelView): wire.Round | null {
  return v.rounds[v.roundIndex] ?? null;
}

/**
 * The round's name on the control panel: "Vòng 2: Tăng tốc · Giành quyền trả lời", without
 * saying "Vòng 2" twice when the title already does, nor the kind when the title is it.
 */
export function roundLabel(index: number, title: string, kindName: string): string {
  const n = `Vòng ${index + 1}`;
  const t = title.trim();
  const named = t === '' ? n : new RegExp(`^${n}\\b`, 'i').test(t) ? t : `${n}: ${t}`;
  return kindName && !t.toLowerCase().includes(kindName.toLowerCase()) ? `${named} · ${kindName}` : named;
}

/**
 * Which mark to show on the buzzer: the one the panel sent (a right mark sends no new buzzer
 * frame) or the server's last, but only while it is about whoever answers now, or nobody does.
 */
export function shownMark(
  buzz: Pick<wire.Buzz, 'winner' | 'mark'> | null,
  sent: { participantId: string; right: boolean } | null,
): { right: boolean; points: number | null } | null {
  const winner = buzz?.winner?.participant_id ?? '';
  const about = (id: string) => winner === '' || winner === id;
  if (sent && about(sent.participantId)) return { right: sent.right, points: null };
  if (buzz?.mark && about(buzz.mark.participant_id)) return { right: buzz.mark.right, points: buzz.mark.points };
  return null;
}
