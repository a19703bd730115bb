/**
 * "Never read passwords, card numbers or any form input" (docs/domain.md), proved on a
 * page full of them: after the extension has read the page and saved the line, no secret
 * (nor its digits alone) is in any IndexedDB store, in the readings' notes, in the backup
 * export, or in the page report the overlay copies.
 */
import { readDatabaseInPage } from '../support/database';
import type { Page, Worker } from '@playwright/test';
import { expect, fixturePage, test } from './fixtures';
import { OverlayObject } from './overlay';
import { readStore } from './worker';

/** What the secrets-*.html pages hold that must never be stored or copied. */
const SECRETS = [
  'Zorzal!Secreta77', // password input
  '4517 6601 2345 9876', // card-number input
  '739', // CVV input
  '28456123', // DNI input
  '4821', // "Tarjeta terminada en 4821"
  '4509 9535 6623 3704', // card number shown in text beside "Tarjeta"
];
/** Each secret as printed and as digits only (3+ digits), matched as a whole token. */
const NEEDLES = [
  ...new Set(SECRETS.flatMap((s) => [s, s.replace(/\D/g, '')]).filter((s) => s.length >= 3)),
];
const tokenPattern = (needle: string) =>
  new RegExp(`(?<![0-9A-Za-z])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);

/**
 * Our own bookkeeping that holds random digits by construction (record ids, instants):
 * skipped so a UUID or a millisecond count can't fake a hit. Everything read from the
 * page (numbers, amounts, dates, notes, fingerprints, paths) is searched.
 */
const OWN_KEYS = new Set([
  'id',
  'lineId',
  'readAt',
  'createdAt',
  'updatedAt',
  'balanceAt',
  'lastReadingAt',
  'exportedAt',
  'expiryKnownSince',
  'snoozedUntil',
]);

function leaves(value: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!OWN_KEYS.has(key)) leaves(v, path ? `${path}.${key}` : key, out);
    }
  } else out.push([path, String(value)]);
  return out;
}

function secretHits(where: string, texts: [string, string][]): string[] {
  const hits: string[] = [];
  for (const [path, text] of texts) {
    for (const needle of NEEDLES) {
      if (tokenPattern(needle).test(text)) hits.push(`${where} ${path}: "${needle}" in "${text}"`);
    }
  }
  return hits;
}

async function dumpDatabase(worker: Worker): Promise<Record<string, unknown[]>> {
  const dump = await worker.evaluate(readDatabaseInPage, {});
  return dump.stores as Record<string, unknown[]>;
}

async function exportBackup(popup: Page): Promise<unknown> {
  const reply = (await popup.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'ui:export-backup' }),
  )) as { ok: boolean; backup?: unknown; error?: string };
  expect(reply.ok, reply.error).toBe(true);
  return reply.backup;
}

test('the secrets test matcher finds what it must (control)', () => {
  expect(secretHits('x', [['a', 'pagado con 4509953566233704.']])).toHaveLength(1);
  expect(secretHits('x', [['a', 'clave Zorzal!Secreta77']])).toHaveLength(1);
  expect(secretHits('x', [['a', 'cvv: 739']])).toHaveLength(1);
  expect(secretHits('x', [['a', '+5491145678901 7391 1739']])).toHaveLength(0);
});

test('an account page full of secrets: only the line, credit and expiry are kept', async ({
  serviceWorker,
  openCarrierPage,
  openPopup,
}) => {
  const fixture = fixturePage('personal/secrets-account');
  const page = await openCarrierPage(fixture.url, fixture.html);
  await new OverlayObject(page).waitForText(/Saved/);
  const lines = await readStore(serviceWorker, 'lines');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    carrier: 'personal',
    msisdn: '+5491145678901',
    balance: { amount: 1250.75, currency: 'ARS' },
    expiresOn: '2027-01-15',
  });

  const dump = await dumpDatabase(serviceWorker);
  const stored = leaves(dump);
  // Control: the dump really holds what the page showed.
  expect(stored.some(([, text]) => text === '+5491145678901')).toBe(true);
  expect(stored.some(([, text]) => text === '1250.75')).toBe(true);
  expect(dump.readings?.length).toBeGreaterThan(0);
  expect(secretHits('IndexedDB', stored)).toEqual([]);
  const notes = (dump.readings ?? []).flatMap((r) => (r as { notes: string[] }).notes);
  expect(
    secretHits(
      'notes',
      notes.map((n, i) => [`note ${i}`, n]),
    ),
  ).toEqual([]);

  const backup = await exportBackup(await openPopup());
  const exported = leaves(backup);
  expect(exported.some(([, text]) => text === '+5491145678901')).toBe(true);
  expect(secretHits('backup', exported)).toEqual([]);
});

test('the ambiguous secrets page: nothing secret in storage, backup or the copied page report', async ({
  context,
  serviceWorker,
  openCarrierPage,
  openPopup,
}) => {
  const fixture = fixturePage('personal/secrets-ambiguous');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(fixture.url).origin,
  });
  const page = await openCarrierPage(fixture.url, fixture.html);
  const overlay = new OverlayObject(page);
  await overlay.waitForText(/Couldn't read the expiry date for sure/);
  const lines = await readStore(serviceWorker, 'lines');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ msisdn: '+5491145678901', expiresOn: null });

  await page.bringToFront();
  await overlay.click('[data-lk="copy-report"]');
  await overlay.waitForText(/Copied/);
  const report = await page.evaluate(() => navigator.clipboard.readText());
  // Control: it is the report of this page (labels kept, figures masked).
  expect(report).toContain('LineKeeper page report');
  expect(report).toMatch(/Tarjeta/);
  expect(report).toMatch(/Vence el ##\/##\/####/);
  const reportLines = report.split('\n').map((line, i): [string, string] => [`line ${i}`, line]);
  expect(secretHits('page report', reportLines)).toEqual([]);
  // Masking would hide a capitalised word or digits even if an input were read: look for
  // what masking leaves of the password, and for any value next to the input labels.
  expect(report).not.toMatch(/orzal|ecreta/);
  for (const line of report
    .split('\n')
    .filter((l) => /seguridad|Clave|Número de tarjeta/i.test(l))) {
    expect(line, 'a form field label came with a value').not.toMatch(/#/);
  }

  const stored = leaves(await dumpDatabase(serviceWorker));
  expect(stored.some(([, text]) => text === '+5491145678901')).toBe(true);
  expect(secretHits('IndexedDB', stored)).toEqual([]);
  expect(secretHits('backup', leaves(await exportBackup(await openPopup())))).toEqual([]);
});
