/**
 * Keeps only the newest of overlapping requests: each `begin()` returns a check that stays true
 * until the next `begin()`, so an older response that arrives last is dropped, not shown.
 */
export class Latest {
  private n = 0;

  begin(): () => boolean {
    const mine = ++this.n;
    return () => mine === this.n;
  }

  /** Makes every request begun so far stale (the page was left). */
  cancel(): void {
    this.n++;
  }
}
