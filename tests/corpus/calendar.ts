/**
 * Calendar arithmetic for the corpus, written independently of utils/time.ts so the
 * ground truth does not inherit the product's own date code. Dates are `YYYY-MM-DD`
 * strings on Argentina's calendar (UTC−3, no daylight saving).
 */

const DAY_MS = 86_400_000;

export type IsoDate = string;

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function toIso({ year, month, day }: YMD): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function fromIso(iso: IsoDate): YMD {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function utcMs(iso: IsoDate): number {
  const { year, month, day } = fromIso(iso);
  return Date.UTC(year, month - 1, day);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return new Date(utcMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the day exists (no 31 April, no 29 February outside leap years). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 0 = domingo … 6 = sábado. */
export function weekday(iso: IsoDate): number {
  return new Date(utcMs(iso)).getUTCDay();
}

/** The Buenos Aires calendar date of an ISO instant such as `2026-11-20T23:30:00-03:00`. */
export function buenosAiresDay(instant: string): IsoDate {
  const ms = Date.parse(instant);
  return new Date(ms - 3 * 3_600_000).toISOString().slice(0, 10);
}

/** `2026-11-20T23:30:00-03:00` for a Buenos Aires date and a wall-clock time. */
export function buenosAiresInstant(iso: IsoDate, hour: number, minute: number, second = 0): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${iso}T${pad(hour)}:${pad(minute)}:${pad(second)}-03:00`;
}

export const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

/** Abbreviations as Argentine sites print them ("15 dic. 2026", "3 sept. 2026"). */
export const MONTHS_SHORT = [
  'ene',
  'feb',
  'mar',
  'abr',
  'may',
  'jun',
  'jul',
  'ago',
  'sept',
  'oct',
  'nov',
  'dic',
] as const;

export const WEEKDAYS = [
  'domingo',
  'lunes',
  'martes',
  'miércoles',
  'jueves',
  'viernes',
  'sábado',
] as const;
