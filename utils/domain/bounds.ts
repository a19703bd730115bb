/**
 * The limits every source of a date or a record is held to, in one place: the background
 * checks page readings and the popup's messages against them, the popup's forms refuse the
 * same dates before sending, and the backup format caps its arrays with the same numbers.
 *
 * Dates are Buenos Aires calendar days (utils/domain/time.ts). "Reading day" is the day the
 * page was read, or today for what the user types.
 */
import type { IsoDate } from './records';
import { addDays } from './time';

/** An expiry more than this many days before the reading day is not a line's expiry. */
export const EXPIRY_PAST_DAYS = 60;
/** An expiry more than this many days after the reading day is not a line's expiry. */
export const EXPIRY_FUTURE_DAYS = 400;
/** A recharge more than this many days before the reading day is not a recharge to book. */
export const RECHARGE_PAST_DAYS = 400;
/** A recharge dated after tomorrow: no (the user may be a day ahead of Argentina). */
export const RECHARGE_FUTURE_DAYS = 1;

/** The most pesos an amount may be (a balance, a receipt, a renewal: records.ts schemas). */
export const MAX_AMOUNT = 100_000_000;

/** The most lines LineKeeper keeps: enforced at every write and in the backup format. */
export const MAX_LINES = 1_000;
/** The most readings (history) LineKeeper keeps. */
export const MAX_READINGS = 1_000_000;
/** The most renewals LineKeeper keeps. */
export const MAX_RENEWALS = 100_000;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** The expiry dates a reading or an entry made on `day` may set. */
export function expiryRange(day: IsoDate): DateRange {
  return { from: addDays(day, -EXPIRY_PAST_DAYS), to: addDays(day, EXPIRY_FUTURE_DAYS) };
}

/** The recharge (receipt, renewal, last recharge) dates a reading or an entry made on `day` may set. */
export function rechargeRange(day: IsoDate): DateRange {
  return { from: addDays(day, -RECHARGE_PAST_DAYS), to: addDays(day, RECHARGE_FUTURE_DAYS) };
}

export function inRange(date: IsoDate, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}

export function isExpiryInBounds(expiresOn: IsoDate, day: IsoDate): boolean {
  return inRange(expiresOn, expiryRange(day));
}

export function isRechargeInBounds(date: IsoDate, day: IsoDate): boolean {
  return inRange(date, rechargeRange(day));
}

/**
 * The refusal for a date outside its range, in English for the log and matched by the
 * popup (components/popup/data.ts) to say it in the user's language.
 */
export function outOfRangeError(what: string, date: IsoDate, range: DateRange): string {
  return `${what} ${date} is outside the dates LineKeeper accepts (${range.from} to ${range.to})`;
}
