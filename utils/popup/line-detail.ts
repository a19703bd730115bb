/**
 * Pure logic behind the popup's line detail view: history rows, the balance chart's points
 * and scales, money spent per calendar year, and the receipts list. No browser, no database:
 * the component queries Dexie and hands the records in.
 */
import { DATE_BCP47_BY_LOCALE, cachedFormatter } from '../domain/format';
import type { UiLocale } from '../domain/i18n';
import type { IsoDate, PageKind, Renewal, StoredReading } from '../domain/records';

/** History rows shown at first and added by each "show more": a line can hold 50,000 readings. */
export const HISTORY_PAGE_SIZE = 50;
/** Readings the chart is drawn from (the newest ones): enough for a year of daily visits. */
export const CHART_READING_LIMIT = 400;
/** Points actually drawn; more readings than this are thinned so the SVG stays small. */
export const CHART_MAX_POINTS = 120;

export interface HistoryRow {
  /** Stable key for rendering: the reading's id, or its time and path. */
  key: string;
  readAt: string;
  path: string;
  kind: PageKind;
  balance: number | null;
  expiresOn: IsoDate | null;
  operationId: string | null;
  /** The background's note codes and what they concern (a value not used, and why). */
  notes: string[];
  receipt: StoredReading['receipt'];
}

/** Readings as table rows, newest first (ties keep the order they came in). */
export function historyRows(readings: readonly StoredReading[]): HistoryRow[] {
  return readings
    .map((reading, index) => ({ reading, index }))
    .sort((a, b) => compareDesc(a.reading.readAt, b.reading.readAt) || a.index - b.index)
    .map(({ reading }) => ({
      key: reading.id !== undefined ? `r${reading.id}` : `t${reading.readAt}|${reading.path}`,
      readAt: reading.readAt,
      path: reading.path,
      kind: reading.kind,
      balance: reading.balance?.amount ?? null,
      expiresOn: reading.expiresOn,
      operationId: reading.receipt?.operationId ?? null,
      notes: reading.notes,
      receipt: reading.receipt,
    }));
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

// ───────────────────────── Chart ─────────────────────────

export interface ChartPoint {
  /** Epoch ms of the reading. */
  at: number;
  amount: number;
  /** Position inside the SVG's viewBox. */
  x: number;
  y: number;
}

export interface ChartTick {
  value: number;
  y: number;
}

export interface ChartModel {
  width: number;
  height: number;
  /** Drawn points, oldest first. */
  points: ChartPoint[];
  /** SVG path data of the line through `points`. */
  path: string;
  /** SVG path data of the area under the line (closed at the baseline). */
  area: string;
  min: ChartPoint;
  max: ChartPoint;
  last: ChartPoint;
  first: ChartPoint;
  /** Horizontal guides: the baseline (0) and the top of the scale. */
  ticks: ChartTick[];
  /** The inner drawing box. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** How many readings with a balance went in (before thinning). */
  readingCount: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  padding?: { top: number; right: number; bottom: number; left: number };
  maxPoints?: number;
}

const DEFAULT_PADDING = { top: 8, right: 8, bottom: 8, left: 8 };

/** The balance series of some readings (any order), oldest first; readings without one skipped. */
export function balanceSeries(
  readings: readonly Pick<StoredReading, 'readAt' | 'balance'>[],
): { at: number; amount: number }[] {
  const series: { at: number; amount: number }[] = [];
  for (const reading of readings) {
    if (!reading.balance) continue;
    const at = Date.parse(reading.readAt);
    if (!Number.isFinite(at)) continue;
    series.push({ at, amount: reading.balance.amount });
  }
  return series.sort((a, b) => a.at - b.at);
}

/**
 * Keeps at most `max` points: the first and the last always, and from each bucket in between
 * the point farthest from the bucket's mean, so spikes and drops survive the thinning.
 */
export function thinSeries<T extends { amount: number }>(series: readonly T[], max: number): T[] {
  if (series.length <= Math.max(max, 3)) return [...series];
  const inner = series.slice(1, -1);
  const buckets = Math.max(max, 3) - 2;
  const kept: T[] = [series[0]!];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * inner.length) / buckets);
    const to = Math.floor(((b + 1) * inner.length) / buckets);
    if (to <= from) continue;
    const bucket = inner.slice(from, to);
    const mean = bucket.reduce((sum, p) => sum + p.amount, 0) / bucket.length;
    let pick = bucket[0]!;
    for (const p of bucket) if (Math.abs(p.amount - mean) > Math.abs(pick.amount - mean)) pick = p;
    kept.push(pick);
  }
  kept.push(series[series.length - 1]!);
  return kept;
}

/** A round number at or above `value` (1, 2, 2.5, 5 × 10ⁿ) for the top of the scale. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Points and scales of the balance-over-time chart, or null when no reading has a balance.
 * y runs from 0 (baseline) to a round number above the highest balance; x from the first to
 * the last reading (a single reading sits in the middle).
 */
export function buildChart(
  readings: readonly Pick<StoredReading, 'readAt' | 'balance'>[],
  options: ChartOptions = {},
): ChartModel | null {
  const width = options.width ?? 320;
  const height = options.height ?? 120;
  const pad = options.padding ?? DEFAULT_PADDING;
  const series = balanceSeries(readings);
  if (series.length === 0) return null;
  const drawn = thinSeries(series, options.maxPoints ?? CHART_MAX_POINTS);

  const plot = {
    left: pad.left,
    right: width - pad.right,
    top: pad.top,
    bottom: height - pad.bottom,
  };
  const from = series[0]!.at;
  const to = series[series.length - 1]!.at;
  const top = niceCeiling(Math.max(...series.map((p) => p.amount)));
  const xOf = (at: number) =>
    to === from
      ? (plot.left + plot.right) / 2
      : plot.left + ((at - from) / (to - from)) * (plot.right - plot.left);
  const yOf = (amount: number) => plot.bottom - (amount / top) * (plot.bottom - plot.top);

  const points: ChartPoint[] = drawn.map((p) => ({
    at: p.at,
    amount: p.amount,
    x: round1(xOf(p.at)),
    y: round1(yOf(p.amount)),
  }));
  const toPoint = (p: { at: number; amount: number }): ChartPoint => ({
    ...p,
    x: round1(xOf(p.at)),
    y: round1(yOf(p.amount)),
  });
  // min / max / last come from every reading, not only the drawn ones.
  let min = series[0]!;
  let max = series[0]!;
  for (const p of series) {
    if (p.amount < min.amount) min = p;
    if (p.amount > max.amount) max = p;
  }
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const baseline = round1(plot.bottom);
  const area =
    points.length > 1
      ? `${path} L${points[points.length - 1]!.x} ${baseline} L${points[0]!.x} ${baseline} Z`
      : '';
  return {
    width,
    height,
    points,
    path,
    area,
    min: toPoint(min),
    max: toPoint(max),
    first: toPoint(series[0]!),
    last: toPoint(series[series.length - 1]!),
    ticks: [
      { value: 0, y: round1(yOf(0)) },
      { value: top, y: round1(yOf(top)) },
    ],
    plot,
    readingCount: series.length,
  };
}

/** A recharge marked on the chart's time axis. */
export interface ChartMark {
  date: IsoDate;
  amount: number | null;
  /** Noon in Buenos Aires of the recharge's day (epoch ms). */
  at: number;
  x: number;
}

/** Half a day: a recharge's noon may fall just outside the first or last reading of its day. */
const MARK_TOLERANCE_MS = 12 * 3_600_000;

/**
 * The recharges that fall within the chart's span, as marks on its time axis, oldest
 * first: a jump in the balance then shows what caused it. None on a one-reading chart.
 */
export function rechargeMarks(
  renewals: readonly Pick<Renewal, 'date' | 'amount'>[],
  chart: Pick<ChartModel, 'first' | 'last' | 'plot'>,
): ChartMark[] {
  const from = chart.first.at;
  const to = chart.last.at;
  if (to <= from) return [];
  const marks: ChartMark[] = [];
  for (const renewal of renewals) {
    const at = Date.parse(`${renewal.date}T12:00:00-03:00`);
    if (!Number.isFinite(at) || at < from - MARK_TOLERANCE_MS || at > to + MARK_TOLERANCE_MS) {
      continue;
    }
    const clamped = Math.min(Math.max(at, from), to);
    const x =
      chart.plot.left + ((clamped - from) / (to - from)) * (chart.plot.right - chart.plot.left);
    marks.push({ date: renewal.date, amount: renewal.amount, at, x: round1(x) });
  }
  return marks.sort((a, b) => a.at - b.at);
}

// ───────────────────────── Renewals, spend, receipts ─────────────────────────

export interface YearSpend {
  year: number;
  /** Sum of the known amounts, in pesos (summed in cents: no float drift). */
  total: number;
  /** Renewals that year. */
  count: number;
  /** Renewals that year whose amount is unknown (not in `total`). */
  withoutAmount: number;
}

/** Money spent per calendar year (the renewal's own date), latest year first. */
export function spendPerYear(renewals: readonly Pick<Renewal, 'date' | 'amount'>[]): YearSpend[] {
  const byYear = new Map<number, { cents: number; count: number; withoutAmount: number }>();
  for (const renewal of renewals) {
    const year = Number(renewal.date.slice(0, 4));
    if (!Number.isInteger(year)) continue;
    const entry = byYear.get(year) ?? { cents: 0, count: 0, withoutAmount: 0 };
    entry.count += 1;
    if (renewal.amount === null) entry.withoutAmount += 1;
    else entry.cents += Math.round(renewal.amount * 100);
    byYear.set(year, entry);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, e]) => ({
      year,
      total: e.cents / 100,
      count: e.count,
      withoutAmount: e.withoutAmount,
    }));
}

/** Renewals newest first (by date, then by when they were recorded). */
export function sortRenewals<T extends Pick<Renewal, 'date' | 'createdAt'>>(
  renewals: readonly T[],
): T[] {
  return [...renewals].sort(
    (a, b) => compareDesc(a.date, b.date) || compareDesc(a.createdAt, b.createdAt),
  );
}

/** The renewals that carry an operation number (the proof in a dispute), newest first. */
export function receiptRows<T extends Pick<Renewal, 'date' | 'createdAt' | 'operationId'>>(
  renewals: readonly T[],
): (T & { operationId: string })[] {
  return sortRenewals(renewals).filter(
    (r): r is T & { operationId: string } => r.operationId !== null,
  );
}

// ───────────────────────── Dates of readings ─────────────────────────

/**
 * When a reading was taken, compact and day first (`26/11/2026, 05:44`; zh `2026/11/26 05:44`),
 * in the user's language and own time zone (a visit is an event of
 * the user's day, unlike an expiry, which is a date on Argentina's calendar).
 */
export function formatReadAt(readAt: string, locale: UiLocale, timeZone?: string): string {
  const at = Date.parse(readAt);
  if (!Number.isFinite(at)) return readAt;
  const tag = DATE_BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `dt|${tag}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
  ).format(at);
}

/** The user's calendar day of an instant, short (chart axis and summary). */
export function formatDayOf(at: number, locale: UiLocale, timeZone?: string): string {
  const tag = DATE_BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `d|${tag}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone }),
  ).format(at);
}
