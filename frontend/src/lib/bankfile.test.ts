import { describe, expect, it } from 'vitest';
import {
  duplicateText,
  fileProblem,
  importPlan,
  importQuery,
  keyText,
  kindLabel,
  MAX_FILE_BYTES,
  placeLabel,
  problemText,
  type ImportItem,
  type ImportReport,
} from './bankfile';

function report(over: Partial<ImportReport> = {}): ImportReport {
  return { format: 'gift', questions: 3, imported: 0, skipped: 0, errors: [], duplicates: [], rejected: false, items: [], ...over };
}

function item(over: Partial<ImportItem>): ImportItem {
  return { line: 1, type: 'single', prompt: 'Câu hỏi?', options: [], correct: [], ...over };
}

const good = (n: number) => Array.from({ length: n }, (_, i) => item({ line: i + 1 }));

describe('where a problem is, in the words of the file’s format', () => {
  it.each([
    ['gift', 12, 'Dòng 12'],
    ['aiken', 3, 'Dòng 3'],
    ['moodlexml', 40, 'Dòng 40'],
    ['xlsx', 7, 'Hàng 7'],
    ['csv', 2, 'Hàng 2'],
    ['docx', 34, 'Đoạn 34'],
  ])('a %s file’s place %i reads “%s”', (format, line, want) => {
    expect(placeLabel(format, line)).toBe(want);
  });

  it('puts the place before the server’s message', () => {
    expect(problemText('docx', { line: 34, message: 'Câu 6: không tìm thấy đáp án đúng.' })).toBe(
      'Đoạn 34: Câu 6: không tìm thấy đáp án đúng.',
    );
  });

  it('says whether a duplicate repeats the bank or a question above it in the file', () => {
    expect(duplicateText('xlsx', { line: 9, question_id: 'q1', of: 0 })).toBe('Hàng 9: trùng với câu đã có trong bộ câu hỏi');
    expect(duplicateText('gift', { line: 12, question_id: '', of: 3 })).toBe('Dòng 12: trùng với câu ở dòng 3');
  });
});

describe('a question of the preview in one line', () => {
  it('names its kind in Vietnamese, and shows an unknown kind as it is', () => {
    expect(kindLabel('single')).toBe('Một đáp án');
    expect(kindLabel('truefalse')).toBe('Đúng–Sai');
    expect(kindLabel('future_kind')).toBe('future_kind');
  });

  it.each([
    ['one right option with its letter', item({ options: ['Huế', 'Hà Nội'], correct: [1] }), 'B. Hà Nội'],
    ['every right option of a multiple choice', item({ type: 'multi', options: ['a', 'b', 'c'], correct: [0, 2] }), 'A. a; C. c'],
    ['true or false as a word', item({ type: 'truefalse', options: ['Đúng', 'Sai'], correct: [1] }), 'Sai'],
    ['the accepted answers of a short answer', item({ type: 'short', answers: ['Hồ Chí Minh', 'Bác Hồ'] }), 'Hồ Chí Minh / Bác Hồ'],
    ['a number with its tolerance and a decimal comma', item({ type: 'numeric', value: 3.5, tolerance: 0.5 }), '3,5 (± 0,5)'],
    ['an exact number alone', item({ type: 'numeric', value: 1930, tolerance: 0 }), '1930'],
    ['the items of an ordering in their right order', item({ type: 'ordering', options: ['Một', 'Hai'] }), 'Một → Hai'],
    ['“chưa rõ” when the key is not sent', item({ options: ['a', 'b'], correct: [] }), 'chưa rõ'],
  ])('gives %s', (_, q, want) => {
    expect(keyText(q)).toBe(want);
  });
});

describe('a file too large is refused before it is sent', () => {
  it('accepts a file of exactly 10 MB and refuses one byte more, saying its size', () => {
    expect(fileProblem(MAX_FILE_BYTES)).toBe('');
    expect(fileProblem(MAX_FILE_BYTES + 1)).toContain('10,0 MB');
    expect(fileProblem(12.4 * 1024 * 1024)).toContain('12,4 MB, quá giới hạn 10 MB');
  });

  it('refuses an empty file and accepts a small one', () => {
    expect(fileProblem(0)).toBe('Tệp này trống, không có câu hỏi nào.');
    expect(fileProblem(850 * 1024)).toBe('');
  });
});

describe('the import button after a preview', () => {
  it('imports every good question of a file without problems', () => {
    expect(importPlan(report({ items: good(37) }), false, false)).toEqual({
      count: 37,
      label: 'Nhập 37 câu hỏi',
      enabled: true,
      hint: '',
    });
  });

  it('stays disabled while the file has problems, until the trainer ticks to skip them', () => {
    const r = report({ items: good(6), errors: [{ line: 34, message: 'x' }], rejected: true });
    const blocked = importPlan(r, false, false);
    expect(blocked.enabled).toBe(false);
    expect(blocked.label).toBe('Nhập 6 câu hỏi');
    expect(blocked.hint).toContain('Bỏ qua các câu lỗi');
    expect(importPlan(r, true, false)).toMatchObject({ enabled: true, count: 6, hint: '' });
  });

  it('counts the duplicates out when they are skipped', () => {
    const r = report({ items: good(5), duplicates: [{ line: 1, question_id: 'q', of: 0 }, { line: 4, question_id: '', of: 1 }] });
    expect(importPlan(r, false, false).label).toBe('Nhập 5 câu hỏi');
    expect(importPlan(r, false, true).label).toBe('Nhập 3 câu hỏi');
  });

  it('has nothing to import when every question is bad or skipped', () => {
    expect(importPlan(report({ items: [], errors: [{ line: 1, message: 'x' }] }), true, false)).toMatchObject({
      enabled: false,
      hint: 'Không còn câu nào để nhập.',
    });
    const allRepeats = report({ items: good(1), duplicates: [{ line: 1, question_id: 'q', of: 0 }] });
    expect(importPlan(allRepeats, false, true).enabled).toBe(false);
  });

  it('copes with the lists absent from the answer', () => {
    expect(importPlan(report({ items: null, errors: null, duplicates: null }), false, false).count).toBe(0);
  });
});

describe('the import request', () => {
  it('names the file, leaves the format to the server on “Tự nhận dạng”, and sends only the choices made', () => {
    expect(importQuery({ filename: 'Đề thi.docx', format: 'auto', dryRun: true, skipBad: false, skipDuplicates: false })).toBe(
      'filename=%C4%90%E1%BB%81+thi.docx&dry_run=true',
    );
    expect(importQuery({ filename: 'a.txt', format: 'gift', dryRun: false, skipBad: true, skipDuplicates: true })).toBe(
      'filename=a.txt&format=gift&skip_bad=true&skip_duplicates=true',
    );
  });
});
