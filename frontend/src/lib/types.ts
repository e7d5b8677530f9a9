import { isServerFrameType } from './wire';
import type * as wire from './wire';

export type Phase =
  | 'lobby'
  | 'round_intro'
  | 'item_open'
  | 'item_closed'
  | 'reveal'
  | 'standings'
  | 'finished';

const phases: ReadonlySet<string> = new Set<Phase>([
  'lobby', 'round_intro', 'item_open', 'item_closed', 'reveal', 'standings', 'finished',
]);

/** Whether a phase the server names is one this app knows (a newer server may have more). */
export function isPhase(s: unknown): s is Phase {
  return typeof s === 'string' && phases.has(s);
}

export type QuestionType = 'single' | 'multi' | 'truefalse' | 'short' | 'numeric' | 'ordering';

export type Scoring = 'fixed' | 'speed';

export type Role = 'admin' | 'organiser' | 'trainer' | 'judge';

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: Role | string;
  disabled?: boolean;
  created_at: string;
}

/** Another account, as the share and co-organiser pickers list it. */
export interface Colleague {
  id: string;
  username: string;
  display_name: string;
  role: Role | string;
}

export interface Bank {
  id: string;
  title: string;
  description: string;
  owner_id: string;
  question_count: number;
  created_at: string;
  updated_at: string;
  /** Who owns it, and with whom it is shared; absent from an older server. */
  owner_name?: string;
  shared_with?: string[] | null;
  shared_all?: boolean;
  /** False when the bank is only shared with this user: it can be read and copied. */
  can_edit?: boolean;
}

export interface Question {
  id: string;
  bank_id: string;
  position: number;
  type: QuestionType;
  prompt: string;
  options: string[];
  correct: number[];
  /** multi: a share of the points for the right options chosen; ordering: for the items in place. */
  partial?: boolean;
  /** short: the accepted answers. */
  answers?: string[];
  /** short: accepted typed without diacritics too ("không dấu"). */
  no_diacritics?: boolean;
  /** numeric: the right number and how far from it an answer may be. */
  value?: number;
  tolerance?: number;
  time_limit_sec: number;
  points: number;
  explanation: string;
  source: string;
  /** 1 when written, one more for each edit that changed it. */
  version?: number;
  /** Topic tags, such as "Điều lệ Đảng". */
  tags: string[];
  /** 1 nhận biết, 2 thông hiểu, 3 vận dụng, 4 vận dụng cao; 0 not set. */
  difficulty: number;
  /** The id of the picture shown with the prompt, or "" (absent from an older server). */
  image?: string;
  created_at?: string;
  updated_at?: string;
}

export type QuestionInput = Omit<Question, 'id' | 'bank_id' | 'position' | 'created_at' | 'updated_at'>;

export interface ContestSummary {
  id: string;
  title: string;
  pin: string;
  status: 'open' | 'finished' | string;
  phase: Phase | string;
  participant_count: number;
  item_count: number;
  created_at: string;
  finished_at: string | null;
  owner_id?: string;
  owner_name?: string;
  co_organisers?: string[] | null;
  /** False when this user may watch the contest but not run or change it. */
  can_manage?: boolean;
}

export interface ContestItem {
  id: string;
  position: number;
  question: Question;
}

export interface Contest {
  id: string;
  title: string;
  pin: string;
  status: string;
  join_url: string;
  rounds: {
    id: string;
    title: string;
    kind?: string;
    scoring: Scoring;
    auto_close: boolean;
    weight?: number;
    items: ContestItem[];
  }[];
  live: { phase: Phase; version: number; [k: string]: unknown };
  created_at: string;
  finished_at: string | null;
  owner_id?: string;
  owner_name?: string;
  co_organisers?: string[] | null;
  can_manage?: boolean;
}

export interface Standing {
  rank: number;
  participant_id: string;
  name: string;
  unit: string;
  score: number;
  time_ms: number;
  correct: number;
  join_order?: number;
  /** Each round's points before its weight, in round order; absent from an older server. */
  rounds?: number[];
}

/** The body of an `item` frame: a question while it is open. It never holds the key. */
export type ItemBody = wire.Item;

/** The answer key and how the room answered, in a `reveal` frame or a snapshot. */
export type RevealBody = wire.Reveal;

/** A phone's own outcome of an item. */
export type ResultBody = wire.Result;

/** The top of the standings, in a `standings` frame or a snapshot. */
export type StandingsBody = wire.Standings;

/** The phone's own contestant: a snapshot names it, a standings frame or a result moves its place. */
export type Me = wire.MyPlace & Partial<wire.Me>;

/** The answer a phone gave to the open item, as its snapshot holds it. */
export type StoredAnswer = wire.AnswerRef;

/** A contestant as the control panel lists it. */
export type HostParticipant = wire.Participant;

/** The contest as a snapshot names it; a host screen's also has its PIN and join address. */
export type SnapshotContest = wire.ContestInfo;

/** A refusal from the server. */
export type ErrorFrame = wire.Error;

/** Any frame the server sends (realtime/PROTOCOL.md), as generated from the Go types in wire.ts. */
export type ServerFrame = wire.ServerFrame;

/**
 * Reads one websocket message: a frame of a type this app knows, or null (not JSON, not an
 * object, or a type from a newer server, which is ignored rather than misread).
 */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  return isServerFrameType((v as { t?: unknown }).t) ? (v as ServerFrame) : null;
}
