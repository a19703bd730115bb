/**
 * Reminders that must not get lost or pile up: a step is marked delivered only once its
 * notification exists, many steps due at once make one summary, reconciles are coalesced,
 * and a changed time zone is noticed without a browser event.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import {
  onAlarm,
  onNotificationClicked,
  reconcile,
  type NotificationOptions,
} from '../../utils/background/reconcile';
import {
  ZONE_OFFSET_KEY,
  rememberZoneOffset,
  zoneChangedSinceReconcile,
} from '../../utils/background/zone-watch';
import { coalesce } from '../../utils/domain/list-snapshot';
import { offsetForTimeZone } from '../../utils/domain/time';
import { freshDb, line, notificationsShown, reconcileDeps, type Clock } from './background-helpers';

let db: LineKeeperDb;
let clock: Clock;

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  db = freshDb();
  // 2 May 2026, 12:00Z: 14:00 in Madrid, after the 10:00 reminders.
  clock = { now: Date.parse('2026-05-02T12:00:00Z') };
});

/** `count` lines expiring today, their date known long ago: each has its day-0 step due. */
async function dueLines(count: number) {
  await db.lines.bulkAdd(
    Array.from({ length: count }, (_, i) =>
      line({
        id: `d${i}`,
        label: `Line ${i}`,
        msisdn: `+54911555${String(10_000 + i)}`,
        expiresOn: '2026-05-02',
      }),
    ),
  );
}

describe('a reminder is marked delivered only once its notification exists', () => {
  it('a failing notification leaves the step undelivered; the next reconcile shows it once', async () => {
    await dueLines(1);
    let fail = true;
    const shown: string[] = [];
    const notifications = {
      create: vi.fn(async (id: string, _options: NotificationOptions) => {
        if (fail) throw new Error('notifications are off');
        shown.push(id);
        return id;
      }),
      clear: async () => true,
    };
    const deps = reconcileDeps(db, clock, undefined, { notifications, supportsButtons: false });
    expect((await reconcile(deps)).delivered).toEqual([]);
    expect((await db.lines.get('d0'))!.lastReminder).toBeNull();

    fail = false;
    clock.now += 60_000;
    expect((await reconcile(deps)).delivered.map((s) => s.lineId)).toEqual(['d0']);
    expect((await db.lines.get('d0'))!.lastReminder).toEqual({ expiresOn: '2026-05-02', lead: 0 });
    await reconcile(deps);
    expect(shown).toEqual(['lk:line:d0']);
  });

  it('two runs at once show each due step once', async () => {
    await dueLines(2);
    const deps = reconcileDeps(db, clock);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const runs = await Promise.all([reconcile(deps), reconcile(deps), reconcile(deps)]);
    expect(runs.flatMap((run) => run.delivered.map((s) => s.lineId)).sort()).toEqual(['d0', 'd1']);
    expect(create).toHaveBeenCalledTimes(2);
  });
});

describe('a reminder alarm stands for its own step', () => {
  it('fired a little early, it still delivers that step, once, and arms the next', async () => {
    clock.now = Date.parse('2026-05-01T12:00:00Z');
    await db.lines.add(line({ id: 'a', expiresOn: '2026-05-20', expiryKnownSince: clock.now }));
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    // One second before 10:00 in Madrid on the 13th, the step-7 alarm fires.
    clock.now = Date.parse('2026-05-13T07:59:59Z');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    expect(Object.keys(notificationsShown())).toEqual(['lk:line:a']);
    expect((await db.lines.get('a'))!.lastReminder).toEqual({ expiresOn: '2026-05-20', lead: 7 });
    const names = (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name);
    expect(names).toContain('lk:remind:a:2026-05-20:3');
    expect(names).not.toContain('lk:remind:a:2026-05-20:7');
    await fakeBrowser.notifications.clear('lk:line:a');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    expect(notificationsShown()).toEqual({});
  });

  it('an alarm of an old expiry or a deleted line shows nothing', async () => {
    await db.lines.add(line({ id: 'a', expiresOn: '2026-06-20', expiryKnownSince: clock.now }));
    const deps = reconcileDeps(db, clock);
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    await onAlarm('lk:remind:gone:2026-06-20:7', deps);
    expect(notificationsShown()).toEqual({});
  });
});

describe('many reminders at once', () => {
  it('more than 3 lines due at once make one summary notification', async () => {
    await dueLines(5);
    const deps = reconcileDeps(db, clock, undefined, {
      popupUrl: 'chrome-extension://x/popup.html',
    });
    const result = await reconcile(deps);
    expect(result.delivered).toHaveLength(5);
    const shown = notificationsShown();
    expect(Object.keys(shown)).toEqual(['lk:summary']);
    expect(shown['lk:summary']).toMatchObject({
      title: 'notifSummaryTitle(5)',
      message: 'notifSummaryBody(Line 0, Line 1, Line 2, Line 3, Line 4)',
    });
    for (let i = 0; i < 5; i++) {
      expect((await db.lines.get(`d${i}`))!.lastReminder).toEqual({
        expiresOn: '2026-05-02',
        lead: 0,
      });
    }
    expect((await reconcile(deps)).delivered).toEqual([]);

    const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
    await onNotificationClicked('lk:summary', deps);
    expect(tabs).toHaveBeenCalledWith({ url: 'chrome-extension://x/popup.html' });
  });

  it('names the first five and counts the rest', async () => {
    await dueLines(8);
    await reconcile(reconcileDeps(db, clock));
    expect(notificationsShown()['lk:summary']!.message).toBe(
      'notifSummaryBodyMore(Line 0, Line 1, Line 2, Line 3, Line 4|3)',
    );
  });

  it('three due at once stay three notifications', async () => {
    await dueLines(3);
    await reconcile(reconcileDeps(db, clock));
    expect(Object.keys(notificationsShown()).sort()).toEqual([
      'lk:line:d0',
      'lk:line:d1',
      'lk:line:d2',
    ]);
  });

  it('five reminder alarms firing together make one summary, through the worker’s one reconcile', async () => {
    await dueLines(5);
    const deps = reconcileDeps(db, clock);
    const run = coalesce(() => reconcile(deps));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => onAlarm(`lk:remind:d${i}:2026-05-02:0`, deps, run)),
    );
    expect(create).toHaveBeenCalledTimes(1);
    expect(Object.keys(notificationsShown())).toEqual(['lk:summary']);
  });
});

describe('coalesce: a flood of writes runs one reconcile at a time plus one queued', () => {
  it('runs at most two for any number of calls while one runs, the last after every call', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    let seen = 0;
    let writes = 0;
    const release: (() => void)[] = [];
    const task = coalesce(async () => {
      runs += 1;
      active += 1;
      maxActive = Math.max(maxActive, active);
      const sawWrites = writes;
      await new Promise<void>((resolve) => release.push(resolve));
      active -= 1;
      seen = sawWrites;
      return sawWrites;
    });
    const calls: Promise<number>[] = [];
    for (let i = 0; i < 100; i++) {
      writes += 1;
      calls.push(task());
    }
    await Promise.resolve();
    await Promise.resolve();
    release.shift()!();
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release.shift()!();
    const results = await Promise.all(calls);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    // The queued run started after the 100th write: every caller's change is in it.
    expect(seen).toBe(100);
    expect(results.slice(1).every((value) => value === 100)).toBe(true);
    // Idle again: the next call runs at once.
    const next = task();
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release.shift()!();
    expect(await next).toBe(100);
    expect(runs).toBe(3);
  });

  it('a failed run does not stop the queued one', async () => {
    let calls = 0;
    const task = coalesce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first fails');
      return calls;
    });
    const first = task();
    const second = task();
    await expect(first).rejects.toThrow('first fails');
    expect(await second).toBe(2);
  });
});

describe('time zone changes', () => {
  it('reconcile remembers its offset; a different offset later says "reconcile"', async () => {
    const storage = fakeBrowser.storage.local;
    const madrid = offsetForTimeZone('Europe/Madrid');
    const shanghai = offsetForTimeZone('Asia/Shanghai');
    // Nothing stored yet: the wake's own reconcile stores it.
    expect(await zoneChangedSinceReconcile(storage, madrid, clock.now)).toBe(false);
    await reconcile(reconcileDeps(db, clock, madrid, { storage }));
    expect(await storage.get(ZONE_OFFSET_KEY)).toEqual({ [ZONE_OFFSET_KEY]: 120 });
    expect(await zoneChangedSinceReconcile(storage, madrid, clock.now)).toBe(false);
    expect(await zoneChangedSinceReconcile(storage, shanghai, clock.now)).toBe(true);
    await rememberZoneOffset(storage, shanghai, clock.now);
    expect(await zoneChangedSinceReconcile(storage, shanghai, clock.now)).toBe(false);
  });

  it('the reconcile after a flight moves the reminder alarms to the new 10:00', async () => {
    await db.lines.add(line({ id: 'a', expiresOn: '2026-05-20', expiryKnownSince: clock.now }));
    const storage = fakeBrowser.storage.local;
    await reconcile(reconcileDeps(db, clock, offsetForTimeZone('Europe/Madrid'), { storage }));
    const madrid = (await fakeBrowser.alarms.getAll()).find((a) => a.name.startsWith('lk:remind'));
    expect(new Date(madrid!.scheduledTime).toISOString()).toBe('2026-05-13T08:00:00.000Z');
    const shanghai = offsetForTimeZone('Asia/Shanghai');
    expect(await zoneChangedSinceReconcile(storage, shanghai, clock.now)).toBe(true);
    await reconcile(reconcileDeps(db, clock, shanghai, { storage }));
    const moved = (await fakeBrowser.alarms.getAll()).find((a) => a.name.startsWith('lk:remind'));
    expect(new Date(moved!.scheduledTime).toISOString()).toBe('2026-05-13T02:00:00.000Z');
  });
});
