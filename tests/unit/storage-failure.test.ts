/**
 * Storage failures (fake-indexeddb with injected faults): a write that fails half-way
 * leaves nothing behind (every message is one transaction), the reply says why in words
 * the popup can localise, and the handler keeps answering afterwards — no crash, no loop.
 * The same in a real Chromium, with a really full disk and a really unusable database
 * folder: tests/e2e/trust-storage.spec.ts (the error shapes below are what it observed).
 */
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { errorMessage } from '../../components/popup/data';
import { openDatabase, type LineKeeperDb } from '../../utils/background/db';
import { handleMessage } from '../../utils/background/dispatch';
import { reconcile } from '../../utils/background/reconcile';
import type { Reading } from '../../utils/domain/records';
import {
  carrierSender,
  freshDb,
  messageDeps,
  popupSender,
  reading,
  reconcileDeps,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';
import { translatorFor } from '../support/i18n';

const NOW = Date.parse('2026-06-01T15:00:00.000Z');
const clock = { now: NOW };

interface Fault {
  /** Fail the n-th write (1-based) counted from now; 0 = never. */
  failAt: number;
  writes: string[];
  /** What the failing write rejects with. */
  error: () => DOMException;
}

/** Counts every add/put/delete the database performs and fails one (QuotaExceededError). */
function injectQuotaFault(db: LineKeeperDb): Fault {
  const fault: Fault = {
    failAt: 0,
    writes: [],
    error: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
  };
  db.use({
    stack: 'dbcore',
    name: 'quota-fault',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            fault.writes.push(`${req.type} ${name}`);
            if (fault.failAt > 0 && fault.writes.length === fault.failAt) {
              return Promise.reject(fault.error());
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return fault;
}

async function snapshot(db: LineKeeperDb) {
  return {
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await db.settings.toArray(),
  };
}

function send(db: LineKeeperDb, r: Reading, path = '/consumos') {
  return handleMessage(
    {
      type: 'cs:reading',
      reading: r,
      path,
      readAt: new Date(clock.now).toISOString(),
      page: ACCOUNT_PAGE,
    },
    carrierSender(),
    messageDeps(db, clock),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  clock.now = NOW;
});

describe('a write that fails half-way leaves nothing behind', () => {
  it('new number: the line is added, then the reading fails → neither is stored', async () => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    fault.failAt = 2;
    const reply = await send(db, reading());
    expect(fault.writes.slice(0, 2)).toEqual(['add lines', 'add readings']);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/^failed: storage-full: QuotaExceededError/);
    // The page still learns it, in words: the overlay's error card comes with the failure.
    const t = translatorFor('en');
    expect(!reply.ok && 'overlay' in reply && reply.overlay).toMatchObject({
      mode: 'error',
      title: { text: t('overlayErrorTitle'), mark: 'warn' },
      body: t('popupErrStorageFull'),
    });
    expect(await snapshot(db)).toEqual({ lines: [], readings: [], renewals: [], settings: [] });
  });

  it('known line: the reading is added, then updating the line fails → the reading is gone', async () => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    expect((await send(db, reading())).ok).toBe(true);
    const before = await snapshot(db);
    fault.writes = [];
    fault.failAt = 2;
    const reply = await send(db, reading({ balance: { amount: 42, currency: 'ARS' } }));
    expect(fault.writes.slice(0, 2)).toEqual(['add readings', 'put lines']);
    expect(reply.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('receipt: reading and line written, then the renewal fails → none of the three', async () => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    expect((await send(db, reading())).ok).toBe(true);
    const before = await snapshot(db);
    fault.writes = [];
    fault.failAt = 3;
    const receipt = reading({
      kind: 'receipt',
      balance: null,
      expiresOn: null,
      receipt: { amount: 2000, currency: 'ARS', operationId: '000123AB', date: '2026-06-01' },
    });
    const reply = await send(db, receipt, '/personas/recarga/ok');
    expect(fault.writes.slice(0, 3)).toEqual(['add readings', 'put lines', 'add renewals']);
    expect(reply.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('the popup says it in the user’s language, and the next message still works', async () => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    fault.failAt = 1;
    const reply = await handleMessage(
      { type: 'ui:save-settings', settings: { reminderHour: 7 } },
      popupSender(),
      messageDeps(db, clock),
    );
    expect(reply.ok).toBe(false);
    expect(errorMessage(!reply.ok ? reply.error : '', (key) => key)).toBe('popupErrStorageFull');
    expect(await db.settings.toArray()).toEqual([]);
    // Space freed: the same request succeeds; nothing was left half-done in between.
    fault.failAt = 0;
    const again = await handleMessage(
      { type: 'ui:save-settings', settings: { reminderHour: 7 } },
      popupSender(),
      messageDeps(db, clock),
    );
    expect(again).toMatchObject({ ok: true, settings: { reminderHour: 7 } });
  });
});

describe('IndexedDB unavailable', () => {
  function brokenFactory(): IDBFactory {
    return {
      open: () => {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      },
      deleteDatabase: () => {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      },
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
      databases: async () => [],
    } as unknown as IDBFactory;
  }

  it('every message is answered with an error, repeatedly; reconcile fails without writing', async () => {
    const db = openDatabase('lk-unavailable', { indexedDB: brokenFactory(), IDBKeyRange });
    const deps = messageDeps(db, clock);
    for (let i = 0; i < 3; i++) {
      const replies = await Promise.all([
        send(db, reading()),
        handleMessage({ type: 'ui:export-backup' }, popupSender(), deps),
        handleMessage(
          { type: 'ui:save-settings', settings: { reminderHour: 9 } },
          popupSender(),
          deps,
        ),
      ]);
      for (const reply of replies) {
        expect(reply.ok).toBe(false);
        expect(!reply.ok && reply.error).toMatch(/^failed: storage-failed: /);
      }
    }
    await expect(reconcile(reconcileDeps(db, clock))).rejects.toThrow();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});

describe('what Chromium really answers when its disk fills', () => {
  // Chromium 156 on a full disk (tests/e2e/trust-storage.spec.ts): the commit aborts
  // (AbortError, the IO error stays on the native transaction), or an auto-increment store
  // fails with this ConstraintError. Both are storage failures, not refusals.
  it.each([
    ['AbortError', 'The transaction was aborted, so the request cannot be fulfilled.'],
    ['ConstraintError', 'Maximum key generator value reached.'],
    ['UnknownError', 'Internal error opening backing store for indexedDB.open.'],
  ])('%s: the reply says storage failed, nothing is stored', async (name, message) => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    fault.error = () => new DOMException(message, name);
    fault.failAt = 2;
    const reply = await send(db, reading());
    expect(!reply.ok && reply.error).toMatch(/^failed: storage-failed: /);
    expect(await snapshot(db)).toEqual({ lines: [], readings: [], renewals: [], settings: [] });
  });

  it('the IO error text itself (FILE_ERROR_NO_SPACE) says the storage is full', async () => {
    const db = freshDb();
    const fault = injectQuotaFault(db);
    fault.error = () =>
      new DOMException(
        'Connection is closing because of: IO error: 000003.log: FILE_ERROR_NO_SPACE',
        'UnknownError',
      );
    fault.failAt = 1;
    const reply = await send(db, reading());
    expect(!reply.ok && reply.error).toMatch(/^failed: storage-full: /);
  });
});

describe('IndexedDB comes back', () => {
  it('after opens failed, the next message opens the database again and is stored', async () => {
    const state = { broken: true };
    // Opens fail the way Chromium's do while the disk is full, then work again.
    const factory = {
      open: (name: string, version?: number) => {
        if (state.broken) {
          throw new DOMException(
            'Internal error opening backing store for indexedDB.open.',
            'UnknownError',
          );
        }
        return indexedDB.open(name, version);
      },
      deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
      databases: () => indexedDB.databases(),
    } as unknown as IDBFactory;
    const db = openDatabase(`lk-comes-back-${Math.random()}`, {
      indexedDB: factory,
      IDBKeyRange,
    });
    for (let i = 0; i < 2; i++) {
      const reply = await send(db, reading());
      expect(!reply.ok && reply.error).toMatch(/^failed: storage-failed: /);
    }
    // Dexie alone would answer DatabaseClosedError forever from here (a failed open sticks).
    state.broken = false;
    expect((await send(db, reading())).ok).toBe(true);
    expect(await db.lines.count()).toBe(1);
    expect(await db.readings.count()).toBe(1);
  });
});
