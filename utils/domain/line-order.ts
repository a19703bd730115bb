/**
 * The order lines are listed in (most urgent first) and the name a line goes by: the
 * popup's list and the background's list snapshot must agree on both.
 */
import { carrierById } from '../carriers';
import { formatMsisdn } from './format';
import type { IsoDate, Line, ListLine } from './records';
import { effectiveExpiry } from './reminders';
import { daysBetween, todayInBuenosAires } from './time';

/** The name a line sorts and reads by when it has no label: the formatted number, else the carrier. */
export function lineName(line: Pick<Line, 'label' | 'msisdn' | 'carrier'>): string {
  const label = line.label.trim();
  if (label) return label;
  if (line.msisdn) return formatMsisdn(line.msisdn);
  return carrierById(line.carrier).name;
}

/** Days left on Argentina's calendar for the line's effective expiry (null when unknown). */
export function lineDaysLeft(
  line: Pick<Line, 'expiresOn' | 'lastRechargeOn'>,
  today: IsoDate,
): number | null {
  const expiry = effectiveExpiry(line);
  return expiry ? daysBetween(today, expiry.expiresOn) : null;
}

/**
 * Most urgent first: expired lines (most overdue first), then by days left, lines with
 * no known expiry last; ties by name, then id so the order is stable.
 */
export function sortLines<T extends ListLine>(lines: readonly T[], now: number): T[] {
  const today = todayInBuenosAires(now);
  const daysByDate = new Map<IsoDate, number>();
  const keyed = lines.map((line) => {
    const expiry = effectiveExpiry(line);
    let daysLeft: number | null = null;
    if (expiry) {
      daysLeft = daysByDate.get(expiry.expiresOn) ?? null;
      if (daysLeft === null) {
        daysLeft = daysBetween(today, expiry.expiresOn);
        daysByDate.set(expiry.expiresOn, daysLeft);
      }
    }
    // Plain lower-case comparison: an Intl.Collator costs ~20 ms to create in a fresh popup.
    return { line, daysLeft, name: lineName(line).toLowerCase() };
  });
  keyed.sort((a, b) => {
    if (a.daysLeft !== b.daysLeft) {
      if (a.daysLeft === null) return 1;
      if (b.daysLeft === null) return -1;
      return a.daysLeft - b.daysLeft;
    }
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.line.id < b.line.id ? -1 : a.line.id > b.line.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.line);
}
