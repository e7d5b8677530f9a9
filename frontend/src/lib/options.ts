/**
 * The colour (0–7, `--opt-N` in app.css) of option i, the same on the phones and the projector
 * so a contestant can match them. "Đúng" is blue and "Sai" red on a true/false question.
 */
export function optionColour(i: number, type: string): number {
  if (type === 'truefalse') return i === 0 ? 1 : 0;
  return i % 8;
}

/**
 * The options' indexes in the order this phone shows them. A shuffled item's `shown` gives
 * it; any other item, or a `shown` that is not every option once (a server that sends none),
 * shows them in their own order.
 */
export function displayOrder(count: number, shown?: readonly number[] | null): number[] {
  const own = Array.from({ length: count }, (_, i) => i);
  if (!shown || shown.length !== count) return own;
  const seen = new Set(shown);
  if (seen.size !== count || shown.some((o) => !Number.isInteger(o) || o < 0 || o >= count)) return own;
  return [...shown];
}

/**
 * The places (from 0) where this phone shows the options `indexes`, first shown first: what
 * its letters name, since letters go by place. The answer and the key keep the options' own
 * indexes; only what is shown changes.
 */
export function shownPlaces(indexes: readonly number[], order: readonly number[]): number[] {
  return indexes
    .map((i) => order.indexOf(i))
    .filter((p) => p >= 0)
    .sort((a, b) => a - b);
}

/**
 * Whether screens the whole room sees (the projector, the control panel) must not name this
 * item's options by letter: each phone shows them in an order, and so letters, of its own.
 */
export function lettersDiffer(item: { shuffled?: boolean } | null | undefined): boolean {
  return !!item?.shuffled;
}
