// Two build steps of the web app, kept out of vite.config.ts so they can be unit-tested:
// the join page's text in the static HTML, and brotli and gzip copies of every file.

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { m } from '../src/lib/messages.vi';

/** @typedef {import('vite').Plugin} Plugin */

/** Escapes text for HTML (element content and quoted attributes). */
/** @param {string} s */
export function escapeHTML(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * Replaces `{{m.phone.pinTitle}}` in the page with that message, so the static page speaks
 * from messages.vi.ts like the app. An unknown key fails the build instead of showing braces.
 *
 * @param {string} html
 * @param {object} [messages]
 */
export function fillMessages(html, messages = m) {
  return html.replace(/\{\{\s*m\.([\w.]+)\s*\}\}/g, (_, key) => {
    const value = key.split('.').reduce((o, k) => o?.[k], messages);
    if (typeof value !== 'string') throw new Error(`index.html asks for message m.${key}, which is not a string`);
    return escapeHTML(value);
  });
}

/**
 * The page a phone sees before any script runs: messages filled in, and the first screen's
 * stylesheet written into the page itself. A linked stylesheet blocks the first paint for one
 * more round trip, two seconds on a slow mobile link.
 */
/** @returns {Plugin} */
export function bootPage() {
  return {
    name: 'hoithi-boot-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        html = fillMessages(html);
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g, (tag, file) => {
          const css = bundle[file];
          if (!css || css.type !== 'asset') return tag;
          delete bundle[file];
          return `<style>${String(css.source)}</style>`;
        });
      },
    },
  };
}

const compressible = /\.(js|mjs|css|html|svg|json|txt)$/;

/** Writes name.br and name.gz beside a file, each only when it is smaller. Returns their sizes. */
/** @param {string} path */
export function compressFile(path) {
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  return { raw: raw.length, br: br.length, gz: gz.length };
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Brotli and gzip copies of the built files, made once here so the server only picks one per
 * request (see api/static.go).
 */
/** @returns {Plugin} */
export function precompress() {
  let outDir = 'dist';
  return {
    name: 'hoithi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (compressible.test(file)) compressFile(file);
      }
    },
  };
}
