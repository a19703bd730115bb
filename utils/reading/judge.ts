/**
 * Deciding what a value is, by scored features. Each place around a value that holds a
 * field's words adds to its score (the nearer the place, the more), each negative word
 * takes away more than a positive one adds at the same place (Spanish qualifies after the
 * noun: "saldo promocional"), and the structure weighs in: a history row or another line's
 * entry is out, a link or the page's chrome counts against. A candidate is `strong` above
 * a threshold, `rejected` below zero, `weak` in between; a field takes a value only when
 * its strong candidates agree, or one stands far above the rest. Ambiguity is a null plus
 * a note, never a guess.
 */
import type { ValueContext } from './context';
import type { FoundValue } from './values';

export interface FieldWords {
  positive: RegExp;
  negative: RegExp;
}

export type Verdict = 'strong' | 'weak' | 'rejected';

export interface Candidate<T> {
  value: T;
  verdict: Verdict;
  score: number;
  /** The words (or structure) that decided, for notes. */
  why: string;
  source: FoundValue | null;
}

/** Weights of the places a word can sit in, positive / negative. */
const WEIGHTS = {
  before: [4, -6],
  after: [3, -5],
  label: [3, -5],
  farLabel: [1.5, -2.5],
  heading: [3, -4],
  farHeading: [1.5, -2.5],
  earlier: [0, -4],
} as const;

/** Structural weights. */
const CONTROL = -5;
const CHROME = -4;
const SELECTED_ENTRY = 1;

/** At or above this score a candidate names the field. */
export const STRONG = 2.5;
/** A winner among disagreeing candidates must stand this far above every other one. */
export const MARGIN = 4;

/** Punctuation and spaces at either end, so "saldo:" reads as "saldo". */
function clean(text: string): string {
  return text.replace(/^[\s:.,;·•—–-]+|[\s:.,;·•—–-]+$/g, '');
}

export function judge(
  context: ValueContext,
  field: FieldWords,
): { verdict: Verdict; score: number; why: string } {
  if (context.repeated) return { verdict: 'rejected', score: -10, why: 'history row' };
  if (context.entry === 'other') return { verdict: 'rejected', score: -10, why: 'another line' };
  let score = 0;
  let why = '';
  let decided = false;
  // Notes quote only the value's own visible line; a label elsewhere is named by its place.
  // Places are weighed nearest first; once a nearer place has said "not this field", no
  // farther one can say it is (a negative word is sticky: precision first).
  let saidNot = false;
  const weigh = (text: string, [plus, minus]: readonly [number, number], place?: string) => {
    const words = clean(text);
    if (!words) return;
    const positive = field.positive.test(words) && !saidNot;
    const negative = field.negative.test(words);
    if (negative) score += minus;
    if (positive) score += plus;
    if (negative) saidNot = true;
    if ((positive || negative) && !decided) {
      why = place ?? words.slice(0, 60);
      decided = true;
    }
  };
  weigh(context.before, WEIGHTS.before);
  // `Reintegro hasta el 30/11 (tope $ 500)`: the clause before the previous value still speaks.
  if (!field.positive.test(context.before)) {
    weigh(context.earlier, WEIGHTS.earlier);
    weigh(context.lineHead, WEIGHTS.earlier);
  }
  const qualifier =
    /^\s*\(?\s*(?:de |en |del |\+ )?(\S+(?: \S+){0,2})/.exec(context.after)?.[1] ?? '';
  // A trailing "vence…" introduces the value's own date, not a qualifier of the amount.
  if (qualifier && !/^(?:venc|vto|valid|vigen)/.test(qualifier)) weigh(qualifier, WEIGHTS.after);
  const labels = context.labels();
  const nearest = labels[0]?.distance ?? 0;
  for (const label of labels) {
    weigh(label.text, label.distance <= nearest ? WEIGHTS.label : WEIGHTS.farLabel, 'its label');
  }
  context.headings().forEach((heading, i) => {
    weigh(heading, i === 0 ? WEIGHTS.heading : WEIGHTS.farHeading, 'its heading');
  });
  // The chosen entry of a line switcher is the page's line, even as a link in a menu.
  if (context.entry === 'selected') score += SELECTED_ENTRY;
  else {
    if (context.region.control) {
      score += CONTROL;
      why ||= 'a link or button';
    }
    if (context.region.chrome) {
      score += CHROME;
      why ||= 'page navigation';
    }
  }
  const verdict: Verdict = score >= STRONG ? 'strong' : score < 0 ? 'rejected' : 'weak';
  return { verdict, score, why };
}

export const isStrong = (candidate: Candidate<unknown>) => candidate.verdict === 'strong';

/**
 * One distinct strong value wins; several distinct ones are a conflict (null + note)
 * unless one scores far above every other. `describe` writes a value for the note.
 */
export function decide<T>(
  strong: Candidate<T>[],
  describe: (value: T) => string,
  field: string,
  notes: string[],
  rejected: Candidate<T>[] = [],
  margin: number = MARGIN,
): T | null {
  const best = new Map<T, Candidate<T>>();
  for (const candidate of strong) {
    const seen = best.get(candidate.value);
    if (!seen || candidate.score > seen.score) best.set(candidate.value, candidate);
  }
  const listed = (candidates: Candidate<T>[]) =>
    candidates
      .slice(0, 4)
      .map((c) => `${describe(c.value)}${c.why ? ` (${c.why.slice(0, 40)})` : ''}`)
      .join(', ');
  if (best.size === 1) return strong[0]?.value ?? null;
  if (best.size > 1) {
    const ranked = [...best.values()].sort((a, b) => b.score - a.score);
    const [first, second] = ranked as [Candidate<T>, Candidate<T>];
    if (first.score >= second.score + margin) return first.value;
    notes.push(`${field}: ${best.size} candidates: ${listed(ranked)}`);
  } else if (rejected.length > 0) {
    // Nothing named the field, and the values seen were named as something else.
    notes.push(`${field}: none; not it: ${listed(rejected)}`);
  }
  return null;
}
