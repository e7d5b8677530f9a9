import { m, optionLetter } from './messages.vi';

/** The formats a question file may have (API.md, "Question banks"). */
export const FILE_FORMATS = ['docx', 'xlsx', 'csv', 'gift', 'aiken', 'moodlexml'] as const;

/** One of the formats a question file may have. */
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What the file input accepts: the extensions of every format (Aiken and GIFT are often .txt). */
export const FILE_ACCEPT = '.docx,.xlsx,.csv,.gift,.txt,.xml';

/** The server refuses a question file larger than this (10 MB) without reading it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A question of the file that cannot be imported, and why (in Vietnamese). */
export interface ImportProblem {
  line: number;
  message: string;
}

/** A question of the file that repeats one of the bank's, or one above it in the file. */
export interface ImportDuplicate {
  line: number;
  /** The bank's question it repeats, or "" when it repeats the file's question at `of`. */
  question_id: string;
  of: number;
}

/** A good question of the file, as the preview lists it. */
export interface ImportItem {
  line: number;
  type: string;
  prompt: string;
  options: string[];
  correct: number[];
  /** The keys of the typed kinds, when the server sends them. */
  answers?: string[];
  value?: number;
  tolerance?: number;
  /** The file shows a picture with the question: the import keeps it. */
  picture?: boolean;
}

/** What the server answers to an import or its dry run (API.md, `Import`). */
export interface ImportReport {
  format: string;
  questions: number;
  imported: number;
  skipped: number;
  errors: ImportProblem[] | null;
  duplicates: ImportDuplicate[] | null;
  rejected: boolean;
  items: ImportItem[] | null;
}

/** How a file is to be read and what to do with its problems. */
export interface ImportOptions {
  filename: string;
  format: FileFormat | 'auto';
  dryRun: boolean;
  skipBad: boolean;
  skipDuplicates: boolean;
}

/** The query of an import request: the file's name, its format unless told from the file, and the choices. */
export function importQuery(o: ImportOptions): string {
  const p = new URLSearchParams({ filename: o.filename });
  if (o.format !== 'auto') p.set('format', o.format);
  if (o.dryRun) p.set('dry_run', 'true');
  if (o.skipBad) p.set('skip_bad', 'true');
  if (o.skipDuplicates) p.set('skip_duplicates', 'true');
  return p.toString();
}

/** A size as a person reads it: "850 KB", "12,4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** Why a chosen file cannot be sent, or "" when it can: too large (refused before upload) or empty. */
export function fileProblem(size: number): string {
  if (size > MAX_FILE_BYTES) return m.bankFile.tooLarge(sizeText(size));
  if (size === 0) return m.bankFile.empty;
  return '';
}

/**
 * Where a question starts, in the words of its format: the server counts rows in a sheet
 * (as Excel numbers them), paragraphs in a Word file and lines in a text file.
 */
export function placeLabel(format: string, line: number): string {
  const p = m.bankFile.place;
  const word = format === 'xlsx' || format === 'csv' ? p.row : format === 'docx' ? p.paragraph : p.line;
  return `${word} ${line}`;
}

/** A question's kind in words ("Một đáp án"); a kind this page does not know is shown as it is. */
export function kindLabel(type: string): string {
  return (m.bank.types as Record<string, string>)[type] ?? type;
}

/** A number with the Vietnamese decimal comma. */
function numberText(n: number): string {
  return String(n).replace('.', ',');
}

/** The right answer of a question in one short line: "B. Sức sống…", "Đúng", "1930 (± 5)". */
export function keyText(q: ImportItem): string {
  switch (q.type) {
    case 'truefalse':
      return q.options[q.correct[0]] ?? m.bankFile.noKey;
    case 'short':
      return q.answers?.length ? q.answers.join(' / ') : m.bankFile.noKey;
    case 'numeric':
      return q.value === undefined
        ? m.bankFile.noKey
        : m.bankFile.numberKey(numberText(q.value), q.tolerance ? numberText(q.tolerance) : '');
    case 'ordering':
      return q.options.join(' → ');
  }
  const right = (q.correct ?? []).filter((i) => i >= 0 && i < q.options.length);
  if (right.length === 0) return m.bankFile.noKey;
  return right.map((i) => `${optionLetter(i)}. ${q.options[i]}`).join('; ');
}

/** A problem of the file as the trainer reads it: "Dòng 12: …". */
export function problemText(format: string, p: ImportProblem): string {
  return `${placeLabel(format, p.line)}: ${p.message}`;
}

/** A duplicate as the trainer reads it: "Hàng 7: trùng với câu đã có…" or "…câu ở hàng 3". */
export function duplicateText(format: string, d: ImportDuplicate): string {
  const what = d.question_id ? m.bankFile.duplicateOfBank : m.bankFile.duplicateOfLine(placeLabel(format, d.of).toLowerCase());
  return `${placeLabel(format, d.line)}: ${what}`;
}

/** What the import button does with a previewed file and the trainer's choices. */
export interface ImportPlan {
  /** Questions that would be added. */
  count: number;
  /** The button's words: "Nhập 6 câu hỏi". */
  label: string;
  enabled: boolean;
  /** Why it is disabled, in words; "" when it is enabled. */
  hint: string;
}

/**
 * The import button after a preview: it imports the good questions (less the duplicates when
 * they are skipped), and stays disabled while the file has problems the trainer has not chosen
 * to skip, since the server would refuse the whole file.
 */
export function importPlan(r: ImportReport, skipBad: boolean, skipDuplicates: boolean): ImportPlan {
  const good = r.items?.length ?? 0;
  const repeats = skipDuplicates ? (r.duplicates?.length ?? 0) : 0;
  const count = Math.max(0, good - repeats);
  const label = m.bankFile.importN(count);
  if ((r.errors?.length ?? 0) > 0 && !skipBad) return { count, label, enabled: false, hint: m.bankFile.blockedByProblems };
  if (count === 0) return { count, label, enabled: false, hint: m.bankFile.nothingToImport };
  return { count, label, enabled: true, hint: '' };
}
