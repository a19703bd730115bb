/**
 * What a user does around their data, in the real Chromium with the built extension:
 * restoring a backup whose five lines all expire today (one summary notification, not
 * five), and pressing "Undo" on a delete after a backup was imported meanwhile (the undo
 * must not bring back what the import replaced).
 */
import type { Page } from '@playwright/test';
import { newLine } from '../../utils/domain/line-rules';
import { DEFAULT_SETTINGS, type Line } from '../../utils/domain/records';
import { buenosAiresDatePlus } from '../support/sample-pages';
import { expect, test } from './fixtures';
import { notificationIds, readStore } from './worker';

const today = (days = 0) => buenosAiresDatePlus(new Date(), days);

test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.protocol === 'chrome-extension:',
    (route) => route.continue(),
  );
});

/** A stored line as a backup file holds it; its date known long ago (reminders may be due). */
function backupLine(id: string, fields: Partial<Line>): Line {
  const created = '2026-01-01T00:00:00.000Z';
  const blank = newLine(id, created, {
    carrier: 'claro',
    msisdn: null,
    label: id,
    source: 'manual',
  });
  return { ...blank, expiryKnownSince: 0, ...fields };
}

function backup(lines: Line[], readings: unknown[] = []) {
  const exportedAt = new Date().toISOString();
  const settings = DEFAULT_SETTINGS;
  return {
    format: 'linekeeper-backup',
    version: 1,
    exportedAt,
    lines,
    readings,
    renewals: [],
    settings,
  };
}

async function send(page: Page, message: unknown) {
  return (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as {
    ok: boolean;
    error?: string;
  };
}

test('five lines due the same day make one summary notification, not five', async ({
  openPopup,
  serviceWorker,
}) => {
  const names = ['Mamá', 'Papá', 'Trabajo', 'Viajes', 'Banco'];
  const popup = await openPopup();
  const reply = await send(popup, {
    type: 'ui:import-backup',
    backup: backup(
      names.map((name) =>
        backupLine(name.replace('á', 'a'), {
          label: name,
          expiresOn: today(0),
          expirySource: 'manual',
        }),
      ),
    ),
  });
  expect(reply.ok, reply.error).toBe(true);
  await expect
    .poll(() => notificationIds(serviceWorker), { timeout: 10_000 })
    .toEqual(['lk:summary']);
  // Each line's reminder counts as delivered: the next reconcile shows nothing more.
  await expect
    .poll(async () =>
      (await readStore<{ lastReminder: unknown }>(serviceWorker, 'lines')).every(
        (line) => line.lastReminder !== null,
      ),
    )
    .toBe(true);
  await send(popup, { type: 'ui:save-settings', settings: { reminderHour: 10 } });
  expect(await notificationIds(serviceWorker)).toEqual(['lk:summary']);
});

test('an undo after an import cannot bring back what the import replaced', async ({
  openPopup,
  context,
  extensionId,
  serviceWorker,
}) => {
  const popup = await openPopup();
  for (const label of ['Keep me', 'Other']) {
    const added = await send(popup, {
      type: 'ui:add-line',
      carrier: 'claro',
      msisdn: null,
      label,
      expiresOn: today(4),
      balance: null,
    });
    expect(added.ok, added.error).toBe(true);
  }
  const row = popup.getByRole('listitem').filter({ hasText: 'Keep me' });
  await row.getByRole('button', { name: /^More/ }).click();
  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(popup.getByRole('status')).toContainText('Keep me deleted.');

  // Meanwhile, in another window of the extension, a backup is restored.
  const other = await context.newPage();
  await other.goto(`chrome-extension://${extensionId}/popup.html`);
  const reading = {
    id: 1,
    lineId: 'imported',
    carrier: 'claro',
    kind: 'account',
    msisdn: null,
    balance: { amount: 321, currency: 'ARS' },
    expiresOn: today(9),
    receipt: null,
    notes: [],
    path: '/inicio',
    readAt: new Date().toISOString(),
    fingerprint: 'imported-reading',
  };
  const imported = await send(other, {
    type: 'ui:import-backup',
    backup: backup([backupLine('imported', { label: 'Imported', expiresOn: today(9) })], [reading]),
  });
  expect(imported.ok, imported.error).toBe(true);
  const afterImport = {
    lines: await readStore(serviceWorker, 'lines'),
    readings: await readStore(serviceWorker, 'readings'),
    trash: await readStore(serviceWorker, 'trash'),
  };
  expect(afterImport.trash).toEqual([]);

  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'The deleted line can no longer be restored.',
  );
  expect({
    lines: await readStore(serviceWorker, 'lines'),
    readings: await readStore(serviceWorker, 'readings'),
    trash: await readStore(serviceWorker, 'trash'),
  }).toEqual(afterImport);
  await expect(popup.getByRole('listitem').filter({ hasText: 'Imported' })).toContainText(
    'in 9 days',
  );
  await expect(popup.getByRole('listitem').filter({ hasText: 'Keep me' })).toHaveCount(0);
});
