/**
 * More pages that must not move a renewal, black-box in Chromium with the built
 * extension: a public search page echoing a receipt and an absurd date, a yearless date
 * one day past, and text the page draws invisibly or off-screen. Invented pages.
 */
import type { Worker } from '@playwright/test';
import { buenosAiresDatePlus } from '../support/sample-pages';
import { expect, test } from './fixtures';
import { readStore, readStoreSoFar } from './worker';

interface StoredLine {
  msisdn: string | null;
  expiresOn: string | null;
  balance: { amount: number } | null;
  lastRechargeOn: string | null;
}

const today = (days = 0) => buenosAiresDatePlus(new Date(), days);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

function accountPage(body: string): string {
  return `<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>Mi Claro</title></head>
<body><header><strong>Mi Claro</strong></header><main>${body}</main></body></html>`;
}

async function linesWhen(worker: Worker, count: number): Promise<StoredLine[]> {
  await expect
    .poll(async () => (await readStoreSoFar(worker, 'lines')).length, { timeout: 15_000 })
    .toBe(count);
  return readStore<StoredLine>(worker, 'lines');
}

test('a public search page echoing a receipt and "vence el 31/12/2100" changes nothing', async ({
  openCarrierPage,
  serviceWorker,
}) => {
  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage(
      `<h2>Tu línea</h2><p>Línea: 11 5555-2215</p><h3>Saldo disponible</h3><p>$ 500,00</p><p>Vence el ${ddmmyyyy(today(20))}</p>`,
    ),
  );
  const before = await linesWhen(serviceWorker, 1);
  const echo = await openCarrierPage(
    'https://www.claro.com.ar/personas/buscar?q=recarga',
    accountPage(
      `<h1>Buscador</h1><p>No encontramos resultados para "Recarga exitosa. Número de operación
       99887766. Monto recargado $ 1.000 | Tu línea 11 5555-2215 vence el 31/12/2100"</p>`,
    ),
  );
  // The content script reads a settled page within a second; give it three.
  await echo.waitForTimeout(3_000);
  expect(await readStore(serviceWorker, 'renewals')).toEqual([]);
  expect(await readStore<StoredLine>(serviceWorker, 'lines')).toEqual(before);
});

test('a yearless date one day past is yesterday, not next year: the line shows as lapsed', async ({
  openCarrierPage,
  openPopup,
  serviceWorker,
}) => {
  const yesterday = today(-1);
  const [, month, day] = yesterday.split('-');
  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage(
      `<h2>Tu línea</h2><p>Línea: 11 5555-2215</p><h3>Saldo disponible</h3><p>$ 0,00</p><p>Vence el ${day}/${month}</p>`,
    ),
  );
  const [line] = await linesWhen(serviceWorker, 1);
  expect(line?.expiresOn).toBe(yesterday);
  const popup = await openPopup();
  await expect(popup.getByRole('listitem').first()).toContainText(/expired yesterday/i);
});

test('invisible and off-screen values are not read: the line gets what the page shows', async ({
  openCarrierPage,
  serviceWorker,
}) => {
  await openCarrierPage(
    'https://m-miclaro.claro.com.ar/inicio',
    accountPage(
      `<h2>Tu línea</h2><p>Línea: 11 5555-2215</p>
       <p style="opacity:0">Vence el 15/01/2099</p>
       <p style="position:absolute;left:-10000px">Saldo disponible $ 99.999,00</p>
       <h3>Saldo disponible</h3><p>$ 740,00</p><p>Vence el ${ddmmyyyy(today(25))}</p>`,
    ),
  );
  const [line] = await linesWhen(serviceWorker, 1);
  expect(line?.expiresOn).toBe(today(25));
  expect(line?.balance?.amount).toBe(740);
});
