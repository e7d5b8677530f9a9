import { m, rankText } from './messages.vi';
import type { PhoneScreen } from './phone';
import type { PlayerView } from './views';

/** The part of the phone's state that decides which screen it shows. */
export interface ScreenInput {
  screen: PhoneScreen;
  view: Pick<PlayerView, 'phase' | 'item' | 'result' | 'me'>;
}

/**
 * Names the screen the phone shows: it changes when a person would say "a new screen came",
 * so the page scrolls to its top and moves the focus to its heading. Pausing, an answer being
 * stored or a score arriving do not change it.
 */
export function phoneScreenKey(s: ScreenInput): string {
  if (s.screen !== 'live') return s.screen;
  return `live:${s.view.phase ?? ''}:${s.view.item?.item_id ?? ''}`;
}

/**
 * What a screen reader says when the verdict arrives (a live region), e.g. "Đúng. +100 điểm.
 * Tổng điểm 300. Hạng 2/50". Empty on other screens: their heading takes the focus instead.
 */
export function verdictAnnouncement(s: ScreenInput): string {
  if (s.screen !== 'live' || s.view.phase !== 'reveal') return '';
  const r = s.view.result;
  const verdict = r?.correct ? m.phone.verdictRight : r?.answered ? m.phone.verdictWrong : m.phone.noAnswerResult;
  const parts = [verdict];
  if (r && r.points > 0) parts.push(m.phone.pointsEarned(r.points));
  const score = r?.score ?? s.view.me?.score ?? 0;
  parts.push(`${m.phone.totalScore} ${score}`);
  parts.push(rankText(r?.rank ?? s.view.me?.rank ?? 0, r?.players ?? s.view.me?.players ?? 0));
  return parts.join('. ');
}
