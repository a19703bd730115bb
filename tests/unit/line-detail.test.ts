import { describe, expect, it } from 'vitest';
import {
  CHART_MAX_POINTS,
  balanceSeries,
  formatDayOf,
  formatReadAt,
  buildChart,
  historyRows,
  niceCeiling,
  receiptRows,
  sortRenewals,
  spendPerYear,
  thinSeries,
} from '../../utils/popup/line-detail';
import type { Renewal, StoredReading } from '../../utils/domain/records';

function reading(
  readAt: string,
  amount: number | null,
  extra: Partial<StoredReading> = {},
): StoredReading {
  return {
    lineId: 'line-1',
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491134567812',
    balance: amount === null ? null : { amount, currency: 'ARS' },
    expiresOn: '2026-06-30',
    receipt: null,
    notes: [],
    path: '/inicio',
    readAt,
    fingerprint: `${readAt}|${amount}`,
    ...extra,
  };
}

function renewal(date: string, amount: number | null, extra: Partial<Renewal> = {}): Renewal {
  return {
    id: `ren-${date}-${amount}`,
    lineId: 'line-1',
    carrier: 'claro',
    date,
    amount,
    currency: 'ARS',
    operationId: null,
    months: 1,
    paymentMethod: null,
    note: '',
    source: 'manual',
    createdAt: `${date}T12:00:00.000Z`,
    ...extra,
  };
}

describe('historyRows', () => {
  it('lists readings newest first with their values', () => {
    const rows = historyRows([
      reading('2026-01-02T10:00:00.000Z', 100, { id: 1 }),
      reading('2026-03-02T10:00:00.000Z', null, {
        id: 3,
        kind: 'receipt',
        path: '/recarga/ok',
        receipt: { amount: 500, currency: 'ARS', operationId: 'OP-9', date: '2026-03-02' },
      }),
      reading('2026-02-02T10:00:00.000Z', 80.5, { id: 2 }),
    ]);
    expect(rows.map((r) => r.key)).toEqual(['r3', 'r2', 'r1']);
    expect(rows[0]).toMatchObject({
      path: '/recarga/ok',
      kind: 'receipt',
      balance: null,
      operationId: 'OP-9',
      expiresOn: '2026-06-30',
    });
    expect(rows[1]!.balance).toBe(80.5);
  });

  it('keeps the incoming order for equal times and gives keys without ids', () => {
    const rows = historyRows([
      reading('2026-01-02T10:00:00.000Z', 1, { path: '/a' }),
      reading('2026-01-02T10:00:00.000Z', 2, { path: '/b' }),
    ]);
    expect(rows.map((r) => r.path)).toEqual(['/a', '/b']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it('handles no readings', () => {
    expect(historyRows([])).toEqual([]);
  });
});

describe('chart', () => {
  it('returns null when no reading has a balance', () => {
    expect(buildChart([])).toBeNull();
    expect(buildChart([reading('2026-01-01T00:00:00.000Z', null)])).toBeNull();
  });

  it('orders points oldest first, scales 0..nice max and reports min / max / last', () => {
    const chart = buildChart(
      [
        reading('2026-01-03T00:00:00.000Z', 300),
        reading('2026-01-01T00:00:00.000Z', 1234.56),
        reading('2026-01-02T00:00:00.000Z', 50),
        reading('2026-01-02T12:00:00.000Z', null),
      ],
      { width: 200, height: 100, padding: { top: 10, right: 10, bottom: 10, left: 10 } },
    )!;
    expect(chart.points.map((p) => p.amount)).toEqual([1234.56, 50, 300]);
    expect(chart.points.map((p) => p.x)).toEqual([10, 100, 190]);
    expect(chart.ticks).toEqual([
      { value: 0, y: 90 },
      { value: 2000, y: 10 },
    ]);
    expect(chart.min.amount).toBe(50);
    expect(chart.max.amount).toBe(1234.56);
    expect(chart.last.amount).toBe(300);
    expect(chart.first.amount).toBe(1234.56);
    expect(chart.readingCount).toBe(3);
    expect(chart.path).toMatch(/^M10 \d+(\.\d)? L100 \d+(\.\d)? L190 \d+(\.\d)?$/);
    expect(chart.area.endsWith('L190 90 L10 90 Z')).toBe(true);
    for (const p of chart.points) {
      expect(p.y).toBeGreaterThanOrEqual(10);
      expect(p.y).toBeLessThanOrEqual(90);
    }
  });

  it('puts a single reading in the middle, and a zero balance on the baseline', () => {
    const chart = buildChart([reading('2026-01-01T00:00:00.000Z', 0)], { width: 100, height: 50 })!;
    expect(chart.points).toHaveLength(1);
    expect(chart.points[0]!.x).toBe(50);
    expect(chart.points[0]!.y).toBe(chart.ticks[0]!.y);
    expect(chart.area).toBe('');
  });

  it('thins long series but keeps first, last and extremes', () => {
    const readings: StoredReading[] = [];
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    for (let i = 0; i < 5000; i++) {
      const amount = i === 2500 ? 99_999 : 100 + (i % 7);
      readings.push(reading(new Date(start + i * 3_600_000).toISOString(), amount));
    }
    const chart = buildChart(readings)!;
    expect(chart.points.length).toBeLessThanOrEqual(CHART_MAX_POINTS);
    expect(chart.points[0]!.at).toBe(start);
    expect(chart.points.at(-1)!.at).toBe(start + 4999 * 3_600_000);
    expect(chart.points.some((p) => p.amount === 99_999)).toBe(true);
    expect(chart.max.amount).toBe(99_999);
    expect(chart.readingCount).toBe(5000);
  });

  it('thinSeries leaves short series alone', () => {
    const s = [{ amount: 1 }, { amount: 2 }];
    expect(thinSeries(s, 10)).toEqual(s);
    expect(thinSeries([], 10)).toEqual([]);
  });

  it('balanceSeries skips readings without a balance or with a bad time', () => {
    expect(
      balanceSeries([
        { readAt: 'nope', balance: { amount: 1, currency: 'ARS' } },
        { readAt: '2026-01-01T00:00:00.000Z', balance: null },
        { readAt: '2026-01-01T00:00:00.000Z', balance: { amount: 2, currency: 'ARS' } },
      ]),
    ).toEqual([{ at: Date.parse('2026-01-01T00:00:00.000Z'), amount: 2 }]);
  });

  it('niceCeiling rounds up to 1, 2, 2.5, 5 × 10ⁿ', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(1.2)).toBe(2);
    expect(niceCeiling(2100)).toBe(2500);
    expect(niceCeiling(2600)).toBe(5000);
    expect(niceCeiling(7000)).toBe(10000);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
  });
});

describe('spendPerYear', () => {
  it('sums renewals per calendar year, latest year first, without float drift', () => {
    const spend = spendPerYear([
      renewal('2025-12-31', 0.1),
      renewal('2025-01-01', 0.2),
      renewal('2026-01-01', 1500),
      renewal('2026-03-10', null),
      renewal('2026-06-10', 2000.5),
    ]);
    expect(spend).toEqual([
      { year: 2026, total: 3500.5, count: 3, withoutAmount: 1 },
      { year: 2025, total: 0.3, count: 2, withoutAmount: 0 },
    ]);
  });

  it('is empty without renewals', () => {
    expect(spendPerYear([])).toEqual([]);
  });
});

describe('renewals and receipts', () => {
  it('sorts renewals newest first, ties by when they were recorded', () => {
    const a = renewal('2026-01-01', 1, { id: 'a', createdAt: '2026-01-01T10:00:00.000Z' });
    const b = renewal('2026-01-01', 2, { id: 'b', createdAt: '2026-01-01T11:00:00.000Z' });
    const c = renewal('2025-05-01', 3, { id: 'c' });
    expect(sortRenewals([c, a, b]).map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });

  it('lists only renewals with an operation id as receipts', () => {
    const rows = receiptRows([
      renewal('2026-01-01', 1, { id: 'a', operationId: 'OP-1', source: 'receipt' }),
      renewal('2026-02-01', 2, { id: 'b' }),
      renewal('2026-03-01', 3, { id: 'c', operationId: 'OP-3' }),
    ]);
    expect(rows.map((r) => r.operationId)).toEqual(['OP-3', 'OP-1']);
  });
});

describe('dates of readings', () => {
  it('formats the reading time in the user’s zone and language', () => {
    const iso = '2026-03-31T20:05:00.000Z';
    expect(formatReadAt(iso, 'en', 'Asia/Shanghai')).toBe('01/04/2026, 04:05');
    expect(formatReadAt(iso, 'es', 'America/Argentina/Buenos_Aires')).toBe('31/03/2026, 17:05');
    expect(formatReadAt(iso, 'zh_CN', 'Asia/Shanghai')).toBe('2026/04/01 04:05');
    expect(formatReadAt('garbage', 'en')).toBe('garbage');
    expect(formatDayOf(Date.parse(iso), 'en', 'UTC')).toBe('31 Mar 2026');
  });
});
