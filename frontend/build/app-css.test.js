// The focus ring of app.css must stand out at least 3:1 (WCAG 2.2, non-text contrast) against
// every background a focused control sits on: the page, a card, the projector's dark blue.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../src/app.css', import.meta.url), 'utf8');

function variable(name) {
  const m = css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!m) throw new Error(`app.css has no --${name}`);
  return m[1];
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('the focus ring', () => {
  const ring = variable('focus');
  const halo = variable('focus-halo');
  for (const [where, bg] of [
    ['the page', variable('bg')],
    ['a card', variable('paper')],
    ['the red header', variable('red')],
    ['the projector', '#0a1a33'],
  ]) {
    it(`stands out 3:1 on ${where}`, () => {
      // The ring or its halo, whichever meets the background.
      expect(Math.max(contrast(ring, bg), contrast(halo, bg))).toBeGreaterThanOrEqual(3);
      // And the ring against its own halo, so it reads as a ring.
      expect(contrast(ring, halo)).toBeGreaterThanOrEqual(3);
    });
  }

  it('body text is sized in rem, so the phone’s text size setting applies', () => {
    const body = css.match(/body\s*\{[^}]*\}/)[0];
    expect(body).toMatch(/font-size:\s*[\d.]+rem/);
    expect(css).not.toMatch(/font-size:\s*\d+px/);
  });
});
