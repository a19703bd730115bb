/**
 * The rules that decide how a line changes: which line a page's reading belongs to, what a
 * reading changes on it, and the reminder bookkeeping that follows a new expiry. Pure: the
 * background's handlers load the lines and write the result (utils/background/handlers/).
 */
import type { IsoDate, Line, Money, Reading, StoredReading } from './records';
import { effectiveExpiry } from './reminders';
import { todayInBuenosAires } from './time';

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

/**
 * Which line a reading belongs to, given the line with its number (if any) and every line
 * of its carrier: a number picks its line (or a new one); no number attaches to the
 * carrier's only line; otherwise it waits for the user (`line: null, create: false`).
 */
export function lineForReading(
  reading: Pick<Reading, 'msisdn'>,
  byNumber: Line | undefined,
  carrierLines: readonly Line[],
): { line: Line | null; create: boolean } {
  if (byNumber) return { line: byNumber, create: false };
  if (reading.msisdn !== null) {
    // A line the user added by label only, and the carrier's only one: this is its number.
    const only = carrierLines.length === 1 ? carrierLines[0]! : null;
    if (only && only.msisdn === null) return { line: only, create: false };
    return { line: null, create: true };
  }
  return { line: carrierLines.length === 1 ? carrierLines[0]! : null, create: false };
}

/**
 * Applies one reading's values to its line. A reading older than the line's last one (an
 * unassigned reading placed later) still fills in the number and the last recharge, but
 * never overwrites newer balance or expiry.
 */
export function applyReading(
  line: Line,
  reading: StoredReading,
  now: number,
  nowIso: string,
): Line {
  let next: Line = { ...line, updatedAt: nowIso };
  if (next.msisdn === null && reading.msisdn !== null) next.msisdn = reading.msisdn;
  if (reading.kind === 'receipt' && reading.receipt) {
    next.lastRechargeOn = laterDate(line.lastRechargeOn, receiptDate(reading));
  }
  const older = line.lastReadingAt !== null && reading.readAt < line.lastReadingAt;
  if (!older) {
    next.lastReadingAt = reading.readAt;
    next.lastReadingPath = reading.path;
    next.lastReadingHost = reading.host ?? null;
    next.lastReadingKey = reading.fingerprint;
    if (reading.balance !== null) {
      if (!sameMoney(line.balance, reading.balance)) next.previousBalance = line.balance;
      next.balance = reading.balance;
      next.balanceAt = reading.readAt;
    }
    if (reading.expiresOn !== null && reading.expiresOn !== line.expiresOn) {
      next = { ...next, expiresOn: reading.expiresOn, expirySource: 'page' };
    }
  }
  return withExpiryBookkeeping(line, next, now);
}
