/** Shared set-up for the background's unit tests (not a test file itself). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase, type LineKeeperDb } from '../../utils/background/db';
import type { MessageDeps, MessageSender } from '../../utils/background/dispatch';
import { createPageLimits } from '../../utils/background/page-limits';
import type { Localizer } from '../../utils/background/localizer';
import type { ClickDeps, NotificationOptions } from '../../utils/background/reconcile';
import { keyTranslator, localizeFromFiles } from '../support/i18n';
import type { Line, Reading } from '../../utils/domain/records';
import { offsetForTimeZone, type ZoneOffset } from '../../utils/domain/time';

let dbCounter = 0;

/** A fresh, empty database (fake-indexeddb) per test. */
export function freshDb(): LineKeeperDb {
  dbCounter += 1;
  return openDatabase(`linekeeper-test-${Date.now()}-${dbCounter}-${Math.random()}`);
}

/**
 * The background's voice for tests of which text is chosen: keys and substitutions
 * (`notifTitle(Trabajo|Claro)`), dates and counts as they are. Tests of the words
 * themselves use utils/background/localizer.ts over the real catalogs.
 */
export const stubLocalizer: Localizer = {
  locale: 'en',
  t: keyTranslator,
  formatDate: (date) => date,
  formatCount: (count) => String(count),
};

export interface Clock {
  now: number;
}

export function reconcileDeps(
  db: LineKeeperDb,
  clock: Clock,
  zone: ZoneOffset = offsetForTimeZone('Europe/Madrid'),
  overrides: Partial<ClickDeps> = {},
): ClickDeps {
  return {
    db,
    alarms: fakeBrowser.alarms,
    action: fakeBrowser.action,
    notifications: fakeBrowser.notifications as unknown as ClickDeps['notifications'],
    tabs: fakeBrowser.tabs,
    now: () => clock.now,
    zone,
    localize: async () => stubLocalizer,
    iconUrl: fakeBrowser.runtime.getURL('/icon/128.png'),
    supportsButtons: true,
    ...overrides,
  };
}

export const EXTENSION_BASE = fakeBrowser.runtime.getURL('/');

export function messageDeps(
  db: LineKeeperDb,
  clock: Clock,
  afterWrite: () => Promise<unknown> = async () => undefined,
): MessageDeps {
  let n = 0;
  return {
    db,
    now: () => clock.now,
    extensionId: fakeBrowser.runtime.id,
    extensionBaseUrl: EXTENSION_BASE,
    afterWrite,
    limits: createPageLimits(),
    session: fakeBrowser.storage.session,
    newId: () => `id${++n}`,
    localize: localizeFromFiles(),
  };
}

export function carrierSender(
  url = 'https://m-miclaro.claro.com.ar/consumos?token=x',
): MessageSender {
  return { id: fakeBrowser.runtime.id, url, tab: { id: 7, url } };
}

export function popupSender(): MessageSender {
  return { id: fakeBrowser.runtime.id, url: `${EXTENSION_BASE}popup.html` };
}

export function reading(overrides: Partial<Reading> = {}): Reading {
  return {
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491134567812',
    balance: { amount: 1500, currency: 'ARS' },
    expiresOn: '2026-06-20',
    receipt: null,
    notes: [],
    ...overrides,
  };
}

export function line(overrides: Partial<Line> = {}): Line {
  return {
    id: 'l1',
    carrier: 'claro',
    msisdn: '+5491134567812',
    label: '',
    expiresOn: null,
    expirySource: null,
    expiryKnownSince: 0,
    balance: null,
    previousBalance: null,
    balanceAt: null,
    lastReadingAt: null,
    lastReadingPath: null,
    lastReadingKey: null,
    source: 'manual',
    lastRechargeOn: null,
    snoozedUntil: null,
    lastReminder: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function notificationsShown(): Record<string, NotificationOptions> {
  return (
    fakeBrowser.notifications as unknown as {
      getAllCreateOptions(): Record<string, NotificationOptions>;
    }
  ).getAllCreateOptions();
}

/** Everything in the database, for "nothing changed" assertions. */
export async function snapshot(db: LineKeeperDb) {
  return {
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await db.settings.toArray(),
    trash: await db.trash.toArray(),
  };
}
