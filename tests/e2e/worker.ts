/**
 * Looking inside the extension from a test: raw IndexedDB stores, badge, alarms and
 * notifications, read in the service worker with the browser's own APIs (not our code).
 */
import type { Worker } from '@playwright/test';

export { readStore, readStoreSoFar } from '../support/chromium';

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
