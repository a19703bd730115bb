/**
 * The values on a line of text: amounts, dates and phone numbers, each with its place on
 * the line. Money first, then dates, then phone numbers: a span already taken is not read
 * again (`$ 15.12` is an amount, not a date).
 */
import { findDates, type DateMatch } from './dates';
import { findMoney, type MoneyMatch } from './money';
import { findPhones, type PhoneMatch } from './phone';
import { foldText } from './text';
import type { TextLine } from './visible-text';

export type ValueKind = 'money' | 'date' | 'phone';

export interface FoundValue {
  kind: ValueKind;
  line: TextLine;
  /**
   * The element that holds the value's first character (the line's block until resolved):
   * where a value sits in the page's structure, when several entries share one line.
   */
  owner: Element;
  /** Offsets in `text`: the line's visible text once resolved (`line.visibleText`). */
  start: number;
  end: number;
  /** The text the offsets are in. */
  text: string;
  money?: MoneyMatch;
  date?: DateMatch;
  phone?: PhoneMatch;
}

/** A line worth looking for values on: digits, a currency sign or a relative day. */
export const VALUE_PREFILTER = /[\d$]|hoy|ma[nñ]ana|ayer/i;

export function findValues(line: TextLine, text: string, now: Date, folded?: string): FoundValue[] {
  const values: FoundValue[] = [];
  const add = (kind: ValueKind, matches: Array<MoneyMatch | DateMatch | PhoneMatch>) => {
    for (const match of matches) {
      const { start, end } = match;
      if (values.some((taken) => start < taken.end && end > taken.start)) continue;
      values.push({ kind, line, owner: line.block, start, end, text, [kind]: match } as FoundValue);
    }
  };
  if (/[$]|ars|pesos/i.test(text)) add('money', findMoney(text));
  add('date', findDates(text, now, folded ?? foldText(text)));
  if (/\d{2}[^\d]{0,3}\d{2}/.test(text)) add('phone', findPhones(text));
  return values.sort((a, b) => a.start - b.start);
}

/** What a piece of text holds: an amount, a date, both, or neither (for repeated rows). */
export function valueKindsIn(text: string, now: Date): 'money' | 'date' | 'both' | null {
  const money = /[$]|ars\b|pesos/i.test(text) && findMoney(text).some((m) => m.amount !== null);
  const date = /\d/.test(text) && findDates(text, now).some((d) => d.kind !== 'relative' && d.iso);
  return money && date ? 'both' : money ? 'money' : date ? 'date' : null;
}

/**
 * The element holding each value: the piece of the line its first character came from.
 * Pieces are found in the text in order (hidden ones are simply not found).
 */
export function resolveOwners(line: TextLine, values: FoundValue[]): void {
  if (values.length === 0) return;
  const text = values[0]!.text;
  const starts: { at: number; element: Element }[] = [];
  let cursor = 0;
  for (const piece of line.pieces) {
    const data = piece.data.replace(/\s+/g, ' ').trim();
    if (!data) continue;
    const at = text.indexOf(data, cursor);
    if (at < 0) continue;
    const element = piece.node.parentElement;
    if (element) starts.push({ at, element });
    cursor = at + data.length;
  }
  for (const value of values) {
    let owner: Element | null = null;
    for (const start of starts) {
      if (start.at > value.start) break;
      owner = start.element;
    }
    // A value that opens a piece may still begin in the piece before (`$` + `1.234`).
    value.owner = owner ?? starts[0]?.element ?? line.block;
  }
}
