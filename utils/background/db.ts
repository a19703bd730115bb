/**
 * The IndexedDB database (Dexie). Only the background worker writes it; the popup reads it
 * with liveQuery. Versions are append-only: never edit a shipped version's stores, add a
 * new version with an upgrade that keeps every record (tests/unit/db.test.ts opens v1 data).
 *
 * Version history
 * - v1: lines, readings, renewals, settings.
 * - v2: reminder bookkeeping on lines (expiryKnownSince, snoozedUntil, lastReminder,
 *       previousBalance, lastReadingKey; filled with defaults), a [lineId+readAt] index for
 *       one line's history, a fingerprint index for unassigned readings, and a `trash`
 *       table that keeps deleted lines for undo.
 * - v3 (TEST BUILDS ONLY, never shipped): `tags: []` on every line and reading. It exists so
 *   the update/downgrade e2e test (tests/e2e/trust-update.spec.ts) can build a "newer
 *   LineKeeper" from this same source: `LINEKEEPER_TEST_SCHEMA_V3=1` makes wxt.config.ts
 *   define `__LK_TEST_SCHEMA_V3__`, and unit tests pass `{ schemaV3: true }`.
 *
 * A database written by a newer version (a downgrade) is refused, never used: Dexie 4 would
 * otherwise reopen it at the installed version and let old code write into it.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import { DB_NEWER_ERROR } from '../domain/error-text';
import { inErrorChain } from './storage-errors';
import type { Backup } from '../domain/backup-format';
import {
  DEFAULT_SETTINGS,
  type Line,
  type Renewal,
  type Settings,
  type StoredReading,
} from '../domain/records';

export const DB_NAME = 'linekeeper';

/** Stores of version 1, exported so the upgrade test can create genuine v1 databases. */
export const STORES_V1 = {
  lines: 'id, carrier, msisdn, [carrier+msisdn]',
  readings: '++id, lineId, carrier, readAt',
  renewals: 'id, lineId, carrier, date, [carrier+operationId]',
  settings: 'key',
} as const;

export const STORES_V2 = {
  ...STORES_V1,
  readings: '++id, lineId, carrier, readAt, [lineId+readAt], fingerprint',
  trash: 'id, deletedAt',
} as const;

export const DB_VERSION = 2;

/** Set only by the test build (wxt.config.ts `vite.define`); undefined in shipped code. */
declare const __LK_TEST_SCHEMA_V3__: boolean | undefined;
const TEST_SCHEMA_V3 = typeof __LK_TEST_SCHEMA_V3__ !== 'undefined' && __LK_TEST_SCHEMA_V3__;

/**
 * True when `error` says the stored database was written by a newer LineKeeper (Dexie's or
 * IndexedDB's VersionError, possibly wrapped by Dexie as an open failure's `inner`).
 */
export function isNewerDatabaseError(error: unknown): boolean {
  return inErrorChain(
    error,
    (name, message) =>
      name === 'VersionError' || (typeof message === 'string' && message.includes(DB_NEWER_ERROR)),
  );
}

/**
 * Lets a database whose open failed try again. Dexie remembers a failed open and rejects
 * every later query with it (DatabaseClosedError) until someone calls open() again; in a
 * long-lived worker that turns a passing failure into a permanent one. Seen in Chromium:
 * a full disk makes IndexedDB close the connection ("IO error … FILE_ERROR_NO_SPACE"), the
 * reopen fails ("Internal error opening backing store"), and after space was freed the
 * worker still failed every message (tests/e2e/trust-storage.spec.ts). Called before each
 * message and each reconcile: an open that fails again is reported by the query that
 * follows; a newer database is refused again by the `ready` check below.
 */
export function reopenIfFailed(db: Dexie): void {
  if (db.isOpen() || !db.hasFailed()) return;
  db.open().catch(() => undefined);
}

export interface SettingsRecord {
  key: 'settings';
  value: Settings;
}

/** A deleted line with everything that belonged to it, kept so "undo" can restore it. */
export interface TrashRecord {
  id: string;
  deletedAt: string;
  line: Line;
  readings: StoredReading[];
  renewals: Renewal[];
}

export type LineKeeperDb = Dexie & {
  lines: EntityTable<Line, 'id'>;
  readings: Table<StoredReading, number>;
  renewals: EntityTable<Renewal, 'id'>;
  settings: EntityTable<SettingsRecord, 'key'>;
  trash: EntityTable<TrashRecord, 'id'>;
};

/** Opens (lazily, on first query) the database; `name` lets tests use a fresh one each. */
export function openDatabase(
  name: string = DB_NAME,
  options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; schemaV3?: boolean },
): LineKeeperDb {
  const { schemaV3 = TEST_SCHEMA_V3, ...dexieOptions } = options ?? {};
  const db = new Dexie(name, dexieOptions) as LineKeeperDb;
  db.version(1).stores(STORES_V1);
  db.version(2)
    .stores(STORES_V2)
    .upgrade(async (tx) => {
      await tx
        .table('lines')
        .toCollection()
        .modify((line: Record<string, unknown>) => {
          const updatedAt = typeof line.updatedAt === 'string' ? Date.parse(line.updatedAt) : NaN;
          if (line.expiryKnownSince === undefined) {
            // Reminders already due when the upgrade ran must not all fire at once.
            line.expiryKnownSince =
              line.expiresOn || line.lastRechargeOn
                ? Number.isFinite(updatedAt)
                  ? updatedAt
                  : 0
                : null;
          }
          if (line.snoozedUntil === undefined) line.snoozedUntil = null;
          if (line.lastReminder === undefined) line.lastReminder = null;
          if (line.previousBalance === undefined) line.previousBalance = null;
          if (line.lastReadingKey === undefined) line.lastReadingKey = null;
          if (line.expirySource === undefined) line.expirySource = line.expiresOn ? 'page' : null;
        });
      await tx
        .table('readings')
        .toCollection()
        .modify((reading: Record<string, unknown>) => {
          if (typeof reading.fingerprint !== 'string') {
            reading.fingerprint = readingFingerprint(reading as unknown as FingerprintInput);
          }
        });
    });
  if (schemaV3) {
    db.version(3)
      .stores(STORES_V2)
      .upgrade(async (tx) => {
        const addTags = (record: Record<string, unknown>) => {
          if (!Array.isArray(record.tags)) record.tags = [];
        };
        await tx.table('lines').toCollection().modify(addTags);
        await tx.table('readings').toCollection().modify(addTags);
      });
  }
  const declared = schemaV3 ? 3 : DB_VERSION;
  // Dexie 4 answers IndexedDB's VersionError by reopening at the installed (newer) version;
  // refuse that here, before any query runs: old code must not read or write newer data.
  db.on('ready', (opened) => {
    // Dexie's verno stays at the declared version; the native one is ten times Dexie's.
    const stored = opened.backendDB().version / 10;
    if (stored > declared) {
      const error = new Error(
        `${DB_NEWER_ERROR}: stored version ${stored} is newer than this code's ${declared}`,
      );
      error.name = 'VersionError';
      throw error;
    }
  });
  return db;
}

type FingerprintInput = Pick<
  StoredReading,
  | 'carrier'
  | 'kind'
  | 'msisdn'
  | 'balance'
  | 'expiresOn'
  | 'receipt'
  | 'msisdnTail'
  | 'expiryChoices'
>;

/** What makes two readings "the same": the values read, not the time or the page. */
export function readingFingerprint(reading: FingerprintInput): string {
  const values: unknown[] = [
    reading.carrier ?? null,
    reading.kind ?? null,
    reading.msisdn ?? null,
    reading.balance?.amount ?? null,
    reading.expiresOn ?? null,
    reading.receipt
      ? [reading.receipt.operationId, reading.receipt.amount, reading.receipt.date]
      : null,
  ];
  // Only when present, so readings stored before tails existed keep their fingerprints.
  if (reading.msisdnTail) values.push(reading.msisdnTail);
  // Likewise: the page's competing expiries make a reading of their own (it asks a question).
  if (reading.expiryChoices?.length) values.push({ choices: reading.expiryChoices });
  return JSON.stringify(values);
}

/** The user's settings, defaults filled in for anything missing or unreadable. */
export async function readSettings(db: LineKeeperDb): Promise<Settings> {
  const record = await db.settings.get('settings');
  return { ...DEFAULT_SETTINGS, ...(record?.value ?? {}) };
}

/**
 * The whole database as a backup file, read in one transaction. The background answers
 * ui:export-backup with it; the popup reads it itself (it may read the database), so an
 * export never has to fit in one runtime message (Chrome's cap is 64 MiB of JSON).
 */
export async function readBackup(db: LineKeeperDb, now: number): Promise<Backup> {
  return db.transaction('r', [db.lines, db.readings, db.renewals, db.settings], async () => ({
    format: 'linekeeper-backup' as const,
    version: 1 as const,
    exportedAt: new Date(now).toISOString(),
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await readSettings(db),
  }));
}
