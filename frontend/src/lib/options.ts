/**
 * The colour (0–7, `--opt-N` in app.css) of option i, the same on the phones and the projector
 * so a contestant can match them. "Đúng" is blue and "Sai" red on a true/false question.
 */
export function optionColour(i: number, type: string): number {
  if (type === 'truefalse') return i === 0 ? 1 : 0;
  return i % 8;
}
