/** The parts of `document` and `window` that say the phone woke up or got its network back. */
export interface WakeSources {
  doc: EventTarget & { visibilityState: string };
  win: EventTarget;
}

/**
 * Calls `fn` when the page becomes visible again, the network comes back, or the page is
 * restored from the back/forward cache: the moments a live page should reconnect at once
 * instead of waiting out its backoff. Returns the function that stops listening.
 */
export function onWake(src: WakeSources, fn: () => void): () => void {
  const visible = () => {
    if (src.doc.visibilityState === 'visible') fn();
  };
  src.doc.addEventListener('visibilitychange', visible);
  src.win.addEventListener('online', fn);
  src.win.addEventListener('pageshow', fn);
  return () => {
    src.doc.removeEventListener('visibilitychange', visible);
    src.win.removeEventListener('online', fn);
    src.win.removeEventListener('pageshow', fn);
  };
}
