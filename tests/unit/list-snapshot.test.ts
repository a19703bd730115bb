/**
 * The popup's list snapshot: what the background writes after each change, what the popup
 * accepts (anything else falls back to the database), and the pieces that keep it current.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import {
  LIST_SNAPSHOT_KEY,
  buildListSnapshot,
  oneAtATime,
  parseListSnapshot,
  sameListSnapshot,
} from '../../utils/domain/list-snapshot';
import { handleMessage, type MessageDeps } from '../../utils/background/dispatch';
import { writeListSnapshot } from '../../utils/background/reconcile';
import { DEFAULT_SETTINGS, LIST_SNAPSHOT_MAX_LINES } from '../../utils/domain/records';
import {
  carrierSender,
  freshDb,
  line,
  messageDeps,
  popupSender,
  reading,
  type Clock,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

// 2026-05-10 12:00 in Buenos Aires.
const NOW = Date.UTC(2026, 4, 10, 15, 0);

const lines = [
  line({ id: 'later', msisdn: '+5491100000001', expiresOn: '2026-06-01' }),
  line({ id: 'none', msisdn: '+5491100000002', expiresOn: null }),
  line({
    id: 'expired',
    msisdn: '+5491100000003',
    expiresOn: '2026-05-01',
    balance: { amount: 12.5, currency: 'ARS' },
    lastReadingAt: '2026-05-10T14:00:00.000Z',
    lastReadingPath: '/inicio',
    lastReadingHost: 'm-miclaro.claro.com.ar',
  }),
];

describe('buildListSnapshot', () => {
  it('keeps the count, the leads and the most urgent lines first, with only what a row shows', () => {
    const snapshot = buildListSnapshot(lines, DEFAULT_SETTINGS, NOW);
    expect(snapshot.count).toBe(3);
    expect(snapshot.leadDays).toEqual([7, 3, 1, 0]);
    expect(snapshot.lines.map((l) => l.id)).toEqual(['expired', 'later', 'none']);
    expect(snapshot.lines[0]).toEqual({
      id: 'expired',
      carrier: 'claro',
      msisdn: '+5491100000003',
      label: '',
      expiresOn: '2026-05-01',
      lastRechargeOn: null,
      balance: { amount: 12.5, currency: 'ARS' },
      lastReadingAt: '2026-05-10T14:00:00.000Z',
      lastReadingPath: '/inicio',
      lastReadingHost: 'm-miclaro.claro.com.ar',
      snoozedUntil: null,
      // A page date waiting for the user's word shows on the row ("keep which?").
      heldExpiry: null,
    });
    // Reminder bookkeeping and history stay in the database.
    expect(snapshot.lines[0]).not.toHaveProperty('lastReminder');
  });

  it('holds the first screenful of a long list, and counts them all', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      line({ id: `l${i}`, msisdn: `+54911${String(10_000_000 + i)}`, expiresOn: '2026-07-01' }),
    );
    const snapshot = buildListSnapshot(many, DEFAULT_SETTINGS, NOW);
    expect(snapshot.count).toBe(500);
    expect(snapshot.lines).toHaveLength(LIST_SNAPSHOT_MAX_LINES);
    expect(parseListSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });
});

describe('parseListSnapshot', () => {
  const good = () => JSON.parse(JSON.stringify(buildListSnapshot(lines, DEFAULT_SETTINGS, NOW)));

  it('accepts what the background wrote', () => {
    expect(parseListSnapshot(good())).toEqual(buildListSnapshot(lines, DEFAULT_SETTINGS, NOW));
  });

  it.each([
    ['nothing stored', undefined],
    ['another format version', { ...good(), version: 2 }],
    ['a line without its id', { ...good(), lines: [{ ...good().lines[0], id: undefined }] }],
    ['a made-up carrier', { ...good(), lines: [{ ...good().lines[0], carrier: 'acme' }] }],
    ['a negative count', { ...good(), count: -1 }],
    ['a string', 'corrupt'],
    [
      'more lines than a snapshot holds',
      {
        ...good(),
        lines: Array.from({ length: LIST_SNAPSHOT_MAX_LINES + 1 }, () => good().lines[0]),
      },
    ],
  ])('refuses %s (the popup then waits for the database)', (_name, value) => {
    expect(parseListSnapshot(value)).toBeNull();
  });
});

describe('sameListSnapshot', () => {
  it('tells an up-to-date snapshot from a stale or missing one', () => {
    const snapshot = buildListSnapshot(lines, DEFAULT_SETTINGS, NOW);
    const parsed = parseListSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(sameListSnapshot(snapshot, parsed)).toBe(true);
    const renamed = buildListSnapshot(
      [{ ...lines[0]!, label: 'Mamá' }, ...lines.slice(1)],
      DEFAULT_SETTINGS,
      NOW,
    );
    expect(sameListSnapshot(renamed, snapshot)).toBe(false);
    expect(
      sameListSnapshot(buildListSnapshot(lines.slice(1), DEFAULT_SETTINGS, NOW), snapshot),
    ).toBe(false);
    expect(sameListSnapshot(snapshot, null)).toBe(false);
  });
});

describe('the language in the snapshot', () => {
  it('carries the language setting, so the popup paints in it from its first read', () => {
    const chinese = buildListSnapshot(lines, { ...DEFAULT_SETTINGS, language: 'zh_CN' }, NOW);
    expect(chinese.language).toBe('zh_CN');
    expect(parseListSnapshot(JSON.parse(JSON.stringify(chinese)))?.language).toBe('zh_CN');
    // A change of language makes the old snapshot stale (the background rewrites it).
    expect(sameListSnapshot(buildListSnapshot(lines, DEFAULT_SETTINGS, NOW), chinese)).toBe(false);
  });

  it('reads a snapshot written before the language was kept as following the browser', () => {
    const { language: _none, ...older } = buildListSnapshot(lines, DEFAULT_SETTINGS, NOW);
    const parsed = parseListSnapshot(older);
    expect(parsed).not.toBeNull();
    expect(parsed!.language).toBeUndefined();
    expect(sameListSnapshot(parsed, buildListSnapshot(lines, DEFAULT_SETTINGS, NOW))).toBe(true);
  });
});

describe('oneAtATime', () => {
  it('runs in call order, one at a time, and goes on after a failure', async () => {
    const events: string[] = [];
    let n = 0;
    const run = oneAtATime(async () => {
      const id = ++n;
      events.push(`start ${id}`);
      await new Promise((resolve) => setTimeout(resolve, id === 1 ? 20 : 1));
      events.push(`end ${id}`);
      if (id === 2) throw new Error('boom');
      return id;
    });
    const results = await Promise.allSettled([run(), run(), run()]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('the background keeps it', () => {
  let db: LineKeeperDb;
  let clock: Clock;
  let deps: MessageDeps;

  beforeEach(() => {
    fakeBrowser.reset();
    db = freshDb();
    clock = { now: NOW };
    const refresh = () => writeListSnapshot(db, fakeBrowser.storage.local, clock.now);
    deps = { ...messageDeps(db, clock, refresh), refreshListSnapshot: refresh };
  });

  const stored = async () =>
    parseListSnapshot((await fakeBrowser.storage.local.get(LIST_SNAPSHOT_KEY))[LIST_SNAPSHOT_KEY]);

  it('writes the database as it is now into storage.local', async () => {
    await db.lines.bulkAdd(lines);
    const written = await writeListSnapshot(db, fakeBrowser.storage.local, NOW);
    expect(await stored()).toEqual(written);
    expect(written.lines.map((l) => l.id)).toEqual(['expired', 'later', 'none']);
  });

  it('after a reading, the snapshot says when and on which site the line was read', async () => {
    const reply = await handleMessage(
      {
        type: 'cs:reading',
        reading: reading(),
        path: '/consumos',
        readAt: new Date(NOW).toISOString(),
        page: ACCOUNT_PAGE,
      },
      carrierSender('https://m-miclaro.claro.com.ar/consumos?token=secret'),
      deps,
    );
    expect(reply).toMatchObject({ ok: true, outcome: 'saved' });
    const [saved] = await db.readings.toArray();
    expect(saved).toMatchObject({ path: '/consumos', host: 'm-miclaro.claro.com.ar' });
    expect((await stored())!.lines[0]).toMatchObject({
      msisdn: '+5491134567812',
      lastReadingPath: '/consumos',
      lastReadingHost: 'm-miclaro.claro.com.ar',
      lastReadingAt: new Date(NOW).toISOString(),
    });
  });

  it('the popup can ask for a fresh one when it found the snapshot stale', async () => {
    await db.lines.bulkAdd(lines);
    expect(await stored()).toBeNull();
    const reply = await handleMessage({ type: 'ui:refresh-list-snapshot' }, popupSender(), deps);
    expect(reply).toEqual({ ok: true });
    expect((await stored())!.count).toBe(3);
    // Only extension pages may ask.
    const refused = await handleMessage(
      { type: 'ui:refresh-list-snapshot' },
      carrierSender(),
      deps,
    );
    expect(refused.ok).toBe(false);
  });
});
