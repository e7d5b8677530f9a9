import { describe, expect, it } from 'vitest';
import { canStart, workshopIntro, workshopRequest } from './workshop';

const bank = (questionCount: number) => ({ bankId: 'b1', bankTitle: 'Điều lệ Đảng', questionCount });

describe('a quick workshop (Tập huấn nhanh)', () => {
  it('asks for a bank by its id, and a topic trimmed with its count', () => {
    expect(workshopRequest(bank(12))).toEqual({ bank_id: 'b1' });
    expect(workshopRequest({ tag: '  Điều lệ   Đảng ' }, 15)).toEqual({ tag: 'Điều lệ Đảng', count: 15 });
    expect(workshopRequest({ tag: 'Quy định 24-QĐ/TW' })).toEqual({ tag: 'Quy định 24-QĐ/TW', count: 10 });
  });

  it('says how many questions of the bank will be asked', () => {
    expect(workshopIntro(bank(12))).toBe('Mở phiên tập huấn với 12 câu của bộ “Điều lệ Đảng”.');
    expect(workshopIntro(bank(237))).toBe(
      'Mở phiên tập huấn với 200 câu đầu của bộ “Điều lệ Đảng” (bộ có 237 câu; một phiên có nhiều nhất 200 câu).',
    );
  });

  it('says a topic’s questions are drawn at random from every bank one may read', () => {
    expect(workshopIntro({ tag: ' Điều lệ Đảng ' }, 20)).toBe(
      'Mở phiên tập huấn với 20 câu chọn ngẫu nhiên thuộc chủ đề “Điều lệ Đảng”, từ mọi bộ câu hỏi đồng chí được xem (ít hơn nếu chủ đề chưa đủ câu).',
    );
  });

  it('cannot start from an empty bank or a blank topic', () => {
    expect(canStart(bank(0))).toBe(false);
    expect(workshopIntro(bank(0))).toBe('');
    expect(canStart({ tag: '   ' })).toBe(false);
    expect(canStart(bank(1))).toBe(true);
    expect(canStart({ tag: 'Điều lệ Đảng' })).toBe(true);
  });
});
