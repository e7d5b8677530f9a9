import { describe, expect, it } from 'vitest';
import {
  blueprintRequest,
  blueprintTotal,
  drawExclusions,
  isDrawn,
  newPart,
  newSeed,
  parseSeed,
  partForms,
  partTotal,
  shortfallLines,
  type RoundDrawForm,
} from './blueprints';
import { m } from './messages.vi';
import { buildContestRequest, newRound } from './rounds';

const example = () => {
  const a = newPart('Điều lệ Đảng');
  a.levels = [4, 4, 2, 0];
  const b = newPart('Quy định 24-QĐ/TW');
  b.any = 5;
  return [a, b];
};

describe('a blueprint’s totals', () => {
  it('count every level and “any level”, half-typed boxes as nothing', () => {
    const parts = example();
    expect(partTotal(parts[0])).toBe(10);
    expect(blueprintTotal(parts)).toBe(15);
    parts[1].any = null;
    expect(blueprintTotal(parts)).toBe(10);
  });
});

describe('the body that saves a blueprint', () => {
  it('is the title and the parts with four counts each', () => {
    const built = blueprintRequest('  Đề vòng một ', example(), m.blueprints.check);
    expect(built).toEqual({
      request: {
        title: 'Đề vòng một',
        parts: [
          { tag: 'Điều lệ Đảng', types: [], bank_ids: [], levels: [4, 4, 2, 0], any: 0 },
          { tag: 'Quy định 24-QĐ/TW', types: [], bank_ids: [], levels: [0, 0, 0, 0], any: 5 },
        ],
      },
    });
  });
  it('says what is missing before it is sent', () => {
    expect(blueprintRequest('', example(), m.blueprints.check)).toEqual({ problem: m.blueprints.check.needTitle });
    expect(blueprintRequest('Đề', [], m.blueprints.check)).toEqual({ problem: m.blueprints.check.needParts });
    const half = example();
    half[1].levels[2] = null;
    expect(blueprintRequest('Đề', half, m.blueprints.check)).toEqual({ problem: m.blueprints.check.badCount(2) });
    expect(blueprintRequest('Đề', [newPart('Điều lệ Đảng')], m.blueprints.check)).toEqual({ problem: m.blueprints.check.emptyPart(1) });
  });
  it('reads a saved blueprint back into the editor', () => {
    const [p] = partForms([{ tag: 'Điều lệ Đảng', types: [], bank_ids: [], levels: [1, 2], any: 3 }]);
    expect(p.levels).toEqual([1, 2, 0, 0]);
    expect(p.any).toBe(3);
  });
});

describe('a shortfall in plain Vietnamese', () => {
  it('names the topic, the level, what was asked and what there is', () => {
    const lines = shortfallLines(
      [
        { part: 1, tag: 'Điều lệ Đảng', level: 3, want: 2, have: 1, message: '' },
        { part: 2, tag: '', level: 0, want: 5, have: 0, message: '' },
      ],
      m.bank.levels,
      m.blueprints.shortfall,
    );
    expect(lines).toEqual(['Chủ đề Điều lệ Đảng, mức vận dụng: cần 2, chỉ có 1 câu', 'Mọi chủ đề, mọi mức: cần 5, không còn câu nào']);
  });
});

describe('the seed (mã rút đề)', () => {
  it('is a whole number from 1 as typed', () => {
    expect(parseSeed(' 48213 ')).toBe(48213);
    expect(parseSeed('0')).toBeNull();
    expect(parseSeed('4,5')).toBeNull();
    expect(parseSeed('99999999999999999')).toBeNull();
  });
  it('is five digits when picked anew', () => {
    expect(newSeed(() => 0)).toBe(10000);
    expect(newSeed(() => 0.999999)).toBe(99999);
  });
});

describe('a round drawn from a blueprint', () => {
  const drawn = (ids: string[], seed = 7): RoundDrawForm => ({ blueprintId: 'bp1', seed, ids, short: false, shortfalls: [], questions: [] });

  it('is drawn until its list is edited by hand', () => {
    const r = { ...newRound(), questionIds: ['a', 'b'], draw: drawn(['a', 'b']) };
    expect(isDrawn(r)).toBe(true);
    expect(isDrawn({ ...r, questionIds: ['b', 'a'] })).toBe(false);
    expect(isDrawn({ ...r, draw: null })).toBe(false);
  });

  it('leaves out the rounds picked by hand and the drawn rounds before it, as the server does', () => {
    const rounds = [
      { ...newRound(), questionIds: ['a', 'b'], draw: drawn(['a', 'b']) },
      { ...newRound(), questionIds: ['c'], draw: null },
      { ...newRound(), questionIds: ['d'], draw: drawn(['d']) },
    ];
    expect(drawExclusions(rounds, 0)).toEqual(['c']);
    expect(drawExclusions(rounds, 2)).toEqual(['a', 'b', 'c']);
  });

  it('sends its draw instead of its questions, and its questions once edited', () => {
    const r = { ...newRound('quiz', 'Vòng một'), questionIds: ['a', 'b'], draw: { ...drawn(['a', 'b'], 48213), short: true } };
    const built = buildContestRequest('Hội thi', [r], [], m.newContest.check);
    if (!('request' in built)) throw new Error('not built');
    expect(built.request.rounds[0].question_ids).toEqual([]);
    expect(built.request.rounds[0].draw).toEqual({ blueprint_id: 'bp1', seed: 48213, allow_short: true });
    const edited = buildContestRequest('Hội thi', [{ ...r, questionIds: ['a'] }], [], m.newContest.check);
    if (!('request' in edited)) throw new Error('not built');
    expect(edited.request.rounds[0].question_ids).toEqual(['a']);
    expect(edited.request.rounds[0].draw).toBeUndefined();
  });
});
