import { countdownAt, type CountdownInput } from './clock';

/** Props of the countdown components. */
export interface CountdownProps extends CountdownInput {
  serverNow: () => number;
  /** The link is lost: the time left cannot be known, so the countdown stops and says so. */
  frozen?: boolean;
  testid?: string;
}

/** A countdown that ticks every `everyMs` while the component lives; read `.view`. */
export function tickingCountdown(props: () => CountdownProps, everyMs: number) {
  let now = $state(0);
  $effect(() => {
    const serverNow = props().serverNow;
    if (props().frozen) return;
    now = serverNow();
    const t = setInterval(() => (now = serverNow()), everyMs);
    return () => clearInterval(t);
  });
  return {
    get view() {
      return countdownAt(props(), now);
    },
  };
}
