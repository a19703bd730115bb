/**
 * The popup's line detail and backup panel against the built extension: a backup exported,
 * the database wiped by importing an empty backup, and the export imported back restores
 * identical records; broken files are refused in the user's language with the database
 * untouched; the calendar export parses with ical.js; the detail view shows history, chart,
 * spend per year and a copyable operation number after a receipt page was visited.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { claroAccountPage, movistarAccountPage } from '../support/sample-pages';
import { expect, fixturePage, localeMessages, snapshotStores, test } from './fixtures';
import { readStore, readStoreSoFar } from './worker';

/** Visits a Claro and a Movistar account page and the Claro receipt page. */
async function visitCarrierPages(
  worker: Worker,
  openCarrierPage: (url: string, html: string) => Promise<Page>,
): Promise<void> {
  const now = new Date();
  for (const sample of [claroAccountPage(now, 5), movistarAccountPage(now, 19)]) {
    const page = await openCarrierPage(sample.url, sample.html);
    await expect
      .poll(async () =>
        (await readStoreSoFar<{ msisdn: string }>(worker, 'lines')).some(
          (line) => line.msisdn === sample.msisdn,
        ),
      )
      .toBe(true);
    await page.close();
  }
  const receipt = fixturePage('claro/receipt-recarga-exitosa');
  const page = await openCarrierPage(receipt.url, receipt.html);
  await expect.poll(async () => (await readStoreSoFar(worker, 'renewals')).length).toBe(1);
  await page.close();
}

async function openBackupPanel(popup: Page, t: ReturnType<typeof localeMessages>): Promise<void> {
  await popup.getByRole('button', { name: t('popupSettings'), exact: true }).click();
  await expect(popup.getByRole('heading', { name: t('backupTitle') })).toBeVisible();
}

async function download(popup: Page, buttonName: string) {
  const [file] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: buttonName }).click(),
  ]);
  const filePath = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(filePath, 'utf8') };
}

async function chooseBackupFile(
  popup: Page,
  t: ReturnType<typeof localeMessages>,
  name: string,
  text: string,
): Promise<void> {
  await popup.getByLabel(t('backupImport')).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

test.describe('backup', () => {
  test('export, wipe by importing an empty backup, import the export: identical records', async ({
    serviceWorker,
    openCarrierPage,
    openPopup,
    unroutedRequests,
  }) => {
    const t = localeMessages('en');
    await visitCarrierPages(serviceWorker, openCarrierPage);
    const before = await snapshotStores(serviceWorker);
    expect(before.lines).toHaveLength(2);

    const popup = await openPopup();
    await openBackupPanel(popup, t);

    // Export: one versioned JSON file, named by today's date.
    const exported = await download(popup, t('backupExport'));
    expect(exported.name).toMatch(/^linekeeper-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(exported.text) as Record<string, unknown[]> & {
      format: string;
      version: number;
    };
    expect(backup.format).toBe('linekeeper-backup');
    expect(backup.version).toBe(1);
    expect(backup.lines).toEqual(before.lines);
    expect(backup.readings).toEqual(before.readings);
    expect(backup.renewals).toEqual(before.renewals);

    // Wipe: an empty but valid backup, summarised, then confirmed.
    const empty = { ...backup, lines: [], readings: [], renewals: [] };
    await chooseBackupFile(popup, t, 'empty.json', JSON.stringify(empty));
    const noCounts = '0 lines, 0 renewals, 0 readings';
    await expect(popup.getByTestId('backup-summary')).toContainText(noCounts);
    await popup.getByRole('button', { name: t('backupConfirm') }).click();
    await expect(
      popup.getByRole('status').filter({ hasText: t('backupImported', [noCounts]) }),
    ).toBeVisible();
    await expect.poll(async () => (await readStore(serviceWorker, 'lines')).length).toBe(0);
    expect(await readStore(serviceWorker, 'readings')).toEqual([]);
    expect(await readStore(serviceWorker, 'renewals')).toEqual([]);

    // Import the export: the summary counts, then every record back as it was.
    await chooseBackupFile(popup, t, exported.name, exported.text);
    const counts = `2 lines, 1 renewal, ${before.readings.length} readings`;
    await expect(popup.getByTestId('backup-summary')).toContainText(counts);
    await popup.getByRole('button', { name: t('backupConfirm') }).click();
    await expect(
      popup.getByRole('status').filter({ hasText: t('backupImported', [counts]) }),
    ).toBeVisible();
    const after = await snapshotStores(serviceWorker);
    expect(after.lines).toEqual(before.lines);
    expect(after.readings).toEqual(before.readings);
    expect(after.renewals).toEqual(before.renewals);
    expect(after.settings).toEqual([{ key: 'settings', value: backup.settings }]);
    expect(unroutedRequests).toEqual([]);
  });

  for (const language of ['en', 'zh_CN'] as const) {
    test.describe(`broken files (${language})`, () => {
      test.use({ language });

      test('are refused with a localised message and change nothing', async ({
        serviceWorker,
        openCarrierPage,
        openPopup,
      }) => {
        const t = localeMessages(language);
        await visitCarrierPages(serviceWorker, openCarrierPage);
        const before = await snapshotStores(serviceWorker);
        const valid = JSON.stringify(
          {
            format: 'linekeeper-backup',
            version: 1,
            exportedAt: new Date().toISOString(),
            lines: before.lines,
            readings: before.readings,
            renewals: before.renewals,
            settings: (before.settings[0] as { value: unknown } | undefined)?.value,
          },
          null,
          2,
        );
        const popup = await openPopup();
        await openBackupPanel(popup, t);

        const cases: [string, string, string][] = [
          [
            'truncated.json',
            valid.slice(0, Math.floor(valid.length * 0.6)),
            t('backupErrorTruncated'),
          ],
          [
            'passwords.json',
            JSON.stringify({ encrypted: false, folders: [], items: [{ id: 1 }] }),
            t('backupErrorForeign'),
          ],
          [
            'from-the-future.json',
            JSON.stringify({ ...JSON.parse(valid), version: 2 }),
            t('backupErrorNewer', ['2']),
          ],
          ['not-json.json', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n', t('backupErrorNotJson')],
        ];
        for (const [name, text, expected] of cases) {
          await chooseBackupFile(popup, t, name, text);
          await expect(popup.getByRole('alert').filter({ hasText: expected })).toBeVisible();
          // Nothing to confirm: the file never reaches the background.
          await expect(popup.getByRole('button', { name: t('backupConfirm') })).toHaveCount(0);
        }
        expect(JSON.stringify(await snapshotStores(serviceWorker))).toBe(JSON.stringify(before));
      });
    });
  }

  test('the calendar export parses with ical.js: one all-day event per line, stable UIDs', async ({
    serviceWorker,
    openCarrierPage,
    openPopup,
  }) => {
    const t = localeMessages('en');
    await visitCarrierPages(serviceWorker, openCarrierPage);
    const lines = await readStore<{ id: string; expiresOn: string }>(serviceWorker, 'lines');
    const popup = await openPopup();
    await openBackupPanel(popup, t);

    const first = await download(popup, t('calendarExport'));
    expect(first.name).toBe('linekeeper-renewals.ics');
    await expect(
      popup.getByRole('status').filter({ hasText: t('calendarSaved', [first.name, '2']) }),
    ).toBeVisible();
    const calendar = new ICAL.Component(ICAL.parse(first.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(lines.length);
    for (const line of lines) {
      const event = events.find((e) => e.uid === `line-${line.id}@linekeeper`);
      expect(event, line.id).toBeDefined();
      expect(event!.startDate.isDate).toBe(true);
      expect(event!.startDate.toString()).toBe(line.expiresOn);
      expect(event!.summary).toMatch(/^LineKeeper: .* expires$/);
      const alarm = event!.component.getFirstSubcomponent('valarm');
      expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('-P7D');
    }

    // A second export keeps the UIDs: a calendar updates the events instead of adding more.
    const second = await download(popup, t('calendarExport'));
    const uids = (text: string) =>
      new ICAL.Component(ICAL.parse(text))
        .getAllSubcomponents('vevent')
        .map((v) => v.getFirstPropertyValue('uid'));
    expect(uids(second.text)).toEqual(uids(first.text));

    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page: popup }).include('.lk-backup').analyze();
      expect(results.violations.map((v) => `${colorScheme} ${v.id}: ${v.help}`)).toEqual([]);
    }
  });
});

test('the line detail shows history, chart, spend per year and a copyable operation number', async ({
  serviceWorker,
  openCarrierPage,
  openPopup,
}) => {
  const t = localeMessages('en');
  await visitCarrierPages(serviceWorker, openCarrierPage);
  const claro = (await readStore<{ id: string; msisdn: string }>(serviceWorker, 'lines')).find(
    (line) => line.msisdn === '+5491134567812',
  )!;
  const readings = (await readStore<{ lineId: string }>(serviceWorker, 'readings')).filter(
    (reading) => reading.lineId === claro.id,
  );

  const popup = await openPopup();
  await popup.locator(`li[data-line-id="${claro.id}"] h3 button`).click();
  const detail = popup.locator('.lk-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();

  // History: one row per stored reading of this line, newest (the receipt) first.
  const history = detail.getByTestId('history');
  await expect(history.locator('tbody tr')).toHaveCount(readings.length);
  await expect(history.locator('tbody tr').first()).toContainText(
    t('detailReceiptRow', ['000784512309']),
  );

  // Chart: an image whose name sums it up, plus the numbers as a table.
  const chart = detail.getByRole('img', { name: /^Balance from .* \(readings: 1\): lowest / });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /highest ARS\s1,234\.56/);

  // Spend per year: the receipt's 2,000 pesos in its year.
  const spend = detail.getByTestId('spend-per-year');
  await expect(spend.getByRole('row', { name: /2026/ })).toContainText('ARS\u00a02,000');

  // Receipts: the operation number, copied with visible and announced feedback.
  const receipts = detail.getByTestId('receipts');
  await expect(receipts).toContainText('000784512309');
  const copy = receipts.getByRole('button', { name: t('detailCopyLabel', ['000784512309']) });
  // Chromium grants no clipboard-read to an extension origin here: record what is written.
  await popup.evaluate(() => {
    const clipboard = navigator.clipboard;
    const write = clipboard.writeText.bind(clipboard);
    (window as unknown as { copied: string[] }).copied = [];
    clipboard.writeText = async (text: string) => {
      (window as unknown as { copied: string[] }).copied.push(text);
      await write(text).catch(() => undefined);
    };
  });
  await copy.click();
  await expect(copy).toHaveText(t('detailCopied'));
  await expect(detail.getByRole('status').filter({ hasText: t('detailCopied') })).toHaveCount(1);
  expect(await popup.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
    '000784512309',
  ]);

  // Accessible in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: popup }).include('.lk-detail').analyze();
    expect(results.violations.map((v) => `${colorScheme} ${v.id}: ${v.help}`)).toEqual([]);
  }

  // Back to the list.
  await detail.getByRole('button', { name: t('detailBack') }).click();
  await expect(popup.locator(`li[data-line-id="${claro.id}"]`)).toBeVisible();
});
