/**
 * Pages that would have cost a user their number, in the real Chromium with the built
 * extension: a page whose expiry is absurd, a masked number after another line's page, a
 * name-only line before the user's own page, a page that changes its number every
 * second. Each ends with the user's lines exactly as they were (or as the rules add to
 * them), and anything held back visible in the popup. The pages are invented here.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import { buenosAiresDatePlus } from '../support/sample-pages';
import { expect, serveHtml, test } from './fixtures';
import { readStore, readStoreSoFar } from './worker';

interface StoredLine {
  id: string;
  msisdn: string | null;
  label: string;
  expiresOn: string | null;
  heldExpiry?: { expiresOn: string; declined: boolean } | null;
}
interface StoredReading {
  id: number;
  lineId: string | null;
  msisdn: string | null;
  expiresOn: string | null;
  notes: string[];
}

const today = (days = 0) => buenosAiresDatePlus(new Date(), days);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/** A Mi Claro account page showing `number` (as printed), a balance and an expiry. */
function accountPage(number: string, balance: string, expiry: string): string {
  return `<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>Mi Claro</title></head>
<body><header><strong>Mi Claro</strong></header><main>
<section><h2>Tu línea</h2><p>Línea: <span>${number}</span></p></section>
<section><h3>Saldo disponible</h3><p>$ ${balance}</p><p>Vence el ${expiry}</p></section>
</main></body></html>`;
}

test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.protocol === 'chrome-extension:',
    (route) => route.continue(),
  );
});

async function addLine(popup: Page, fields: Record<string, unknown>): Promise<string> {
  const reply = (await popup.evaluate((message) => chrome.runtime.sendMessage(message), {
    type: 'ui:add-line',
    carrier: 'claro',
    msisdn: null,
    label: '',
    expiresOn: null,
    balance: null,
    ...fields,
  })) as { ok: boolean; line?: { id: string }; error?: string };
  expect(reply.ok, reply.error).toBe(true);
  return reply.line!.id;
}

async function readingsWhen(worker: Worker, count: number): Promise<StoredReading[]> {
  await expect
    .poll(async () => (await readStoreSoFar(worker, 'readings')).length, { timeout: 15_000 })
    .toBe(count);
  return readStore<StoredReading>(worker, 'readings');
}

const lines = (worker: Worker) => readStore<StoredLine>(worker, 'lines');

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('an account page saying "Vence el 31/12/2100" leaves the date the user entered alone, and says why', async ({
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  const popup = await openPopup();
  const mine = today(3);
  await addLine(popup, { msisdn: '+5491134567812', expiresOn: mine });
  const before = await lines(serviceWorker);

  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage('11 3456-7812', '1.234,56', '31/12/2100'),
  );
  const [reading] = await readingsWhen(serviceWorker, 1);
  expect(reading).toMatchObject({ lineId: before[0]!.id, expiresOn: '2100-12-31' });
  expect(reading!.notes).toContain('lk:expiry-out-of-bounds');
  expect(await lines(serviceWorker)).toEqual(before);

  await popup.reload();
  const row = popup.getByRole('listitem').filter({ hasText: '3456-7812' });
  await expect(row).toContainText('in 3 days');
  await row.getByRole('heading').getByRole('button').click();
  const history = popup.getByTestId('history');
  await expect(history).toContainText('31 Dec 2100');
  await expect(history).toContainText(
    "The page's date 31 Dec 2100 is too far from the day it was read to be a line's expiry: it was not used.",
  );
});

test('a page date far past the one the user entered asks "keep which?" on the line, and the answer holds', async ({
  context,
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await addLine(popup, { msisdn: '+5491134567812', expiresOn: today(3) });
  const far = today(390);
  const url = 'https://m-miclaro.claro.com.ar/inicio';
  const page = await openCarrierPage(url, accountPage('11 3456-7812', '1.234,56', ddmmyyyy(far)));
  await readingsWhen(serviceWorker, 1);
  expect(await lines(serviceWorker)).toEqual([
    expect.objectContaining({
      expiresOn: today(3),
      heldExpiry: expect.objectContaining({ expiresOn: far }),
    }),
  ]);

  await popup.reload();
  const row = popup.getByRole('listitem').filter({ hasText: '3456-7812' });
  await expect(row).toContainText('in 3 days');
  const question = row.getByRole('group', {
    name: /^The page says .*, you entered .*\. Keep which\?$/,
  });
  await expect(question).toBeVisible();
  await expectNoAxeViolations(popup);
  await question.getByRole('button', { name: /^Keep mine/ }).click();
  await expect(question).toHaveCount(0);
  await expect(popup.getByRole('status')).toContainText('Your date was kept.');
  // Read again (a new balance): the date the user kept is not asked about again.
  await serveHtml(context, url, accountPage('11 3456-7812', '1.000,00', ddmmyyyy(far)));
  await page.reload();
  await readingsWhen(serviceWorker, 2);
  await expect(row).toContainText('in 3 days');
  await expect(row.getByRole('group', { name: /Keep which\?/ })).toHaveCount(0);
});

test("a masked-number page after another line's page waits, visible, until added or discarded", async ({
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage('11 5555-2215', '500,00', ddmmyyyy(today(20))),
  );
  await readingsWhen(serviceWorker, 1);
  const before = await lines(serviceWorker);
  expect(before).toEqual([
    expect.objectContaining({ msisdn: '+5491155552215', expiresOn: today(20) }),
  ]);

  const masked = accountPage('11 ****-3344', '870,00', ddmmyyyy(today(40)));
  const page = await openCarrierPage('https://m-miclaro.claro.com.ar/consumos', masked);
  const [, waiting] = await readingsWhen(serviceWorker, 2);
  expect(waiting).toMatchObject({ lineId: null, msisdn: null, expiresOn: today(40) });
  expect(await lines(serviceWorker)).toEqual(before);

  const popup = await openPopup();
  const fold = popup.getByRole('region', { name: '1 reading waits for a line' });
  await fold.getByText('1 reading waits for a line').click();
  await expect(fold).toContainText('balance ARS 870');
  await expect(fold).toContainText("The page didn't say which of your lines it was about.");
  await expect(fold.getByRole('button', { name: 'Add as a new line' })).toBeVisible();
  await expectNoAxeViolations(popup);
  await fold.getByRole('button', { name: 'Discard' }).click();
  await expect(fold).toHaveCount(0);
  await expect(popup.getByRole('status')).toContainText('Reading discarded.');
  expect(await readStore(serviceWorker, 'readings')).toHaveLength(1);
  expect(await lines(serviceWorker)).toEqual(before);

  // The same page read again waits again; this time it becomes a line of its own.
  await page.reload();
  await readingsWhen(serviceWorker, 2);
  const again = popup.getByRole('region', { name: '1 reading waits for a line' });
  await again.getByText('1 reading waits for a line').click();
  await again.getByRole('button', { name: 'Add as a new line' }).click();
  await expect(again).toHaveCount(0);
  const after = await lines(serviceWorker);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(before[0]);
  expect(after).toContainEqual(
    expect.objectContaining({ msisdn: null, label: '…3344', expiresOn: today(40) }),
  );
});

test('a name-only line keeps its expiry when the user opens their own account page: a new line appears', async ({
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  const popup = await openPopup();
  await addLine(popup, { label: 'Mamá', expiresOn: today(10) });
  const [mama] = await lines(serviceWorker);

  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage('11 3456-7812', '1.234,56', ddmmyyyy(today(5))),
  );
  await readingsWhen(serviceWorker, 1);
  const after = await lines(serviceWorker);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(mama);
  expect(after).toContainEqual(
    expect.objectContaining({ msisdn: '+5491134567812', label: '', expiresOn: today(5) }),
  );

  await popup.reload();
  await expect(popup.getByRole('listitem').filter({ hasText: 'Mamá' })).toContainText('in 10 days');
  await expect(popup.getByRole('listitem').filter({ hasText: '3456-7812' })).toContainText(
    'in 5 days',
  );
});

test('a page that changes its number with pushState every second for 20 s makes at most 3 lines', async ({
  openPopup,
  openCarrierPage,
  serviceWorker,
}) => {
  test.setTimeout(90_000);
  const expiry = ddmmyyyy(today(30));
  const flood = accountPage('11 5555-1000', '100,00', expiry).replace(
    '</body>',
    `<script>
      let i = 0;
      const timer = setInterval(() => {
        i += 1;
        history.pushState({}, '', '/linea/' + i);
        document.querySelector('main').innerHTML =
          '<section><h2>Tu línea</h2><p>Línea: <span>11 5555-' + (1000 + i) + '</span></p></section>' +
          '<section><h3>Saldo disponible</h3><p>$ ' + (100 + i) + ',00</p><p>Vence el ${expiry}</p></section>';
        if (i >= 20) clearInterval(timer);
      }, 1000);
    </script></body>`,
  );
  const started = Date.now();
  await openCarrierPage('https://m-miclaro.claro.com.ar/inicio', flood);
  // 20 s of new numbers, and time for the last reading to arrive.
  await new Promise((resolve) => setTimeout(resolve, 24_000));
  expect(Date.now() - started).toBeLessThan(60_000);

  const stored = await lines(serviceWorker);
  const readings = await readStore<StoredReading>(serviceWorker, 'readings');
  // The page showed far more than 3 numbers; the ones past 3 wait for the user.
  expect(new Set(readings.map((r) => r.msisdn)).size).toBeGreaterThan(3);
  expect(stored).toHaveLength(3);
  const held = readings.filter((r) => r.lineId === null);
  expect(held.length).toBeGreaterThan(0);
  expect(held.every((r) => r.notes.includes('lk:page-limit'))).toBe(true);

  const popup = await openPopup();
  const summary = popup.getByText(/^\d+ readings? waits? for a line$/);
  await expect(summary).toBeVisible();
  await summary.click();
  await expect(
    popup
      .getByText('This page showed more new numbers in a minute than LineKeeper adds by itself.')
      .first(),
  ).toBeVisible();
});
