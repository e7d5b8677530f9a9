import { describe, expect, it } from 'vitest';
import { m } from './messages.vi';
import {
  buildContestRequest,
  defaultTieBreaks,
  moved,
  newRound,
  parseOrderPoints,
  placeError,
  removed,
  tieBreaksWithout,
  unusedRules,
  withBankPicks,
  withKind,
  type RoundForm,
} from './rounds';

const msg = m.newContest.check;

function round(kind: RoundForm['kind'], patch: Partial<RoundForm> = {}): RoundForm {
  return { ...newRound(kind), questionIds: ['q1'], ...patch };
}

describe('the contest the builder sends', () => {
  it('sends every round in order with its kind, weight, settings and questions', () => {
    const quiz = round('quiz', { title: ' Kiến thức ', scoring: 'speed', streakBonus: 10, intro: ' Luật chơi ' });
    const elim = round('elimination', { title: 'Rung chuông vàng', weight: 2, goldenBell: 3, questionIds: ['a', 'b', 'c'] });
    const speed = round('speed_order', { orderPoints: '50; 40 30' });
    const buzz = round('buzzer', { wrongPenalty: 10, stealSec: 5, stealPenalty: 5, star: true, tieBreak: true });
    const got = buildContestRequest(' Hội thi ', [quiz, elim, speed, buzz], defaultTieBreaks(), msg);
    if (!('request' in got)) throw new Error(got.problem.message);
    const r = got.request;
    expect(r.title).toBe('Hội thi');
    expect(r.rounds.map((x) => x.kind)).toEqual(['quiz', 'elimination', 'speed_order', 'buzzer']);
    expect(r.rounds[0]).toMatchObject({ title: 'Kiến thức', scoring: 'speed', auto_close: true, weight: 1, question_ids: ['q1'] });
    expect(r.rounds[0].settings).toMatchObject({ intro: 'Luật chơi', streak_bonus: 10, golden_bell: 0, star: false });
    expect(r.rounds[1]).toMatchObject({ weight: 2, question_ids: ['a', 'b', 'c'] });
    expect(r.rounds[1].settings.golden_bell).toBe(3);
    expect(r.rounds[2].settings.order_points).toEqual([50, 40, 30]);
    expect(r.rounds[3]).toMatchObject({ scoring: 'fixed', auto_close: false });
    expect(r.rounds[3].settings).toMatchObject({ wrong_penalty: 10, no_negative: true, steal_sec: 5, steal_penalty: 5, star: true, tie_break: true });
    expect(r.tie_breaks).toEqual([{ rule: 'time', round: 0 }, { rule: 'join', round: 0 }]);
  });

  it('sends another kind’s settings as zero, so a changed kind leaves nothing behind', () => {
    const r = withKind(round('buzzer', { wrongPenalty: 20, star: true }), 'quiz');
    const got = buildContestRequest('Hội thi', [r], [], msg);
    if (!('request' in got)) throw new Error(got.problem.message);
    expect(got.request.rounds[0].settings).toMatchObject({ wrong_penalty: 0, star: false, no_negative: false });
    expect(got.request.rounds[0].auto_close).toBe(true);
  });

  it('asks for the options shuffled on each phone where phones answer, never in a buzzer round', () => {
    const rounds = (['quiz', 'elimination', 'speed_order', 'buzzer'] as const).map((k) => round(k, { shuffleOptions: true }));
    const got = buildContestRequest('Hội thi', [...rounds, round('quiz')], [], msg);
    if (!('request' in got)) throw new Error(got.problem.message);
    expect(got.request.rounds.map((r) => r.settings.shuffle_options)).toEqual([true, true, true, false, false]);
  });

  it('names a “points in a round” rule by the round’s place after the rounds moved', () => {
    const a = round('quiz');
    const b = round('buzzer');
    const rounds = moved([a, b], 1, -1);
    const got = buildContestRequest('Hội thi', rounds, [{ rule: 'round', roundKey: a.key }, { rule: 'join', roundKey: null }], msg);
    if (!('request' in got)) throw new Error(got.problem.message);
    expect(got.request.tie_breaks).toEqual([{ rule: 'round', round: 2 }, { rule: 'join', round: 0 }]);
  });

  it.each([
    ['no title', '', [round('quiz')], [], { at: 'title' }, msg.needTitle],
    ['no round', 'T', [], [], { at: 'form' }, msg.needRounds],
    ['a round without questions', 'T', [round('quiz'), round('quiz', { questionIds: [] })], [], { at: 'round', index: 1 }, msg.needQuestions],
    ['a weight left empty', 'T', [round('quiz', { weight: null })], [], { at: 'round', index: 0 }, msg.badWeight],
    ['a penalty left empty', 'T', [round('buzzer', { wrongPenalty: null })], [], { at: 'round', index: 0 }, msg.badNumber],
    ['order points with a word', 'T', [round('speed_order', { orderPoints: '40, ba mươi' })], [], { at: 'round', index: 0 }, msg.badOrderPoints],
    ['a round title too long', 'T', [round('quiz', { title: 'x'.repeat(201) })], [], { at: 'round', index: 0 }, msg.roundTitleTooLong(200, 201)],
    ['an intro too long', 'T', [round('quiz'), round('buzzer', { intro: 'ư'.repeat(2001) })], [], { at: 'round', index: 1 }, msg.introTooLong(2000, 2001)],
    ['a round rule without its round', 'T', [round('quiz')], [{ rule: 'round' as const, roundKey: null }], { at: 'tieBreaks' }, msg.needTieBreakRound],
  ])('says what is missing, and where, for %s', (_name, title, rounds, tbs, place, message) => {
    expect(buildContestRequest(title, rounds, tbs, msg)).toEqual({ problem: { place, message } });
  });

  it('ignores a half-typed number of a setting the kind does not use', () => {
    const got = buildContestRequest('T', [round('quiz', { wrongPenalty: null, orderPoints: 'x' })], [], msg);
    expect('request' in got).toBe(true);
  });
});

describe('a refusal of the server is shown next to what it is about', () => {
  const rounds = [round('quiz', { title: 'Kiến thức' }), round('buzzer', { title: '' })];
  it.each([
    ['Vòng 2: vui lòng chọn ít nhất một câu hỏi.', { at: 'round', index: 1 }],
    ['Vòng thi “Kiến thức”: hệ số điểm phải từ 1 đến 100.', { at: 'round', index: 0 }],
    ['Vòng thi “Vòng 2”: Điểm trừ khi trả lời sai phải từ 0 đến 10000.', { at: 'round', index: 1 }],
    ['Mỗi tiêu chí phụ chỉ chọn một lần.', { at: 'tieBreaks' }],
    ['Tiêu chí phụ “điểm của một vòng” phải chọn một vòng của cuộc thi.', { at: 'tieBreaks' }],
    ['Tên cuộc thi dài quá 200 ký tự (đang có 201).', { at: 'title' }],
    ['Có câu hỏi đã bị xoá khỏi bộ câu hỏi.', { at: 'form' }],
    ['Vòng 9: vui lòng chọn ít nhất một câu hỏi.', { at: 'form' }],
  ])('“%s”', (message, want) => {
    expect(placeError(message, rounds)).toEqual(want);
  });
});

describe('editing the lists', () => {
  it('moves up and down, and not past an end', () => {
    expect(moved([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moved([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
    expect(removed([1, 2, 3], 1)).toEqual([1, 3]);
  });

  it('offers each tie-break rule once', () => {
    expect(unusedRules(defaultTieBreaks())).toEqual(['correct', 'round']);
  });

  it('forgets the round a rule named once that round is removed', () => {
    expect(tieBreaksWithout([{ rule: 'round', roundKey: 7 }, { rule: 'time', roundKey: null }], 7)).toEqual([
      { rule: 'round', roundKey: null },
      { rule: 'time', roundKey: null },
    ]);
  });

  it('gives a buzzer round no auto close and the others auto close back', () => {
    const b = withKind(newRound('quiz'), 'buzzer');
    expect(b.autoClose).toBe(false);
    expect(withKind(b, 'elimination').autoClose).toBe(true);
  });
});

describe('questions picked from several banks', () => {
  it('keeps a bank’s picks in bank order, in the place of its first pick', () => {
    const current = ['x1', 'b2', 'x2'];
    expect(withBankPicks(current, ['b1', 'b2', 'b3'], new Set(['b3', 'b1']))).toEqual(['x1', 'b1', 'b3', 'x2']);
  });
  it('puts a new bank’s picks at the end, and drops a bank’s unpicked ones', () => {
    expect(withBankPicks(['x1'], ['b1', 'b2'], new Set(['b2']))).toEqual(['x1', 'b2']);
    expect(withBankPicks(['x1', 'b1'], ['b1', 'b2'], new Set())).toEqual(['x1']);
  });
});

describe('speed order points', () => {
  it.each([
    ['40, 30, 20, 10', [40, 30, 20, 10]],
    ['40 30', [40, 30]],
    ['', null],
    ['40, -5', null],
  ])('“%s”', (text, want) => {
    expect(parseOrderPoints(text)).toEqual(want);
  });
});
