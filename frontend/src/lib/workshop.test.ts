import { describe, expect, it } from 'vitest';
import { canStart, firstTagCount, tagCountChoices, workshopIntro, workshopRequest } from './workshop';

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

  it('offers only as many as a topic is known to have, and then says how many exactly', () => {
    const small = { tag: 'Xây dựng Đảng', available: 4 };
    expect(tagCountChoices(small)).toEqual([4]);
    expect(firstTagCount(small)).toBe(4);
    expect(workshopIntro(small, 4)).toBe(
      'Mở phiên tập huấn với cả 4 câu thuộc chủ đề “Xây dựng Đảng” trong các bộ câu hỏi đồng chí được xem, theo thứ tự ngẫu nhiên.',
    );
    const middle = { tag: 'Sinh hoạt chi bộ', available: 12 };
    expect(tagCountChoices(middle)).toEqual([5, 10, 12]);
    expect(firstTagCount(middle)).toBe(10);
    expect(workshopIntro(middle, 10)).toBe(
      'Mở phiên tập huấn với 10 câu chọn ngẫu nhiên thuộc chủ đề “Sinh hoạt chi bộ”, từ mọi bộ câu hỏi đồng chí được xem.',
    );
    expect(tagCountChoices({ tag: 'Điều lệ Đảng', available: 80 })).toEqual([5, 10, 15, 20, 30]);
    expect(tagCountChoices({ tag: 'Điều lệ Đảng' })).toEqual([5, 10, 15, 20, 30]);
    expect(firstTagCount({ tag: 'Điều lệ Đảng' })).toBe(10);
  });

  it('cannot start from an empty bank or a blank topic', () => {
    expect(canStart(bank(0))).toBe(false);
    expect(workshopIntro(bank(0))).toBe('');
    expect(canStart({ tag: '   ' })).toBe(false);
    expect(canStart(bank(1))).toBe(true);
    expect(canStart({ tag: 'Điều lệ Đảng' })).toBe(true);
  });
});
