import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import {
  onAlarm,
  onNotificationButtonClicked,
  onNotificationClicked,
  reconcile,
} from '../../utils/background/reconcile';
import { BADGE_AMBER, BADGE_RED } from '../../utils/domain/reminders';
import { DEFAULT_SETTINGS } from '../../utils/domain/records';
import { offsetForTimeZone } from '../../utils/domain/time';
import { localizerFor } from '../../utils/background/localizer';
import { resolveLocale, type UiLocale } from '../../utils/domain/i18n';
import { catalogFor } from '../support/i18n';
import {
  freshDb,
  line,
  notificationsShown,
  reconcileDeps,
  snapshot,
  type Clock,
} from './background-helpers';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: LineKeeperDb;
let clock: Clock;

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  db = freshDb();
  clock = { now: at('2026-05-01T12:00:00Z') };
});

async function alarmTimes(): Promise<Record<string, string>> {
  const alarms = await fakeBrowser.alarms.getAll();
  return Object.fromEntries(
    alarms.map((alarm) => [alarm.name, new Date(alarm.scheduledTime).toISOString()]),
  );
}

/** Three lines whose dates LineKeeper learnt "now" (1 May 2026, 12:00Z). */
async function seed() {
  const expiryKnownSince = clock.now;
  await db.lines.bulkAdd([
    line({ id: 'a', expiresOn: '2026-05-20', label: 'Trabajo', expiryKnownSince }),
    line({
      id: 'b',
      msisdn: '+5493516123456',
      carrier: 'personal',
      expiresOn: '2026-05-04',
      expiryKnownSince,
    }),
    line({
      id: 'c',
      msisdn: null,
      label: 'Mamá',
      carrier: 'movistar',
      lastRechargeOn: '2025-11-20',
      expiryKnownSince,
    }),
  ]);
}

async function seedLineA() {
  await db.lines.add(line({ id: 'a', expiresOn: '2026-05-20', expiryKnownSince: clock.now }));
}

describe('reconcile', () => {
  it('arms one alarm per line and sets the badge for the most urgent one', async () => {
    await seed();
    const result = await reconcile(reconcileDeps(db, clock));
    expect(await alarmTimes()).toEqual({
      // Madrid, UTC+2 in May: 10:00 local = 08:00Z
      'lk:remind:a:2026-05-20:7': '2026-05-13T08:00:00.000Z',
      'lk:remind:b:2026-05-04:1': '2026-05-03T08:00:00.000Z',
      // estimated: 2025-11-20 + 180 days
      'lk:remind:c:2026-05-19:7': '2026-05-12T08:00:00.000Z',
      'lk:midnight': '2026-05-02T03:00:00.000Z',
    });
    expect(result.delivered).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([242, 153, 0, 255]);
    expect(await fakeBrowser.action.getTitle({})).toBe(
      'badgeTitle(Personal +54 9 351 612-3456|2026-05-04)',
    );
    expect(BADGE_AMBER).toBe('#f29900');
  });

  it('is idempotent: a second run changes nothing', async () => {
    await seed();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    const before = { db: await snapshot(db), alarms: await alarmTimes() };
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const clear = vi.spyOn(fakeBrowser.alarms, 'clear');
    const second = await reconcile(deps);
    expect(second.alarmsCreated).toEqual([]);
    expect(second.alarmsCleared).toEqual([]);
    expect(second.delivered).toEqual([]);
    expect(create).not.toHaveBeenCalled();
    expect(clear).not.toHaveBeenCalled();
    expect({ db: await snapshot(db), alarms: await alarmTimes() }).toEqual(before);
  });

  it('restores wiped alarms with the same times', async () => {
    await seed();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    const armed = await alarmTimes();
    await fakeBrowser.alarms.clearAll();
    await reconcile(deps);
    expect(await alarmTimes()).toEqual(armed);
  });

  it('removes alarms of deleted and changed lines, leaves foreign alarms alone', async () => {
    await seed();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    await fakeBrowser.alarms.create('someone-else', { when: clock.now + DAY });
    await db.lines.delete('b');
    await db.lines.update('a', { expiresOn: '2026-06-30' });
    const result = await reconcile(deps);
    expect(result.alarmsCleared.sort()).toEqual([
      'lk:remind:a:2026-05-20:7',
      'lk:remind:b:2026-05-04:1',
    ]);
    expect(Object.keys(await alarmTimes()).sort()).toEqual([
      'lk:midnight',
      'lk:remind:a:2026-06-30:7',
      'lk:remind:c:2026-05-19:7',
      'someone-else',
    ]);
  });

  it('a week with the browser closed: exactly one catch-up notification per line', async () => {
    await seed();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    // Closed from 1 May to 18 May: a: steps 7 and 3 passed; b expired; c (estimated 19 May): 7, 3, 1.
    clock.now = at('2026-05-18T12:00:00Z');
    const result = await reconcile(deps);
    expect(result.delivered.map((s) => [s.lineId, s.lead]).sort()).toEqual([
      ['a', 3],
      ['b', 0],
      ['c', 1],
    ]);
    const shown = notificationsShown();
    expect(Object.keys(shown).sort()).toEqual(['lk:line:a', 'lk:line:b', 'lk:line:c']);
    expect(shown['lk:line:a']).toMatchObject({
      type: 'basic',
      iconUrl: 'chrome-extension://test-extension-id/icon/128.png',
      title: 'notifTitle(Trabajo|Claro)',
      message: 'notifBodyDays(2026-05-20|2)',
      buttons: [{ title: 'notifRemindTomorrow' }],
    });
    // An expired line's reminder says what it can still do, what to do, and whom to call.
    expect(shown['lk:line:b']!.message).toBe(
      'notifBodyExpired(2026-05-04) notifGuideExpired notifHelp(helpFromCarrierLine(*111|Personal))',
    );
    expect(shown['lk:line:c']!.message).toBe('notifBodyTomorrow(2026-05-19) notifEstimated');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([217, 48, 37, 255]);
    expect(BADGE_RED).toBe('#d93025');

    await fakeBrowser.notifications.clear('lk:line:a');
    const again = await reconcile(deps);
    expect(again.delivered).toEqual([]);
    expect(Object.keys(notificationsShown())).not.toContain('lk:line:a');
    // The next step of a is still armed.
    expect(Object.keys(await alarmTimes())).toContain('lk:remind:a:2026-05-20:1');
  });

  it('a fired reminder alarm delivers its step once, even if the alarm fires again', async () => {
    await seedLineA();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    clock.now = at('2026-05-13T08:00:00Z');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    expect(Object.keys(notificationsShown())).toEqual(['lk:line:a']);
    expect((await db.lines.get('a'))!.lastReminder).toEqual({ expiresOn: '2026-05-20', lead: 7 });
    await fakeBrowser.notifications.clear('lk:line:a');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    expect(notificationsShown()).toEqual({});
    expect(Object.keys(await alarmTimes())).toContain('lk:remind:a:2026-05-20:3');
  });

  it('a late alarm after a long sleep delivers only the latest due step', async () => {
    await seedLineA();
    const deps = reconcileDeps(db, clock);
    await reconcile(deps);
    // The step-7 alarm (13 May) fires only on 18 May, when step 3 is due as well.
    clock.now = at('2026-05-18T12:00:00Z');
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    expect(create).toHaveBeenCalledTimes(1);
    expect(notificationsShown()['lk:line:a']!.message).toBe('notifBodyDays(2026-05-20|2)');
    expect((await db.lines.get('a'))!.lastReminder).toEqual({ expiresOn: '2026-05-20', lead: 3 });
  });

  it('ignores stale alarms of deleted lines or old expiry dates', async () => {
    await seed();
    const deps = reconcileDeps(db, clock);
    await onAlarm('lk:remind:zzz:2026-05-20:7', deps);
    await onAlarm('lk:remind:a:2026-05-21:7', deps);
    await onAlarm('unrelated', deps);
    expect(notificationsShown()).toEqual({});
  });

  it('"remind me tomorrow": the line stays quiet until the next day, then reminds again', async () => {
    await seedLineA();
    const deps = reconcileDeps(db, clock);
    clock.now = at('2026-05-13T08:00:00Z');
    await onAlarm('lk:remind:a:2026-05-20:7', deps);
    await onNotificationButtonClicked('lk:line:a', 0, deps);
    expect(notificationsShown()).toEqual({});
    const snoozed = await db.lines.get('a');
    expect(snoozed!.snoozedUntil).toBe(clock.now + DAY);
    expect(await alarmTimes()).toMatchObject({ 'lk:wake:a': '2026-05-14T08:00:00.000Z' });

    for (const hours of [1, 6, 23]) {
      clock.now = at('2026-05-13T08:00:00Z') + hours * HOUR;
      expect((await reconcile(deps)).delivered).toEqual([]);
    }
    expect(notificationsShown()).toEqual({});

    clock.now = at('2026-05-14T08:00:00Z');
    await onAlarm('lk:wake:a', deps);
    expect(Object.keys(notificationsShown())).toEqual(['lk:line:a']);
    expect((await db.lines.get('a'))!.snoozedUntil).toBeNull();
    await fakeBrowser.notifications.clear('lk:line:a');
    expect((await reconcile(deps)).delivered).toEqual([]);
  });

  it('respects notifications switched off: no reminders, no reminder alarms, badge still on', async () => {
    await seed();
    await db.settings.put({
      key: 'settings',
      value: { ...DEFAULT_SETTINGS, notificationsEnabled: false },
    });
    clock.now = at('2026-05-18T12:00:00Z');
    const result = await reconcile(reconcileDeps(db, clock));
    expect(result.delivered).toEqual([]);
    expect(Object.keys(await alarmTimes())).toEqual(['lk:midnight']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
  });

  it('Firefox: notifications without buttons', async () => {
    await db.lines.add(line({ id: 'a', expiresOn: '2026-05-02' }));
    clock.now = at('2026-05-02T12:00:00Z');
    await reconcile(reconcileDeps(db, clock, undefined, { supportsButtons: false }));
    const shown = notificationsShown()['lk:line:a'];
    expect(shown!.message).toBe('notifBodyToday(2026-05-02)');
    expect(shown!.buttons).toBeUndefined();
  });

  it('a notification that rejects buttons is shown without them', async () => {
    await db.lines.add(line({ id: 'a', expiresOn: '2026-05-02' }));
    clock.now = at('2026-05-02T12:00:00Z');
    const create = vi.fn(async (_id: string, options: { buttons?: unknown }) => {
      if (options.buttons) throw new Error('buttons not supported');
      return 'ok';
    });
    await reconcile(
      reconcileDeps(db, clock, undefined, {
        notifications: { create, clear: async () => true },
      }),
    );
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('clicking a reminder opens the carrier’s recharge page', async () => {
    await seed();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await onNotificationClicked('lk:line:b', reconcileDeps(db, clock));
    expect(create).toHaveBeenCalledWith({ url: 'https://recargas.personal.com.ar/phone' });
  });

  it('user in Shanghai: the day-0 reminder arrives at 10:00 Shanghai on the expiry date', async () => {
    await db.lines.add(line({ id: 'a', expiresOn: '2026-05-20' }));
    clock.now = at('2026-05-19T12:00:00Z');
    const deps = reconcileDeps(db, clock, offsetForTimeZone('Asia/Shanghai'));
    await reconcile(deps);
    expect(await alarmTimes()).toMatchObject({
      'lk:remind:a:2026-05-20:0': '2026-05-20T02:00:00.000Z',
    });
    clock.now = at('2026-05-20T02:00:00Z');
    await onAlarm('lk:remind:a:2026-05-20:0', deps);
    // 10:00 in Shanghai is 23:00 the day before in Buenos Aires: "expires tomorrow".
    expect(notificationsShown()['lk:line:a']!.message).toBe('notifBodyTomorrow(2026-05-20)');
  });

  it('two concurrent runs deliver a due reminder only once', async () => {
    await seed();
    clock.now = at('2026-05-18T12:00:00Z');
    const deps = reconcileDeps(db, clock);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const [one, two] = await Promise.all([reconcile(deps), reconcile(deps)]);
    expect(one.delivered.length + two.delivered.length).toBe(3);
    expect(create).toHaveBeenCalledTimes(3);
  });
});

describe('reconcile in the language the settings choose', () => {
  const inLanguage = (browserLocale: UiLocale) =>
    reconcileDeps(db, clock, undefined, {
      localize: async (choice) => {
        const locale = resolveLocale(choice, browserLocale);
        return localizerFor(locale, catalogFor(locale));
      },
    });

  it('writes badge and notifications in Chinese with the popup’s date style and punctuation', async () => {
    await db.settings.put({ key: 'settings', value: { ...DEFAULT_SETTINGS, language: 'zh_CN' } });
    await seed();
    clock.now = at('2026-05-18T12:00:00Z');
    const result = await reconcile(inLanguage('en'));
    expect(result.badge.title).toBe('Personal +54 9 351 612-3456 已于 2026年5月4日 过期');
    const shown = notificationsShown();
    expect(shown['lk:line:a']).toMatchObject({
      title: '保号助手：Trabajo',
      message: '将于 2026年5月20日 到期，还剩 2 天。请及时充值，保住号码。',
    });
    // Sentences follow each other without spaces; the estimate is said, never as "safe until".
    expect(shown['lk:line:c']!.message).toBe(
      '明天（2026年5月19日）到期。请今天充值，保住号码。此日期为估算（上次充值 + 180 天）：请在运营商页面核实实际日期。',
    );
    // Expired: what it can still do, what to do, and the carrier's help, labelled third-party.
    expect(shown['lk:line:b']!.message).toBe(
      '已于 2026年5月4日 过期。现在仍可接听电话。请立即充值：在运营商的宽限期内充值通常可以恢复号码。' +
        '客服：用 Personal 号码拨打 *111（请以运营商官网为准）。',
    );
  });

  it('follows the browser when the setting is "auto", or absent in older data', async () => {
    await seed();
    const spanish = await reconcile(inLanguage('es'));
    expect(spanish.badge.title).toBe('Personal +54 9 351 612-3456 vence el 4 may 2026');
    const { language: _absent, ...older } = DEFAULT_SETTINGS;
    await db.settings.put({ key: 'settings', value: older });
    const english = await reconcile(inLanguage('en'));
    expect(english.badge.title).toBe('Personal +54 9 351 612-3456 expires on 4 May 2026');
  });
});
