// Generated from the Go frame types in realtime/wire (the live protocol, realtime/PROTOCOL.md).
// Do not edit: change the Go types and run `go test ./realtime/wire -run TestTheFrontendFrameTypesAreTheGoOnes -update`.

/** The type of a frame a client sends. */
export type ClientFrameType = 'join' | 'resume' | 'answer' | 'ping' | 'buzz';

/** ClientFrame is any frame a client sends; a field its type does not use stays empty. */
export interface ClientFrame {
  t: ClientFrameType;
  pin?: string;
  name?: string;
  unit?: string;
  token?: string;
  last_seq?: number;
  item_id?: string;
  answer_id?: string;
  choice?: number[];
  /** Text is a typed answer (short answer, numeric). */
  text?: string;
  /** Order is an ordering answer: the shown positions of the options, in the order put. */
  order?: number[];
  client_time?: number;
}

/** Hello is the server's first frame to a phone that joined or resumed. */
export interface Hello {
  t: 'hello';
  token: string;
  participant_id: string;
  contest_id: string;
  server_time: number;
  /** PingMs is how often the phone should ping: the server's pace, slower in a big crowd. */
  ping_ms: number;
}

/** State is a phone's snapshot: everything it shows, after a join, a resume or lost events. */
export interface State {
  t: 'state';
  seq: number;
  server_time: number;
  contest: ContestInfo;
  phase: string;
  version: number;
  paused: boolean;
  remaining_ms: number;
  me: Me;
  rounds: Round[];
  round_index: number;
  item: Item | null;
  answer: AnswerRef | null;
  reveal: Reveal | null;
  result: Result | null;
  standings: Standings | null;
  buzz: Buzz | null;
  /** Pressed is this phone's press of the buzzer in the current attempt, if it pressed. */
  pressed: Pressed | null;
  survivors: Survivors | null;
}

/** ContestInfo names the contest in a snapshot; host snapshots add its PIN and join address. */
export interface ContestInfo {
  id: string;
  title: string;
  item_count: number;
  pin?: string;
  join_url?: string;
}

/** Me is the phone's contestant in its snapshot. */
export interface Me {
  participant_id: string;
  name: string;
  unit: string;
  score: number;
  rank: number;
  players: number;
  /** Out is set while the contestant is out of the elimination round being played. */
  out: boolean;
}

/** Round is one round of the contest as screens describe it: the projector shows its intro. */
export interface Round {
  title: string;
  /** Kind is "quiz", "elimination", "speed_order" or "buzzer". */
  kind: string;
  intro: string;
  weight: number;
  items: number;
  /** TieBreak marks a round that only separates contestants with the same total. */
  tie_break: boolean;
  /** Star says contestants may play a star of hope (buzzer rounds). */
  star: boolean;
  /** StealSec is how long a steal is open after a wrong answer (buzzer rounds), 0 for none. */
  steal_sec: number;
}

/**
 * Item is a question as phones see it, never with its answer key: the "item" frame, and the
 * open item of a snapshot (without t and seq).
 */
export interface Item {
  t?: 'item';
  seq?: number;
  item_id: string;
  index: number;
  count: number;
  round_title: string;
  type: string;
  prompt: string;
  options: string[];
  points: number;
  time_limit_ms: number;
  opens_at: number;
  closes_at: number;
  /**
   * Shuffled says each phone shows the options in an order of its own, so screens shared
   * by the room show them without letters.
   */
  shuffled?: boolean;
  /**
   * Shown is, in a phone's own copy of a shuffled item, the option indexes in the order
   * this phone shows them: Options[Shown[0]] first, labelled A. Choices stay indexes of
   * Options.
   */
  shown?: number[];
  /** Image is the path of the picture shown with the prompt (ImagePath), absent when none. */
  image?: string;
}

/** AnswerRef is the answer a phone gave to the open item, in its snapshot: as it sent it. */
export interface AnswerRef {
  answer_id: string;
  choice: number[];
  text?: string;
  order?: number[];
}

/**
 * Reveal is the answer key and how the room answered: the "reveal" frame, and the reveal of a
 * snapshot (without t and seq). A phone's reveal frame carries its own Result.
 */
export interface Reveal {
  t?: 'reveal';
  seq?: number;
  item_id: string;
  correct: number[];
  distribution: number[];
  answered: number;
  players: number;
  explanation: string;
  source: string;
  /**
   * Answers are a short-answer question's accepted answers; NoDiacritics says they were
   * accepted typed without diacritics too.
   */
  answers?: string[];
  no_diacritics?: boolean;
  /** Value and Tolerance are a numeric question's key: right within Tolerance of Value. */
  value?: number;
  tolerance?: number;
  /**
   * Order is an ordering question's right order: the shown positions of the options, first
   * to last.
   */
  order?: number[];
  result?: Result;
}

/** Result is one phone's own outcome of an item. */
export interface Result {
  item_id: string;
  answered: boolean;
  choice: number[];
  /**
   * Text is the answer typed (short answer, numeric), Order the shown positions as put
   * (ordering).
   */
  text?: string;
  order?: number[];
  correct: boolean;
  points: number;
  score: number;
  rank: number;
  players: number;
  /** Out is set when the contestant is out of the elimination round (by this item or before). */
  out: boolean;
}

/**
 * Standings is the top of the standings: the "standings" frame, and the standings of a
 * snapshot (without t and seq). A phone's standings frame carries its own place in Me.
 */
export interface Standings {
  t?: 'standings';
  seq?: number;
  final: boolean;
  players: number;
  top: Standing[];
  me?: MyPlace;
}

/** Standing is one line of the standings. */
export interface Standing {
  rank: number;
  participant_id: string;
  name: string;
  unit: string;
  score: number;
  time_ms: number;
  correct: number;
  join_order: number;
}

/** MyPlace is a phone's own score and place. */
export interface MyPlace {
  score: number;
  rank: number;
  players: number;
  /** Out is set while the contestant is out of the elimination round being played. */
  out: boolean;
}

/**
 * Buzz is the state of a buzzer question, sent whenever it changes: who won the right to
 * answer, the next presses with their gaps, who was marked wrong, the steal window, the star.
 */
export interface Buzz {
  t?: 'buzz';
  seq?: number;
  item_id: string;
  /** Attempt is 0 for the first presses, then one more per steal. */
  attempt: number;
  winner: Presser | null;
  presses: Presser[];
  /** Out are the participant ids marked wrong on this question: they may not press again. */
  out: string[];
  steal_until: number;
  star: Presser | null;
  /** Mark is the host's last mark on this question, if any. */
  mark: Mark | null;
}

/** Presser is a contestant on the buzzer, with how long after the first press they pressed. */
export interface Presser {
  participant_id: string;
  name: string;
  unit: string;
  gap_ms: number;
}

/** Mark is the host's mark of an answer given aloud. */
export interface Mark {
  participant_id: string;
  right: boolean;
  points: number;
}

/** Pressed acknowledges a press of the buzzer: it counts, and the server is deciding. */
export interface Pressed {
  t: 'pressed';
  item_id: string;
  attempt: number;
  at: number;
}

/**
 * Survivors is who remains in an elimination round, sent after each of its reveals and after
 * a rescue. A phone's copy carries its own place and whether it is out, in Me.
 */
export interface Survivors {
  t?: 'survivors';
  seq?: number;
  round_index: number;
  /** Count is how many remain; Names the first 50 of them, best first. */
  count: number;
  names: string[];
  players: number;
  /** Rescued is how many the rescue that sent this frame brought back (0 after a reveal). */
  rescued: number;
  me?: MyPlace;
}

/** HostState is a host screen's snapshot. */
export interface HostState {
  t: 'host_state';
  seq: number;
  server_time: number;
  contest: ContestInfo;
  phase: string;
  version: number;
  paused: boolean;
  locked: boolean;
  remaining_ms: number;
  rounds: Round[];
  round_index: number;
  item: Item | null;
  answered: number;
  players: number;
  participants: Participant[];
  reveal: Reveal | null;
  standings: Standings | null;
  buzz: Buzz | null;
  survivors: Survivors | null;
}

/** Participant is a contestant as the control panel lists it. */
export interface Participant {
  id: string;
  name: string;
  unit: string;
  join_order: number;
  connected: boolean;
  kicked: boolean;
  /** Out is true while the contestant is out of the elimination round being played. */
  out: boolean;
  score: number;
}

/** Phase tells every screen where the contest is after a transition. */
export interface Phase {
  t: 'phase';
  seq: number;
  phase: string;
  version: number;
  paused: boolean;
  locked: boolean;
  remaining_ms: number;
  item_index: number;
  item_count: number;
  round_title: string;
  closes_at: number;
  /** RoundIndex is the round being played or introduced: an index into the snapshot's rounds. */
  round_index: number;
}

/** The 'item' frame: Item as it is sent on its own, with its t and seq. */
export interface ItemFrame extends Item {
  t: 'item';
  seq: number;
}

/** Closed says the open item no longer takes answers. */
export interface Closed {
  t: 'closed';
  seq: number;
  item_id: string;
  answered: number;
  players: number;
}

/** The 'reveal' frame: Reveal as it is sent on its own, with its t and seq. */
export interface RevealFrame extends Reveal {
  t: 'reveal';
  seq: number;
}

/** The 'standings' frame: Standings as it is sent on its own, with its t and seq. */
export interface StandingsFrame extends Standings {
  t: 'standings';
  seq: number;
}

/** Ack says an answer is stored for good. */
export interface Ack {
  t: 'ack';
  item_id: string;
  answer_id: string;
  choice: number[];
  text?: string;
  order?: number[];
}

/** Kicked tells a phone the organiser removed its contestant; the socket closes with 4001. */
export interface Kicked {
  t: 'kicked';
  message: string;
}

/**
 * Error is a refusal: a machine-readable code and a Vietnamese message to show the person.
 * ItemID and AnswerID name the answer it is about, if any.
 */
export interface Error {
  t: 'error';
  code: string;
  message: string;
  item_id?: string;
  answer_id?: string;
}

/** Pong answers a ping with the server's clock. */
export interface Pong {
  t: 'pong';
  client_time: number;
  server_time: number;
}

/** Participants is the control panel's list of contestants, sent when it changed. */
export interface Participants {
  t: 'participants';
  seq: number;
  participants: Participant[];
}

/** Progress is how many have answered the open item, sent to host screens as it changes. */
export interface Progress {
  t: 'progress';
  seq: number;
  item_id: string;
  answered: number;
  players: number;
}

/** The 'survivors' frame: Survivors as it is sent on its own, with its t and seq. */
export interface SurvivorsFrame extends Survivors {
  t: 'survivors';
  seq: number;
}

/** The 'buzz' frame: Buzz as it is sent on its own, with its t and seq. */
export interface BuzzFrame extends Buzz {
  t: 'buzz';
  seq: number;
}

/** Any frame the server sends; `t` tells which. */
export type ServerFrame =
  | Hello
  | State
  | HostState
  | Phase
  | ItemFrame
  | Closed
  | RevealFrame
  | StandingsFrame
  | Ack
  | Kicked
  | Error
  | Pong
  | Participants
  | Progress
  | SurvivorsFrame
  | BuzzFrame
  | Pressed;

/** The type of a frame the server sends. */
export type ServerFrameType = ServerFrame['t'];

/** Every frame type the server sends. */
export const serverFrameTypes: ReadonlySet<string> = new Set<ServerFrameType>([
  'hello',
  'state',
  'host_state',
  'phase',
  'item',
  'closed',
  'reveal',
  'standings',
  'ack',
  'kicked',
  'error',
  'pong',
  'participants',
  'progress',
  'survivors',
  'buzz',
  'pressed',
]);

/** Whether t is the type of a frame the server sends. */
export function isServerFrameType(t: unknown): t is ServerFrameType {
  return typeof t === 'string' && serverFrameTypes.has(t);
}
