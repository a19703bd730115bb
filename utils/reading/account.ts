/**
 * An account page's three fields: the main balance, the line's expiry and its number.
 * Each is chosen among the visible values of its kind by their scored context
 * (./judge.ts); see docs/reading-rules.md for what each field is and is not.
 */
import type { CarrierAdapter } from '../carriers/types';
import type { ContextFinder, ValueContext } from './context';
import { findDates } from './dates';
import { decide, isStrong, judge, type Candidate, type FieldWords } from './judge';
import { findMoney } from './money';
import type { FoundValue } from './values';
import type { PageText } from './visible-text';
import * as words from './vocabulary';

export interface Choice<T> {
  value: T | null;
  /** How many values looked like candidates for this field (for page classification). */
  candidates: number;
}

export function formatAmount(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}$ ${Math.abs(amount).toLocaleString('es-AR', { maximumFractionDigits: 2 })}`;
}

function each(values: FoundValue[], kind: FoundValue['kind'], visit: (value: FoundValue) => void) {
  for (const value of values) if (value.kind === kind) visit(value);
}

export const BALANCE_FIELD: FieldWords = {
  positive: words.BALANCE_WORDS,
  negative: words.NOT_BALANCE_WORDS,
};

/** Every readable amount judged for a field (positive amounts only, when asked). */
export function judgeMoney(
  values: FoundValue[],
  contextOf: ContextFinder,
  field: FieldWords,
  positiveOnly = false,
): Candidate<number>[] {
  const candidates: Candidate<number>[] = [];
  each(values, 'money', (value) => {
    const money = value.money;
    if (!money || money.amount === null) return;
    const amount = money.negative ? -money.amount : money.amount;
    if (positiveOnly && amount <= 0) return;
    candidates.push({ value: amount, ...judge(contextOf(value), field), source: value });
  });
  return candidates;
}

export function chooseBalance(
  values: FoundValue[],
  contextOf: ContextFinder,
  hint: number | null,
  notes: string[],
): Choice<number> {
  const candidates = judgeMoney(values, contextOf, BALANCE_FIELD);
  const strong = candidates.filter(isStrong);
  if (hint !== null)
    strong.push({ value: hint, verdict: 'strong', score: 6, why: 'layout hint', source: null });
  const rejected = candidates.filter((c) => c.verdict === 'rejected');
  const value = decide(strong, formatAmount, 'balance', notes, rejected);
  return { value, candidates: strong.length };
}

const EXPIRY_QUALIFIER: FieldWords = {
  positive: words.LINE_CREDIT_WORDS,
  negative: words.NOT_EXPIRY_WORDS,
};

/** The expiry word that governs a date, if any (relative dates need it right before them). */
function expiryWordFor(context: ValueContext, relative: boolean): string | null {
  const near = context.before.slice(-30);
  const inBefore = words.EXPIRY_WORDS.exec(relative ? near : context.before);
  if (inBefore) return inBefore[0];
  // A relative word counts only right after its expiry word, or alone under its label.
  if (relative && context.before.trim() !== '') return null;
  if (context.before.trim().length > 25) return null;
  // `15/12/2026 · vencimiento del saldo`: a label right after the date.
  const after = words.EXPIRY_WORDS.exec(context.after.slice(0, 30));
  if (after && !relative) return after[0];
  for (const label of context.labels()) {
    const found = words.EXPIRY_WORDS.exec(label.text);
    if (found) return found[0];
  }
  return null;
}

export function chooseExpiry(
  values: FoundValue[],
  contextOf: ContextFinder,
  hint: string | null,
  notes: string[],
): Choice<string> & { choices: string[] | null } {
  const strong: Candidate<string>[] = [];
  const weak: Candidate<string>[] = [];
  const rejected: Candidate<string>[] = [];
  each(values, 'date', (value) => {
    const date = value.date;
    if (!date) return;
    const context = contextOf(value);
    // An expiry word must govern the date: right before it, right after, or as its label.
    const governing = expiryWordFor(context, date.kind === 'relative');
    if (!governing) return;
    if (!date.iso) {
      notes.push('expiry: a date that does not exist on the calendar');
      return;
    }
    let { verdict, score, why } = judge(context, EXPIRY_QUALIFIER);
    // `Saldo promocional $ 200 válido hasta …`: the date belongs to the amount before it.
    if (context.previous?.kind === 'money' && !EXPIRY_QUALIFIER.negative.test(context.before)) {
      const owner = judge(contextOf(context.previous), BALANCE_FIELD);
      if (owner.verdict === 'rejected' || (owner.verdict === 'strong' && verdict !== 'rejected')) {
        ({ verdict, score, why } = owner);
      }
    }
    const candidate: Candidate<string> = {
      value: date.iso,
      verdict,
      score,
      why: why || governing,
      source: value,
    };
    if (verdict === 'strong') strong.push(candidate);
    else if (verdict === 'weak') weak.push(candidate);
    else rejected.push(candidate);
  });
  if (hint !== null)
    strong.push({ value: hint, verdict: 'strong', score: 6, why: 'layout hint', source: null });
  // A date under an expiry word that nothing ties to something else is a candidate too: a
  // different one beside a strong candidate makes the expiry ambiguous (a wrong date can
  // cost the number; no score gap settles that).
  const pool = [...strong, ...weak];
  const value = decide(pool, (iso) => iso, 'expiry', notes, rejected, Infinity);
  // Abstained because 2–3 dates disagree: the user may say which (more is no choice).
  const distinct = [...new Set(pool.map((c) => c.value))].sort();
  const choices = value === null && distinct.length >= 2 && distinct.length <= 3 ? distinct : null;
  return { value, candidates: pool.length, choices };
}

const MSISDN_FIELD: FieldWords = { positive: words.MSISDN_WORDS, negative: words.NOT_MSISDN_WORDS };

export function chooseMsisdn(
  values: FoundValue[],
  contextOf: ContextFinder,
  notes: string[],
): Choice<string> & { tail: string | null } {
  const accepted: Candidate<string>[] = [];
  const tails = new Set<string>();
  each(values, 'phone', (value) => {
    const phone = value.phone;
    if (!phone) return;
    const context = contextOf(value);
    if (phone.masked) {
      const verdict = judge(context, MSISDN_FIELD).verdict;
      const tail = /(\d{2,4})\D*$/.exec(value.text.slice(value.start, value.end))?.[1];
      if (verdict !== 'rejected' && tail) tails.add(tail);
      return;
    }
    if (!phone.msisdn) return;
    const { verdict, score, why } = judge(context, MSISDN_FIELD);
    if (verdict === 'rejected') return;
    if (verdict === 'weak' && !phone.formatted) return;
    // Example numbers in placeholders and hints (`Ej: 1153394581`).
    if (
      /\bej\b|ejemplo|por ej/.test(
        `${context.before} ${context
          .labels()
          .map((l) => l.text)
          .join(' ')}`,
      )
    )
      return;
    accepted.push({
      value: phone.msisdn,
      verdict,
      score: context.entry === 'selected' ? score + 2 : score,
      why,
      source: value,
    });
  });
  const distinct = new Set(accepted.map((c) => c.value));
  if (distinct.size > 1) {
    // A line switcher: the selected entry's number is the page's line.
    const selected = accepted.filter((c) => c.source && contextOf(c.source).entry === 'selected');
    if (new Set(selected.map((c) => c.value)).size === 1) {
      return { value: selected[0]!.value, candidates: 1, tail: null };
    }
    const strong = accepted.filter(isStrong);
    const strongDistinct = new Set(strong.map((c) => c.value));
    if (strongDistinct.size === 1) {
      notes.push(
        `msisdn: ignored ${[...distinct].filter((v) => !strongDistinct.has(v)).join(', ')}`,
      );
      return { value: strong[0]!.value, candidates: 1, tail: null };
    }
    notes.push(`msisdn: ${distinct.size} numbers: ${[...distinct].slice(0, 4).join(', ')}`);
    return { value: null, candidates: distinct.size, tail: null };
  }
  if (distinct.size === 1) return { value: accepted[0]!.value, candidates: 1, tail: null };
  if (tails.size > 0) notes.push('msisdn: masked');
  return { value: null, candidates: 0, tail: tails.size === 1 ? [...tails][0]! : null };
}

/** Values at the carrier's known ids (optional help, never the only way in): one each, or none. */
export function readHints(
  doc: Document,
  page: PageText,
  carrier: CarrierAdapter,
  now: Date,
): { balance: number | null; expiry: string | null } {
  const textOf = (selectors: readonly string[] | undefined): string => {
    for (const selector of selectors ?? []) {
      let element: Element | null = null;
      try {
        element = doc.querySelector(selector);
      } catch {
        continue;
      }
      if (!element || page.visibility(element) !== 'shown') continue;
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) return text;
    }
    return '';
  };
  const amounts = findMoney(textOf(carrier.hints?.balance)).filter((m) => m.amount !== null);
  const dates = findDates(textOf(carrier.hints?.expiry), now).filter((d) => d.iso !== null);
  const amount = amounts.length === 1 ? amounts[0]! : null;
  return {
    balance: amount?.amount == null ? null : amount.negative ? -amount.amount : amount.amount,
    expiry: dates.length === 1 ? (dates[0]?.iso ?? null) : null,
  };
}
