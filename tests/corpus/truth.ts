/**
 * The ground truth, computed in one place per field from what the generator printed.
 * Each rule follows docs/reading-rules.md (and carriers.md / domain.md)
 * literally; comments quote the rule. The page builders only record *visible statements*
 * (a value shown to the eye, for the page's own line, in a place that states it); hidden
 * copies, form fields, JSON blobs and distractors record nothing.
 */
import { addDays, daysBetween, fromIso, isRealDate, toIso, type IsoDate } from './calendar';

export type CarrierId = 'claro' | 'movistar' | 'personal';
export type PageKind = 'account' | 'receipt' | 'none';

export const PAGE_TYPES = [
  'account',
  'receipt',
  'receipt-with-balance',
  'recharge-chooser',
  'recharge-chooser-with-state',
  'none-login',
  'none-marketing',
  'none-search-echo',
  'none-error',
  'none-help-faq',
  'none-failed-payment',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** A phone number printed in full (masked numbers are never statements). */
export interface PrintedNumber {
  /** Area code without the trunk 0: `11`, `351`, `2944`. */
  area: string;
  /** Subscriber number without the mobile `15`; area + subscriber = 10 digits. */
  subscriber: string;
}

/** An amount as printed: sign, whole pesos and cents. */
export interface PrintedMoney {
  negative: boolean;
  pesos: number;
  cents: number;
}

/** A date as printed: day/month with a 4-digit, 2-digit or no year; or relative wording. */
export type PrintedDate =
  | { kind: 'absolute'; day: number; month: number; year: number | null }
  | { kind: 'relative'; days: number };

export interface PrintedReceipt {
  amount: PrintedMoney;
  operationId: string;
  date: PrintedDate | null;
}

/** What the page visibly states about its own line. */
export interface Statements {
  msisdn: PrintedNumber[];
  balance: PrintedMoney[];
  expiry: PrintedDate[];
  receipt: PrintedReceipt | null;
}

export interface Truth {
  carrier: CarrierId | null;
  kind: PageKind;
  msisdn: string | null;
  balance: { amount: number; currency: 'ARS' } | null;
  expiresOn: IsoDate | null;
  receipt: { amount: number; currency: 'ARS'; operationId: string; date: IsoDate | null } | null;
}

export function emptyStatements(): Statements {
  return { msisdn: [], balance: [], expiry: [], receipt: null };
}

// ───────────────────────────── carrier ─────────────────────────────

const CARRIER_DOMAINS: Record<CarrierId, string> = {
  claro: 'claro.com.ar',
  movistar: 'movistar.com.ar',
  personal: 'personal.com.ar',
};

/** "carrier: from the page's host; null off those hosts." "Match only https://". */
export function carrierTruth(url: string): CarrierId | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  for (const [id, domain] of Object.entries(CARRIER_DOMAINS) as Array<[CarrierId, string]>) {
    if (parsed.hostname === domain || parsed.hostname.endsWith(`.${domain}`)) return id;
  }
  return null;
}

// ───────────────────────────── kind ─────────────────────────────

/**
 * "account (the page shows the state of a line), receipt (a recharge confirmation), none
 * (login, error, marketing, anything else)". "A recharge page before payment (amount
 * chooser) may still show the line's balance and expiry: that is an account reading."
 * A failed payment is not a confirmation: none.
 */
export function kindTruth(pageType: PageType, statements: Statements): PageKind {
  switch (pageType) {
    case 'account':
      return 'account';
    case 'receipt':
    case 'receipt-with-balance':
      return 'receipt';
    case 'recharge-chooser':
    case 'recharge-chooser-with-state':
      return statements.balance.length > 0 || statements.expiry.length > 0 ? 'account' : 'none';
    default:
      return 'none';
  }
}

// ───────────────────────────── msisdn ─────────────────────────────

/** `+54 9` + area code without the 0 + subscriber without the 15 (carriers.md, "Numbers"). */
export function e164(number: PrintedNumber): string {
  return `+549${number.area}${number.subscriber}`;
}

/**
 * "the line the page is about … null when the number is masked, when it only appears as a
 * placeholder or example, a support number, or another line than the one shown." Only
 * full, visible numbers of the page's (selected) line are statements; two different ones
 * would be a tie (the generator never prints that).
 */
export function msisdnTruth(kind: PageKind, statements: Statements): string | null {
  if (kind === 'none') return null;
  return unique(statements.msisdn.map(e164));
}

// ───────────────────────────── balance ─────────────────────────────

/** "-$ 120,00" = -120; "$ 0" = 0; "$ 1.234,56" = 1234.56. */
export function moneyAmount(money: PrintedMoney): number {
  const value = Math.round((money.pesos + money.cents / 100) * 100) / 100;
  return money.negative && value !== 0 ? -value : value;
}

/**
 * "the line's main balance … A zero balance is 0, not null; a balance owed after an
 * advance (-$ 120,00) is negative (-120). On a receipt the balance is set only if the page
 * states the resulting current balance; the amount recharged is never the balance."
 * "When two candidates compete and nothing decides between them, return null."
 */
export function balanceTruth(kind: PageKind, statements: Statements): Truth['balance'] {
  if (kind === 'none') return null;
  const amount = unique(statements.balance.map(moneyAmount));
  return amount === null ? null : { amount, currency: 'ARS' };
}

// ───────────────────────────── dates ─────────────────────────────

/**
 * A printed date on Argentina's calendar, read on `readingDay` (the Buenos Aires date of
 * the reading moment):
 * - "Two-digit years are 20xx."
 * - "A date with no year takes the year that puts it nearest the reading day (within 182
 *   days before it or 183 days after)."
 * - "Relative wording resolves against the reading moment in Buenos Aires time."
 * Throws when the printed date has no single answer: the generator must not print it.
 */
export function resolveDate(printed: PrintedDate, readingDay: IsoDate): IsoDate {
  if (printed.kind === 'relative') return addDays(readingDay, printed.days);
  const { day, month } = printed;
  if (printed.year !== null) {
    const year = printed.year < 100 ? 2000 + printed.year : printed.year;
    if (!isRealDate(year, month, day)) throw new Error(`no such date ${day}/${month}/${year}`);
    return toIso({ year, month, day });
  }
  const readingYear = fromIso(readingDay).year;
  const fits: IsoDate[] = [];
  for (const year of [readingYear - 1, readingYear, readingYear + 1]) {
    if (!isRealDate(year, month, day)) continue;
    const candidate = toIso({ year, month, day });
    const offset = daysBetween(readingDay, candidate);
    if (offset >= -182 && offset <= 183) fits.push(candidate);
  }
  if (fits.length !== 1) {
    throw new Error(`yearless ${day}/${month} on ${readingDay}: ${fits.length} candidate years`);
  }
  return fits[0] as IsoDate;
}

/**
 * "the date the main balance / the line's credit expires … A receipt never sets the
 * expiry." Account pages only; two different dates for the line with nothing to decide
 * between them give null.
 */
export function expiryTruth(
  kind: PageKind,
  statements: Statements,
  readingDay: IsoDate,
): IsoDate | null {
  if (kind !== 'account') return null;
  return unique(statements.expiry.map((printed) => resolveDate(printed, readingDay)));
}

// ───────────────────────────── receipt ─────────────────────────────

/**
 * "only on receipts: { amount, currency: 'ARS', operationId, date }. operationId exactly as
 * printed (keep leading zeros and letter case); date is the operation's date as printed,
 * which may differ from the reading day." A receipt that prints no date has date null.
 */
export function receiptTruth(
  kind: PageKind,
  statements: Statements,
  readingDay: IsoDate,
): Truth['receipt'] {
  if (kind !== 'receipt' || !statements.receipt) return null;
  const { amount, operationId, date } = statements.receipt;
  return {
    amount: moneyAmount(amount),
    currency: 'ARS',
    operationId,
    date: date ? resolveDate(date, readingDay) : null,
  };
}

// ───────────────────────────── all fields ─────────────────────────────

export function computeTruth(
  url: string,
  pageType: PageType,
  statements: Statements,
  readingDay: IsoDate,
): Truth {
  const kind = kindTruth(pageType, statements);
  return {
    carrier: carrierTruth(url),
    kind,
    msisdn: msisdnTruth(kind, statements),
    balance: balanceTruth(kind, statements),
    expiresOn: expiryTruth(kind, statements, readingDay),
    receipt: receiptTruth(kind, statements, readingDay),
  };
}

/** The one value all statements agree on; null when there is none or they disagree. */
function unique<T extends string | number>(values: T[]): T | null {
  const distinct = [...new Set(values)];
  return distinct.length === 1 ? (distinct[0] as T) : null;
}
