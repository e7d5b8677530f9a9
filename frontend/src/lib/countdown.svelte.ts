import { countdownAt, type CountdownInput } from './clock';

/** Props of the countdown components. */
export interface CountdownProps extends CountdownInput {
  serverNow: () => number;
  testid?: string;
}

/** A countdown that ticks every `everyMs` while the component lives; read `.view`. */
export function tickingCountdown(props: () => CountdownProps, everyMs: number) {
  let now = $state(0);
  $effect(() => {
    const serverNow = props().serverNow;
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
