/**
 * The background worker in a real Chromium: carrier pages → lines and readings in
 * IndexedDB, reminder alarms at the right times, a fired alarm → a notification, a
 * restarted worker heals wiped alarms and badge, a reloaded receipt is recorded once.
 * Dates are relative to today, so these tests do not rot.
 */
import type { Worker } from '@playwright/test';
import {
  claroAccountPage,
  claroReceiptPage,
  movistarAccountPage,
  personalAccountPage,
} from '../support/sample-pages';
import { expect, openPopup, stopServiceWorker, test } from './fixtures';
import { OverlayObject } from './overlay';
import { alarms, badge, clearAlarms, notificationIds, readStore, readStoreSoFar } from './worker';

interface StoredLine {
  id: string;
  carrier: string;
  msisdn: string | null;
  expiresOn: string | null;
  lastRechargeOn: string | null;
  lastReadingPath: string | null;
}

// The user lives in Shanghai (UTC+8 all year): reminders come at 10:00 there, 02:00 UTC.
test.use({ timeZone: 'Asia/Shanghai' });

/** The calendar date `days` after `iso` (plain UTC date arithmetic, written for the test). */
function datePlus(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Reminders are delivered at 10:00 of the user's own day (default settings): Shanghai's. */
function reminderAt(expiresOn: string, lead: number): number {
  return Date.parse(`${datePlus(expiresOn, -lead)}T10:00:00+08:00`);
}

/** The reminder alarm's name: `lk:remind:<line>:<expiry>:<days before>`. */
function remindAlarmName(step: { lineId: string; expiresOn: string; lead: number }): string {
  return `lk:remind:${step.lineId}:${step.expiresOn}:${step.lead}`;
}

async function linesWhen(worker: Worker, count: number): Promise<StoredLine[]> {
  await expect
    .poll(async () => (await readStoreSoFar<StoredLine>(worker, 'lines')).length, {
      timeout: 15_000,
    })
    .toBe(count);
  return readStore<StoredLine>(worker, 'lines');
}

test.beforeEach(async ({ serviceWorker }) => {
  // The expected alarm times rely on the worker running on Shanghai's clock.
  expect(await serviceWorker.evaluate(() => new Date().getTimezoneOffset())).toBe(-480);
});

test('visiting carrier pages creates lines and readings, and arms reminders at 10:00 local', async ({
  serviceWorker,
  openCarrierPage,
}) => {
  const now = new Date();
  const claro = claroAccountPage(now, 5);
  const movistar = movistarAccountPage(now, 19);
  const personal = personalAccountPage(now, 2);

  // A query string on the page must never reach the database.
  await openCarrierPage(`${claro.url}?session=SECRET-TOKEN`, claro.html);
  await openCarrierPage(movistar.url, movistar.html);
  await openCarrierPage(personal.url, personal.html);

  const lines = await linesWhen(serviceWorker, 3);
  const byCarrier = Object.fromEntries(lines.map((line) => [line.carrier, line]));
  expect(byCarrier.claro).toMatchObject({ msisdn: claro.msisdn, expiresOn: claro.expiresOn });
  expect(byCarrier.movistar).toMatchObject({
    msisdn: movistar.msisdn,
    expiresOn: movistar.expiresOn,
  });
  expect(byCarrier.personal).toMatchObject({
    msisdn: personal.msisdn,
    expiresOn: personal.expiresOn,
  });
  expect(byCarrier.claro!.lastReadingPath).toBe('/inicio');

  const readings = await readStore<{ lineId: string; path: string }>(serviceWorker, 'readings');
  expect(readings).toHaveLength(3);
  expect(JSON.stringify(readings)).not.toContain('SECRET-TOKEN');
  expect(readings.find((r) => r.lineId === byCarrier.claro!.id)!.path).toBe('/inicio');

  // The next undelivered step of each line (steps already past when a line was saved never fire).
  const expected = [
    { line: byCarrier.claro!, lead: 3 },
    { line: byCarrier.movistar!, lead: 7 },
    { line: byCarrier.personal!, lead: 1 },
  ].map(({ line, lead }) => ({
    name: remindAlarmName({ lineId: line.id, expiresOn: line.expiresOn!, lead }),
    scheduledTime: reminderAt(line.expiresOn!, lead),
  }));
  await expect
    .poll(
      async () =>
        (await alarms(serviceWorker)).filter((a) => a.name.startsWith('lk:remind:')).length,
    )
    .toBe(3);
  const armed = await alarms(serviceWorker);
  for (const alarm of expected) {
    const found = armed.find((a) => a.name === alarm.name);
    expect(found, alarm.name).toBeDefined();
    expect(Math.abs(found!.scheduledTime - alarm.scheduledTime)).toBeLessThan(1000);
  }
  expect(armed.some((a) => a.name === 'lk:midnight')).toBe(true);

  // Badge: the most urgent line, 2 days left → amber (red is for ≤ 1 day), tooltip names it.
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('2');
  const state = await badge(serviceWorker);
  expect(state.color).toEqual([242, 153, 0, 255]);
  expect(state.title).toContain('11 2345-6789');
});

test('a reminder alarm that fires shows a notification and arms the next step', async ({
  serviceWorker,
  openCarrierPage,
}) => {
  const claro = claroAccountPage(new Date(), 5);
  await openCarrierPage(claro.url, claro.html);
  const [line] = await linesWhen(serviceWorker, 1);
  const name = remindAlarmName({ lineId: line!.id, expiresOn: line!.expiresOn!, lead: 3 });
  await expect.poll(async () => (await alarms(serviceWorker)).map((a) => a.name)).toContain(name);

  // Fire the real alarm now instead of in two days.
  await serviceWorker.evaluate(
    (alarmName) => chrome.alarms.create(alarmName, { when: Date.now() + 50 }),
    name,
  );
  await expect
    .poll(() => notificationIds(serviceWorker), { timeout: 10_000 })
    .toEqual([`lk:line:${line!.id}`]);
  await expect
    .poll(async () => (await alarms(serviceWorker)).map((a) => a.name))
    .toContain(remindAlarmName({ lineId: line!.id, expiresOn: line!.expiresOn!, lead: 1 }));
  const stored = await readStore<StoredLine & { lastReminder: unknown }>(serviceWorker, 'lines');
  expect(stored[0]!.lastReminder).toEqual({ expiresOn: line!.expiresOn, lead: 3 });
});

test('a stopped worker with wiped alarms and badge heals on its next wake', async ({
  context,
  serviceWorker,
  openCarrierPage,
  extensionId,
}) => {
  const claro = claroAccountPage(new Date(), 5);
  await openCarrierPage(claro.url, claro.html);
  await linesWhen(serviceWorker, 1);
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('5');
  const before = (await alarms(serviceWorker)).map((a) => [a.name, a.scheduledTime]).sort();
  expect(before.length).toBe(2);

  // What a browser restart or an update can do: alarms gone, badge blank, worker dead.
  await clearAlarms(serviceWorker);
  await serviceWorker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
  const popup = await openPopup(context, extensionId);
  const worker = await stopServiceWorker(context, popup, extensionId);
  const fromPopup = () =>
    popup.evaluate(async () => ({
      badge: await chrome.action.getBadgeText({}),
      alarms: (await chrome.alarms.getAll()).map((a) => [a.name, a.scheduledTime]).sort(),
    }));
  expect(await fromPopup()).toEqual({ badge: '', alarms: [] });

  // Any event wakes it; its top-level reconcile() heals alarms and badge.
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:export-backup' }));
  await expect.poll(() => worker.runningStatus()).toBe('running');
  await expect.poll(fromPopup).toEqual({ badge: '5', alarms: before });
  await worker.detach();
});

test('a receipt page reloaded three times records one renewal', async ({
  serviceWorker,
  openCarrierPage,
}) => {
  const receipt = claroReceiptPage(new Date());
  const page = await openCarrierPage(receipt.url, receipt.html);
  const overlay = new OverlayObject(page);
  await overlay.waitForText(/Receipt saved/);
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await new OverlayObject(page).waitForText(/Receipt already saved/);
  }

  const renewals = await readStore<{
    operationId: string;
    amount: number;
    date: string;
    source: string;
  }>(serviceWorker, 'renewals');
  expect(renewals).toHaveLength(1);
  expect(renewals[0]).toMatchObject({
    operationId: receipt.operationId,
    amount: receipt.amount,
    date: receipt.date,
    source: 'receipt',
  });
  const [line] = await linesWhen(serviceWorker, 1);
  expect(line).toMatchObject({ msisdn: receipt.msisdn, lastRechargeOn: receipt.date });
  expect(await readStore(serviceWorker, 'readings')).toHaveLength(1);
});
