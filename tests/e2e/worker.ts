/**
 * Looking inside the extension from a test: raw IndexedDB stores, badge, alarms and
 * notifications, read in the service worker with the browser's own APIs (not our code).
 */
import type { Worker } from '@playwright/test';

// Playwright's test code has no `chrome` type; this is the slice the tests use.
declare const chrome: {
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<[number, number, number, number]>;
    getTitle(details: object): Promise<string>;
  };
  alarms: {
    getAll(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]>;
    clearAll(): Promise<boolean>;
  };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};

/** Every record of one object store of LineKeeper's database (which must already exist). */
export async function readStore<T = Record<string, unknown>>(
  worker: Worker,
  store: string,
): Promise<T[]> {
  return (await worker.evaluate(async (storeName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('linekeeper');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store)) as T[];
}

export async function badge(
  worker: Worker,
): Promise<{ text: string; color: number[]; title: string }> {
  return await worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
    title: await chrome.action.getTitle({}),
  }));
}

export async function alarms(worker: Worker) {
  return await worker.evaluate(() => chrome.alarms.getAll());
}

export async function clearAlarms(worker: Worker): Promise<void> {
  await worker.evaluate(() => chrome.alarms.clearAll());
}

export async function notificationIds(worker: Worker): Promise<string[]> {
  return await worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}
