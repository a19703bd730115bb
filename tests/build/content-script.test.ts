/**
 * What the content script must not carry onto carrier pages (issue #15): no chrome.i18n
 * (its first getMessage call loads the whole message bundle synchronously), no Intl
 * formatter, no message catalog or formatting module (the background writes the overlay's
 * text), and no Preact or WXT shadow-root UI (the overlay is plain DOM). Checked on the
 * built files of both browsers, as they ship.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// As in bundle-size.test.ts: the private build folder when LINEKEEPER_OUT_DIR is set.
const OUT_DIR = path.resolve(ROOT, process.env.LINEKEEPER_OUT_DIR ?? '.output');

const FORBIDDEN: [string, RegExp][] = [
  ['chrome.i18n.getMessage', /getMessage/],
  ['chrome.i18n.getUILanguage', /getUILanguage/],
  ['an Intl formatter', /\bIntl\./],
  // Keys the catalog, format.ts (formatDaysLeft) and the overlay's text would bring along.
  ['the message catalog', /popupLocale|extDescription|daysLeftToday|overlaySaved/],
  // Preact's diff names this prop; its minified internals keep `__k` (a vnode's children).
  ['Preact', /dangerouslySetInnerHTML|\.__k\b/],
  ["WXT's createShadowRootUi", /WXT Shadow Root Reset|wxt-shadow-root-document-styles/],
];

describe.each(['chrome-mv3', 'firefox-mv2'])('the %s content script', (target) => {
  const file = path.join(OUT_DIR, target, 'content-scripts/carrier.js');

  it('exists and holds the overlay (run "npm run build" first)', () => {
    expect(existsSync(file)).toBe(true);
    const code = readFileSync(file, 'utf8');
    // The right file: the overlay's tag and its host reset are in it.
    expect(code).toContain('linekeeper-overlay');
    expect(code).toMatch(/:host\{all:initial\s*!important\}/);
  });

  it.each(FORBIDDEN)('carries no %s', (_name, pattern) => {
    const code = readFileSync(file, 'utf8');
    expect(code.match(pattern)?.[0] ?? null).toBeNull();
  });
});
