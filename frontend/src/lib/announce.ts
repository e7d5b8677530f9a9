import { m, markText, rankText } from './messages.vi';
import type { PhoneScreen } from './phone';
import { emptyPlayerView, isOut, myMark, phoneBuzzer, roundKind, type PlayerView } from './views';

/** The part of the phone's state that decides which screen it shows. */
export interface ScreenInput {
  screen: PhoneScreen;
  view: Pick<PlayerView, 'phase' | 'item' | 'result' | 'me'> &
    Partial<Pick<PlayerView, 'rounds' | 'roundIndex' | 'buzz' | 'pressed' | 'survivors'>>;
}

const full = (v: ScreenInput['view']): PlayerView => ({ ...emptyPlayerView(), ...v });

/**
 * Names the screen the phone shows: it changes when a person would say "a new screen came",
 * so the page scrolls to its top and moves the focus to its heading. Pausing, an answer being
 * stored or a score arriving do not change it; being out of an elimination round, or the
 * buzzer's turn (pressed, someone won, marked wrong), does.
 */
export function phoneScreenKey(s: ScreenInput): string {
  if (s.screen !== 'live') return s.screen;
  const v = full(s.view);
  const buzzer = roundKind(v) === 'buzzer' && v.phase === 'item_open' ? phoneBuzzer(v).kind : '';
  return `live:${v.phase ?? ''}:${v.item?.item_id ?? ''}:${isOut(v) ? 'out' : ''}:${buzzer}`;
}

/** The verdict a phone shows at the reveal: its heading, its colour and the line under it. */
export interface Verdict {
  title: string;
  tone: 'right' | 'wrong' | 'neutral';
  /** Points this question earned, 0 for none. */
  points: number;
  /** Elimination rounds: whether the contestant goes on; buzzer rounds: who answered. */
  line: string;
}

/** What the phone says at the reveal, by the kind of round. */
export function verdictOf(input: ScreenInput['view']): Verdict {
  const v = full(input);
  const r = v.result;
  if (roundKind(v) === 'buzzer') {
    // Nobody answers on the phone: the verdict is the host's mark, or who had the floor.
    const mark = myMark(v);
    if (mark) return { title: markText(mark.right, mark.points), tone: mark.right ? 'right' : 'wrong', points: Math.max(mark.points, 0), line: '' };
    const winner = v.buzz?.winner;
    return { title: winner ? m.phone.buzzTaken(winner.name) : m.phone.buzzNobody, tone: 'neutral', points: 0, line: '' };
  }
  const line = roundKind(v) === 'elimination' && r ? (r.out ? m.phone.eliminated : m.phone.goesOn) : '';
  if (r?.answered && !r.correct && (r.points ?? 0) > 0) {
    // Partial credit: some of the points, not a right answer.
    return { title: m.phone.partlyRight, tone: 'neutral', points: r.points, line };
  }
  const title = r?.correct ? m.phone.correct : r?.answered ? m.phone.wrong : m.phone.noAnswerResult;
  return { title, tone: r?.correct ? 'right' : 'wrong', points: r?.points ?? 0, line };
}

/**
 * What a screen reader says when the verdict arrives (a live region), e.g. "Đúng. +100 điểm.
 * Tổng điểm 300. Hạng 2/50". Empty on other screens: their heading takes the focus instead.
 */
export function verdictAnnouncement(s: ScreenInput): string {
  if (s.screen !== 'live' || s.view.phase !== 'reveal') return '';
  const r = s.view.result;
  const verdict = verdictOf(s.view);
  // The heading's ✓ and ✗ are not read out.
  const parts = [verdict.title.replace(/^[✓✗◐]\s*/, '')];
  if (verdict.points > 0) parts.push(m.phone.pointsEarned(verdict.points));
  if (verdict.line) parts.push(verdict.line);
  const score = r?.score ?? s.view.me?.score ?? 0;
  parts.push(`${m.phone.totalScore} ${score}`);
  parts.push(rankText(r?.rank ?? s.view.me?.rank ?? 0, r?.players ?? s.view.me?.players ?? 0));
  return parts.join('. ');
}
