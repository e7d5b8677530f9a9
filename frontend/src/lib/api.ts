import { importQuery, type FileFormat, type ImportOptions, type ImportReport } from './bankfile';
import type { DuplicateGroup } from './duplicates';
import type { Blueprint, BlueprintPart, Draw, DrawRequest, TagCount } from './blueprints';
import type { UploadedImage } from './images';
import { m } from './messages.vi';
import type { ContestRequest } from './rounds';
import type { Workshop, WorkshopRequest } from './workshop';
import type {
  Bank,
  Colleague,
  Contest,
  ContestSummary,
  Phase,
  Question,
  QuestionInput,
  Standing,
  User,
} from './types';

/** What creating an account or resetting a password answers: the password only when generated. */
export interface NewPassword {
  password?: string;
}

/** An error from the API, with a message that can be shown to the person as it is. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const fallbackByStatus: Record<number, string> = {
  400: m.errors.unexpected,
  401: m.errors.unauthorized,
  403: m.errors.forbidden,
  404: m.errors.notFound,
  409: m.errors.conflict,
  410: m.errors.notFound,
  413: m.errors.tooLarge,
  429: m.errors.rateLimited,
  503: m.errors.unavailable,
};

function fallbackMessage(status: number): string {
  if (fallbackByStatus[status]) return fallbackByStatus[status];
  if (status >= 500) return m.errors.server;
  return m.errors.unexpected;
}

/**
 * Turns an HTTP status and a response body into an ApiError. The server's own Vietnamese
 * message wins; anything else (an HTML error page from a proxy, an empty body) becomes a
 * plain Vietnamese message for that status.
 */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' && err.code ? err.code : `http_${status}`;
  const message =
    typeof err?.message === 'string' && err.message.trim() ? err.message : fallbackMessage(status);
  return new ApiError(status, code, message);
}

/** The message to show for anything thrown: never a stack trace. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return m.errors.unexpected;
}

/** True when the error means the organiser must log in (again). */
export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

let csrfToken = '';

/** Remembers the CSRF token from login or /api/me. */
export function setCsrfToken(token: string): void {
  csrfToken = token || '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function parseBody(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// A Blob (a chosen file) is sent as its bytes; anything else as JSON.
async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', m.errors.network);
  }
}

/** Calls the API and returns the decoded JSON, or throws an ApiError. A Blob body goes as it is. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const mutating = method !== 'GET' && path !== '/api/login';
  if (mutating && !csrfToken) await refreshCsrf();
  let res = await send(method, path, body);
  let data = await parseBody(res);
  if (mutating && res.status === 403 && errorFromResponse(403, data).code === 'csrf') {
    await refreshCsrf();
    res = await send(method, path, body);
    data = await parseBody(res);
  }
  if (!res.ok) throw errorFromResponse(res.status, data);
  return data as T;
}

async function refreshCsrf(): Promise<void> {
  try {
    const me = await request<{ csrf_token: string }>('GET', '/api/me');
    setCsrfToken(me.csrf_token);
  } catch {
    // The request that needed the token reports the real problem.
  }
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface JoinInfo {
  contest_id: string;
  title: string;
  phase: Phase;
}

export interface CommandResult {
  version: number;
  phase: Phase;
}

/** The arguments a command may carry besides its name and version (API.md, "Commands"). */
export interface CommandArgs {
  participant_id?: string;
  participant_ids?: string[];
  seconds?: number;
  points?: number;
  reason?: string;
  round?: number;
  all?: boolean;
  best?: number;
  right?: boolean;
}

/** A round as the results name it: the columns of each standing's `rounds`. */
export interface ResultRound {
  title: string;
  kind: string;
  /** As counted in the total: 0 for a tie-break round. */
  weight: number;
  tie_break: boolean;
  /** Phones showed the options in orders of their own; absent from an older server. */
  shuffle_options?: boolean;
}

export interface Results {
  contest: ContestSummary;
  /** Absent from an older server. */
  rounds?: ResultRound[];
  tie_breaks?: { rule: string; round: number }[];
  standings: Standing[];
  /** How the room answered each question; absent from an older server. */
  questions?: QuestionResult[];
}

/** How the contestants answered one question (API.md, `QuestionResult`). */
export interface QuestionResult {
  item_id: string;
  round: number;
  item: number;
  type: string;
  prompt: string;
  key: string;
  answered: number;
  right: number;
  typed: { text: string; count: number; correct: boolean }[];
}

/** The item analysis of a contest (API.md, `Analysis`). */
export interface Analysis {
  contestants: number;
  group_size: number;
  /** At least 10 contestants: otherwise there is no discrimination. */
  reliable: boolean;
  items: ItemAnalysis[];
}

/** Why the caller cannot fix a question in its bank: gone, a bank only shared, or one not seen. */
export type SourceReason = '' | 'deleted' | 'read_only' | 'hidden';

/** The analysis of one question (API.md, `ItemAnalysis`). */
export interface ItemAnalysis {
  item_id: string;
  round: number;
  item: number;
  type: string;
  prompt: string;
  key: string;
  excluded: '' | 'buzzer' | 'not_played';
  eligible: number;
  answered: number;
  right: number;
  difficulty: number | null;
  discrimination: number | null;
  upper: { eligible: number; right: number };
  lower: { eligible: number; right: number };
  options: AnalysisOption[];
  wrong_answers: { text: string; count: number }[];
  flags: string[];
  source: { question_id: string; bank_id: string; can_edit: boolean; reason: SourceReason };
}

/** One option of a choice question with who chose it (API.md, `AnalysisOption`). */
export interface AnalysisOption {
  text: string;
  correct: boolean;
  count: number;
  upper: number;
  lower: number;
  unused: boolean;
  draws_upper: boolean;
}

/** One line of the score ledger (API.md, `ScoreChange`). */
export interface ScoreChange {
  id: string;
  at: string;
  participant_id: string;
  name: string;
  round: number;
  item: number;
  points: number;
  before: number;
  after: number;
  reason: string;
  note: string;
  actor_name: string;
}

/** One organiser command as the audit log keeps it (API.md, `CommandLog`). */
export interface CommandLog {
  at: string;
  version: number;
  cmd: string;
  actor_name: string;
  participant_id: string;
  name: string;
  round: number;
  points: number;
  seconds: number;
  reason: string;
  participant_ids: string[] | null;
  all: boolean;
  best: number;
  right: boolean;
}

/** Every score change and organiser command of a contest (after a version, if asked), oldest first. */
export interface Audit {
  /** The last version the log holds: ask `after` it for what comes next. */
  version: number;
  score_changes: ScoreChange[];
  commands: CommandLog[];
}

function q(s: string): string {
  return encodeURIComponent(s);
}

export const api = {
  async login(username: string, password: string): Promise<Session> {
    const s = await request<Session>('POST', '/api/login', { username, password });
    setCsrfToken(s.csrf_token);
    return s;
  },
  async me(): Promise<Session> {
    const s = await request<Session>('GET', '/api/me');
    setCsrfToken(s.csrf_token);
    return s;
  },
  async logout(): Promise<void> {
    await request<null>('POST', '/api/logout');
    setCsrfToken('');
  },

  join: (pin: string) => request<JoinInfo>('GET', `/api/join/${q(pin)}`),

  banks: () => request<{ banks: Bank[] }>('GET', '/api/banks'),
  /** The search across every bank one may read; query from questionSearch.searchQuery. */
  findQuestions: (query: string) =>
    request<{ questions: (Question & { bank_title: string })[]; more: boolean; next: string }>('GET', `/api/questions?${query}`),
  createBank: (title: string, description = '') =>
    request<Bank>('POST', '/api/banks', { title, description }),
  bank: (id: string, search = '') =>
    request<{ bank: Bank; questions: Question[] }>(
      'GET',
      `/api/banks/${q(id)}${search ? `?q=${q(search)}` : ''}`,
    ),
  updateBank: (id: string, title: string, description: string) =>
    request<Bank>('PUT', `/api/banks/${q(id)}`, { title, description }),
  deleteBank: (id: string) => request<null>('DELETE', `/api/banks/${q(id)}`),
  createQuestion: (bankId: string, input: QuestionInput) =>
    request<Question>('POST', `/api/banks/${q(bankId)}/questions`, input),
  /** Saves an edit made from `version` (a newer version saved meanwhile is a 409). */
  updateQuestion: (id: string, input: QuestionInput, version = 0) =>
    request<Question>('PUT', `/api/questions/${q(id)}`, { ...input, version }),
  questionHistory: (id: string) =>
    request<{ version: number; created_at: string; revisions: { version: number; at: string; actor_name: string; changed: string[] }[] }>(
      'GET',
      `/api/questions/${q(id)}/history`,
    ),
  deleteQuestion: (id: string) => request<null>('DELETE', `/api/questions/${q(id)}`),
  duplicates: (bankId: string) => request<{ groups: DuplicateGroup[] }>('GET', `/api/banks/${q(bankId)}/duplicates`),
  /** Keeps one question of a group and folds the others into it; answers the groups left. */
  mergeDuplicates: (bankId: string, keep: string, remove: string[]) =>
    request<{ groups: DuplicateGroup[] }>('POST', `/api/banks/${q(bankId)}/duplicates/merge`, { keep, remove }),
  /** Says the questions are not duplicates of each other; answers the groups left. */
  keepDuplicates: (bankId: string, questionIds: string[]) =>
    request<{ groups: DuplicateGroup[] }>('POST', `/api/banks/${q(bankId)}/duplicates/keep`, { question_ids: questionIds }),
  /** Uploads a picture for a question: the same picture again answers the same id. */
  uploadImage: (file: Blob) => request<UploadedImage>('POST', '/api/images', file),
  importQuestions: (bankId: string, file: Blob, o: ImportOptions) =>
    request<ImportReport>('POST', `/api/banks/${q(bankId)}/import?${importQuery(o)}`, file),

  contests: () => request<{ contests: ContestSummary[] }>('GET', '/api/contests'),
  blueprints: () => request<{ blueprints: Blueprint[] }>('GET', '/api/blueprints'),
  createBlueprint: (input: { title: string; parts: BlueprintPart[] }) => request<Blueprint>('POST', '/api/blueprints', input),
  updateBlueprint: (id: string, input: { title: string; parts: BlueprintPart[] }) =>
    request<Blueprint>('PUT', `/api/blueprints/${q(id)}`, input),
  deleteBlueprint: (id: string) => request<null>('DELETE', `/api/blueprints/${q(id)}`),
  draw: (input: DrawRequest) => request<Draw>('POST', '/api/blueprints/draw', input),
  tags: () => request<{ tags: TagCount[] }>('GET', '/api/tags'),
  /** A quick workshop contest of a blueprint; it answers the new contest. */
  workshop: (blueprintId: string) => request<Contest>('POST', '/api/workshops', { blueprint_id: blueprintId }),
  createContest: (input: ContestRequest) => request<Contest>('POST', '/api/contests', input),
  contest: (id: string) => request<Contest>('GET', `/api/contests/${q(id)}`),
  createWorkshop: (input: WorkshopRequest) => request<Workshop>('POST', '/api/workshops', input),
  deleteContest: (id: string) => request<null>('DELETE', `/api/contests/${q(id)}`),
  command: (id: string, cmd: string, version: number, args: CommandArgs = {}) =>
    request<CommandResult>('POST', `/api/contests/${q(id)}/commands`, { ...args, cmd, version }),
  results: (id: string) => request<Results>('GET', `/api/contests/${q(id)}/results`),
  analysis: (id: string) => request<Analysis>('GET', `/api/contests/${q(id)}/analysis`),
  audit: (id: string, after?: number) =>
    request<Audit>('GET', `/api/contests/${q(id)}/audit${after === undefined ? '' : `?after=${after}`}`),
  setOrganisers: (id: string, userIds: string[]) =>
    request<Contest>('PUT', `/api/contests/${q(id)}/organisers`, { user_ids: userIds }),

  shareBank: (id: string, userIds: string[], all: boolean) =>
    request<Bank>('PUT', `/api/banks/${q(id)}/sharing`, { user_ids: userIds, all }),
  copyBank: (id: string, title?: string) =>
    request<Bank>('POST', `/api/banks/${q(id)}/copy`, title ? { title } : {}),

  users: () => request<{ users: User[] }>('GET', '/api/users'),
  createUser: (input: { username: string; display_name: string; role: string; password?: string }) =>
    request<{ user: User } & NewPassword>('POST', '/api/users', input),
  updateUser: (id: string, patch: { display_name?: string; role?: string; disabled?: boolean }) =>
    request<User>('PUT', `/api/users/${q(id)}`, patch),
  resetPassword: (id: string, password?: string) =>
    request<NewPassword>('POST', `/api/users/${q(id)}/password`, password ? { password } : {}),
  changeMyPassword: (current: string, next: string) =>
    request<null>('POST', '/api/me/password', { current_password: current, new_password: next }),
  logoutAll: async (): Promise<void> => {
    await request<null>('POST', '/api/logout-all');
    setCsrfToken('');
  },
  colleagues: () => request<{ users: Colleague[] }>('GET', '/api/colleagues'),
};

/** Paths of files the browser fetches directly. */
export const urls = {
  qr: (id: string) => `/api/contests/${q(id)}/qr.png`,
  resultsXlsx: (id: string) => `/api/contests/${q(id)}/results.xlsx`,
  bankExport: (id: string, format: FileFormat) => `/api/banks/${q(id)}/export?format=${format}`,
  questionTemplate: '/api/question-template.xlsx',
  screen: (id: string) => `/screen/${q(id)}`,
  control: (id: string) => `/admin/contests/${q(id)}`,
  results: (id: string) => `/admin/contests/${q(id)}/results`,
  bank: (id: string) => `/admin/banks/${q(id)}`,
  bankQuestion: (id: string, questionId: string) => `/admin/banks/${q(id)}?question=${q(questionId)}`,
  questionSearch: '/admin/questions',
  blueprints: '/admin/blueprints',
  users: '/admin/users',
  account: '/admin/account',
};
