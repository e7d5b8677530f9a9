import { describe, expect, it } from 'vitest';
import { confirmMergeText, keyText, mergePlan, noticeText, optionsText, type DuplicateGroup } from './duplicates';
import type { Question } from './types';

function question(id: string, prompt: string, more: Partial<Question> = {}): Question {
  return { id, bank_id: 'b1', position: 1, type: 'single', prompt, options: ['Có', 'Không'], correct: [0], time_limit_sec: 20, points: 100, explanation: '', source: '', tags: [], difficulty: 0, ...more };
}

const group: DuplicateGroup = {
  key: 'dang vien la gi',
  questions: [
    question('q1', 'Đảng viên là gì?', { tags: ['Điều lệ Đảng'] }),
    question('q3', 'dang vien la gi', { tags: ['điều  lệ đảng', 'Đảng viên'], explanation: 'Theo Điều 1.', source: 'Điều lệ Đảng' }),
    question('q7', 'ĐẢNG VIÊN LÀ GÌ', { tags: ['Đảng viên', 'Chi bộ'], source: 'Hướng dẫn 12' }),
  ],
};
const numbers: Record<string, number> = { q1: 1, q3: 3, q7: 7 };
const numberOf = (q: Question) => numbers[q.id];

describe('duplicates in a bank', () => {
  it('says how many groups there are, and nothing when there are none', () => {
    expect(noticeText([group, group, group])).toBe('Có 3 nhóm câu hỏi trùng nhau');
    expect(noticeText([])).toBe('');
  });

  it('a merge keeps the chosen question and gains the tags it lacks, in the spelling first met', () => {
    const plan = mergePlan(group, 'q1');
    expect(plan.keep.id).toBe('q1');
    expect(plan.remove.map((q) => q.id)).toEqual(['q3', 'q7']);
    expect(plan.addedTags).toEqual(['Đảng viên', 'Chi bộ']);
    expect(plan.explanation).toBe('Theo Điều 1.');
    expect(plan.source).toBe('Điều lệ Đảng');
  });

  it('a question that has its own explanation and source keeps them', () => {
    const plan = mergePlan(group, 'q3');
    expect(plan.addedTags).toEqual(['Chi bộ']);
    expect(plan.explanation).toBe('');
    expect(plan.source).toBe('');
  });

  it('the confirmation names the questions by number, what the kept one gains, and that contests keep their copies', () => {
    const text = confirmMergeText(mergePlan(group, 'q1'), numberOf);
    expect(text).toContain('Giữ câu 1 và xoá các câu 3, 7?');
    expect(text).toContain('chủ đề “Đảng viên”, “Chi bộ”');
    expect(text).toContain('phần giải thích');
    expect(text).toContain('nguồn “Điều lệ Đảng”');
    expect(text).toContain('Các cuộc thi đã tạo vẫn giữ nguyên');
    const pair: DuplicateGroup = { key: 'x', questions: [group.questions[0], question('q3', 'dang vien la gi')] };
    expect(confirmMergeText(mergePlan(pair, 'q3'), numberOf)).toBe(
      'Giữ câu 3 và xoá câu 1? Câu 3 sẽ có thêm chủ đề “Điều lệ Đảng”. Các cuộc thi đã tạo vẫn giữ nguyên bản câu hỏi của mình.',
    );
  });

  it('shows each kind of answer key in words', () => {
    expect(keyText(question('a', 'x', { correct: [1] }))).toBe('B. Không');
    expect(keyText(question('a', 'x', { type: 'short', options: [], correct: [], answers: ['Đại hội chi bộ', 'Đại hội'] }))).toBe('Đại hội chi bộ / Đại hội');
    expect(keyText(question('a', 'x', { type: 'numeric', options: [], correct: [], value: 3.5, tolerance: 0.5 }))).toBe('3,5 (± 0,5)');
    expect(keyText(question('a', 'x', { type: 'ordering', options: ['Một', 'Hai'], correct: [] }))).toBe('Một → Hai');
  });

  it('lists the options of a choice question, so two questions with other options can be told apart', () => {
    expect(optionsText(question('a', 'x', { options: ['Một lần', 'Hai lần', 'Ba lần'] }))).toBe('A. Một lần · B. Hai lần · C. Ba lần');
    expect(optionsText(question('a', 'x', { type: 'truefalse', options: ['Đúng', 'Sai'] }))).toBe('');
    expect(optionsText(question('a', 'x', { type: 'short', options: [], correct: [], answers: ['x'] }))).toBe('');
  });
});
