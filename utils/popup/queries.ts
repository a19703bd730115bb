/**
 * Every read the popup makes of the database, as plain functions of the database. The
 * popup only reads (the background is the one writer); its views run these inside Dexie
 * live queries (components/popup/data.ts), so the background's writes show up by themselves.
 */
import { Dexie } from 'dexie';
import { readSettings, type LineKeeperDb } from '../background/db';
import type { Line, Renewal, Settings, StoredReading } from '../domain/records';

/** The list: every line and the settings (for the reminder leads). */
export async function readListData(
  db: LineKeeperDb,
): Promise<{ lines: Line[]; settings: Settings }> {
  const [lines, settings] = await Promise.all([db.lines.toArray(), readSettings(db)]);
  return { lines, settings };
}

/**
 * Readings waiting for a line, newest first, read in the last `lookbackDays`. IndexedDB
 * does not index null, so this scans only recent readings by their readAt index.
 */
export function readUnassigned(
  db: LineKeeperDb,
  now: number,
  lookbackDays: number,
  limit: number,
): Promise<StoredReading[]> {
  return db.readings
    .where('readAt')
    .above(new Date(now - lookbackDays * 86_400_000).toISOString())
    .reverse()
    .filter((reading) => reading.lineId === null)
    .limit(limit)
    .toArray();
}

export interface LineDetailData {
  line: Line | null;
  /** Newest first, at most `limit`. */
  readings: StoredReading[];
  renewals: Renewal[];
}

/** One line with its newest `limit` readings and all its renewals. */
export async function readLineDetail(
  db: LineKeeperDb,
  lineId: string,
  limit: number,
): Promise<LineDetailData> {
  const [line, readings, renewals] = await Promise.all([
    db.lines.get(lineId),
    db.readings
      .where('[lineId+readAt]')
      .between([lineId, Dexie.minKey], [lineId, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray(),
    db.renewals.where('lineId').equals(lineId).toArray(),
  ]);
  return { line: line ?? null, readings, renewals };
}

/** A line's renewals (for "last time: $ 2.000" when recharging; few per line). */
export function readRenewals(db: LineKeeperDb, lineId: string): Promise<Renewal[]> {
  return db.renewals.where('lineId').equals(lineId).toArray();
}

export { readSettings };
