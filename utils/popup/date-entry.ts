/**
 * Dates as people type them in the popup's forms: day first, as the carriers' pages write
 * them (`05/12/2026`), in every language. No `<input type=date>`: its order follows the
 * browser's locale (mm/dd/yyyy in a US browser), which is how a 5 December becomes a 12 May.
 * A year-first ISO date (`2026-12-05`, `2026年12月5日`) is unambiguous and accepted too.
 * No calendar widget, no Date parsing: digits are read by position, then checked against
 * the calendar. Pure: text in, an ISO date or an error key out.
 */
import { formatLongDate } from '../domain/format';
import type { MessageKey, Translate, UiLocale } from '../domain/i18n';
import type { IsoDate } from '../domain/records';
import { isRealCalendarDate } from '../domain/time';

export type DateEntry = { value: IsoDate | null } | { error: MessageKey };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function calendarDate(year: number, month: number, day: number): DateEntry {
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return isRealCalendarDate(iso) ? { value: iso } : { error: 'formErrDate' };
}

/**
 * A typed date: `5/12/2026`, `05-12-2026`, `05.12.26` (day/month/year; a two-digit year is
 * 20xx), or year first with a four-digit year (`2026-12-05`, `2026/12/5`, `2026年12月5日`).
 * '' → null. An impossible date (31/02) says so; a month above 12 with a day that could be
 * a month (`12/25/2026`) says the day comes first; anything else asks for day/month/year.
 */
export function parseDateEntry(raw: string): DateEntry {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { value: null };
  const yearFirst =
    /^(\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})$/.exec(text) ??
    /^(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日?$/.exec(text);
  if (yearFirst) {
    const [year, month, day] = yearFirst.slice(1).map(Number) as [number, number, number];
    return calendarDate(year, month, day);
  }
  const dayFirst = /^(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})$/.exec(text);
  if (!dayFirst) return { error: 'formErrDateFormat' };
  const day = Number(dayFirst[1]);
  const month = Number(dayFirst[3]);
  const yearText = dayFirst[4]!;
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month > 12 && day >= 1 && day <= 12 && month <= 31) return { error: 'formErrDateMonthFirst' };
  return calendarDate(year, month, day);
}

/** An ISO date as the date fields show it: `2026-12-05` → `05/12/2026`; '' for none. */
export function dateEntryText(iso: IsoDate | null | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/**
 * The typed date read back in words, under the field ("Read as: Saturday, 5 December 2026"),
 * so a swapped day and month shows before it is saved; null while it is empty or no date.
 */
export function dateReadBack(text: string, locale: UiLocale, t: Translate): string | null {
  const entry = parseDateEntry(text);
  return 'value' in entry && entry.value !== null
    ? t('formDateReadsAs', [formatLongDate(entry.value, locale)])
    : null;
}
