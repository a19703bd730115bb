/**
 * Calendar arithmetic for LineKeeper. Two clocks matter (docs/domain.md, "Time"):
 * - Argentina's calendar (America/Argentina/Buenos_Aires: fixed UTC−3, no daylight saving)
 *   decides "days left" and "expires today": a line is good until the end of its expiry
 *   day there.
 * - The user's own clock decides *when* a reminder is delivered (e.g. 10:00 in Shanghai).
 *   It is passed in as a `ZoneOffset` function so tests can run as any zone.
 *
 * Dates are `YYYY-MM-DD` strings (IsoDate); instants are epoch milliseconds.
 */
import type { IsoDate } from './records';

const DAY_MS = 86_400_000;
/** Buenos Aires is UTC−3 all year (no DST since 2009). */
export const BUENOS_AIRES_OFFSET_MINUTES = -180;
const BA_OFFSET_MS = BUENOS_AIRES_OFFSET_MINUTES * 60_000;

/** Minutes to add to UTC to get the wall-clock time of some zone at `instant` (Shanghai: 480). */
export type ZoneOffset = (instant: number) => number;

function toEpoch(now: Date | number): number {
  return typeof now === 'number' ? now : now.getTime();
}

function isoFromUtcDayStart(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of a calendar date, as a day number in ms (for date arithmetic only). */
function dayMs(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** `YYYY-MM-DD` for a year, month (1–12) and day, if that day exists in 2000–2100. */
export function calendarDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a `YYYY-MM-DD` string naming a day that exists (2000–2100). */
export function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return calendarDate(y, m, d) === value;
}

/** Today's date on Argentina's calendar at `now`. */
export function todayInBuenosAires(now: Date | number): IsoDate {
  return isoFromUtcDayStart(toEpoch(now) + BA_OFFSET_MS);
}

/** `date` plus `days` calendar days (negative to go back); month ends and leap years handled. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoFromUtcDayStart(dayMs(date) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/**
 * Days left until the line's expiry, on Argentina's calendar: 0 = expires today,
 * 1 = tomorrow, negative = already expired.
 */
export function daysUntilExpiry(expiresOn: IsoDate, now: Date | number): number {
  return daysBetween(todayInBuenosAires(now), expiresOn);
}

/** The first instant after the line's last good day: midnight that ends `date` in Buenos Aires. */
export function endOfDayInBuenosAires(date: IsoDate): number {
  return dayMs(date) + DAY_MS - BA_OFFSET_MS;
}

/** The instant Argentina's calendar day `date` begins. */
export function startOfDayInBuenosAires(date: IsoDate): number {
  return dayMs(date) - BA_OFFSET_MS;
}

/** True once the whole expiry day has passed in Buenos Aires. */
export function isExpired(expiresOn: IsoDate, now: Date | number): boolean {
  return toEpoch(now) >= endOfDayInBuenosAires(expiresOn);
}

/** The next midnight in Buenos Aires after `now` (when "days left" changes). */
export function nextMidnightInBuenosAires(now: Date | number): number {
  return startOfDayInBuenosAires(addDays(todayInBuenosAires(now), 1));
}

/** The user's own offset from the runtime's time zone (what the worker uses). */
export const systemZoneOffset: ZoneOffset = (instant) => -new Date(instant).getTimezoneOffset();

/** An offset function for a named IANA zone (tests: 'Asia/Shanghai', 'Europe/Madrid'). */
export function offsetForTimeZone(timeZone: string): ZoneOffset {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  // Offsets change only at transitions, which fall on quarter hours: memoise per quarter hour
  // (Intl formatting is slow; reconcile asks thousands of times).
  const cache = new Map<number, number>();
  return (instant) => {
    const bucket = Math.floor(instant / 900_000);
    const hit = cache.get(bucket);
    if (hit !== undefined) return hit;
    const offset = computeOffset(bucket * 900_000);
    if (cache.size > 10_000) cache.clear();
    cache.set(bucket, offset);
    return offset;
  };
  function computeOffset(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(instant))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
  }
}

/** The user's own calendar date at `instant`. */
export function localDate(instant: number, zone: ZoneOffset): IsoDate {
  return isoFromUtcDayStart(instant + zone(instant) * 60_000);
}

/**
 * The instant the user's wall clock shows `hour`:00 on `date`. Around a DST change the
 * offset is re-read at the candidate instant; an hour skipped by a spring-forward change
 * resolves to the instant just after the gap (e.g. 02:00 → 03:00 in Madrid).
 */
export function localWallTimeToInstant(date: IsoDate, hour: number, zone: ZoneOffset): number {
  const wall = dayMs(date) + hour * 3_600_000;
  const first = wall - zone(wall) * 60_000;
  const second = wall - zone(first) * 60_000;
  if (zone(second) * 60_000 === wall - second) return second;
  // In a gap: neither offset maps back to the wall time; take the later instant.
  return Math.max(first, second);
}
