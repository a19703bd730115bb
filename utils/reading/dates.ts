/**
 * Argentine dates, day first. Results are Buenos Aires calendar dates (`YYYY-MM-DD`);
 * the calendar arithmetic is utils/domain/time.ts's.
 */
import type { IsoDate } from '../domain/records';
import { addDays, calendarDate, todayInBuenosAires } from '../domain/time';
import { foldText } from './text';

/**
 * A day and month with no year: the next such date on or after the reading day, or with
 * `step` −1 the last one on or before it (what an operation date or `venció el` means).
 */
function resolveYearless(day: number, month: number, today: IsoDate, step: 1 | -1): IsoDate | null {
  const thisYear = Number(today.slice(0, 4));
  for (let k = 0; k <= 8; k += 1) {
    // 29 February waits for the next (or last) leap year; ISO dates compare as strings.
    const candidate = calendarDate(thisYear + k * step, month, day);
    if (candidate && (step > 0 ? candidate >= today : candidate <= today)) return candidate;
  }
  return null;
}

function resolveYear(rawYear: string | undefined): number | null {
  if (rawYear === undefined) return null;
  if (rawYear.length === 2) return 2000 + Number(rawYear);
  if (rawYear.length === 4) return Number(rawYear);
  return null;
}

/** Month abbreviations in order; every month name in NAMED_DATE starts with one of them. */
const MONTH_PREFIXES = 'ene feb mar abr may jun jul ago sep oct nov dic'.split(' ');

/** 1–12 for a month name NAMED_DATE matched (`set`, `setiembre`: September). */
function monthNumber(name: string): number {
  const prefix = name.slice(0, 3);
  return MONTH_PREFIXES.indexOf(prefix === 'set' ? 'sep' : prefix) + 1;
}

export type DateMatchKind = 'numeric' | 'named' | 'relative';

/** One date mention found in running text. */
export interface DateMatch {
  start: number;
  end: number;
  /** `YYYY-MM-DD`, or null when the mention is an impossible date. */
  iso: string | null;
  kind: DateMatchKind;
  /** True when the page gave no year and it was inferred. */
  yearInferred: boolean;
  /** For a date without a year: the same day and month on or before the reading day. */
  pastIso?: string | null;
}

// Numeric: 15/12/2026, 15-12-26, 15.12.2026; yearless 15/12 (a dot needs a year: `15.23`
// is more likely money). Guards on both sides keep it off longer digit runs.
const NUMERIC_DATE =
  /(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d]|[/,-]\d|\.\d)/g;

const MONTH_NAMES =
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept|sep|set|oct|nov|dic';
const WEEKDAYS = 'lunes|martes|miercoles|jueves|viernes|sabado|domingo|lun|mar|mie|jue|vie|sab|dom';
// Named: `15 de diciembre de 2026`, `15 dic. 2026`, `lunes 15 de diciembre`, `15-dic-26`.
// Matched on folded (lower-case, accent-free) text. A two-digit year needs `de` or a dash:
// `18 de diciembre, 23.59 hs` and `18 de diciembre 22 días` have no year.
const NAMED_DATE = new RegExp(
  `(?<!\\d)(?:(?:${WEEKDAYS})\\.?,? )?(\\d{1,2})(?: de |[ /-])(${MONTH_NAMES})(?![a-z])\\.?(?:(?:(?: de | del |[ /,-] ?)(\\d{4})|(?: de | del |[/-])(\\d{2}))(?![\\d:]|[.,]\\d| ?(?:hs?\\b|dias?\\b|gb|mb|%)))?`,
  'g',
);

// Relative: hoy, mañana, pasado mañana, ayer, en N días, dentro de N días, hace N días.
const RELATIVE_DATE =
  /(?<![a-z])(pasado manana|manana|hoy|ayer|(?:en|dentro de) (\d{1,3}|un|una|dos|tres|cuatro|cinco|seis|siete) dias?|hace (\d{1,3}|un|dos|tres) dias?)(?![a-z])/g;

/** Days from the reading day. */
const NAMED_DAYS: Record<string, number> = { hoy: 0, manana: 1, 'pasado manana': 2, ayer: -1 };

const SMALL_NUMBERS: Record<string, number> = {
  un: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
};

function dateFrom(
  day: number,
  month: number,
  year: number | null,
  today: IsoDate,
): Pick<DateMatch, 'iso' | 'yearInferred' | 'pastIso'> {
  return year === null
    ? {
        iso: resolveYearless(day, month, today, 1),
        yearInferred: true,
        pastIso: resolveYearless(day, month, today, -1),
      }
    : { iso: calendarDate(year, month, day), yearInferred: false };
}

/**
 * Every date mention in a line of text. `folded` must be `foldText(text)` (passed in so the
 * engine folds each line once). Relative mentions are reported too; the engine decides
 * whether an expiry word governs them.
 */
export function findDates(text: string, now: Date, folded: string = foldText(text)): DateMatch[] {
  const today = todayInBuenosAires(now);
  const found: DateMatch[] = [];
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) {
    const separator = m[2];
    if (separator === '.' && m[4] === undefined) continue;
    const year = resolveYear(m[4]);
    const resolved = dateFrom(Number(m[1]), Number(m[3]), year, today);
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'numeric', ...resolved });
  }
  NAMED_DATE.lastIndex = 0;
  for (let m = NAMED_DATE.exec(folded); m; m = NAMED_DATE.exec(folded)) {
    const month = monthNumber(m[2] ?? '');
    if (month === 0) continue;
    const resolved = dateFrom(Number(m[1]), month, resolveYear(m[3] ?? m[4]), today);
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'named', ...resolved });
  }
  RELATIVE_DATE.lastIndex = 0;
  for (let m = RELATIVE_DATE.exec(folded); m; m = RELATIVE_DATE.exec(folded)) {
    const phrase = m[1] ?? '';
    let offset = NAMED_DAYS[phrase];
    if (offset === undefined) {
      const count = m[2] ?? m[3] ?? '';
      const n = /^\d+$/.test(count) ? Number(count) : (SMALL_NUMBERS[count] ?? NaN);
      if (!Number.isFinite(n)) continue;
      offset = phrase.startsWith('hace') ? -n : n;
    }
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      iso: addDays(today, offset),
      kind: 'relative',
      yearInferred: false,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A whole string as one Buenos Aires date (`15/12/2026`, `15 dic. 2026`, `mañana`), relative
 * to `now`. Null for anything else, impossible dates included.
 */
export function parseDate(text: string, now: Date): string | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed || trimmed.length > 60) return null;
  const folded = foldText(trimmed);
  const matches = findDates(trimmed, now, folded);
  const only = matches[0];
  if (matches.length !== 1 || !only) return null;
  if (trimmed.slice(0, only.start).trim() || trimmed.slice(only.end).replace(/^[.,]/, '').trim()) {
    return null;
  }
  return only.iso;
}
