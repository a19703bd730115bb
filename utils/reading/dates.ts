/**
 * Argentine dates, day first. Results are Buenos Aires calendar dates (`YYYY-MM-DD`);
 * the calendar arithmetic is utils/domain/time.ts's.
 */
import type { IsoDate } from '../domain/records';
import { addDays, calendarDate, daysBetween, todayInBuenosAires } from '../domain/time';
import { foldText } from './text';

/**
 * A day and month with no year: the year that puts it nearest the reading day, within
 * 182 days before it or 183 days after (docs/reading-rules.md). "02/12" read on 3 December
 * is yesterday; "03/01" read on 20 November is next January.
 */
function resolveYearless(day: number, month: number, today: IsoDate): IsoDate | null {
  const thisYear = Number(today.slice(0, 4));
  let best: { date: IsoDate; distance: number } | null = null;
  for (const year of [thisYear - 1, thisYear, thisYear + 1]) {
    const candidate = calendarDate(year, month, day);
    if (!candidate) continue;
    const offset = daysBetween(today, candidate);
    if (offset < -182 || offset > 183) continue;
    if (!best || Math.abs(offset) < best.distance)
      best = { date: candidate, distance: Math.abs(offset) };
  }
  // 29 February far from a leap year has no date in the window: none.
  return best?.date ?? null;
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

// ISO, as some single-page apps print it: 2027-01-15.
const ISO_DATE = /(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d]|-\d)/g;

// Month first, with a year (`Ene 15, 2027`, `enero 15 de 2027`): the month name leaves no doubt.
const MONTH_FIRST_DATE = new RegExp(
  `(?<![a-z])(${MONTH_NAMES})\\.? (\\d{1,2}),? (?:de )?(\\d{4})(?![\\d])`,
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
): Pick<DateMatch, 'iso' | 'yearInferred'> {
  return year === null
    ? { iso: resolveYearless(day, month, today), yearInferred: true }
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
  ISO_DATE.lastIndex = 0;
  for (let m = ISO_DATE.exec(text); m; m = ISO_DATE.exec(text)) {
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'numeric',
      iso: calendarDate(Number(m[1]), Number(m[2]), Number(m[3])),
      yearInferred: false,
    });
  }
  MONTH_FIRST_DATE.lastIndex = 0;
  for (let m = MONTH_FIRST_DATE.exec(folded); m; m = MONTH_FIRST_DATE.exec(folded)) {
    const month = monthNumber(m[1] ?? '');
    if (month === 0) continue;
    const start = m.index;
    if (found.some((d) => start < d.end && start + m![0].length > d.start)) continue;
    found.push({
      start,
      end: start + m[0].length,
      kind: 'named',
      iso: calendarDate(Number(m[3]), month, Number(m[2])),
      yearInferred: false,
    });
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
