/**
 * How values are printed: money, dates and phone numbers in the forms Argentine portals
 * use (docs/reading-rules.md, "Money" and "Dates"). Each printer returns the HTML and the printed
 * structure that truth.ts turns into the ground truth.
 */
import {
  addDays,
  daysBetween,
  fromIso,
  MONTHS,
  MONTHS_SHORT,
  weekday,
  WEEKDAYS,
  type IsoDate,
} from './calendar';
import type { Rng } from './prng';
import type { PrintedDate, PrintedMoney, PrintedNumber } from './truth';

// ───────────────────────────── money ─────────────────────────────

export const MONEY_FORMATS = [
  'ar',
  'ar-nbsp',
  'ar-int',
  'ar-int-nospace',
  'ars-dot-decimal',
  'ars-thousands',
  'split',
  'sup-comma',
  'sup-bare',
  'aria-hidden-visual',
] as const;
export type MoneyFormat = (typeof MONEY_FORMATS)[number];

/** Formats that only print whole pesos. */
export const WHOLE_PESO_FORMATS: ReadonlySet<MoneyFormat> = new Set([
  'ar-int',
  'ar-int-nospace',
  'ars-thousands',
]);
/** Formats that can carry a minus sign. */
export const SIGNED_FORMATS: readonly MoneyFormat[] = [
  'ar',
  'ar-nbsp',
  'ar-int',
  'ar-int-nospace',
  'split',
];

/** 1234567 → "1.234.567". */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const SR_ONLY =
  'position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0';

/** The HTML of an amount. `money.cents` must be 0 for whole-peso formats. */
export function renderMoney(money: PrintedMoney, format: MoneyFormat): string {
  const cents = String(money.cents).padStart(2, '0');
  const sign = money.negative ? '-' : '';
  const p = thousands(money.pesos);
  switch (format) {
    case 'ar':
      return `${sign}$ ${p},${cents}`;
    case 'ar-nbsp':
      return `${sign}$&nbsp;${p},${cents}`;
    case 'ar-int':
      return `${sign}$ ${p}`;
    case 'ar-int-nospace':
      return `${sign}$${p}`;
    case 'ars-dot-decimal':
      return `ARS ${money.pesos}.${cents}`;
    case 'ars-thousands':
      return `ARS ${p}`;
    case 'split':
      return `<span>${sign}$</span><span>${p}</span><span>,${cents}</span>`;
    case 'sup-comma':
      return `$ ${p}<sup>,${cents}</sup>`;
    case 'sup-bare':
      return `$ ${p}<sup>${cents}</sup>`;
    case 'aria-hidden-visual':
      return `<span aria-hidden="true">$ ${p},${cents}</span><span style="${SR_ONLY}">${money.pesos},${cents} pesos</span>`;
  }
}

/** A format that can print `money` (whole pesos, sign). */
export function pickMoneyFormat(
  rng: Rng,
  money: PrintedMoney,
  allowed?: readonly MoneyFormat[],
): MoneyFormat {
  let options = (allowed ?? MONEY_FORMATS).filter(
    (f) => money.cents === 0 || !WHOLE_PESO_FORMATS.has(f),
  );
  if (money.negative) options = options.filter((f) => SIGNED_FORMATS.includes(f));
  if (options.length === 0) return 'ar';
  return rng.pick(options);
}

export function money(pesos: number, cents = 0, negative = false): PrintedMoney {
  return { pesos, cents, negative };
}

/** A random amount, `wholeShare` of the time without cents. */
export function randomMoney(rng: Rng, min: number, max: number, wholeShare = 0.4): PrintedMoney {
  return money(rng.int(min, max), rng.chance(wholeShare) ? 0 : rng.int(1, 99));
}

// ───────────────────────────── dates ─────────────────────────────

export const DATE_FORMATS = [
  'dd/mm/yyyy',
  'd/m/yyyy',
  'dd-mm-yy',
  'dd/mm/yy',
  'long',
  'long-del',
  'abbr',
  'weekday-long',
  'yearless-slash',
  'yearless-long',
  'weekday-yearless',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const YEARLESS_FORMATS: ReadonlySet<DateFormat> = new Set([
  'yearless-slash',
  'yearless-long',
  'weekday-yearless',
]);

/** Yearless forms are printed only well inside the nearest-year window (±170 days). */
export function yearlessAllowed(date: IsoDate, readingDay: IsoDate): boolean {
  const offset = daysBetween(readingDay, date);
  const { month, day } = fromIso(date);
  return offset >= -170 && offset <= 170 && !(month === 2 && day === 29);
}

export interface RenderedDate {
  html: string;
  printed: PrintedDate;
}

function dayWord(day: number, ordinalFirst: boolean): string {
  return day === 1 && ordinalFirst ? '1°' : String(day);
}

/** An absolute date in `format`; `timeElement` wraps it in `<time datetime>`. */
export function renderDate(
  date: IsoDate,
  format: DateFormat,
  options: { timeElement?: boolean; ordinalFirst?: boolean; capitalise?: boolean } = {},
): RenderedDate {
  const { year, month, day } = fromIso(date);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const yy = String(year % 100).padStart(2, '0');
  const monthName = MONTHS[month - 1] as string;
  const monthShort = MONTHS_SHORT[month - 1] as string;
  let weekdayName: string = WEEKDAYS[weekday(date)] as string;
  if (options.capitalise) weekdayName = weekdayName[0]?.toUpperCase() + weekdayName.slice(1);
  const d = dayWord(day, options.ordinalFirst ?? false);
  let text: string;
  let printedYear: number | null = year;
  switch (format) {
    case 'dd/mm/yyyy':
      text = `${dd}/${mm}/${year}`;
      break;
    case 'd/m/yyyy':
      text = `${day}/${month}/${year}`;
      break;
    case 'dd-mm-yy':
      text = `${dd}-${mm}-${yy}`;
      printedYear = year % 100;
      break;
    case 'dd/mm/yy':
      text = `${dd}/${mm}/${yy}`;
      printedYear = year % 100;
      break;
    case 'long':
      text = `${d} de ${monthName} de ${year}`;
      break;
    case 'long-del':
      text = `${d} de ${monthName} del ${year}`;
      break;
    case 'abbr':
      text = `${day} ${monthShort}. ${year}`;
      break;
    case 'weekday-long':
      text = `${weekdayName} ${d} de ${monthName} de ${year}`;
      break;
    case 'yearless-slash':
      text = `${dd}/${mm}`;
      printedYear = null;
      break;
    case 'yearless-long':
      text = `${d} de ${monthName}`;
      printedYear = null;
      break;
    case 'weekday-yearless':
      text = `${weekdayName} ${d} de ${monthName}`;
      printedYear = null;
      break;
  }
  const html = options.timeElement ? `<time datetime="${date}">${text}</time>` : text;
  return { html, printed: { kind: 'absolute', day, month, year: printedYear } };
}

/** "hoy", "mañana", "en 5 días", "dentro de 5 días". */
export function renderRelative(days: number, rng: Rng): RenderedDate {
  let text: string;
  if (days === 0) text = 'hoy';
  else if (days === 1) text = 'mañana';
  else text = rng.chance(0.8) ? `en ${days} días` : `dentro de ${days} días`;
  return { html: text, printed: { kind: 'relative', days } };
}

/** A date `offset` days from the reading day. */
export function dateFrom(readingDay: IsoDate, offset: number): IsoDate {
  return addDays(readingDay, offset);
}

// ───────────────────────────── phone numbers ─────────────────────────────

export const NUMBER_FORMATS = [
  'local',
  'paren-015',
  'intl',
  'intl-compact',
  'plain',
  'trunk-015',
  'masked',
  'masked-partial',
] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];
export const MASKED_FORMATS: ReadonlySet<NumberFormat> = new Set(['masked', 'masked-partial']);

/** Invented area codes: Buenos Aires, Córdoba, Rosario, Mendoza, La Plata, Tucumán, Mar del Plata, Bariloche, Neuquén. */
const AREAS = ['11', '11', '11', '11', '351', '341', '261', '221', '381', '223', '2944', '299'];

export function randomNumber(rng: Rng): PrintedNumber {
  const area = rng.pick(AREAS);
  const length = 10 - area.length;
  const subscriber = String(rng.int(3, 7)) + rng.digits(length - 1);
  return { area, subscriber };
}

/** Subscriber digits grouped the way each area length prints them. */
function groups(number: PrintedNumber): [string, string] {
  const s = number.subscriber;
  const cut = s.length - 4;
  return [s.slice(0, cut), s.slice(cut)];
}

export function renderNumber(number: PrintedNumber, format: NumberFormat): string {
  const [head, tail] = groups(number);
  const { area } = number;
  switch (format) {
    case 'local':
      return `${area} ${head}-${tail}`;
    case 'paren-015':
      return `(0${area}) 15-${head}-${tail}`;
    case 'intl':
      return `+54 9 ${area} ${head}-${tail}`;
    case 'intl-compact':
      return `+549${area}${number.subscriber}`;
    case 'plain':
      return `${area}${number.subscriber}`;
    case 'trunk-015':
      return `0${area} 15 ${head} ${tail}`;
    case 'masked':
      return `${area} ${'*'.repeat(head.length)}-${tail}`;
    case 'masked-partial':
      return `${area} ${head.slice(0, 2)}${'*'.repeat(head.length - 2)}-**${tail.slice(2)}`;
  }
}
