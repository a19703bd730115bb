/**
 * The background worker: wiring only. Every listener is registered synchronously at the
 * top of main() (an MV3 worker woken by an event must find its listener already there);
 * the logic lives in utils/background/dispatch.ts and utils/background/reconcile.ts.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDatabase, reopenIfFailed } from '../utils/background/db';
import { coalesce } from '../utils/domain/list-snapshot';
import { GLOSSARY_PAGE_PATH, addLinePagePath } from '../utils/protocol/add-line-link';
import { handleMessage, type MessageDeps } from '../utils/background/dispatch';
import {
  onAlarm,
  onNotificationButtonClicked,
  onNotificationClicked,
  reconcile,
  writeListSnapshot,
  type ActionApi,
  type ClickDeps,
} from '../utils/background/reconcile';
import { systemZoneOffset } from '../utils/domain/time';
import { makeCatalogCache } from '../utils/domain/catalog';
import { translationLocale, type UiLocale } from '../utils/domain/i18n';
import { currentLocalizer } from '../utils/background/localizer';
import { createPageLimits } from '../utils/background/page-limits';
import { zoneChangedSinceReconcile } from '../utils/background/zone-watch';

export default defineBackground(() => {
  const db = openDatabase();
  const catalogs = makeCatalogCache((path) =>
    fetch(browser.runtime.getURL(path as '/popup.html')).then((response) => response.json()),
  );
  let browserLocale: UiLocale | undefined;
  // Firefox MV2 has no browser.action.
  const action = (browser.action ?? browser.browserAction) as unknown as ActionApi;
  const deps: ClickDeps = {
    db,
    alarms: browser.alarms,
    action,
    notifications: browser.notifications as unknown as ClickDeps['notifications'],
    tabs: browser.tabs,
    now: () => Date.now(),
    zone: systemZoneOffset,
    // The language the settings choose, else the one the browser took our strings in
    // (as the popup does), read from our own messages.json: chrome.i18n cannot switch.
    localize: (choice) =>
      currentLocalizer({
        choice: async () => choice,
        browserTag: (browserLocale ??= translationLocale()),
        catalog: catalogs,
      }),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    // Firefox rejects notification buttons.
    supportsButtons: !import.meta.env.FIREFOX,
    popupUrl: browser.runtime.getURL('/popup.html'),
    storage: browser.storage.local,
  };
  // The popup's first screenful (utils/domain/list-snapshot.ts): rewritten after every change.
  // Both run one at a time with at most one run queued: a flood of writes costs two runs.
  const refreshListSnapshot = coalesce(() =>
    writeListSnapshot(db, browser.storage.local, deps.now()).catch((error: unknown) =>
      console.warn('LineKeeper: list snapshot not written', error),
    ),
  );
  const reconcileOnce = coalesce(() => reconcile(deps));
  const heal = (why: string) => {
    // An open that failed (disk full, IndexedDB unavailable) tries again; see reopenIfFailed.
    reopenIfFailed(db);
    void refreshListSnapshot();
    return reconcileOnce().catch((error) =>
      console.error(`LineKeeper: reconcile (${why}) failed`, error),
    );
  };
  // No time-zone event in Chrome: compare the offset with the last reconcile's instead, on
  // every message (wakes and alarms reconcile anyway, which compares and remembers it).
  const healIfZoneChanged = () =>
    void zoneChangedSinceReconcile(browser.storage.local, deps.zone, deps.now()).then(
      (changed) => {
        if (changed) void heal('time zone changed');
      },
      () => undefined,
    );
  const messageDeps: MessageDeps = {
    db,
    now: deps.now,
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    afterWrite: () => heal('after write'),
    refreshListSnapshot,
    limits: createPageLimits(),
    session: browser.storage.session,
    localize: deps.localize,
    openGlossary: () => browser.tabs.create({ url: browser.runtime.getURL(GLOSSARY_PAGE_PATH) }),
    openAddLine: (prefill) =>
      browser.tabs.create({
        url: browser.runtime.getURL(addLinePagePath(prefill) as '/popup.html'),
      }),
  };

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    healIfZoneChanged();
    void handleMessage(message, sender, messageDeps).then(sendResponse);
    return true;
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    reopenIfFailed(db);
    void onAlarm(alarm.name, deps, reconcileOnce).catch((error) =>
      console.error('LineKeeper: alarm failed', error),
    );
  });
  browser.notifications.onClicked.addListener((id) => {
    void onNotificationClicked(id, deps);
  });
  // Chrome only; Firefox has no notification buttons.
  browser.notifications.onButtonClicked?.addListener((id, buttonIndex) => {
    void onNotificationButtonClicked(id, buttonIndex, deps);
  });
  browser.runtime.onInstalled.addListener(() => void heal('installed'));
  browser.runtime.onStartup.addListener(() => void heal('start-up'));

  // Every wake: alarms may have been dropped while the worker slept or the browser was closed.
  void heal('wake');
});
