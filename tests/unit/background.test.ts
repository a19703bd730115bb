/**
 * The entrypoint's wiring, against fakeBrowser: listeners exist synchronously after main(),
 * messages are answered through sendResponse, the wake-up reconcile arms alarms and badge,
 * an alarm delivers a notification. The logic itself is tested in messages / reconcile tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { openDatabase } from '../../utils/background/db';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { carrierSender, popupSender, reading } from './background-helpers';
import { translatorFor } from '../support/i18n';
import { REPO_ROOT } from '../support/repo';
import { ACCOUNT_PAGE } from '../support/page-facts';

/**
 * A browser in Chinese: chrome.i18n answers from zh_CN, and the worker's fetch of its own
 * files (the catalogs of utils/background/localizer.ts) reads them from public/.
 */
function stubBrowserLanguage() {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = translatorFor('zh_CN');
  i18n.getUILanguage = () => 'zh-CN';
  const base = fakeBrowser.runtime.getURL('/');
  vi.stubGlobal('fetch', async (url: string) => {
    if (!url.startsWith(base)) throw new TypeError(`no network in tests: ${url}`);
    const file = path.join(REPO_ROOT, 'public', url.slice(base.length));
    return new Response(await readFile(file));
  });
}

/** Sends a message the way the browser does: through the listener, answered via sendResponse. */
async function send(message: unknown, sender = carrierSender()): Promise<unknown> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender as never, resolve);
  });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}

beforeEach(async () => {
  fakeBrowser.reset();
  stubBrowserLanguage();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-05-10T15:00:00Z'));
  const db = openDatabase();
  await db.delete();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('background entrypoint', () => {
  it('registers every listener synchronously in main()', () => {
    background.main();
    // Registered before any await: an event that woke the worker finds its listener.
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    expect(fakeBrowser.notifications.onClicked.hasListeners()).toBe(true);
    expect(fakeBrowser.notifications.onButtonClicked.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onStartup.hasListeners()).toBe(true);
  });

  it('answers cs:reading through sendResponse, then reconciles alarms and badge', async () => {
    background.main();
    const reply = await send({
      type: 'cs:reading',
      reading: reading({ expiresOn: '2026-05-12' }),
      path: '/consumos',
      readAt: new Date().toISOString(),
      page: ACCOUNT_PAGE,
    });
    expect(reply).toMatchObject({
      ok: true,
      outcome: 'saved',
      created: true,
      line: { daysLeft: 2 },
    });
    await until(
      () => fakeBrowser.action.getBadgeText({}),
      (text) => text === '2',
    );
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((a) => a.name).sort()).toEqual([
      'lk:midnight',
      expect.stringMatching(/^lk:remind:[\w-]+:2026-05-12:1$/),
    ]);
  });

  it('refuses a spoofed sender with an error reply', async () => {
    background.main();
    const reply = await send(
      {
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: 'x',
        expiresOn: null,
        balance: null,
      },
      carrierSender(),
    );
    expect(reply).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('an alarm firing delivers the reminder with icon, text and button', async () => {
    background.main();
    const reply = (await send({
      type: 'cs:reading',
      reading: reading({ expiresOn: '2026-05-12' }),
      path: '/consumos',
      readAt: new Date().toISOString(),
      page: ACCOUNT_PAGE,
    })) as { line: { id: string } };
    vi.setSystemTime(new Date('2026-05-11T12:00:00Z'));
    await fakeBrowser.alarms.onAlarm.trigger({
      name: `lk:remind:${reply.line.id}:2026-05-12:1`,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    const shown = await until(
      async () =>
        (
          fakeBrowser.notifications as unknown as {
            getAllCreateOptions(): Record<
              string,
              { message: string; iconUrl: string; buttons?: unknown[] }
            >;
          }
        ).getAllCreateOptions(),
      (all) => Object.keys(all).length > 0,
    );
    const notification = shown[`lk:line:${reply.line.id}`]!;
    expect(notification.message).toBe('明天（2026年5月12日）到期。请今天充值，保住号码。');
    expect(notification.iconUrl).toBe('chrome-extension://test-extension-id/icon/128.png');
    expect(notification.buttons).toHaveLength(1);
  });

  it('speaks the language chosen in settings: the badge is re-titled when it changes', async () => {
    background.main();
    await send({
      type: 'cs:reading',
      reading: reading({ expiresOn: '2026-05-12' }),
      path: '/consumos',
      readAt: new Date().toISOString(),
      page: ACCOUNT_PAGE,
    });
    const title = () => fakeBrowser.action.getTitle({});
    // The browser's language first, with the popup's date style (not "May 12, 2026").
    await until(title, (text) => text === 'Claro +54 9 11 3456-7812 将于 2026年5月12日 到期');
    const saved = await send(
      { type: 'ui:save-settings', settings: { language: 'es' } },
      popupSender(),
    );
    expect(saved).toMatchObject({ ok: true, settings: { language: 'es' } });
    await until(title, (text) => text === 'Claro +54 9 11 3456-7812 vence el 12 may 2026');
  });
});
