/**
 * Carrier pages for the background's e2e tests, with dates relative to the real current
 * date so the tests never rot. Account pages come from scripts/lib/sample-pages.ts; the
 * receipt and the numberless page are written here. Numbers and amounts are invented.
 */
import {
  buenosAiresDatePlus,
  claroAccountPage,
  movistarAccountPage,
  personalAccountPage,
  type SamplePage,
} from '../../scripts/lib/sample-pages';

export { buenosAiresDatePlus, claroAccountPage, movistarAccountPage, personalAccountPage };
export type { SamplePage };

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function page(title: string, colour: string, body: string): string {
  return `<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;margin:0}header{padding:16px;color:#fff;background:${colour}}
main{padding:24px;max-width:720px}table{border-collapse:collapse}th{text-align:left;padding:4px 12px 4px 0}</style>
</head><body>${body}</body></html>`;
}

export interface ReceiptPage {
  url: string;
  html: string;
  msisdn: string;
  operationId: string;
  amount: number;
  /** The operation's date as printed: today in Buenos Aires. */
  date: string;
}

/** A Claro online-recharge confirmation, dated today. */
export function claroReceiptPage(now: Date, operationId = '000784512309'): ReceiptPage {
  const date = buenosAiresDatePlus(now, 0);
  const html = page(
    'Recarga online | Claro Argentina',
    '#da291c',
    `<header><strong>Claro</strong></header>
<main>
  <h1>¡Recarga exitosa!</h1>
  <p>Tu recarga fue aprobada.</p>
  <table><tbody>
    <tr><th>Línea recargada</th><td>11 3456-7812</td></tr>
    <tr><th>Monto</th><td>$&nbsp;2.000,00</td></tr>
    <tr><th>Número de operación</th><td>${operationId}</td></tr>
    <tr><th>Fecha y hora</th><td>${ddmmyyyy(date)} 10:15</td></tr>
    <tr><th>Medio de pago</th><td>Visa crédito terminada en 4821</td></tr>
  </tbody></table>
  <p>El saldo puede demorar hasta 30 minutos en acreditarse.</p>
</main>`,
  );
  return {
    url: 'https://www.claro.com.ar/personas/recarga/comprobante',
    html,
    msisdn: '+5491134567812',
    operationId,
    amount: 2000,
    date,
  };
}
