/**
 * Display formatting for the popup and the overlay. Pure functions: the interface language
 * (`locale`), the clock (`now`) and the translate function (`t`) are always passed in, so
 * the same code runs in the popup, in the content script and under Vitest.
 */
import type { MessageKey, Translate, UiLocale } from './i18n';

/** Our interface languages as BCP-47 tags for Intl. Spanish is Argentine usage. */
export const BCP47_BY_LOCALE: Record<UiLocale, string> = {
  en: 'en',
  es: 'es-AR',
  zh_CN: 'zh-CN',
};

/**
 * English dates are written day first (`15 Dec 2026`, British style): our users read
 * Argentine pages where the day always comes first, and `Dec 15` next to `15/12` invites
 * mistakes.
 */
export const DATE_BCP47_BY_LOCALE: Record<UiLocale, string> = { ...BCP47_BY_LOCALE, en: 'en-GB' };

/**
 * Intl formatters are slow to build (~0.3 ms each, more on a cold page) and immutable: each
 * one is built once per locale and options, then reused by every row.
 */
const FORMATTERS = new Map<string, unknown>();

export function cachedFormatter<T>(key: string, make: () => T): T {
  let formatter = FORMATTERS.get(key) as T | undefined;
  if (formatter === undefined) FORMATTERS.set(key, (formatter = make()));
  return formatter;
}

const NBSP = '\u00a0';
/** The real minus sign: a hyphen looks like a dash or a range in running text. */
const MINUS = '\u2212';

// ───────────────────────── Phone numbers ─────────────────────────

/** Argentine area codes of three digits; 11 (Buenos Aires) has two; all others have four. */
const THREE_DIGIT_AREA_CODES = new Set(
  (
    '220 221 223 230 236 237 249 260 261 263 264 266 280 291 294 297 298 299 ' +
    '336 341 342 343 345 348 351 353 358 362 364 370 376 379 380 381 383 385 387 388'
  ).split(' '),
);

interface MsisdnParts {
  /** `+54 9` for mobiles, `+54` for a landline. */
  prefix: string;
  area: string;
  /** The subscriber number before the dash (2–4 digits). */
  head: string;
  /** Always the last four digits. */
  tail: string;
}

/** Splits `+549AAAASSSSSS` (or the landline `+54…`) by the area-code table; null if not ours. */
function splitMsisdn(e164: string): MsisdnParts | null {
  // Mobiles are +54 9 + 10 digits; landlines +54 + 10 digits. No area code starts with 9,
  // so a mobile number one digit short is not mistaken for a landline.
  const match = /^\+54(?:9(\d{10})|([1-8]\d{9}))$/.exec(e164);
  const national = match?.[1] ?? match?.[2];
  if (national === undefined) return null;
  const areaLength = national.startsWith('11')
    ? 2
    : THREE_DIGIT_AREA_CODES.has(national.slice(0, 3))
      ? 3
      : 4;
  const subscriber = national.slice(areaLength);
  return {
    prefix: match?.[1] !== undefined ? '+54 9' : '+54',
    area: national.slice(0, areaLength),
    head: subscriber.slice(0, -4),
    tail: subscriber.slice(-4),
  };
}

/**
 * `+5491123456789` → `+54 9 11 2345-6789`, `+5493516123456` → `+54 9 351 612-3456`,
 * `+5492966123456` → `+54 9 2966 12-3456`. Anything else comes back unchanged.
 */
export function formatMsisdn(e164: string): string {
  const parts = splitMsisdn(e164);
  if (!parts) return e164;
  return `${parts.prefix} ${parts.area} ${parts.head}-${parts.tail}`;
}

/**
 * For "hide numbers" and screenshots: `+54 9 11 ••••-6789`. Only the area code and the last
 * four digits stay. Unrecognised input is masked too (all digits but the last four): a
 * mask must never leak a number because its format was unexpected.
 */
export function maskMsisdn(e164: string): string {
  const parts = splitMsisdn(e164);
  if (parts) return `${parts.prefix} ${parts.area} ${'•'.repeat(parts.head.length)}-${parts.tail}`;
  const digitCount = e164.replace(/\D/g, '').length;
  let seen = 0;
  return e164.replace(/\d/g, (digit) => (++seen > digitCount - 4 ? digit : '•'));
}

/**
 * The number as the carriers' recharge pages ask for it: the 10 national digits, without
 * the trunk 0 and the mobile 15 (`+5491123456789` → `1123456789`); null when not ours.
 */
export function nationalDigits(e164: string): string | null {
  const parts = splitMsisdn(e164);
  return parts ? `${parts.area}${parts.head}${parts.tail}` : null;
}

/** Those 10 digits grouped for reading: `11 2345-6789`, masked `11 ••••-6789` when hidden. */
export function formatNationalNumber(e164: string, hidden = false): string | null {
  const parts = splitMsisdn(e164);
  if (!parts) return null;
  const head = hidden ? '•'.repeat(parts.head.length) : parts.head;
  return `${parts.area} ${head}-${parts.tail}`;
}

// ───────────────────────── Money ─────────────────────────

/** `$` is what Argentines write; elsewhere a bare `$` reads as US dollars, so say `ARS`. */
function currencyPrefix(locale: UiLocale): string {
  return locale === 'es' ? '$' : 'ARS';
}

/** Digits in the locale's grouping; cents only when there are any (`$ 2.000`, `$ 1.234,56`). */
function formatAmountDigits(absoluteAmount: number, locale: UiLocale): string {
  const cents = Math.round(absoluteAmount * 100);
  const fractionDigits = cents % 100 === 0 ? 0 : 2;
  const tag = BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `amount:${tag}:${fractionDigits}`,
    () =>
      new Intl.NumberFormat(tag, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
        useGrouping: true,
      }),
  ).format(cents / 100);
}

/**
 * An amount of pesos: es `$ 1.234,56`, en / zh_CN `ARS 1,234.56`. The space is a no-break
 * space so the symbol never wraps away from the number.
 */
export function formatMoney(amount: number, locale: UiLocale): string {
  if (!Number.isFinite(amount)) return '';
  const sign = Math.round(amount * 100) < 0 ? MINUS : '';
  return `${sign}${currencyPrefix(locale)}${NBSP}${formatAmountDigits(Math.abs(amount), locale)}`;
}

/** A change of balance with an explicit sign: `−$ 150`, `+$ 2.000`; no change is `$ 0`. */
export function formatMoneyChange(delta: number, locale: UiLocale): string {
  if (!Number.isFinite(delta)) return '';
  return `${Math.round(delta * 100) > 0 ? '+' : ''}${formatMoney(delta, locale)}`;
}

// ───────────────────────── Dates and times ─────────────────────────

/**
 * A calendar date exactly as written: en `15 Dec 2026`, es `15 dic 2026`, zh_CN
 * `2026年12月15日`. Formatted at noon UTC in the UTC zone so no user time zone can move
 * it to the day before or after. Invalid input comes back unchanged.
 */
export function formatIsoDate(isoDate: string, locale: UiLocale): string {
  return formatCalendarDate(isoDate, locale, 'medium');
}

/** `isoDate` in the language's `style`, at noon UTC in UTC; invalid input unchanged. */
function formatCalendarDate(isoDate: string, locale: UiLocale, style: 'medium' | 'full'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const noonUtc = new Date(Date.UTC(2000, 0, 1, 12));
  noonUtc.setUTCFullYear(year, month - 1, day);
  // 2026-02-30 would roll over to March: refuse rather than show another date.
  if (noonUtc.getUTCMonth() !== month - 1 || noonUtc.getUTCDate() !== day) return isoDate;
  const tag = DATE_BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `date-${style}:${tag}`,
    () => new Intl.DateTimeFormat(tag, { dateStyle: style, timeZone: 'UTC' }),
  ).format(noonUtc);
}

/**
 * A calendar date in full, with the weekday, for reading a typed date back to the user:
 * en `Saturday, 5 December 2026`, es `sábado, 5 de diciembre de 2026`, zh `2026年12月5日星期六`.
 */
export function formatLongDate(isoDate: string, locale: UiLocale): string {
  return formatCalendarDate(isoDate, locale, 'full');
}

/** A count in the language's digits and grouping (`1.234` es, `1,234` en / zh). */
export function formatCount(count: number, locale: UiLocale): string {
  const tag = BCP47_BY_LOCALE[locale];
  return cachedFormatter(`count:${tag}`, () => new Intl.NumberFormat(tag)).format(count);
}

/**
 * Days left as words, for the pill and after the expiry date: "today", "tomorrow",
 * "in 5 days", "expired yesterday", "expired 5 days ago". `daysLeft` is counted on
 * Argentina's calendar by the caller (0 = expires today, negative = expired).
 */
export function formatDaysLeft(daysLeft: number, locale: UiLocale, t: Translate): string {
  if (daysLeft === 0) return t('daysLeftToday');
  if (daysLeft === 1) return t('daysLeftTomorrow');
  if (daysLeft === -1) return t('expiredYesterday');
  const count = formatCount(Math.abs(daysLeft), locale);
  return daysLeft > 0 ? t('daysLeftN', [count]) : t('daysAgoN', [count]);
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * "3 hours ago" / "hace 3 horas" / "3小时前" for "last read". Under a minute is "now"; a
 * time slightly in the future (another device's clock) reads "in 2 minutes". Units are
 * truncated, so 59 minutes stays "59 minutes ago" rather than rounding up to an hour.
 * An unparsable `isoDateTime` comes back unchanged.
 */
export function formatRelativeTime(
  isoDateTime: string,
  now: Date | number,
  locale: UiLocale,
): string {
  const then = Date.parse(isoDateTime);
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (Number.isNaN(then) || !Number.isFinite(nowMs)) return isoDateTime;
  const elapsedMs = nowMs - then;
  const size = Math.abs(elapsedMs);
  const direction = elapsedMs > 0 ? -1 : 1;
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    size < MINUTE_MS
      ? [0, 'second']
      : size < HOUR_MS
        ? [Math.floor(size / MINUTE_MS), 'minute']
        : size < DAY_MS
          ? [Math.floor(size / HOUR_MS), 'hour']
          : size < 30 * DAY_MS
            ? [Math.floor(size / DAY_MS), 'day']
            : size < 365 * DAY_MS
              ? [Math.floor(size / (30 * DAY_MS)), 'month']
              : [Math.floor(size / (365 * DAY_MS)), 'year'];
  // `numeric: 'auto'` gives "now" and "yesterday" instead of "0 seconds ago", "1 day ago".
  const tag = BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `relative:${tag}`,
    () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
  ).format(value === 0 ? 0 : direction * value, unit);
}

/**
 * Builds the formatters a list row uses (dates, amounts, "3 hours ago"), so that the first
 * rows do not pay for them: the popup calls it while it waits for its data.
 */
export function warmFormatters(locale: UiLocale): void {
  formatIsoDate('2000-01-01', locale);
  formatAmountDigits(1, locale);
  formatAmountDigits(1.5, locale);
  formatRelativeTime('2000-01-01T00:00:00Z', 0, locale);
}

// ───────────────────────── Words: plurals and joiners ─────────────────────────

/**
 * Which of a message's two forms a count takes: `one` (es/en 1: "se muestra 1") or `other`
 * ("se muestran 2"; Chinese has one form, always `other`). Messages with a count come in
 * pairs, `…One` / `…Other`.
 */
export function pluralForm(count: number, locale: UiLocale): 'one' | 'other' {
  const tag = BCP47_BY_LOCALE[locale];
  const rules = cachedFormatter(`plural:${tag}`, () => new Intl.PluralRules(tag));
  return rules.select(count) === 'one' ? 'one' : 'other';
}

/** The key of the form `count` takes: `pickPlural(1, 'es', 'xOne', 'xOther')` → `'xOne'`. */
export function pickPlural(
  count: number,
  locale: UiLocale,
  one: MessageKey,
  other: MessageKey,
): MessageKey {
  return pluralForm(count, locale) === 'one' ? one : other;
}

/**
 * Clauses of one sentence ("expires 5 Dec 2026, in 12 days"): a comma and a space in
 * English and Spanish, the full-width comma in Chinese (`2026年12月5日到期，12 天后`).
 */
export function joinClauses(parts: readonly string[], locale: UiLocale): string {
  return parts.join(locale === 'zh_CN' ? '，' : ', ');
}

/** Whole sentences one after another: a space between them, none in Chinese (`。` ends one). */
export function joinSentences(sentences: readonly string[], locale: UiLocale): string {
  return sentences.filter((sentence) => sentence !== '').join(locale === 'zh_CN' ? '' : ' ');
}

/** Items of a list (names, dates): `, ` in English and Spanish, the enumeration comma `、` in Chinese. */
export function joinList(items: readonly string[], locale: UiLocale): string {
  return items.join(locale === 'zh_CN' ? '、' : ', ');
}

// ───────────────────────── Urgency ─────────────────────────

export type Urgency = 'expired' | 'today' | 'soon' | 'due' | 'ok' | 'unknown';

/**
 * How urgent a line is, for colour plus text in the popup: expired (< 0), today (0),
 * soon (1 day left), due (inside the reminder lead window), ok, or unknown (no date).
 */
export function urgencyOf(daysLeft: number | null, leadDays: number): Urgency {
  if (daysLeft === null || !Number.isFinite(daysLeft)) return 'unknown';
  if (daysLeft < 0) return 'expired';
  if (daysLeft === 0) return 'today';
  if (daysLeft <= 1) return 'soon';
  if (daysLeft <= leadDays) return 'due';
  return 'ok';
}
