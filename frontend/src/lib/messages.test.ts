import { describe, expect, it } from 'vitest';
import { formatDuration, roleLabel } from './messages.vi';

describe('times on the results page', () => {
  it.each([
    [12_340, '12,3 giây'],
    [59_940, '59,9 giây'],
    [59_960, '1 phút 00 giây'],
    [65_000, '1 phút 05 giây'],
    [119_600, '2 phút 00 giây'],
    [0, '0 giây'],
  ])('%d ms reads %s', (ms, want) => {
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
