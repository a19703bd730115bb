/**
 * The carriers' Spanish words and what they mean, for people who read the carriers' pages
 * in a language that is not theirs. The popup shows it (Settings and a line's detail), and
 * the overlay on carrier pages links to the same content: data and message keys only, no
 * DOM, no browser, so any runtime may import it (eslint.config.js PAGE_SAFE_DOMAIN).
 *
 * `term` is the carrier's own word and stays Spanish in every language (marked lang="es"
 * where shown); `meaning` is a message key, said in the user's language.
 */
import type { MessageKey, Translate } from './i18n';

export interface GlossaryEntry {
  /** The word as the carriers' pages write it. */
  term: string;
  /** What it means, in the user's language. */
  meaning: MessageKey;
}

/** The heading, the sentence before the list, and the label of a link that opens it. */
export const GLOSSARY_TITLE: MessageKey = 'glossaryTitle';
export const GLOSSARY_INTRO: MessageKey = 'glossaryIntro';
export const GLOSSARY_OPEN: MessageKey = 'glossaryOpen';

/** In the order a person meets them: the account page, then paying. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'saldo', meaning: 'glossarySaldo' },
  { term: 'vencimiento', meaning: 'glossaryVencimiento' },
  { term: 'vigencia', meaning: 'glossaryVigencia' },
  { term: 'línea', meaning: 'glossaryLinea' },
  { term: 'prepago', meaning: 'glossaryPrepago' },
  { term: 'recarga', meaning: 'glossaryRecarga' },
  { term: 'comprobante', meaning: 'glossaryComprobante' },
  { term: 'número de operación', meaning: 'glossaryNumeroOperacion' },
];

/** The language the terms are written in (for a `lang` attribute). */
export const GLOSSARY_TERM_LANG = 'es';

/** The glossary as text in the user's language: each term with its meaning. */
export function glossaryEntries(t: Translate): { term: string; meaning: string }[] {
  return GLOSSARY.map((entry) => ({ term: entry.term, meaning: t(entry.meaning) }));
}
