/**
 * Invented carrier pages whose dates are relative to `now`, for the demo and for e2e
 * tests that check days left, alarms and the badge (fixture pages have fixed dates and
 * would drift into the past). The numbers and amounts are made up.
 */
import { addDays, todayInBuenosAires } from '../../utils/domain/time';
export interface SamplePage {
  carrier: 'claro' | 'movistar' | 'personal';
  url: string;
  html: string;
  msisdn: string;
  expiresOn: string;
  balance: number;
}

/** The Buenos Aires calendar date `days` after today there, as YYYY-MM-DD. */
export function buenosAiresDatePlus(now: Date, days: number): string {
  return addDays(todayInBuenosAires(now), days);
}

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;margin:0}header{padding:16px;color:#fff}main{padding:24px;max-width:720px}
.card{border:1px solid #ddd;border-radius:8px;padding:16px;margin:12px 0}.hidden{display:none}
table{border-collapse:collapse}th{text-align:left;padding:4px 12px 4px 0}</style></head>
<body>${body}</body></html>`;
}

export function claroAccountPage(now: Date, daysLeft = 5): SamplePage {
  const expiresOn = buenosAiresDatePlus(now, daysLeft);
  const html = page(
    'Mi Claro',
    `<header style="background:#da291c"><strong>Mi Claro</strong> <nav><a href="#">Inicio</a> <a href="#">Recargas</a></nav></header>
<main>
  <section class="card"><h2>Tu línea</h2><p>Línea: <span>11 3456-7812</span></p><p>Plan: Prepago Claro</p></section>
  <section class="card">
    <h3>Saldo disponible</h3><p class="amount"><span>$</span> <span>1.234</span><span>,56</span></p>
    <p>Vence el ${ddmmyyyy(expiresOn)}</p>
  </section>
  <section class="card"><h3>Pack de datos 2 GB</h3><p>Válido hasta ${ddmmyyyy(buenosAiresDatePlus(now, 2))}</p></section>
  <footer>Atención al cliente: *611</footer>
</main>`,
  );
  return {
    carrier: 'claro',
    url: 'https://m-miclaro.claro.com.ar/inicio',
    html,
    msisdn: '+5491134567812',
    expiresOn,
    balance: 1234.56,
  };
}

export function movistarAccountPage(now: Date, daysLeft = 19): SamplePage {
  const expiresOn = buenosAiresDatePlus(now, daysLeft);
  const html = page(
    'Mi Movistar',
    `<header style="background:#019df4"><strong>Mi Movistar</strong></header>
<main>
  <div class="card"><p>Número de línea</p><p><strong>(0351) 15-612-3456</strong></p></div>
  <table class="card"><tr><th>Saldo principal</th><th>Vencimiento</th></tr>
    <tr><td>$ 2.500,00</td><td>${ddmmyyyy(expiresOn)}</td></tr></table>
  <div class="card"><p>Saldo promocional: $ 300,00</p></div>
</main>`,
  );
  return {
    carrier: 'movistar',
    url: 'https://mi.movistar.com.ar/',
    html,
    msisdn: '+5493516123456',
    expiresOn,
    balance: 2500,
  };
}

export function personalAccountPage(now: Date, daysLeft = 60): SamplePage {
  const expiresOn = buenosAiresDatePlus(now, daysLeft);
  const html = page(
    'Autogestión Personal',
    `<header style="background:#5b2d90"><strong>Personal</strong> Autogestión</header>
<main>
  <div class="card"><span>Tu línea</span> <b>+54 9 11 2345-6789</b></div>
  <dl class="card"><dt>Crédito disponible</dt><dd>$ 880</dd><dt>Vencimiento del crédito</dt><dd>${ddmmyyyy(expiresOn)}</dd></dl>
</main>`,
  );
  return {
    carrier: 'personal',
    url: 'https://autogestion.personal.com.ar/',
    html,
    msisdn: '+5491123456789',
    expiresOn,
    balance: 880,
  };
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
    `<header style="background:#da291c"><strong>Claro</strong></header>
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

export function sampleAccountPages(now: Date): SamplePage[] {
  return [claroAccountPage(now), movistarAccountPage(now), personalAccountPage(now)];
}
