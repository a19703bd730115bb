/**
 * Benchmark data: many lines and their reading history, written straight into a Dexie
 * database (fake-indexeddb in Node), shaped exactly like the background stores them.
 */
import { CARRIER_IDS } from '../../utils/carriers';
import { readingFingerprint, type LineKeeperDb } from '../../utils/background/db';
import type { Line, StoredReading } from '../../utils/domain/records';
import { addDays, todayInBuenosAires } from '../../utils/domain/time';

export function benchLines(count: number, now: number): Line[] {
  const today = todayInBuenosAires(now);
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) {
    const hasExpiry = i % 5 !== 0;
    lines.push({
      id: `line-${i}`,
      carrier: CARRIER_IDS[i % CARRIER_IDS.length]!,
      msisdn: `+54911${String(10_000_000 + i).padStart(8, '0')}`,
      label: i % 7 === 0 ? `Línea ${i}` : '',
      expiresOn: hasExpiry ? addDays(today, (i % 120) - 10) : null,
      expirySource: hasExpiry ? 'page' : null,
      expiryKnownSince: now - 200 * 86_400_000,
      balance: { amount: i * 10, currency: 'ARS' },
      previousBalance: null,
      balanceAt: new Date(now).toISOString(),
      lastReadingAt: new Date(now).toISOString(),
      lastReadingPath: '/consumos',
      lastReadingKey: null,
      source: 'page',
      lastRechargeOn: hasExpiry ? null : addDays(today, -(i % 170)),
      snoozedUntil: i % 50 === 0 ? now + 3_600_000 : null,
      lastReminder: null,
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    });
  }
  return lines;
}

export function benchReadings(lines: readonly Line[], count: number, now: number): StoredReading[] {
  const readings: StoredReading[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i % lines.length]!;
    const reading = {
      lineId: line.id,
      carrier: line.carrier,
      kind: 'account' as const,
      msisdn: line.msisdn,
      balance: { amount: i, currency: 'ARS' as const },
      expiresOn: line.expiresOn,
      receipt: null,
      notes: [],
      path: '/consumos',
      readAt: new Date(now - i * 60_000).toISOString(),
    };
    readings.push({ ...reading, fingerprint: readingFingerprint(reading) });
  }
  return readings;
}

/** Fills `db` with `lineCount` lines and `readingCount` readings; returns the lines. */
export async function fillBenchDatabase(
  db: LineKeeperDb,
  lineCount: number,
  readingCount: number,
  now: number,
): Promise<Line[]> {
  const lines = benchLines(lineCount, now);
  await db.lines.bulkAdd(lines);
  await db.readings.bulkAdd(benchReadings(lines, readingCount, now));
  return lines;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
