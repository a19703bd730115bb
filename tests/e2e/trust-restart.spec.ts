/**
 * Browser restart on the same profile: nothing the user stored is lost, the alarms and
 * badge come back as they were (the same names and times; reconcile() must not re-create
 * an alarm that survived), and reminders are neither lost nor doubled — a reminder that
 * came due while the browser was closed fires exactly once, at the next start, and never
 * again on the start after that.
 *
 * "Came due while closed" is built honestly: a line whose expiry LineKeeper has known for
 * ten days (so its 7- and 3-day steps are past and deliverable) is restored from a backup
 * with a 25-second snooze, so reconcile() holds it back until after the browser is closed.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claroAccountPage, movistarAccountPage } from '../support/sample-pages';
import {
  expect,
  extensionServiceWorker,
  launchWithExtension,
  openCarrierPage,
  openPopup,
  sendMessage as send,
  snapshotStores as snapshot,
  test,
} from './fixtures';
import { alarms, badge, notificationIds, readStore } from './worker';

const DUE_LINE = 'due-while-closed';

async function sortedAlarms(worker: Worker) {
  return (await alarms(worker))
    .map(({ name, scheduledTime }) => ({ name, scheduledTime }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function buenosAiresDate(now: number, days: number): string {
  return new Date(now - 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe.configure({ timeout: 150_000 });

test('a restart keeps data, alarms and badge, and fires a reminder due while closed exactly once', async () => {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'linekeeper-restart-'));
  let context: BrowserContext | null = null;
  try {
    // ── Session 1: read two carrier pages, change a setting, restore a due line (snoozed).
    context = await launchWithExtension({ userDataDir });
    let worker = await extensionServiceWorker(context);
    const extensionId = new URL(worker.url()).host;
    const now = new Date();
    for (const sample of [claroAccountPage(now, 5), movistarAccountPage(now, 19)]) {
      await openCarrierPage(context, sample.url, sample.html);
    }
    await expect.poll(async () => (await readStore(worker, 'lines')).length).toBe(2);
    await expect.poll(async () => (await readStore(worker, 'readings')).length).toBe(2);

    const popup = await openPopup(context, extensionId);
    expect(
      await send(popup, { type: 'ui:save-settings', settings: { reminderHour: 9 } }),
    ).toMatchObject({
      ok: true,
    });
    const exported = (await send(popup, { type: 'ui:export-backup' })) as {
      ok: true;
      backup: { lines: Record<string, unknown>[] };
    };
    const template = exported.backup.lines[0]!;
    const snoozeEnds = Date.now() + 25_000;
    const dueLine = {
      ...template,
      id: DUE_LINE,
      carrier: 'personal',
      msisdn: '+5491123456789',
      label: 'Abuela',
      source: 'manual',
      expiresOn: buenosAiresDate(Date.now(), 1),
      expirySource: 'manual',
      expiryKnownSince: Date.now() - 10 * 86_400_000,
      balance: null,
      previousBalance: null,
      balanceAt: null,
      lastReadingAt: null,
      lastReadingPath: null,
      lastReadingKey: null,
      snoozedUntil: snoozeEnds,
      lastReminder: null,
    };
    const imported = await send(popup, {
      type: 'ui:import-backup',
      backup: { ...exported.backup, lines: [...exported.backup.lines, dueLine] },
    });
    expect(imported).toMatchObject({ ok: true, counts: { lines: 3, readings: 2 } });
    await popup.close();

    // Settled: the snoozed line has its wake alarm, nothing was notified.
    await expect
      .poll(async () => (await sortedAlarms(worker)).map((a) => a.name).join(' '))
      .toContain(DUE_LINE);
    const before = await snapshot(worker);
    const alarmsBefore = await sortedAlarms(worker);
    const badgeBefore = await badge(worker);
    expect(await notificationIds(worker)).toEqual([]);
    expect(badgeBefore.text).not.toBe('');
    expect(before.settings[0]).toMatchObject({ value: { reminderHour: 9 } });
    // Every page-read line has its reminder alarms; the due line waits for its snooze.
    expect(
      alarmsBefore.some((a) => a.name.includes(DUE_LINE) && a.scheduledTime === snoozeEnds),
    ).toBe(true);
    expect(alarmsBefore.length).toBeGreaterThanOrEqual(3);

    await context.close();
    context = null;
    // The snooze ends while the browser is closed.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, snoozeEnds - Date.now() + 1500)),
    );

    // ── Session 2: same profile.
    context = await launchWithExtension({ userDataDir });
    worker = await extensionServiceWorker(context);
    await expect
      .poll(() => notificationIds(worker), { timeout: 15_000 })
      .toEqual([`lk:line:${DUE_LINE}`]);
    await expect.poll(async () => (await badge(worker)).text).toBe(badgeBefore.text);
    const after = await snapshot(worker);
    // Only the due line's reminder bookkeeping changed; everything else is byte-for-byte.
    expect(after.readings).toEqual(before.readings);
    expect(after.renewals).toEqual(before.renewals);
    expect(after.settings).toEqual(before.settings);
    const withoutDue = (lines: Record<string, unknown>[]) => lines.filter((l) => l.id !== DUE_LINE);
    expect(withoutDue(after.lines)).toEqual(withoutDue(before.lines));
    const due = after.lines.find((l) => l.id === DUE_LINE)!;
    const dueBefore = before.lines.find((l) => l.id === DUE_LINE)!;
    expect(due).toEqual({
      ...dueBefore,
      snoozedUntil: null,
      lastReminder: { expiresOn: dueBefore.expiresOn, lead: expect.any(Number) },
    });
    // Alarms: the page-read lines' alarms are exactly as before (not re-created with a new
    // time); the due line's wake alarm gave way to its next step.
    const alarmsAfter = await sortedAlarms(worker);
    const notDue = (list: { name: string; scheduledTime: number }[]) =>
      list.filter((a) => !a.name.includes(DUE_LINE));
    expect(notDue(alarmsAfter)).toEqual(notDue(alarmsBefore));
    expect(
      alarmsAfter
        .filter((a) => a.name.includes(DUE_LINE))
        .every((a) => a.scheduledTime > Date.now()),
    ).toBe(true);
    expect(await badge(worker)).toEqual(badgeBefore);
    // Give any second (duplicate) delivery time to happen, then clear the one we saw.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await notificationIds(worker)).toEqual([`lk:line:${DUE_LINE}`]);
    const session2 = await snapshot(worker);
    const alarms2 = await sortedAlarms(worker);
    await worker.evaluate((id) => chrome.notifications.clear(id), `lk:line:${DUE_LINE}`);
    await context.close();
    context = null;

    // ── Session 3: nothing fires again; nothing changes.
    context = await launchWithExtension({ userDataDir });
    worker = await extensionServiceWorker(context);
    await expect.poll(async () => (await badge(worker)).text).toBe(badgeBefore.text);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await notificationIds(worker)).toEqual([]);
    expect(await snapshot(worker)).toEqual(session2);
    expect(await sortedAlarms(worker)).toEqual(alarms2);
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
