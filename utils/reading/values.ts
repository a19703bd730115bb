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
      values.push({ kind, line, start, end, text, [kind]: match } as FoundValue);
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
