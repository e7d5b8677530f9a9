import { describe, expect, it } from 'vitest';
import type { CommandLog, ScoreChange } from './api';
import { auditRows, commandText, formatWhen, scoreRow, scoresKey, withLater } from './audit';

function change(p: Partial<ScoreChange>): ScoreChange {
  return { id: '1', at: '2026-12-01T10:00:00Z', participant_id: 'p1', name: 'Nguyễn Văn An', round: 1, item: 3, points: 100, before: 200, after: 300, reason: 'answer', note: '', actor_name: '', ...p };
}

function cmd(p: Partial<CommandLog>): CommandLog {
  return { at: '2026-12-01T10:00:00Z', version: 4, cmd: 'next', actor_name: 'Ban tổ chức', participant_id: '', name: '', round: 0, points: 0, seconds: 0, reason: '', participant_ids: [], all: false, best: 0, right: false, ...p };
}

describe('a score change in the log', () => {
  it('says who, why, where and the points before → after; automatic scoring says so', () => {
    expect(scoreRow(change({}))).toMatchObject({
      kind: 'score',
      text: 'Nguyễn Văn An: Trả lời câu hỏi (Vòng 1, câu 3)',
      change: '200 → 300 (+100)',
      who: 'Tự động',
    });
  });

  it('shows a correction with its reason and who made it', () => {
    const row = scoreRow(change({ reason: 'adjust', item: 0, round: 2, points: -20, before: 50, after: 30, note: 'Chấm lại câu 5', actor_name: 'Trần Thị Bình' }));
    expect(row).toMatchObject({ text: 'Nguyễn Văn An: Sửa điểm (Vòng 2)', change: '50 → 30 (-20)', note: 'Chấm lại câu 5', who: 'Trần Thị Bình' });
  });

  it.each([
    ['eliminated', 'Bị loại'],
    ['rescued', 'Được cứu trợ'],
    ['buzz_right', 'Giành quyền, trả lời đúng'],
    ['buzz_wrong', 'Giành quyền, trả lời sai'],
    ['steal_right', 'Giành lại quyền, trả lời đúng'],
    ['steal_wrong', 'Giành lại quyền, trả lời sai'],
    ['star', 'Ngôi sao hy vọng'],
  ])('names the reason %s as “%s”', (reason, words) => {
    expect(scoreRow(change({ reason })).text).toContain(words);
  });
});

describe('a command in the log', () => {
  it.each([
    [{ cmd: 'extend', seconds: 30 }, 'Thêm 30 giây'],
    [{ cmd: 'skip' }, 'Bỏ qua câu hỏi'],
    [{ cmd: 'adjust', name: 'An', points: 5, round: 2 }, 'Sửa điểm An: +5 (vòng 2)'],
    [{ cmd: 'rescue', all: true }, 'Cứu trợ tất cả'],
    [{ cmd: 'rescue', best: 3 }, 'Cứu trợ 3 người điểm cao nhất'],
    [{ cmd: 'rescue', participant_ids: ['a', 'b'] }, 'Cứu trợ 2 người được chọn'],
    [{ cmd: 'mark', name: 'An', right: false }, 'Chấm An: Sai'],
    [{ cmd: 'star', name: 'An' }, 'Ngôi sao hy vọng: An'],
    [{ cmd: 'start' }, 'Bắt đầu cuộc thi'],
    [{ cmd: 'kick', name: 'An' }, 'Mời ra: An'],
    [{ cmd: 'teleport' }, 'Lệnh “teleport”'],
  ])('%o reads “%s”', (patch, want) => {
    expect(commandText(cmd(patch))).toBe(want);
  });
});

describe('the whole log', () => {
  const audit = {
    version: 8,
    commands: [cmd({ cmd: 'adjust', at: '2026-12-01T10:05:00Z', name: 'An', points: 5, round: 1, version: 8 }), cmd({ cmd: 'start', at: '2026-12-01T10:00:00Z', version: 2 })],
    score_changes: [change({ id: '9', at: '2026-12-01T10:05:00Z', reason: 'adjust' }), change({ id: '3', at: '2026-12-01T10:02:00Z' })],
  };

  it('is in time order with a command before the score change it made', () => {
    expect(auditRows(audit).map((r) => r.key)).toEqual(['c2-1', 's3', 'c8-0', 's9']);
  });

  it('is newest first on the control panel', () => {
    expect(auditRows(audit, true).map((r) => r.key)).toEqual(['s9', 'c8-0', 's3', 'c2-1']);
  });

  it('is empty before it loads', () => {
    expect(auditRows(null)).toEqual([]);
  });

  it('grows by what came later, each line once', () => {
    const later = {
      version: 9,
      commands: [cmd({ cmd: 'finish', at: '2026-12-01T10:06:00Z', version: 9 })],
      score_changes: [change({ id: '10', at: '2026-12-01T10:06:00Z' })],
    };
    const grown = withLater(withLater(audit, later), later);
    expect(grown.version).toBe(9);
    expect(auditRows(grown).map((r) => r.key)).toEqual(['c2-1', 's3', 'c8-0', 's9', 'c9-2', 's10']);
    expect(withLater(null, later)).toBe(later);
  });
});

describe('when the log is fetched again', () => {
  it('changes with anyone’s score, and says nothing while nobody is listed', () => {
    const a = scoresKey([{ id: 'p1', score: 10 }, { id: 'p2', score: 0 }]);
    expect(scoresKey([{ id: 'p1', score: 10 }, { id: 'p2', score: 5 }])).not.toBe(a);
    expect(scoresKey([])).toBe(null);
  });
});

describe('a day and time', () => {
  it('is written as Vietnamese writes it', () => {
    const iso = new Date(2026, 11, 1, 14, 2, 9).toISOString();
    expect(formatWhen(iso)).toBe('14:02 01/12/2026');
    expect(formatWhen('không phải ngày')).toBe('');
  });
});
