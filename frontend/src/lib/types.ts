export type Phase =
  | 'lobby'
  | 'round_intro'
  | 'item_open'
  | 'item_closed'
  | 'reveal'
  | 'standings'
  | 'finished';

export type QuestionType = 'single' | 'multi' | 'truefalse';

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
  time_limit_sec: number;
  points: number;
  explanation: string;
  source: string;
  topic: string;
  difficulty: number;
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
  rounds: { id: string; title: string; scoring: Scoring; auto_close: boolean; items: ContestItem[] }[];
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
}

/** The body of an `item` frame: a question while it is open. It never holds the key. */
export interface ItemBody {
  item_id: string;
  index: number;
  count: number;
  round_title: string;
  type: QuestionType;
  prompt: string;
  options: string[];
  points: number;
  time_limit_ms: number;
  opens_at: number;
  closes_at: number;
}

export interface RevealBody {
  item_id: string;
  correct: number[];
  distribution: number[];
  answered: number;
  players: number;
  explanation?: string;
  source?: string;
}

export interface ResultBody {
  item_id: string;
  answered: boolean;
  choice: number[] | null;
  correct: boolean;
  points: number;
  score: number;
  rank: number;
  players: number;
}

export interface StandingsBody {
  final: boolean;
  players: number;
  top: Standing[];
}

export interface Me {
  participant_id?: string;
  name?: string;
  unit?: string;
  score: number;
  rank: number;
  players: number;
}

export interface StoredAnswer {
  answer_id: string;
  choice: number[];
}

export interface HostParticipant {
  id: string;
  name: string;
  unit: string;
  join_order: number;
  connected: boolean;
  kicked: boolean;
  score: number;
}

/** The contest as a phone's snapshot names it. */
export interface PlayerContest {
  id: string;
  title: string;
  item_count: number;
}

/** The contest as a host screen's snapshot names it. */
export interface HostContest extends PlayerContest {
  pin: string;
  join_url: string;
}

/** The fields of a state change that `phase` frames and both snapshots carry. */
interface PhaseFields {
  phase: Phase;
  version: number;
  paused: boolean;
  remaining_ms: number;
  /** The lobby takes no new contestants (absent from servers that cannot lock it). */
  locked?: boolean;
}

/** The frames of realtime/PROTOCOL.md, one type each; `t` tells which. */
export interface HelloFrame {
  t: 'hello';
  token: string;
  participant_id: string;
  contest_id: string;
  server_time: number;
  /** How often the server wants this phone to ping (slower in a big crowd). */
  ping_ms?: number;
}

export interface StateFrame extends PhaseFields {
  t: 'state';
  seq: number;
  server_time: number;
  contest: PlayerContest | null;
  me: Me | null;
  item: ItemBody | null;
  answer: StoredAnswer | null;
  reveal: RevealBody | null;
  result: ResultBody | null;
  standings: StandingsBody | null;
}

export interface HostStateFrame extends PhaseFields {
  t: 'host_state';
  seq: number;
  server_time: number;
  contest: HostContest | null;
  item: ItemBody | null;
  answered: number;
  players: number;
  participants: HostParticipant[];
  reveal: RevealBody | null;
  standings: StandingsBody | null;
}

export interface PhaseFrame extends PhaseFields {
  t: 'phase';
  seq: number;
  item_index?: number;
  item_count?: number;
  round_title?: string;
  closes_at?: number;
}

export interface ItemFrame extends ItemBody {
  t: 'item';
  seq: number;
}

export interface ClosedFrame {
  t: 'closed';
  seq: number;
  item_id: string;
  answered: number;
  players: number;
}

export interface RevealFrame extends RevealBody {
  t: 'reveal';
  seq: number;
  /** Only on a phone's copy. */
  result?: ResultBody | null;
}

export interface StandingsFrame extends StandingsBody {
  t: 'standings';
  seq: number;
  /** Only on a phone's copy. */
  me?: Pick<Me, 'score' | 'rank' | 'players'> | null;
}

export interface AckFrame {
  t: 'ack';
  item_id: string;
  answer_id: string;
  choice: number[];
}

export interface KickedFrame {
  t: 'kicked';
  message: string;
}

export interface ErrorFrame {
  t: 'error';
  code: string;
  message: string;
  item_id?: string;
  answer_id?: string;
}

export interface PongFrame {
  t: 'pong';
  client_time: number;
  server_time: number;
}

export interface ParticipantsFrame {
  t: 'participants';
  seq: number;
  participants: HostParticipant[];
}

export interface ProgressFrame {
  t: 'progress';
  seq: number;
  item_id: string;
  answered: number;
  players: number;
}

/** Any frame the server sends. */
export type ServerFrame =
  | HelloFrame
  | StateFrame
  | HostStateFrame
  | PhaseFrame
  | ItemFrame
  | ClosedFrame
  | RevealFrame
  | StandingsFrame
  | AckFrame
  | KickedFrame
  | ErrorFrame
  | PongFrame
  | ParticipantsFrame
  | ProgressFrame;

const frameTypes = new Set<string>([
  'hello', 'state', 'host_state', 'phase', 'item', 'closed', 'reveal', 'standings',
  'ack', 'kicked', 'error', 'pong', 'participants', 'progress',
]);

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
  const t = (v as { t?: unknown }).t;
  return typeof t === 'string' && frameTypes.has(t) ? (v as ServerFrame) : null;
}
