/**
 * Small text helpers shared by the parsers and the engine. Folding keeps string
 * length, so offsets found in folded text are valid in the original.
 */

const ACCENT_FOLD: Record<string, string> = {
  á: 'a',
  é: 'e',
  í: 'i',
  ó: 'o',
  ú: 'u',
  ü: 'u',
  à: 'a',
  è: 'e',
  ì: 'i',
  ò: 'o',
  ù: 'u',
  º: 'o',
  ª: 'a',
  '°': 'o',
  ñ: 'n',
};

/** Lower case without accents, same length as the input (for keyword matching). */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Some exotic characters grow when lower-cased; keep offsets honest in that case.
  const base = lower.length === text.length ? lower : lowerCharByChar(text);
  return base.replace(/[áéíóúüàèìòùºª°ñ]/g, (c) => ACCENT_FOLD[c] ?? c);
}

function lowerCharByChar(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** Collapse every kind of white space (NBSP, thin spaces) to one plain space; drop zero-width marks. */
export function collapseSpaces(text: string): string {
  const visible = ZERO_WIDTH_TEST.test(text) ? text.replace(ZERO_WIDTH, '') : text;
  // Most lines are already clean: testing is cheaper than rebuilding them.
  return NEEDS_COLLAPSE.test(visible) ? visible.replace(/\s+/g, ' ') : visible;
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ZERO_WIDTH_TEST = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
