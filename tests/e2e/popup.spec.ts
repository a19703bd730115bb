/**
 * The popup, one test per user story, in the real Chromium with the built extension.
 * Lines are created through the popup's own form or by sending the same `ui:*` messages
 * the popup sends; what was stored is checked in IndexedDB from the service worker.
 */
import { CARRIER_IDS } from '../../utils/carriers';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { buenosAiresDatePlus } from '../support/sample-pages';
import { expect, serveHtml, test } from './fixtures';
import { readStore } from './worker';

/** utils/domain/list-snapshot.ts LIST_SNAPSHOT_KEY */
const SNAPSHOT_KEY = 'linekeeper:list-snapshot';

interface StoredSnapshot {
  count: number;
  lines: { id: string; label: string }[];
}

async function storedSnapshot(worker: Worker): Promise<StoredSnapshot | undefined> {
  return (await worker.evaluate(
    async (key) => (await chrome.storage.local.get(key))[key],
    SNAPSHOT_KEY,
  )) as StoredSnapshot | undefined;
}

// The harness refuses every unrouted request, the extension's own files included: let
// chrome-extension:// through (it never leaves the machine).
test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.protocol === 'chrome-extension:',
    (route) => route.continue(),
  );
});

interface LineInput {
  carrier: 'claro' | 'movistar' | 'personal';
  msisdn?: string | null;
  label?: string;
  expiresOn?: string | null;
  balance?: number | null;
  lastRechargeOn?: string | null;
}

/** Adds lines through the same message the popup's form sends. */
async function addLines(popup: Page, lines: LineInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const line of lines) {
    const reply = (await popup.evaluate((message) => chrome.runtime.sendMessage(message), {
      type: 'ui:add-line',
      carrier: line.carrier,
      msisdn: line.msisdn ?? null,
      label: line.label ?? '',
      expiresOn: line.expiresOn ?? null,
      balance: line.balance == null ? null : { amount: line.balance, currency: 'ARS' },
      lastRechargeOn: line.lastRechargeOn ?? null,
    })) as { ok: boolean; line?: { id: string }; error?: string };
    expect(reply.ok, reply.error).toBe(true);
    ids.push(reply.line!.id);
  }
  return ids;
}

const today = (days = 0) => buenosAiresDatePlus(new Date(), days);

function rows(popup: Page) {
  return popup.locator('ul.lines').last().getByRole('listitem');
}

function rowOf(popup: Page, text: string | RegExp) {
  return popup.getByRole('listitem').filter({ hasText: text });
}

/** Opens a line's detail from its row (the name is the link) and returns the detail. */
async function openDetail(popup: Page, name: string | RegExp) {
  await rowOf(popup, name).locator('h3 button').click();
  const detail = popup.locator('.lk-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  return detail;
}

/** Opens a row's "More actions" menu and clicks one of its buttons. */
async function rowAction(popup: Page, name: string | RegExp, action: RegExp) {
  const row = rowOf(popup, name);
  await row.getByRole('button', { name: /^More actions/ }).click();
  await row.getByRole('button', { name: action }).click();
}

/** `YYYY-MM-DD` as the date fields show it, day first: `DD/MM/YYYY`. */
const dayFirst = (iso: string) => iso.split('-').reverse().join('/');

const THREE_LINES: LineInput[] = [
  { carrier: 'claro', msisdn: '+5491134567812', expiresOn: today(5), balance: 1234.56 },
  {
    carrier: 'movistar',
    msisdn: '+5493516123456',
    label: 'Mamá',
    expiresOn: today(-2),
    balance: 0,
  },
  { carrier: 'personal', msisdn: '+5491123456789', lastRechargeOn: today(-150), balance: 880 },
];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function waitForNewTab(context: BrowserContext, action: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent('page'), action()]);
  await tab.waitForLoadState('domcontentloaded');
  // Harness race: a tab the extension opens can start loading before Playwright's routes
  // are attached to it, and lands on Chrome's offline error page. Reloading retries the
  // same URL, now routed, so the assertion still checks the URL the extension asked for.
  if (tab.url().startsWith('chrome-error://')) await tab.reload();
  return tab;
}

test('first run: an empty state says what to do, with links to the three portals', async ({
  context,
  openPopup,
}) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'No lines yet' })).toBeVisible();
  for (const portal of ['Mi Claro', 'Mi Movistar', 'Mi Personal']) {
    await expect(popup.getByRole('link', { name: `Open ${portal}` })).toBeVisible();
  }
  await expect(popup.getByRole('button', { name: 'Add a line' })).toBeVisible();

  await serveHtml(context, 'https://m-miclaro.claro.com.ar/', '<title>Mi Claro</title>');
  const tab = await waitForNewTab(context, () =>
    popup.getByRole('link', { name: 'Open Mi Claro' }).click(),
  );
  expect(tab.url()).toBe('https://m-miclaro.claro.com.ar/');
});

test('add a line by hand: invalid input is refused field by field, then the line is stored', async ({
  openPopup,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Add a line' }).click();
  await expect(popup.getByRole('heading', { name: 'Add a line by hand' })).toBeFocused();

  await popup.getByLabel('Carrier').selectOption('claro');
  await popup.getByLabel('Phone number').fill('11 2345-678');
  await popup.getByLabel('Balance in pesos (optional)').fill('-50');
  await popup.getByRole('button', { name: 'Add line', exact: true }).click();

  const number = popup.getByLabel('Phone number');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toBeFocused();
  await expect(popup.getByText("This isn't an Argentine mobile number")).toBeVisible();
  await expect(popup.getByText("The amount can't be negative.")).toBeVisible();
  await popup.waitForTimeout(300);
  expect(await readStore(serviceWorker, 'lines')).toEqual([]);

  // The way people type it: with the trunk 0 and the mobile 15.
  await number.fill('(011) 15-2345-6789');
  await popup.getByLabel('Name (optional)').fill('Work SIM');
  await popup.getByLabel('Expiry date (optional)').fill(today(20));
  await popup.getByLabel('Balance in pesos (optional)').fill('1.234,56');
  await popup.getByRole('button', { name: 'Add line', exact: true }).click();

  const row = rowOf(popup, 'Work SIM');
  await expect(row).toContainText('in 20 days');
  // The compact row shows the name; the number and the balance are one click away.
  const detail = await openDetail(popup, 'Work SIM');
  await expect(detail).toContainText('+54 9 11 2345-6789');
  await expect(detail).toContainText('ARS 1,234.56');
  const stored = await readStore(serviceWorker, 'lines');
  expect(stored).toMatchObject([
    {
      carrier: 'claro',
      msisdn: '+5491123456789',
      label: 'Work SIM',
      expiresOn: today(20),
      balance: { amount: 1234.56, currency: 'ARS' },
    },
  ]);
});

test('the add form opens prefilled from the URL hash (the overlay\'s "enter it by hand")', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(
    `chrome-extension://${extensionId}/popup.html#/add?carrier=claro&msisdn=%2B5491123456789&expiresOn=${today(30)}&balance=1234.56`,
  );
  await expect(popup.getByLabel('Carrier')).toHaveValue('claro');
  await expect(popup.getByLabel('Phone number')).toHaveValue('+5491123456789');
  await expect(popup.getByLabel('Expiry date (optional)')).toHaveValue(dayFirst(today(30)));
  await expect(popup.getByLabel('Balance in pesos (optional)')).toHaveValue('1234.56');
  await popup.getByRole('button', { name: 'Add line', exact: true }).click();
  await expect(rowOf(popup, '+54 9 11 2345-6789')).toContainText('in 30 days');
  expect(await readStore(serviceWorker, 'lines')).toHaveLength(1);
});

test('list: most urgent first, urgency as text, estimated dates marked, unknown last', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await addLines(popup, [
    { carrier: 'personal', label: 'No date' },
    { carrier: 'claro', label: 'Later', expiresOn: today(40) },
    { carrier: 'movistar', label: 'Soon', expiresOn: today(5) },
    { carrier: 'claro', label: 'Lapsed', expiresOn: today(-3) },
    { carrier: 'personal', label: 'Tomorrow', expiresOn: today(1) },
    { carrier: 'movistar', label: 'Guess', lastRechargeOn: today(-170) },
  ]);
  await expect(rows(popup)).toHaveCount(6);
  const titles = await rows(popup).locator('h3').allInnerTexts();
  expect(titles).toEqual(['Lapsed', 'Tomorrow', 'Soon', 'Guess', 'Later', 'No date']);

  await expect(rowOf(popup, 'Lapsed')).toContainText('Expired · expired 3 days ago');
  await expect(rowOf(popup, 'Tomorrow')).toContainText('Renew now · tomorrow');
  await expect(rowOf(popup, 'Soon')).toContainText('Renew soon · in 5 days');
  await expect(rowOf(popup, 'Guess')).toContainText('in 10 days');
  await expect(rowOf(popup, 'Guess')).toContainText('estimate');
  await expect(rowOf(popup, 'Later')).toContainText('in 40 days');
  await expect(rowOf(popup, 'Later')).not.toContainText('estimate');
  await expect(rowOf(popup, 'No date')).toContainText('expiry unknown');
  // Carrier named, not only coloured.
  await expect(rowOf(popup, 'Soon')).toContainText('Movistar');
});

test('a line read from a carrier page says when and where it was read', async ({
  openCarrierPage,
  openPopup,
}) => {
  const { claroAccountPage } = await import('../support/sample-pages');
  const sample = claroAccountPage(new Date(), 5);
  const page = await openCarrierPage(sample.url, sample.html);
  await page.waitForTimeout(1500);
  const popup = await openPopup();
  const detail = await openDetail(popup, '+54 9 11 3456-7812');
  await expect(detail).toContainText(
    /read (now|\d+ (seconds?|minutes?) ago) on m-miclaro\.claro\.com\.ar\/inicio/,
  );
  await expect(detail).toContainText('ARS 1,234.56');
});

test("Recharge opens the carrier's recharge page in a new tab", async ({ context, openPopup }) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'movistar', msisdn: '+5493516123456', expiresOn: today(3) }]);
  await serveHtml(
    context,
    'https://www.movistar.com.ar/recarga-con-tarjeta-de-credito',
    '<title>Recarga</title>',
  );
  const tab = await waitForNewTab(context, () =>
    rowOf(popup, '351 612-3456')
      .getByRole('button', { name: /^Recharge/ })
      .click(),
  );
  expect(tab.url()).toBe('https://www.movistar.com.ar/recarga-con-tarjeta-de-credito');
});

test('Mark as renewed records the renewal and moves the expiry', async ({
  openPopup,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'claro', label: 'Chip', expiresOn: today(2) }]);
  await rowAction(popup, 'Chip', /^Mark as renewed/);
  await expect(popup.getByRole('heading', { name: 'Mark Chip as renewed' })).toBeFocused();

  await popup.getByLabel('Amount paid in pesos (optional)').fill('-3');
  await popup.getByRole('button', { name: 'Record renewal' }).click();
  await expect(popup.getByText("The amount can't be negative.")).toBeVisible();

  await popup.getByLabel('Amount paid in pesos (optional)').fill('2.500');
  await popup.getByLabel('3 months').check();
  await popup.getByLabel('Payment method (optional)').selectOption('credit-card');
  await popup.getByLabel('Operation number (optional)').fill('OP-123456');
  // Suggested: the running expiry + 3 months; the user picks "today + 3 months" instead.
  await popup.getByRole('button', { name: /^Today \+ duration/ }).click();
  const newExpiry = (await popup.getByLabel('New expiry date').inputValue())
    .split('/')
    .reverse()
    .join('-');
  await popup.getByRole('button', { name: 'Record renewal' }).click();

  await expect(popup.getByRole('status')).toContainText('Renewal of Chip recorded.');
  const [line] = await readStore<{ expiresOn: string; lastRechargeOn: string }>(
    serviceWorker,
    'lines',
  );
  expect(line!.expiresOn).toBe(newExpiry);
  expect(line!.lastRechargeOn).toBe(today());
  expect(newExpiry > today(80)).toBe(true);
  const renewals = await readStore(serviceWorker, 'renewals');
  expect(renewals).toMatchObject([
    { amount: 2500, months: 3, paymentMethod: 'credit-card', operationId: 'OP-123456' },
  ]);
  await expect(rowOf(popup, 'Chip')).not.toContainText('in 2 days');
});

test('edit a line: label, number, expiry and balance', async ({ openPopup, serviceWorker }) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'personal', label: 'Old name', expiresOn: today(9) }]);
  await rowAction(popup, 'Old name', /^Edit/);
  await expect(popup.getByLabel('Name (optional)')).toHaveValue('Old name');
  await popup.getByLabel('Name (optional)').fill('New name');
  await popup.getByLabel('Phone number').fill('+54 9 11 2345-6789');
  await popup.getByLabel('Expiry date (optional)').fill(today(12));
  await popup.getByLabel('Balance in pesos (optional)').fill('99,5');
  await popup.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(rowOf(popup, 'New name')).toContainText('in 12 days');
  expect(await readStore(serviceWorker, 'lines')).toMatchObject([
    {
      label: 'New name',
      msisdn: '+5491123456789',
      expiresOn: today(12),
      balance: { amount: 99.5 },
    },
  ]);
});

test('delete a line, then undo within the snackbar', async ({ openPopup, serviceWorker }) => {
  const popup = await openPopup();
  await addLines(popup, [
    { carrier: 'claro', label: 'Keep me', expiresOn: today(4) },
    { carrier: 'claro', label: 'Other', expiresOn: today(8) },
  ]);
  await rowAction(popup, 'Keep me', /^Delete/);
  await expect(rowOf(popup, 'Keep me')).toHaveCount(0);
  expect(await readStore(serviceWorker, 'lines')).toHaveLength(1);

  await expect(popup.getByRole('status')).toContainText('Keep me deleted.');
  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect(rowOf(popup, 'Keep me')).toContainText('in 4 days');
  expect(await readStore(serviceWorker, 'lines')).toHaveLength(2);
});

test('snooze reminders until tomorrow, then resume them', async ({ openPopup, serviceWorker }) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'claro', label: 'Quiet', expiresOn: today(1) }]);
  const row = rowOf(popup, 'Quiet');
  await rowAction(popup, 'Quiet', /^Snooze until tomorrow/);
  await expect(row).toContainText('reminders snoozed until');
  const [line] = await readStore<{ snoozedUntil: number }>(serviceWorker, 'lines');
  expect(line!.snoozedUntil).toBeGreaterThan(Date.now() + 23 * 3_600_000);

  await row.getByRole('button', { name: /^Resume reminders/ }).click();
  await expect(row).not.toContainText('reminders snoozed until');
  const [after] = await readStore<{ snoozedUntil: number | null }>(serviceWorker, 'lines');
  expect(after!.snoozedUntil).toBeNull();
});

test('a reading without a number, with two Claro lines, is assigned in one click', async ({
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await addLines(popup, [
    { carrier: 'claro', label: 'Claro A', msisdn: '+5491134567812' },
    { carrier: 'claro', label: 'Claro B', msisdn: '+5491155554444' },
  ]);
  const expiry = today(25);
  const [y, m, d] = expiry.split('-');
  const html = `<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>Mi Claro</title></head>
<body><main><h1>Mi Claro</h1><section><h2>Saldo disponible</h2><p>$ 777,00</p>
<p>Vence el ${d}/${m}/${y}</p></section></main></body></html>`;
  await openCarrierPage('https://m-miclaro.claro.com.ar/saldo', html);
  await expect
    .poll(
      async () => (await readStore<{ lineId: string | null }>(serviceWorker, 'readings')).length,
    )
    .toBe(1);

  await popup.reload();
  // One folded row above the list; opening it shows the reading and the lines it can be.
  const waiting = popup.getByRole('region', { name: '1 reading waits for a line' });
  await waiting.getByText('1 reading waits for a line').click();
  await expect(waiting).toContainText('ARS 777');
  await expect(waiting).toContainText('/saldo');
  await waiting.getByRole('button', { name: 'This is Claro B' }).click();
  await expect(waiting).toHaveCount(0);
  await expect(rowOf(popup, 'Claro B')).toContainText('in 25 days');
  const [reading] = await readStore<{ lineId: string | null }>(serviceWorker, 'readings');
  const lineB = (await readStore<{ id: string; label: string }>(serviceWorker, 'lines')).find(
    (line) => line.label === 'Claro B',
  );
  expect(reading!.lineId).toBe(lineB!.id);
});

test('settings are saved and still there after reopening the popup', async ({
  openPopup,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Settings' }).click();
  await expect(popup.getByRole('heading', { name: 'Settings', level: 2 })).toBeFocused();
  await popup.getByLabel('14 days before').check();
  await expect(popup.getByRole('status').first()).toContainText('Settings saved.');
  await popup.getByLabel('on the day').uncheck();
  await popup.getByLabel('Time of day for reminders').selectOption('8');
  await popup.getByLabel('Show reminder notifications').uncheck();
  await popup.getByLabel('Show the panel on Movistar pages').uncheck();
  await expect
    .poll(
      async () =>
        (await readStore<{ value: { leadDays: number[] } }>(serviceWorker, 'settings'))[0]?.value,
    )
    .toMatchObject({
      leadDays: [14, 7, 3, 1],
      reminderHour: 8,
      notificationsEnabled: false,
      overlayDisabledCarriers: ['movistar'],
    });

  await popup.close();
  const again = await openPopup();
  await again.getByRole('button', { name: 'Settings' }).click();
  await expect(again.getByLabel('14 days before')).toBeChecked();
  await expect(again.getByLabel('on the day')).not.toBeChecked();
  await expect(again.getByLabel('Time of day for reminders')).toHaveValue('8');
  await expect(again.getByLabel('Show reminder notifications')).not.toBeChecked();
  await expect(again.getByLabel('Show the panel on Movistar pages')).not.toBeChecked();
  await expect(again.getByLabel('Show the panel on Claro pages')).toBeChecked();
  // The colleague's backup section lives in settings.
  await expect(again.getByRole('button', { name: 'Export backup' })).toBeVisible();
});

test('hosts where the overlay was hidden can be shown again', async ({ openPopup }) => {
  const popup = await openPopup();
  await popup.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'ui:save-settings',
      settings: { overlayHiddenHosts: ['mi.movistar.com.ar', 'm-miclaro.claro.com.ar'] },
    }),
  );
  await popup.getByRole('button', { name: 'Settings' }).click();
  const hosts = popup.getByRole('list', { name: 'Sites where you hid the panel' });
  await expect(hosts.getByRole('listitem')).toHaveCount(2);
  await hosts.getByRole('button', { name: /Show again — mi\.movistar\.com\.ar/ }).click();
  await expect(hosts.getByRole('listitem')).toHaveCount(1);
  await expect(hosts).toContainText('m-miclaro.claro.com.ar');
});

test('hide numbers masks every number and stays on after reopening', async ({ openPopup }) => {
  const popup = await openPopup();
  await addLines(popup, [
    { carrier: 'claro', msisdn: '+5491134567812', expiresOn: today(5) },
    { carrier: 'movistar', msisdn: '+5493516123456', label: 'Córdoba', expiresOn: today(9) },
  ]);
  const claroTitle = popup.locator('h3', { hasText: /^\+54 9 11/ });
  await expect(claroTitle).toHaveText('+54 9 11 3456-7812');
  const toggle = popup.getByRole('button', { name: 'Hide numbers' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(claroTitle).toHaveText('+54 9 11 ••••-7812');
  await expect(popup.locator('body')).not.toContainText('3456-7812');
  const detail = await openDetail(popup, 'Córdoba');
  await expect(detail.locator('.lk-detail__meta')).toHaveText('Movistar · +54 9 351 •••-3456');
  await expect(popup.locator('body')).not.toContainText('612-3456');
  await detail.getByRole('button', { name: 'Back to lines' }).click();

  await popup.close();
  const again = await openPopup();
  await expect(again.getByRole('button', { name: 'Hide numbers' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(again.locator('h3', { hasText: /^\+54 9 11/ })).toHaveText('+54 9 11 ••••-7812');
});

test('a storage failure shows a localised error instead of a blank popup', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'No lines yet' })).toBeVisible();
  // From now on every IndexedDB read in the popup fails, as with a damaged profile or a
  // full disk; a write by the background makes the live query read again.
  await popup.evaluate(() => {
    const fail = () => {
      throw new DOMException('simulated storage failure', 'UnknownError');
    };
    for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
      for (const method of [
        'get',
        'getAll',
        'getAllKeys',
        'openCursor',
        'openKeyCursor',
        'count',
      ]) {
        Object.defineProperty(proto, method, { value: fail, configurable: true });
      }
    }
  });
  await addLines(popup, [{ carrier: 'claro', label: 'Trigger' }]);
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText("LineKeeper can't read its data");
  await expect(alert).toContainText('IndexedDB');
});

test("a refused action shows the reason in the user's language", async ({ openPopup }) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'claro', msisdn: '+5491134567812', label: 'First' }]);
  await popup.getByRole('button', { name: 'Add a line' }).click();
  await popup.getByLabel('Carrier').selectOption('claro');
  await popup.getByLabel('Phone number').fill('11 3456-7812');
  await popup.getByRole('button', { name: 'Add line', exact: true }).click();
  await expect(popup.getByRole('alert')).toContainText(
    'You already have a line with this number at this carrier.',
  );
});

test('keyboard only: reach a row action and open the renewal form', async ({ openPopup }) => {
  const popup = await openPopup();
  await addLines(popup, [{ carrier: 'claro', label: 'Keys', expiresOn: today(6) }]);
  await expect(rowOf(popup, 'Keys')).toBeVisible();
  const tabTo = async (target: ReturnType<Page['getByRole']>) => {
    for (
      let i = 0;
      i < 12 && !(await target.evaluate((el) => el === document.activeElement));
      i++
    ) {
      await popup.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  };
  const more = rowOf(popup, 'Keys').getByRole('button', { name: /^More actions/ });
  await tabTo(more);
  await popup.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const renew = rowOf(popup, 'Keys').getByRole('button', { name: /^Mark as renewed/ });
  await tabTo(renew);
  // Focus is visible: an outline is drawn.
  expect(await renew.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Mark Keys as renewed' })).toBeFocused();
});

test.describe('Spanish', () => {
  test.use({ language: 'es' });
  test('texts and days left in Argentine Spanish', async ({ openPopup }) => {
    const popup = await openPopup();
    await expect(popup.getByRole('heading', { name: 'Todavía no hay líneas' })).toBeVisible();
    await addLines(popup, [
      { carrier: 'claro', label: 'Chip', expiresOn: today(5), balance: 1234.56 },
      { carrier: 'personal', label: 'Vieja', expiresOn: today(-4) },
    ]);
    await expect(rowOf(popup, 'Chip')).toContainText('en 5 días');
    await expect(rowOf(popup, 'Vieja')).toContainText('venció hace 4 días');
    const detail = await openDetail(popup, 'Chip');
    await expect(detail).toContainText('$\u00a01.234,56');
    await detail.getByRole('button', { name: 'Volver a las líneas' }).click();
    await expect(popup.getByRole('button', { name: /^Recargar/ }).first()).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Ajustes' })).toBeVisible();
  });
});

test.describe('Chinese', () => {
  test.use({ language: 'zh_CN' });
  test('texts and days left in Simplified Chinese', async ({ openPopup }) => {
    const popup = await openPopup();
    await expect(popup.getByRole('heading', { name: '还没有号码' })).toBeVisible();
    await expect(popup.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await addLines(popup, [
      { carrier: 'claro', label: '保号卡', expiresOn: today(5) },
      { carrier: 'movistar', label: '备用', expiresOn: today(-4) },
    ]);
    await expect(rowOf(popup, '保号卡')).toContainText('5 天后');
    await expect(rowOf(popup, '备用')).toContainText('已过期 4 天');
    await expect(popup.getByRole('button', { name: /^充值/ }).first()).toBeVisible();
    await popup.getByRole('button', { name: '添加号码' }).click();
    await popup.getByRole('button', { name: '添加', exact: true }).click();
    await expect(popup.getByText('请选择运营商。')).toBeVisible();
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds no violations (${colorScheme}): empty, list, form errors, renewal, settings`, async ({
    openPopup,
  }) => {
    const popup = await openPopup();
    await popup.emulateMedia({ colorScheme });
    await expect(popup.getByRole('heading', { name: 'No lines yet' })).toBeVisible();
    await expectNoAxeViolations(popup);

    await addLines(popup, THREE_LINES);
    await expect(rows(popup)).toHaveCount(3);
    await rows(popup)
      .first()
      .getByRole('button', { name: /^More actions/ })
      .click();
    await expectNoAxeViolations(popup);

    await popup.getByRole('button', { name: 'Add a line' }).click();
    await popup.getByLabel('Phone number').fill('12');
    await popup.getByLabel('Balance in pesos (optional)').fill('-1');
    await popup.getByRole('button', { name: 'Add line', exact: true }).click();
    await expect(popup.getByText('Choose the carrier.')).toBeVisible();
    await expectNoAxeViolations(popup);
    await popup.getByRole('button', { name: 'Cancel' }).click();

    await rows(popup)
      .first()
      .getByRole('button', { name: /^More actions/ })
      .click();
    await rows(popup)
      .first()
      .getByRole('button', { name: /^Mark as renewed/ })
      .click();
    await expectNoAxeViolations(popup);
    await popup.getByRole('button', { name: 'Cancel' }).click();

    await popup.getByRole('button', { name: 'Settings' }).click();
    await expect(popup.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
    await expectNoAxeViolations(popup);
  });
}

test('fits 360 px and 420 px wide without horizontal scrolling', async ({ openPopup }) => {
  const popup = await openPopup();
  await addLines(popup, THREE_LINES);
  for (const width of [360, 420]) {
    await popup.setViewportSize({ width, height: 600 });
    await expect(rows(popup)).toHaveCount(3);
    const overflow = await popup.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `at ${width}px`).toBeLessThanOrEqual(0);
  }
});

test('the list paints from the snapshot first, then shows exactly what the database holds', async ({
  context,
  extensionId,
  openPopup,
  serviceWorker,
}) => {
  const setup = await openPopup();
  await addLines(setup, [
    { carrier: 'claro', label: 'Kept', expiresOn: today(5) },
    { carrier: 'movistar', label: 'Second', expiresOn: today(9) },
  ]);
  await setup.close();
  // The background keeps the snapshot after every change...
  await expect.poll(async () => (await storedSnapshot(serviceWorker))?.count).toBe(2);
  // ...make it stale, as if the database had changed behind its back: a renamed line, a
  // deleted one, a wrong count.
  await serviceWorker.evaluate(async (key) => {
    const snapshot = (await chrome.storage.local.get(key))[key] as StoredSnapshot;
    const [first] = snapshot.lines;
    snapshot.lines = [
      { ...first!, label: 'Old name' },
      { ...first!, id: 'deleted-since', label: 'Deleted since' },
    ];
    snapshot.count = 7;
    await chrome.storage.local.set({ [key]: snapshot });
  }, SNAPSHOT_KEY);

  // Hold the popup's database code (components/popup/data.ts, its own chunk) to see what
  // the popup shows before it has read the database.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/chunks\/data-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Your lines (7)' })).toBeVisible();
  // Sorted as always: same expiry, so by name.
  await expect(rows(popup)).toHaveText([/Deleted since/, /Old name/]);

  release();
  await expect(popup.getByRole('heading', { name: 'Your lines (2)' })).toBeVisible();
  await expect(rows(popup)).toHaveText([/Kept/, /Second/]);
  await expect(popup.getByText('Deleted since')).toHaveCount(0);
  await expect(popup.getByText('Old name')).toHaveCount(0);
  // The popup told the background, which rewrote the snapshot from the database.
  await expect
    .poll(async () => (await storedSnapshot(serviceWorker))?.lines.map((l) => l.label))
    .toEqual(['Kept', 'Second']);
});

test('a corrupt or missing snapshot only means the list comes from the database', async ({
  openPopup,
  serviceWorker,
}) => {
  const setup = await openPopup();
  await addLines(setup, [{ carrier: 'personal', label: 'Abuela', expiresOn: today(2) }]);
  await setup.close();
  await expect.poll(async () => (await storedSnapshot(serviceWorker))?.count).toBe(1);
  for (const broken of [{ version: 1, count: 'many', lines: 'garbage' }, null]) {
    await serviceWorker.evaluate(
      ([key, value]) => chrome.storage.local.set({ [key as string]: value }),
      [SNAPSHOT_KEY, broken] as const,
    );
    const popup = await openPopup();
    await expect(popup.getByRole('heading', { name: 'Your lines (1)' })).toBeVisible();
    await expect(rows(popup)).toHaveText([/Abuela/]);
    await expect.poll(async () => (await storedSnapshot(serviceWorker))?.count).toBe(1);
    await popup.close();
  }
});

// Speed is measured by `npm run bench:popup` (a benchmark, not a timed test).
test('500 lines: all listed, the first screenful first, then the rest', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const setup = await openPopup();
  const now = new Date().toISOString();
  const lines = Array.from({ length: 500 }, (_, i) => ({
    id: `line-${i}`,
    carrier: CARRIER_IDS[i % CARRIER_IDS.length],
    msisdn: `+54911${String(10_000_000 + i * 7919).slice(0, 8)}`,
    label: i % 4 === 0 ? `Line ${i}` : '',
    expiresOn: i % 10 === 0 ? null : buenosAiresDatePlus(new Date(), (i % 120) - 10),
    expirySource: 'page',
    expiryKnownSince: 0,
    balance: { amount: i * 13.5, currency: 'ARS' },
    previousBalance: null,
    balanceAt: now,
    lastReadingAt: new Date(Date.now() - i * 600_000).toISOString(),
    lastReadingPath: '/inicio',
    lastReadingKey: null,
    source: 'page',
    lastRechargeOn: null,
    snoozedUntil: null,
    lastReminder: null,
    createdAt: now,
    updatedAt: now,
  }));
  const reply = (await setup.evaluate(
    (backup) => chrome.runtime.sendMessage({ type: 'ui:import-backup', backup }),
    {
      format: 'linekeeper-backup',
      version: 1,
      exportedAt: now,
      lines,
      readings: [],
      renewals: [],
      settings: {
        leadDays: [7, 3, 1, 0],
        reminderHour: 10,
        notificationsEnabled: true,
        overlayDisabledCarriers: [],
        overlayHiddenHosts: [],
      },
    },
  )) as { ok: boolean; error?: string };
  expect(reply.ok, reply.error).toBe(true);
  await setup.close();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  // Every change in how many rows the list holds, with the first row's text at that time.
  await popup.addInitScript(() => {
    const seen: { rows: number; first: string }[] = [];
    (window as unknown as { lkRows: typeof seen }).lkRows = seen;
    new MutationObserver(() => {
      const items = document.querySelectorAll('ul.lines li');
      if (items.length !== (seen.at(-1)?.rows ?? 0)) {
        seen.push({ rows: items.length, first: items[0]?.textContent ?? '' });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Your lines (500)' })).toBeVisible();
  await expect(popup.getByRole('listitem')).toHaveCount(500);
  // Most urgent first: the expired lines lead.
  await expect(popup.getByRole('listitem').first()).toContainText(/expired/i);
  const finalFirst = await popup.getByRole('listitem').first().textContent();
  const steps = await popup.evaluate(
    () => (window as unknown as { lkRows: { rows: number; first: string }[] }).lkRows,
  );
  // The first rows put on screen are a screenful, not the whole list, and already the most
  // urgent ones; the list then only grows until all 500 are there.
  const visibleRows = await popup.evaluate(
    () =>
      [...document.querySelectorAll('ul.lines li')].filter(
        (item) => item.getBoundingClientRect().top < innerHeight,
      ).length,
  );
  expect(steps[0]!.rows).toBeGreaterThanOrEqual(visibleRows);
  expect(steps[0]!.rows).toBeLessThan(50);
  expect(steps[0]!.first).toBe(finalFirst);
  expect(steps.length).toBeGreaterThan(2);
  for (let i = 1; i < steps.length; i++) expect(steps[i]!.rows).toBeGreaterThan(steps[i - 1]!.rows);
  expect(steps.at(-1)!.rows).toBe(500);
});
