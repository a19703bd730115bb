import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  DB_VERSION,
  openDatabase,
  readingFingerprint,
  readSettings,
  STORES_V1,
} from '../../utils/background/db';
import { DEFAULT_SETTINGS, LineSchema, StoredReadingSchema } from '../../utils/domain/records';

/** A database exactly as version 1 of LineKeeper wrote it. */
async function createV1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(STORES_V1);
  await v1.table('lines').bulkAdd([
    {
      id: 'line-1',
      carrier: 'claro',
      msisdn: '+5491134567812',
      label: 'Trabajo',
      expiresOn: '2026-06-20',
      balance: { amount: 1500, currency: 'ARS' },
      balanceAt: '2026-05-01T12:00:00.000Z',
      lastReadingAt: '2026-05-01T12:00:00.000Z',
      lastReadingPath: '/consumos',
      source: 'page',
      lastRechargeOn: '2026-04-01',
      createdAt: '2026-04-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
    },
    {
      id: 'line-2',
      carrier: 'personal',
      msisdn: null,
      label: 'Mamá',
      expiresOn: null,
      balance: null,
      balanceAt: null,
      lastReadingAt: null,
      lastReadingPath: null,
      source: 'manual',
      lastRechargeOn: null,
      createdAt: '2026-04-01T12:00:00.000Z',
      updatedAt: '2026-04-01T12:00:00.000Z',
    },
  ]);
  await v1.table('readings').add({
    lineId: 'line-1',
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491134567812',
    balance: { amount: 1500, currency: 'ARS' },
    expiresOn: '2026-06-20',
    receipt: null,
    notes: [],
    path: '/consumos',
    readAt: '2026-05-01T12:00:00.000Z',
  });
  await v1.table('renewals').add({
    id: 'ren-1',
    lineId: 'line-1',
    carrier: 'claro',
    date: '2026-04-01',
    amount: 2000,
    currency: 'ARS',
    operationId: '000123',
    months: null,
    paymentMethod: null,
    note: '',
    source: 'receipt',
    createdAt: '2026-04-01T12:00:00.000Z',
  });
  await v1
    .table('settings')
    .put({ key: 'settings', value: { ...DEFAULT_SETTINGS, reminderHour: 8 } });
  v1.close();
}

describe('database versions', () => {
  it('upgrades version 1 data to the current version without losing a record', async () => {
    const name = `upgrade-${Math.random()}`;
    await createV1(name);
    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    const lines = await db.lines.orderBy('id').toArray();
    expect(lines).toHaveLength(2);
    // Every upgraded line is a valid current Line, with reminder fields defaulted.
    for (const line of lines) expect(LineSchema.safeParse(line).success).toBe(true);
    expect(lines[0]).toMatchObject({
      id: 'line-1',
      label: 'Trabajo',
      expiresOn: '2026-06-20',
      expirySource: 'page',
      expiryKnownSince: Date.parse('2026-05-01T12:00:00.000Z'),
      snoozedUntil: null,
      lastReminder: null,
      previousBalance: null,
      lastReadingKey: null,
    });
    expect(lines[1]).toMatchObject({ id: 'line-2', expiryKnownSince: null, expirySource: null });

    const readings = await db.readings.toArray();
    expect(readings).toHaveLength(1);
    expect(StoredReadingSchema.safeParse(readings[0]).success).toBe(true);
    expect(readings[0]!.fingerprint).toBe(readingFingerprint(readings[0]!));
    // The v2 indexes work on upgraded data.
    expect(
      await db.readings
        .where('[lineId+readAt]')
        .between(['line-1', Dexie.minKey], ['line-1', Dexie.maxKey])
        .count(),
    ).toBe(1);
    expect(await db.readings.where('fingerprint').equals(readings[0]!.fingerprint).count()).toBe(1);

    expect(await db.renewals.get('ren-1')).toMatchObject({ operationId: '000123', amount: 2000 });
    expect((await readSettings(db)).reminderHour).toBe(8);
    expect(await db.trash.count()).toBe(0);
    db.close();
  });

  it('a fresh database has default settings', async () => {
    const db = openDatabase(`fresh-${Math.random()}`);
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    db.close();
  });
});
