/**
 * The rules that decide how a line changes: which line a page's reading belongs to, what a
 * reading changes on it, and the reminder bookkeeping that follows a new expiry. Pure: the
 * background's handlers load the lines and write the result (utils/background/handlers/).
 * docs/reading-rules.md, "How a reading lands on a line", says the same in words.
 */
import { isExpiryInBounds, isRechargeInBounds } from './bounds';
import type { HoldReason, IsoDate, Line, Money, Reading, Renewal, StoredReading } from './records';
import { effectiveExpiry } from './reminders';
import { daysBetween, todayInBuenosAires } from './time';

export function sameMoney(a: Money | null, b: Money | null): boolean {
  return a === b || (a !== null && b !== null && a.amount === b.amount);
}

export function laterDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** Keeps reminder bookkeeping right: a new (effective) expiry restarts its steps from now. */
export function withExpiryBookkeeping(before: Line | null, after: Line, now: number): Line {
  const old = before ? effectiveExpiry(before) : null;
  const next = effectiveExpiry(after);
  if (old?.expiresOn === next?.expiresOn) return after;
  return { ...after, expiryKnownSince: next ? now : null };
}

/** A line with nothing known yet but what `fields` say. */
export function newLine(
  id: string,
  nowIso: string,
  fields: Pick<Line, 'carrier' | 'msisdn' | 'label' | 'source'> & Partial<Line>,
): Line {
  return {
    id,
    expiresOn: null,
    expirySource: null,
    expiryKnownSince: null,
    balance: null,
    previousBalance: null,
    balanceAt: null,
    lastReadingAt: null,
    lastReadingPath: null,
    lastReadingHost: null,
    lastReadingKey: null,
    lastRechargeOn: null,
    snoozedUntil: null,
    lastReminder: null,
    heldExpiry: null,
    createdAt: nowIso,
    updatedAt: nowIso,
    ...fields,
  };
}

/** The operation's date on a receipt; the day it was read when the receipt prints none. */
export function receiptDate(reading: Pick<StoredReading, 'receipt' | 'readAt'>): IsoDate {
  return reading.receipt?.date ?? todayInBuenosAires(Date.parse(reading.readAt));
}

/** A reading that says nothing about any line (kind none, or no value at all). */
export function isEmptyReading(reading: Reading): boolean {
  if (reading.kind === 'none') return true;
  return (
    reading.msisdn === null &&
    reading.balance === null &&
    reading.expiresOn === null &&
    reading.receipt === null
  );
}

// ───────────────────────── Notes the background adds ─────────────────────────

/**
 * Fixed codes the background adds to a stored reading's notes, so the popup can say why a
 * reading was kept off its line or waits. The `lk:` prefix is the background's: notes from
 * a page that start with it are dropped (ownNotes).
 */
export const NOTE = {
  expiryOutOfBounds: 'lk:expiry-out-of-bounds',
  receiptDateOutOfBounds: 'lk:receipt-date-out-of-bounds',
  expiryConflict: 'lk:expiry-conflict',
  receiptExpiryIgnored: 'lk:receipt-expiry-ignored',
  pageLimit: 'lk:page-limit',
  lineCap: 'lk:line-cap',
} as const;
export type NoteCode = (typeof NOTE)[keyof typeof NOTE];

export const HOLD_NOTES: Record<HoldReason, NoteCode> = {
  'expiry-out-of-bounds': NOTE.expiryOutOfBounds,
  'receipt-date-out-of-bounds': NOTE.receiptDateOutOfBounds,
  'expiry-conflict': NOTE.expiryConflict,
};

/** The engine's note when the page shows its line's number masked (`11 ****-3344`). */
export const MASKED_NUMBER_NOTE = 'msisdn: masked';

const NOTE_PREFIX = 'lk:';
const MAX_NOTES = 50;

/** A page's notes without any that pose as ours, then our codes (the cap still holds). */
export function withOwnNotes(pageNotes: readonly string[], codes: readonly NoteCode[]): string[] {
  const fromPage = pageNotes.filter((note) => !note.startsWith(NOTE_PREFIX));
  const unique = [...new Set(codes)];
  return [...fromPage.slice(0, MAX_NOTES - unique.length), ...unique];
}

/** The background's codes among a reading's notes. */
export function noteCodes(notes: readonly string[]): NoteCode[] {
  const known = new Set<string>(Object.values(NOTE));
  return notes.filter((note): note is NoteCode => known.has(note));
}

/**
 * A page path as stored: runs of 5 or more digits (document, account or customer numbers)
 * masked digit for digit: `/cliente/30123456/consumos` → `/cliente/########/consumos`.
 */
export function maskPathDigits(path: string): string {
  return path.replace(/\d{5,}/g, (run) => '#'.repeat(run.length));
}

// ───────────────────────── Which line ─────────────────────────

export type Placement =
  /** It is this line's reading. */
  | { to: 'line'; line: Line }
  /** A number no line has: a new line, made from the page. */
  | { to: 'new' }
  /** Nothing says which line for sure: it waits for the user (lineId null). */
  | { to: 'wait' };

type Identity = Pick<Reading, 'msisdn' | 'msisdnTail' | 'notes'>;

/**
 * Which line a page's reading lands on, given the carrier's lines (for a reading with a
 * number, the line with that number is enough). It never guesses against evidence:
 * - a number lands on the line with that number, or makes a new line; never on a line
 *   added by name only, which the user has not tied to any number;
 * - a masked number's last digits land on the one line whose number ends with them; none
 *   or several: it waits;
 * - a page that shows its number masked without readable digits waits;
 * - no number at all: the carrier's only line, if that line has a number; otherwise (no
 *   line, several, or only a name-only line) it waits.
 */
export function placeReading(reading: Identity, carrierLines: readonly Line[]): Placement {
  const tail = reading.msisdnTail ?? null;
  if (reading.msisdn !== null) {
    if (tail !== null && !reading.msisdn.endsWith(tail)) return { to: 'wait' };
    const same = carrierLines.find((line) => line.msisdn === reading.msisdn);
    return same ? { to: 'line', line: same } : { to: 'new' };
  }
  if (tail !== null) {
    const matches = carrierLines.filter((line) => line.msisdn?.endsWith(tail));
    return matches.length === 1 ? { to: 'line', line: matches[0]! } : { to: 'wait' };
  }
  if (reading.notes.includes(MASKED_NUMBER_NOTE)) return { to: 'wait' };
  const only = carrierLines.length === 1 ? carrierLines[0]! : null;
  return only && only.msisdn !== null ? { to: 'line', line: only } : { to: 'wait' };
}

/**
 * Whether the user may say "this reading is that line": same carrier, and the digits the
 * reading shows do not contradict the line's number (a name-only line has none to
 * contradict).
 */
export function canReadingMatchLine(
  reading: Pick<StoredReading, 'carrier' | 'msisdn' | 'msisdnTail'>,
  line: Pick<Line, 'carrier' | 'msisdn'>,
): boolean {
  if (reading.carrier !== line.carrier) return false;
  if (line.msisdn === null) return true;
  if (reading.msisdn !== null) return reading.msisdn === line.msisdn;
  const tail = reading.msisdnTail ?? null;
  return tail === null || line.msisdn.endsWith(tail);
}

// ───────────────────────── What a reading changes ─────────────────────────

/**
 * A page date later than the user's own (entered or recorded with a renewal) by more than
 * one renewal could add: the page does not silently replace the user's date.
 */
export const USER_DATE_WINDOW_DAYS = 366;

/** The day a reading was taken, on Argentina's calendar (its dates are judged from it). */
export function readingDay(reading: Pick<StoredReading, 'readAt'>): IsoDate {
  return todayInBuenosAires(Date.parse(reading.readAt));
}

/** A date in the reading outside what the bounds allow (utils/domain/bounds.ts), if any. */
export function boundsHold(
  reading: Pick<StoredReading, 'kind' | 'expiresOn' | 'receipt' | 'readAt'>,
): HoldReason | null {
  const day = readingDay(reading);
  if (reading.kind === 'receipt') {
    const date = reading.receipt?.date ?? null;
    return date !== null && !isRechargeInBounds(date, day) ? 'receipt-date-out-of-bounds' : null;
  }
  const expiry = reading.expiresOn;
  return expiry !== null && !isExpiryInBounds(expiry, day) ? 'expiry-out-of-bounds' : null;
}

/** True when the page's `expiresOn` may not replace the line's date without the user's word. */
export function keepsUserDate(
  line: Pick<Line, 'expiresOn' | 'expirySource'>,
  expiresOn: IsoDate,
): boolean {
  return (
    line.expiresOn !== null &&
    (line.expirySource === 'manual' || line.expirySource === 'renewal') &&
    daysBetween(line.expiresOn, expiresOn) > USER_DATE_WINDOW_DAYS
  );
}

export interface ReadingResult {
  line: Line;
  /** Why the reading's values were kept off the line (it is stored all the same). */
  held: HoldReason | null;
}

/**
 * Applies one reading's values to its line.
 * - A date outside the bounds: the line is left exactly as it was.
 * - A receipt never sets the expiry; it moves the last recharge.
 * - A page expiry far later than the user's own date (keepsUserDate): the line keeps its
 *   date and everything else, and holds the page's date for the user to decide.
 * - A reading older than the line's last one (a waiting reading placed later) still fills
 *   in the number and the last recharge, but never overwrites newer balance or expiry.
 */
export function applyReading(
  line: Line,
  reading: StoredReading,
  now: number,
  nowIso: string,
): ReadingResult {
  const outOfBounds = boundsHold(reading);
  if (outOfBounds) return { line, held: outOfBounds };
  let next: Line = { ...line, updatedAt: nowIso };
  if (next.msisdn === null && reading.msisdn !== null) next.msisdn = reading.msisdn;
  if (reading.kind === 'receipt') {
    if (reading.receipt) next.lastRechargeOn = laterDate(line.lastRechargeOn, receiptDate(reading));
    return { line: withExpiryBookkeeping(line, next, now), held: null };
  }
  const older = line.lastReadingAt !== null && reading.readAt < line.lastReadingAt;
  if (older) return { line: withExpiryBookkeeping(line, next, now), held: null };
  const expiresOn = reading.expiresOn;
  if (expiresOn !== null && expiresOn !== line.expiresOn && keepsUserDate(line, expiresOn)) {
    const heldExpiry =
      line.heldExpiry?.expiresOn === expiresOn
        ? line.heldExpiry
        : { expiresOn, readAt: reading.readAt, declined: false };
    return { line: { ...next, heldExpiry }, held: 'expiry-conflict' };
  }
  next.lastReadingAt = reading.readAt;
  next.lastReadingPath = reading.path;
  next.lastReadingHost = reading.host ?? null;
  next.lastReadingKey = reading.fingerprint;
  if (reading.balance !== null) {
    if (!sameMoney(line.balance, reading.balance)) next.previousBalance = line.balance;
    next.balance = reading.balance;
    next.balanceAt = reading.readAt;
  }
  if (expiresOn !== null && expiresOn !== line.expiresOn) {
    next = { ...next, expiresOn, expirySource: 'page', heldExpiry: null };
  }
  return { line: withExpiryBookkeeping(line, next, now), held: null };
}

/** The user answered "keep which?": their date (remembered as declined) or the page's. */
export function resolveHeldExpiry(
  line: Line,
  keep: 'mine' | 'page',
  now: number,
  nowIso: string,
): Line {
  const held = line.heldExpiry;
  if (!held) return line;
  if (keep === 'mine')
    return { ...line, heldExpiry: { ...held, declined: true }, updatedAt: nowIso };
  const next: Line = {
    ...line,
    expiresOn: held.expiresOn,
    expirySource: 'page',
    heldExpiry: null,
    updatedAt: nowIso,
  };
  return withExpiryBookkeeping(line, next, now);
}

/** A renewal booked from a receipt reading (null for a receipt held out of bounds). */
export function receiptRenewal(
  reading: StoredReading,
  lineId: string | null,
  id: string,
  nowIso: string,
): Renewal | null {
  if (reading.kind !== 'receipt' || !reading.receipt || boundsHold(reading)) return null;
  return {
    id,
    lineId,
    carrier: reading.carrier,
    date: receiptDate(reading),
    amount: reading.receipt.amount,
    currency: 'ARS',
    operationId: reading.receipt.operationId,
    months: null,
    paymentMethod: null,
    note: '',
    source: 'receipt',
    createdAt: nowIso,
  };
}
