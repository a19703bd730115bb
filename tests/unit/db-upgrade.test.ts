/**
 * Update and downgrade of the database (fake-indexeddb): the test-only v3 schema migrates
 * every record of a v2 database, and v2 code facing a v3 database refuses it clearly —
 * every query and every message fails with a "newer database" error and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DB_VERSION, isNewerDatabaseError, openDatabase } from '../../utils/background/db';
import { errorMessage } from '../../components/popup/data';
import { handleMessage } from '../../utils/background/dispatch';
import { reconcile } from '../../utils/background/reconcile';
import {
  carrierSender,
  messageDeps,
  popupSender,
  reading,
  reconcileDeps,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

const NOW = Date.parse('2026-06-01T15:00:00.000Z');

let counter = 0;
const uniqueName = () => `lk-upgrade-${++counter}-${Math.random()}`;

/** A v2 database filled through the real message handler. */
async function fillV2(name: string) {
  const db = openDatabase(name);
  const clock = { now: NOW };
  const deps = messageDeps(db, clock);
  const first = await handleMessage(
    {
      type: 'cs:reading',
      reading: reading(),
      path: '/consumos',
      readAt: new Date(NOW).toISOString(),
      page: ACCOUNT_PAGE,
    },
    carrierSender(),
    deps,
  );
  expect(first.ok).toBe(true);
  const second = await handleMessage(
    {
      type: 'ui:add-line',
      carrier: 'personal',
      msisdn: null,
      label: 'Mamá',
      expiresOn: '2026-06-20',
      balance: null,
    },
    popupSender(),
    deps,
  );
  expect(second.ok).toBe(true);
  const saved = await handleMessage(
    { type: 'ui:save-settings', settings: { reminderHour: 8 } },
    popupSender(),
    deps,
  );
  expect(saved.ok).toBe(true);
  const snapshot = {
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await db.settings.toArray(),
  };
  expect(db.verno).toBe(DB_VERSION);
  db.close();
  return snapshot;
}

describe('test-only schema v3 (update)', () => {
  it('migrates every line and reading, and keeps everything else', async () => {
    const name = uniqueName();
    const before = await fillV2(name);
    expect(before.lines).toHaveLength(2);
    expect(before.readings).toHaveLength(1);

    const v3 = openDatabase(name, { schemaV3: true });
    const lines = await v3.lines.toArray();
    const readings = await v3.readings.toArray();
    expect(v3.verno).toBe(3);
    expect(lines).toEqual(before.lines.map((line) => ({ ...line, tags: [] })));
    expect(readings).toEqual(before.readings.map((r) => ({ ...r, tags: [] })));
    expect(await v3.renewals.toArray()).toEqual(before.renewals);
    expect(await v3.settings.toArray()).toEqual(before.settings);
    v3.close();
  });
});

describe('downgrade: v2 code opening a v3 database', () => {
  it('refuses every query with a recognisable error', async () => {
    const name = uniqueName();
    await fillV2(name);
    const v3 = openDatabase(name, { schemaV3: true });
    await v3.open();
    v3.close();

    const v2 = openDatabase(name);
    const error = await v2.lines.toArray().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isNewerDatabaseError(error)).toBe(true);
    // Asking again fails again (no half-open state that lets a later write through).
    await expect(v2.settings.toArray()).rejects.toSatisfy(isNewerDatabaseError);
    v2.close();
  });

  it('the message handler and reconcile write nothing and say why', async () => {
    const name = uniqueName();
    await fillV2(name);
    const v3 = openDatabase(name, { schemaV3: true });
    await v3.open();
    const snapshot = {
      lines: await v3.lines.toArray(),
      readings: await v3.readings.toArray(),
      settings: await v3.settings.toArray(),
    };
    v3.close();

    fakeBrowser.reset();
    const v2 = openDatabase(name);
    const clock = { now: NOW + 60_000 };
    const deps = messageDeps(v2, clock);
    const replies = [
      await handleMessage(
        {
          type: 'cs:reading',
          reading: reading({ balance: { amount: 99, currency: 'ARS' } }),
          path: '/consumos',
          readAt: new Date(clock.now).toISOString(),
          page: ACCOUNT_PAGE,
        },
        carrierSender(),
        deps,
      ),
      await handleMessage(
        { type: 'ui:save-settings', settings: { reminderHour: 20 } },
        popupSender(),
        deps,
      ),
      await handleMessage({ type: 'ui:export-backup' }, popupSender(), deps),
    ];
    for (const reply of replies) {
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.error).toMatch(/^refused: database-newer/);
      // The popup turns it into its own sentence.
      expect(errorMessage(!reply.ok ? reply.error : '', (key) => key)).toBe(
        'popupErrDatabaseNewer',
      );
    }
    await expect(reconcile(reconcileDeps(v2, clock))).rejects.toSatisfy(isNewerDatabaseError);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    v2.close();

    const again = openDatabase(name, { schemaV3: true });
    expect(await again.lines.toArray()).toEqual(snapshot.lines);
    expect(await again.readings.toArray()).toEqual(snapshot.readings);
    expect(await again.settings.toArray()).toEqual(snapshot.settings);
    again.close();
  });
});
