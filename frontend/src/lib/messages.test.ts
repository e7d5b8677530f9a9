import { describe, expect, it } from 'vitest';
import { formatDuration, formatGap, markText, rankText, roleLabel, roundKindName } from './messages.vi';

describe('a contestant’s total time reads as a person would say it', () => {
  it.each([
    [0, '0 giây'],
    [12_340, '12,3 giây'],
    [59_940, '59,9 giây'],
    [59_960, '1 phút 00 giây'],
    [60_000, '1 phút 00 giây'],
    [65_000, '1 phút 05 giây'],
    [119_400, '1 phút 59 giây'],
    [119_600, '2 phút 00 giây'],
    [3_599_700, '60 phút 00 giây'],
  ])('%i ms is “%s”', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('roles in Vietnamese', () => {
  it.each([
    ['admin', 'Quản trị'],
    ['organiser', 'Ban tổ chức'],
    ['trainer', 'Giảng viên'],
    ['judge', 'Giám khảo'],
  ])('%s is %s', (role, want) => {
    expect(roleLabel(role)).toBe(want);
  });
});

describe('a place in the standings', () => {
  it('is "Hạng 3/50" once ranked, and says so before', () => {
    expect(rankText(3, 50)).toBe('Hạng 3/50');
    expect(rankText(0, 50)).toBe('Chưa xếp hạng');
  });
});

describe('the buzzer in words', () => {
  it('says the host’s mark with its points, a minus sign for a cost', () => {
    expect(markText(true, 20)).toBe('Đúng +20');
    expect(markText(false, -10)).toBe('Sai −10');
    expect(markText(false, 0)).toBe('Sai');
  });
  it('gives the gap after the first press in hundredths of a second', () => {
    expect(formatGap(120)).toBe('+0,12 s');
    expect(formatGap(1_005)).toBe('+1,00 s');
    expect(formatGap(0)).toBe('+0,00 s');
  });
  it('names a round’s kind, and shows an unknown one as it is', () => {
    expect(roundKindName('elimination')).toBe('Rung chuông vàng');
    expect(roundKindName('future_kind')).toBe('future_kind');
  });
});
