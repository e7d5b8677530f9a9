/**
 * The projector's type sizes. The smallest, 2.2 % of the screen's height (16 px at 720p,
 * 24 px at 1080p), is where the longest question the bank accepts (1,000 characters and eight
 * options of 300) still fits: on a 2.5 m high projection that is a 5.5 cm line, capitals
 * about 4 cm tall, which the usual rule for projected text (2.5 cm of letter per 3 m of
 * distance) puts as readable from about 12 m, the back of a commune hall. Ordinary questions
 * get much larger type, up to 5.4 % of the height.
 */
export const MIN_TYPE_SHARE = 0.022;
export const MAX_TYPE_SHARE = 0.054;
/** Never below this many CSS pixels, whatever the screen. */
export const MIN_TYPE_PX = 16;

/** The smallest and largest base type size, in px, for a screen `height` px tall. */
export function typeRange(height: number): { min: number; max: number } {
  const min = Math.max(MIN_TYPE_PX, Math.round(height * MIN_TYPE_SHARE));
  return { min, max: Math.max(min, Math.round(height * MAX_TYPE_SHARE)) };
}

/**
 * The largest whole size in [min, max] for which `fits(size)` holds, found by halving (sizes
 * that fit form one run from min upwards). `fits` is asked about seven times. When even `min`
 * does not fit, resolves { size: min, fits: false } so the caller can drop something.
 */
export function largestFit(fits: (size: number) => boolean, min: number, max: number): { size: number; fits: boolean } {
  if (fits(max)) return { size: max, fits: true };
  if (!fits(min)) return { size: min, fits: false };
  let lo = min;
  let hi = max;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return { size: lo, fits: true };
}
