import { describe, expect, it } from 'vitest';
import { fold, roster } from './roster';
import type { HostParticipant } from './types';

const p = (join_order: number, name: string, unit: string, score = 0, kicked = false): HostParticipant =>
  ({ id: `p${join_order}`, name, unit, join_order, score, kicked, connected: true }) as HostParticipant;

describe('the participant list of the control panel', () => {
  const all = [
    p(1, 'Nguyễn Văn An', 'Chi bộ thôn Đông', 100),
    p(2, 'Trần Thị Bình', 'Chi bộ thôn Đoài', 300),
    p(3, 'Lê Văn Cường', 'Chi bộ Trường Tiểu học', 300),
    p(4, 'Đỗ Văn Dũng', 'Chi bộ thôn Đông', 900, true),
  ];

  it('finds a name typed without diacritics, and a unit', () => {
    expect(fold('Đỗ Văn Dũng')).toBe('do van dung');
    expect(roster(all, 'nguyen van').rows.map((r) => r.name)).toEqual(['Nguyễn Văn An']);
    expect(roster(all, 'thon dong').rows.map((r) => r.name)).toEqual(['Nguyễn Văn An', 'Đỗ Văn Dũng']);
    expect(roster(all, 'không ai').total).toBe(0);
  });

  it('puts those still in the contest first, by score, then by join order', () => {
    expect(roster(all, '').rows.map((r) => r.join_order)).toEqual([2, 3, 1, 4]);
  });

  it('draws at most the limit, and says how many matched', () => {
    const many = Array.from({ length: 1000 }, (_, i) => p(i + 1, `Người ${i + 1}`, 'Chi bộ', i));
    const r = roster(many, '', 200);
    expect(r.rows).toHaveLength(200);
    expect(r.total).toBe(1000);
    expect(r.rows[0].name).toBe('Người 1000');
  });
});
