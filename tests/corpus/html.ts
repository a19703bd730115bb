/** Small HTML-string helpers for the corpus generator (no DOM needed to build pages). */
import type { Rng } from './prng';

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Fills `{v}`, `{d}`, `{r}`, `{n}` in a wording template with HTML. */
export function fill(template: string, key: 'v' | 'd' | 'r' | 'n', html: string): string {
  const [before, after] = template.split(`{${key}}`) as [string, string | undefined];
  return `${esc(before)}${html}${esc(after ?? '')}`;
}

export const SPLIT_MODES = ['none', 'word-spans', 'char-spans', 'char-custom-elements'] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];

/**
 * Text cut into inline pieces, as animation libraries and some design systems do: one
 * span per word (real spaces kept between them), one span per character, or one
 * undefined custom element per character (inline by default).
 */
export function splitText(text: string, mode: SplitMode, rng: Rng): string {
  if (mode === 'none') return esc(text);
  if (mode === 'word-spans') {
    return text
      .split(' ')
      .map((word) => `<span class="w${rng.int(0, 9)}">${esc(word)}</span>`)
      .join(' ');
  }
  // Split-text libraries mark the letters aria-hidden: rendered, so still visible text.
  const open = mode === 'char-spans' ? '<span>' : '<lk-char aria-hidden="true">';
  const close = mode === 'char-spans' ? '</span>' : '</lk-char>';
  return [...text].map((ch) => (ch === ' ' ? ' ' : `${open}${esc(ch)}${close}`)).join('');
}

/** Upper-cases a label as some designs print it (caption styles). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('es-AR');
}
