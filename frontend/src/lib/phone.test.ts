import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketFactory } from '../test/fakes';
import { ApiError } from './api';
import { AnswerOutbox, OUTBOX_KEY } from './outbox';
import { IDENTITY_KEY, PhoneSession, PROFILE_KEY } from './phone';
import { MemoryStore } from './storage';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => vi.useRealTimers());

const item = {
  item_id: 'item-1',
  index: 0,
  count: 5,
  round_title: 'Vòng 1',
  type: 'single',
  prompt: 'Chi bộ họp thường kỳ mấy lần một tháng?',
  options: ['Một lần', 'Hai lần', 'Ba lần', 'Bốn lần'],
  points: 100,
  time_limit_ms: 20000,
  opens_at: 1_700_000_000_000,
  closes_at: 1_700_000_020_300,
};

function snapshot(seq: number, extra: Record<string, unknown> = {}) {
  return {
    t: 'state',
    seq,
    server_time: Date.now(),
    contest: { id: 'c1', title: 'Hội thi 2026', item_count: 5 },
    phase: 'item_open',
    version: 9,
    paused: false,
    remaining_ms: 0,
    me: { participant_id: 'p1', name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông', score: 0, rank: 0, players: 50 },
    item,
    answer: null,
    reveal: null,
    result: null,
    standings: null,
    ...extra,
  };
}

function setup(store = new MemoryStore()) {
  const f = socketFactory();
  const checkPin = vi.fn().mockResolvedValue({ contest_id: 'c1', title: 'Hội thi 2026', phase: 'lobby' });
  const phone = new PhoneSession({ store, checkPin, socketFactory: f.make, url: () => 'ws://test/ws/play' });
  return { phone, f, store, checkPin };
}

function storeWithIdentity() {
  const store = new MemoryStore();
  store.setItem(IDENTITY_KEY, JSON.stringify({ token: 'tok-1', participant_id: 'p1', contest_id: 'c1', pin: '123456' }));
  return store;
}

describe('a PIN typed before the app arrived', () => {
  it('stays in the field when it was only typed', () => {
    const { phone, checkPin } = setup();
    phone.init(null, { pin: '123', submitted: false, focused: true });
    expect(phone.snapshot.screen).toBe('pin');
    expect(phone.snapshot.pin).toBe('123');
    expect(checkPin).not.toHaveBeenCalled();
  });

  it('is checked at once when it was already sent', async () => {
    const { phone, checkPin } = setup();
    phone.init(null, { pin: '123456', submitted: true, focused: false });
    expect(checkPin).toHaveBeenCalledWith('123456');
    await vi.waitFor(() => expect(phone.snapshot.screen).toBe('details'));
  });

  it('is not sent when too short, and says why', () => {
    const { phone, checkPin } = setup();
    phone.init(null, { pin: '12', submitted: true, focused: false });
    expect(checkPin).not.toHaveBeenCalled();
    expect(phone.snapshot.formError).toBe('Vui lòng nhập đủ 6 chữ số.');
  });

  it('gives way to a stored contestant, who resumes', () => {
    const { phone, f, checkPin } = setup(storeWithIdentity());
    phone.init(null, { pin: '999999', submitted: true, focused: false });
    expect(checkPin).not.toHaveBeenCalled();
    expect(phone.snapshot.screen).toBe('connecting');
    f.last().open();
    expect(f.last().framesOf('resume')).toHaveLength(1);
  });
});

describe('joining', () => {
  it('checks the PIN, joins with name and unit, keeps the token and remembers the name', async () => {
    const { phone, f, store } = setup();
    phone.init('123456');
    await vi.waitFor(() => expect(phone.snapshot.screen).toBe('details'));
    expect(phone.snapshot.contestTitle).toBe('Hội thi 2026');

    phone.join('  Nguyễn Văn An ', 'Chi bộ thôn Đông');
    f.last().open();
    expect(f.last().framesOf('join')).toEqual([
      { t: 'join', pin: '123456', name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' },
    ]);
    f.last().receive({ t: 'hello', token: 'tok-9', participant_id: 'p1', contest_id: 'c1', server_time: Date.now() });
    f.last().receive(snapshot(3, { phase: 'lobby', item: null }));
    expect(phone.snapshot.screen).toBe('live');
    expect(JSON.parse(store.getItem(IDENTITY_KEY)!).token).toBe('tok-9');
    expect(JSON.parse(store.getItem(PROFILE_KEY)!)).toEqual({ name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông' });
  });

  it('shows the server message for a wrong PIN and stays on the PIN screen', async () => {
    const { phone, checkPin } = setup();
    checkPin.mockRejectedValueOnce(new ApiError(404, 'pin_not_found', 'Không tìm thấy cuộc thi với mã PIN này.'));
    await phone.submitPin('999999');
    expect(phone.snapshot.screen).toBe('pin');
    expect(phone.snapshot.formError).toBe('Không tìm thấy cuộc thi với mã PIN này.');
  });

  it('a refresh resumes the stored identity at once, without asking the name again', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    expect(f.last().framesOf('resume')).toEqual([{ t: 'resume', token: 'tok-1', last_seq: 0 }]);
    expect(f.last().framesOf('join')).toEqual([]);
    f.last().receive({ t: 'hello', token: 'tok-1', participant_id: 'p1', contest_id: 'c1', server_time: Date.now() });
    f.last().receive(snapshot(17));
    expect(phone.snapshot.screen).toBe('live');
    expect(phone.snapshot.view.item?.prompt).toBe(item.prompt);
  });

  it('forgets an unknown token and shows the join form', () => {
    const store = storeWithIdentity();
    const { phone, f } = setup(store);
    phone.init(null);
    f.last().open();
    f.last().receive({ t: 'error', code: 'token_invalid', message: 'Không tìm thấy lượt tham gia.' });
    expect(phone.snapshot.screen).toBe('details');
    expect(phone.snapshot.formError).toBe('Không tìm thấy lượt tham gia.');
    expect(store.getItem(IDENTITY_KEY)).toBeNull();
  });

  it('a kicked contestant sees the message and the phone does not reconnect', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(3, { phase: 'lobby', item: null }));
    f.last().receive({ t: 'kicked', message: 'Ban tổ chức đã mời bạn rời cuộc thi.' });
    f.last().drop(4001);
    vi.advanceTimersByTime(30_000);
    expect(phone.snapshot.screen).toBe('kicked');
    expect(phone.snapshot.kickedMessage).toBe('Ban tổ chức đã mời bạn rời cuộc thi.');
    expect(f.sockets.length).toBe(1);
  });
});

describe('answer outbox', () => {
  it('resends the same answer_id after a reconnect until the ack, then never again', () => {
    const { phone, f, store } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));

    phone.answer([2]);
    const sent = f.last().framesOf('answer');
    expect(sent.length).toBe(1);
    const answerId = sent[0].answer_id as string;
    expect(phone.snapshot.pending?.answer_id).toBe(answerId);

    // The Wi-Fi drops before the ack.
    f.last().drop();
    expect(phone.snapshot.status).toBe('reconnecting');
    vi.advanceTimersByTime(600);
    f.last().open();
    f.last().receive(snapshot(18));
    expect(f.last().framesOf('answer')).toEqual([
      { t: 'answer', item_id: 'item-1', answer_id: answerId, choice: [2] },
    ]);

    f.last().receive({ t: 'ack', item_id: 'item-1', answer_id: answerId, choice: [2] });
    expect(phone.snapshot.view.answer).toEqual({ answer_id: answerId, choice: [2] });
    expect(phone.snapshot.pending).toBeNull();
    expect(JSON.parse(store.getItem(OUTBOX_KEY)!)).toEqual({});

    // Another drop: nothing left to resend.
    f.last().drop();
    vi.advanceTimersByTime(600);
    f.last().open();
    f.last().receive(snapshot(19, { answer: { answer_id: answerId, choice: [2] } }));
    expect(f.last().framesOf('answer')).toEqual([]);
  });

  it('survives a page refresh: the new page sends the stored answer again', () => {
    const store = storeWithIdentity();
    const first = setup(store);
    first.phone.init(null);
    first.f.last().open();
    first.f.last().receive(snapshot(17));
    first.phone.answer([1]);
    const answerId = first.f.last().framesOf('answer')[0].answer_id;
    first.phone.destroy();

    const second = setup(store);
    second.phone.init(null);
    second.f.last().open();
    expect(second.f.last().framesOf('answer')).toEqual([]);
    second.f.last().receive(snapshot(18));
    expect(second.f.last().framesOf('answer')).toEqual([
      { t: 'answer', item_id: 'item-1', answer_id: answerId, choice: [1] },
    ]);
    expect(second.phone.snapshot.pending?.answer_id).toBe(answerId);
  });

  it('shows the stored answer from the ack, not the tap, when the server kept an earlier one', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    phone.answer([3]);
    f.last().receive({ t: 'ack', item_id: 'item-1', answer_id: 'first-one', choice: [0] });
    expect(phone.snapshot.view.answer?.choice).toEqual([0]);
  });

  it('does not resend when the snapshot shows the server already stored the answer', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    phone.answer([2]);
    const answerId = f.last().framesOf('answer')[0].answer_id as string;
    f.last().drop();
    vi.advanceTimersByTime(600);
    f.last().open();
    f.last().receive(snapshot(18, { answer: { answer_id: answerId, choice: [2] } }));
    expect(f.last().framesOf('answer')).toEqual([]);
    expect(phone.snapshot.pending).toBeNull();
    expect(phone.snapshot.view.answer?.choice).toEqual([2]);
  });

  it('sends the same frame again a second after the server asks to retry', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    phone.answer([2]);
    const frame = f.last().framesOf('answer')[0];
    f.last().receive({ t: 'error', code: 'retry', message: 'Thử lại', item_id: 'item-1', answer_id: frame.answer_id });
    vi.advanceTimersByTime(1000);
    expect(f.last().framesOf('answer')).toEqual([frame, frame]);
  });

  it('drops a late answer and says why', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    phone.answer([2]);
    const frame = f.last().framesOf('answer')[0];
    f.last().receive({
      t: 'error',
      code: 'item_closed',
      message: 'Đã hết giờ trả lời câu này.',
      item_id: 'item-1',
      answer_id: frame.answer_id,
    });
    expect(phone.snapshot.pending).toBeNull();
    expect(phone.snapshot.notice?.text).toBe('Đã hết giờ trả lời câu này.');
  });

  it('a tap while offline is kept and goes out once the phone is back', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    f.last().drop();
    phone.answer([0]);
    expect(phone.snapshot.pending?.choice).toEqual([0]);
    vi.advanceTimersByTime(600);
    f.last().open();
    expect(f.last().framesOf('answer')).toEqual([]);
    f.last().receive(snapshot(18));
    expect(f.last().framesOf('answer').map((a) => a.choice)).toEqual([[0]]);
  });

  it('keeps only the first tap on the same question', () => {
    const store = new MemoryStore();
    const sent: unknown[] = [];
    const box = new AnswerOutbox(store, (fr) => (sent.push(fr), true), () => 'id-1');
    box.submit('i1', [1], true);
    box.submit('i1', [3], true);
    expect(sent).toEqual([
      { t: 'answer', item_id: 'i1', answer_id: 'id-1', choice: [1] },
      { t: 'answer', item_id: 'i1', answer_id: 'id-1', choice: [1] },
    ]);
  });
});

describe('what the phone shows', () => {
  it('follows a question from open to result', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17, { phase: 'round_intro', item: null }));
    f.last().receive({ t: 'phase', seq: 18, phase: 'item_open', version: 10, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, round_title: 'Vòng 1', closes_at: item.closes_at });
    expect(phone.snapshot.view.item).toBeNull();
    f.last().receive({ t: 'item', seq: 19, ...item });
    expect(phone.snapshot.view.item?.item_id).toBe('item-1');
    f.last().receive({ t: 'closed', seq: 20, item_id: 'item-1', answered: 47, players: 50 });
    f.last().receive({ t: 'phase', seq: 20, phase: 'item_closed', version: 11, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: 0 });
    expect(phone.snapshot.view.phase).toBe('item_closed');
    f.last().receive({
      t: 'reveal', seq: 21, item_id: 'item-1', correct: [2], distribution: [3, 5, 38, 1], answered: 47, players: 50,
      result: { item_id: 'item-1', answered: true, choice: [2], correct: true, points: 87, score: 387, rank: 3, players: 50 },
    });
    const v = phone.snapshot.view;
    expect(v.phase).toBe('reveal');
    expect(v.reveal?.correct).toEqual([2]);
    expect(v.result?.correct).toBe(true);
    expect(v.result?.points).toBe(87);
    expect(v.me?.score).toBe(387);
    expect(v.me?.rank).toBe(3);
    f.last().receive({ t: 'standings', seq: 22, final: false, players: 50, top: [], me: { score: 387, rank: 2, players: 50 } });
    expect(phone.snapshot.view.phase).toBe('standings');
    expect(phone.snapshot.view.me?.rank).toBe(2);
    expect(phone.snapshot.view.me?.name).toBe(v.me?.name);
  });

  it('a pause stops the countdown and the resume moves the deadline', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    f.last().receive({ t: 'phase', seq: 18, phase: 'item_open', version: 10, paused: true, remaining_ms: 8000, item_index: 0, item_count: 5, closes_at: 0 });
    expect(phone.snapshot.view.paused).toBe(true);
    expect(phone.snapshot.view.remainingMs).toBe(8000);
    f.last().receive({ t: 'phase', seq: 19, phase: 'item_open', version: 11, paused: false, remaining_ms: 0, item_index: 0, item_count: 5, closes_at: item.closes_at + 60_000 });
    expect(phone.snapshot.view.paused).toBe(false);
    expect(phone.snapshot.view.item?.closes_at).toBe(item.closes_at + 60_000);
  });
});

describe('a phone whose Wi-Fi goes quiet', () => {
  function live() {
    const s = setup(storeWithIdentity());
    s.phone.init(null);
    s.f.last().open();
    s.f.last().receive(snapshot(17));
    return s;
  }

  it('says the link is lost within 7 s, keeps a tap, and sends it the moment the link answers again', () => {
    const { phone, f } = live();
    vi.advanceTimersByTime(7000);
    expect(phone.snapshot.status).toBe('lost');

    phone.answer([3]);
    expect(phone.snapshot.pending?.choice).toEqual([3]);
    expect(f.last().framesOf('answer')).toEqual([]);

    f.last().receive({ t: 'pong', client_time: Date.now() - 100, server_time: Date.now() });
    expect(phone.snapshot.status).toBe('open');
    const sent = f.last().framesOf('answer');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ item_id: 'item-1', choice: [3] });
  });

  it('after a longer silence starts over and sends the kept tap after the new snapshot', () => {
    const { phone, f } = live();
    vi.advanceTimersByTime(7000);
    phone.answer([0]);
    vi.advanceTimersByTime(6000);
    expect(phone.snapshot.status).toBe('reconnecting');
    vi.advanceTimersByTime(600);
    f.last().open();
    expect(f.last().framesOf('answer')).toEqual([]);
    f.last().receive(snapshot(18));
    expect(f.last().framesOf('answer')).toHaveLength(1);
    expect(phone.snapshot.status).toBe('open');
  });
});

describe('a join the server refuses', () => {
  async function joining() {
    const s = setup();
    s.phone.init('123456');
    await vi.waitFor(() => expect(s.phone.snapshot.screen).toBe('details'));
    s.phone.join('Nguyễn Văn An', 'Chi bộ thôn Đông');
    s.f.last().open();
    return s;
  }

  it.each([
    ['lobby_locked', 'Ban tổ chức đã khoá phòng chờ'],
    ['name_taken', 'Đã có người dự thi cùng họ tên và chi bộ này'],
    ['kicked', 'Ban tổ chức đã mời đồng chí rời cuộc thi này'],
    ['rate_limited', 'Vui lòng chờ vài giây rồi bấm lại'],
  ])('%s keeps the name form, with what was typed, and says why in Vietnamese', async (code, says) => {
    const { phone, f } = await joining();
    f.last().receive({ t: 'error', code, message: 'server text' });
    expect(phone.snapshot.screen).toBe('details');
    expect(phone.snapshot.formError).toContain(says);
    expect(phone.snapshot.name).toBe('Nguyễn Văn An');
    expect(phone.snapshot.busy).toBe(false);
  });

  it('shows the server message for a refusal it does not know', async () => {
    const { phone, f } = await joining();
    f.last().receive({ t: 'error', code: 'invalid', message: 'Họ tên dài quá 100 ký tự.' });
    expect(phone.snapshot.formError).toBe('Họ tên dài quá 100 ký tự.');
  });
});

describe('the buzzer', () => {
  const rounds = [{ title: 'Về đích', kind: 'buzzer', intro: '', weight: 1, items: 1, tie_break: false, star: false, steal_sec: 20 }];
  function open() {
    const s = setup(storeWithIdentity());
    s.phone.init(null);
    s.f.last().open();
    s.f.last().receive(snapshot(17, { rounds, round_index: 0, buzz: null }));
    return s;
  }

  it('sends one press, shows it at once and keeps it once the server takes it', () => {
    const { phone, f } = open();
    phone.buzz();
    phone.buzz();
    expect(f.last().framesOf('buzz')).toEqual([{ t: 'buzz', item_id: 'item-1', answer_id: 'buzz-0' }]);
    expect(phone.snapshot.pressing).toEqual({ itemId: 'item-1', attempt: 0 });
    f.last().receive({ t: 'pressed', item_id: 'item-1', attempt: 0, at: Date.now() });
    expect(phone.snapshot.pressing).toBeNull();
    expect(phone.snapshot.view.pressed).toEqual({ itemId: 'item-1', attempt: 0 });
  });

  it('shows the server’s reason when a press is refused, and offers the button again', () => {
    const { phone, f } = open();
    phone.buzz();
    const message = 'Đã có đồng chí khác giành quyền trả lời câu này.';
    f.last().receive({ t: 'error', code: 'buzz_taken', message, item_id: 'item-1', answer_id: 'buzz-0' });
    expect(phone.snapshot.notice?.text).toBe(message);
    expect(phone.snapshot.pressing).toBeNull();
  });

  it('presses again a second after the server asks to retry', () => {
    const { phone, f } = open();
    phone.buzz();
    f.last().receive({ t: 'error', code: 'retry', message: 'Chưa lưu được', item_id: 'item-1', answer_id: 'buzz-0' });
    expect(f.last().framesOf('buzz')).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(f.last().framesOf('buzz')).toHaveLength(2);
    expect(phone.snapshot.notice).toBeNull();
  });

  it('says a press without a link did not go out', () => {
    const { phone, f } = open();
    f.last().drop();
    phone.buzz();
    expect(phone.snapshot.pressing).toBeNull();
    expect(phone.snapshot.notice?.text).toBe('Mất kết nối nên chưa bấm được. Đồng chí bấm lại khi có kết nối.');
  });

  it('presses again in a steal, with the next attempt', () => {
    const { phone, f } = open();
    phone.buzz();
    f.last().receive({ t: 'pressed', item_id: 'item-1', attempt: 0, at: Date.now() });
    f.last().receive({
      t: 'buzz', seq: 18, item_id: 'item-1', attempt: 1, winner: null, presses: [], out: ['p7'], steal_until: Date.now() + 20_000, star: null,
      mark: { participant_id: 'p7', right: false, points: -10 },
    });
    phone.buzz();
    expect(f.last().framesOf('buzz').map((b) => b.answer_id)).toEqual(['buzz-0', 'buzz-1']);
  });
});

describe('an eliminated contestant', () => {
  it('sends no answer, and is told when a rescue brings them back', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    const me = { participant_id: 'p1', name: 'Nguyễn Văn An', unit: 'Chi bộ thôn Đông', score: 0, rank: 4, players: 50, out: true };
    f.last().receive(snapshot(17, { me, round_index: 0 }));
    phone.answer([1]);
    expect(f.last().framesOf('answer')).toHaveLength(0);
    f.last().receive({ t: 'survivors', seq: 18, round_index: 0, count: 5, names: [], players: 50, rescued: 1, me: { ...me, out: false } });
    expect(phone.snapshot.view.me?.out).toBe(false);
    expect(phone.snapshot.notice?.text).toBe('Đồng chí được trở lại thi. Mời đồng chí trả lời các câu tiếp theo.');
  });

  it('drops an answer the server refuses as eliminated, and shows the card', () => {
    const { phone, f, store } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17));
    phone.answer([1]);
    const sent = f.last().framesOf('answer')[0];
    f.last().receive({ t: 'error', code: 'eliminated', message: 'Đồng chí đã dừng bước.', item_id: 'item-1', answer_id: sent.answer_id });
    expect(phone.snapshot.view.me?.out).toBe(true);
    expect(phone.snapshot.pending).toBeNull();
    expect(new AnswerOutbox(store, () => false).pending('item-1')).toBeNull();
  });
});

describe('typed and ordered answers', () => {
  const shortItem = { ...item, item_id: 'item-s', type: 'short', options: [] };
  const orderingItem = { ...item, item_id: 'item-o', type: 'ordering', options: ['Thảo luận', 'Khai mạc', 'Biểu quyết'] };

  it('resends a typed answer after a reconnect and a refresh, exactly as typed, until the ack', () => {
    const store = storeWithIdentity();
    const first = setup(store);
    first.phone.init(null);
    first.f.last().open();
    first.f.last().receive(snapshot(17, { item: shortItem }));
    first.phone.answer({ text: '  dai hoi chi bo ' });
    const sent = first.f.last().framesOf('answer');
    expect(sent).toEqual([{ t: 'answer', item_id: 'item-s', answer_id: sent[0].answer_id, text: 'dai hoi chi bo' }]);
    first.f.last().drop();
    first.phone.destroy();

    const second = setup(store);
    second.phone.init(null);
    second.f.last().open();
    second.f.last().receive(snapshot(18, { item: shortItem }));
    expect(second.f.last().framesOf('answer')).toEqual(sent);
    second.f.last().receive({ t: 'ack', item_id: 'item-s', answer_id: sent[0].answer_id, choice: [], text: 'dai hoi chi bo' });
    expect(second.phone.snapshot.view.answer).toEqual({ answer_id: sent[0].answer_id, choice: [], text: 'dai hoi chi bo' });
    expect(second.phone.snapshot.pending).toBeNull();
  });

  it('sends nothing for an empty text', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17, { item: shortItem }));
    phone.answer({ text: '   ' });
    expect(f.last().framesOf('answer')).toEqual([]);
  });

  it('sends an order as the shown positions and keeps it for a resend', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17, { item: orderingItem }));
    phone.answer({ order: [1, 0, 2] });
    const sent = f.last().framesOf('answer');
    expect(sent[0]).toMatchObject({ item_id: 'item-o', order: [1, 0, 2] });
    expect(sent[0].choice).toBeUndefined();
    f.last().drop();
    vi.advanceTimersByTime(600);
    f.last().open();
    f.last().receive(snapshot(18, { item: orderingItem }));
    expect(f.last().framesOf('answer')).toEqual(sent);
  });

  it('lets the contestant type a number again after the server says it is not one', () => {
    const { phone, f } = setup(storeWithIdentity());
    phone.init(null);
    f.last().open();
    f.last().receive(snapshot(17, { item: { ...shortItem, type: 'numeric' } }));
    phone.answer({ text: 'một nghìn' });
    const first = f.last().framesOf('answer')[0];
    f.last().receive({ t: 'error', code: 'invalid', message: 'Vui lòng nhập một số, ví dụ 1930 hoặc 3,5.', item_id: 'item-s', answer_id: first.answer_id });
    expect(phone.snapshot.pending).toBeNull();
    expect(phone.snapshot.notice?.text).toContain('Vui lòng nhập một số');
    phone.answer({ text: '1930' });
    const all = f.last().framesOf('answer');
    const second = all[all.length - 1];
    expect(second.text).toBe('1930');
    expect(second.answer_id).not.toBe(first.answer_id);
  });
});
