/**
 * What the reading engine learned from pages laid out by CSS rather than by their markup,
 * and from labels that belong to something else: grids whose label row sits above the
 * value row, `display: contents` rows, a tile named by `aria-label`, screen-reader text
 * naming a figure of its own, a receipt's amount not doubling as the balance after it.
 * Each page is read in the Node DOM (the same small cascade the fixture test uses).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readPage } from '../../utils/reading';
import { ReadingSchema } from '../../utils/domain/records';
import { loadPage, type LoadedPage } from '../support/load-page';

const NOW = new Date('2026-11-20T12:00:00-03:00');
const ACCOUNT_URL = 'https://mi.movistar.com.ar/inicio';
const opened: LoadedPage[] = [];

function read(body: string, url = ACCOUNT_URL, css = '') {
  const loaded = loadPage(
    `<!doctype html><html><head><style>${css}</style></head><body>${body}</body></html>`,
    url,
  );
  opened.push(loaded);
  const reading = readPage(loaded.document, url, NOW);
  expect(ReadingSchema.safeParse(reading).success).toBe(true);
  return reading;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

describe('readPage: CSS grids', () => {
  const sheet =
    '.sheet{display:grid;grid-template-columns:repeat(3,1fr)} .row{display:contents}' +
    ' .pair{display:grid;grid-template-columns:1fr auto}';

  it('pairs each value with the label a grid row above it', () => {
    const r = read(
      `<h1>Tu crédito</h1><div class="pair"><span>Tu línea</span><span>Tu saldo actual</span>
       <span>11 5709-3382</span><span>$ 212,00</span></div>`,
      ACCOUNT_URL,
      sheet,
    );
    expect(r.msisdn).toBe('+5491157093382');
    expect(r.balance?.amount).toBe(212);
  });

  it('reads through display: contents rows (labels row, then values row)', () => {
    const r = read(
      `<section><h1>Tu crédito</h1><div class="sheet">
        <div class="row"><div>Saldo</div><div>Vence</div><div>Adelanto de saldo</div></div>
        <div class="row"><div>−$ 312,40</div><div>01/02/2027</div><div>$ 400,00</div></div>
       </div></section>`,
      ACCOUNT_URL,
      sheet,
    );
    expect(r.balance?.amount).toBe(-312.4);
    expect(r.expiresOn).toBe('2027-02-01');
  });

  it('does not take a grid’s first cell for the title of the others', () => {
    // "Vas a recargar" opens the grid; as a title it would rule out the balance (recargar).
    const r = read(
      `<div class="pair"><span>Vas a recargar</span><span>Saldo disponible</span>
       <span>11 5709-3382</span><span>$ 80,00</span></div>`,
      'https://recargas.personal.com.ar/pay/amount',
      sheet,
    );
    expect(r.balance?.amount).toBe(80);
  });

  it('without the grid, the same spans are one line and the balance is not guessed', () => {
    const r = read(
      `<div><span>Saldo</span> <span>Vence</span> <span>Adelanto</span>
       <span>$ 312,40</span> <span>$ 400,00</span></div>`,
    );
    expect(r.balance).toBeNull();
  });
});

describe('readPage: labels that name something else', () => {
  it('takes a tile’s aria-label, not screen-reader text that states another figure', () => {
    const r = read(
      `<div class="tile" aria-label="Saldo disponible">
         <span class="sr">Saldo anterior $ 1.960,00.</span><strong>$ 960,00</strong></div>`,
      ACCOUNT_URL,
      '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}',
    );
    expect(r.balance?.amount).toBe(960);
  });

  it('does not read a section’s name as the label of every value in it', () => {
    const r = read(
      `<section aria-label="Recargas y promociones"><p>Tu saldo: $ 75,00</p>
       <p>Recargá hoy, elegí el monto y el medio de pago que prefieras para tu línea.</p></section>`,
    );
    expect(r.balance?.amount).toBe(75);
  });

  it('reads `puntos · vencen el …` as the points’ date, not the line’s', () => {
    const r = read(
      '<p>Saldo: $ 23,97</p><p>Club: 39.372 puntos · Vencen el 22 de abril de 2027</p>',
    );
    expect(r.balance?.amount).toBe(23.97);
    expect(r.expiresOn).toBeNull();
  });

  it('takes a bare `vence el` when the clause before it names the line', () => {
    const r = read('<p>Saldo: $ 23,97</p><p>Tu línea · vence el 22/04/2027</p>');
    expect(r.expiresOn).toBe('2027-04-22');
  });

  it('skips a section whose heading names the past', () => {
    const r = read(
      `<p>Saldo disponible: $ 500,00</p>
       <section><h2>Tus recargas anteriores</h2><p>Saldo: $ 90,00</p></section>`,
    );
    expect(r.balance?.amount).toBe(500);
  });

  it('refuses an amount written the US way (1,234.56): it cannot be read for sure', () => {
    expect(read('<p>Saldo disponible: $ 1,234.56</p>').balance).toBeNull();
    expect(read('<p>Saldo disponible: $ 1.234,56</p>').balance?.amount).toBe(1234.56);
  });
});

describe('readPage: receipts', () => {
  const RECEIPT_URL = 'https://recargas.personal.com.ar/result';

  it('does not give the amount recharged as the balance after it', () => {
    const r = read(
      `<span role="status">✓ Recarga acreditada</span><h1>¡Listo! Ya podés usar tu crédito</h1>
       <p>$ 10.000<sup>,00</sup></p><p>Comprobante N° 000981276</p><p>Fecha: 19/11/2026</p>
       <p>Tu saldo en Personal Pay: $ 7.420,35</p>`,
      RECEIPT_URL,
    );
    expect(r.kind).toBe('receipt');
    expect(r.receipt).toMatchObject({ amount: 10000, operationId: '000981276' });
    expect(r.balance).toBeNull();
  });

  it('prefers the operación number to the comprobante number', () => {
    const r = read(
      `<h1>¡Recarga exitosa!</h1><p>Importe: $ 2.000</p><p>N° de comprobante: 55501</p>
       <p>Número de operación: 000784512309</p>`,
      RECEIPT_URL,
    );
    expect(r.receipt?.operationId).toBe('000784512309');
  });

  it('takes an operation code in capitals without digits, never a word', () => {
    const coded = read(
      '<h1>¡Recarga exitosa!</h1><dl><dt>Importe</dt><dd>ARS 5.612</dd><dt>N° de operación</dt><dd>TXGFBEUFVFHU</dd></dl>',
      RECEIPT_URL,
    );
    expect(coded.receipt?.operationId).toBe('TXGFBEUFVFHU');
    const worded = read(
      '<h1>¡Recarga exitosa!</h1><dl><dt>Importe</dt><dd>ARS 5.612</dd><dt>N° de operación</dt><dd>Pendiente</dd></dl>',
      RECEIPT_URL,
    );
    expect(worded.receipt).toBeNull();
  });

  it('reads an uppercase label (IMPORTE) above its value, not an offer to recharge', () => {
    const r = read(
      `<div role="alert"><strong>¡Recarga exitosa!</strong></div>
       <dl><dt>NÚMERO DE TRANSACCIÓN</dt><dd>00010664447</dd><dt>IMPORTE</dt><dd>$ 6.000,00</dd></dl>
       <div role="complementary">Recargá $3.248 y duplicá tu saldo.</div>`,
      RECEIPT_URL,
    );
    expect(r.receipt).toMatchObject({ amount: 6000, operationId: '00010664447' });
  });
});

describe('readPage: tickets, stacks and words around figures', () => {
  it('reads a ticket printed in <pre> line by line', () => {
    const r = read(
      '<pre>RECARGA EXITOSA\nIMPORTE:        $ 1.500,00\nNRO. OPERACION: 778899001\nLINEA:          11 5709-3382</pre>',
      'https://recargas.personal.com.ar/result',
    );
    expect(r.kind).toBe('receipt');
    expect(r.receipt).toMatchObject({ amount: 1500, operationId: '778899001' });
  });

  it('pairs two flex stacks row by row: labels in the first, values in the second', () => {
    const body = `<h1>Tu línea</h1><div class="cols">
      <div class="stack"><span>Línea</span><span>Saldo</span><span>Vence</span></div>
      <div class="stack"><span>11 5709-3382</span><span>$ 212,00</span><span>15/01/2027</span></div></div>`;
    const r = read(
      body,
      ACCOUNT_URL,
      '.cols{display:flex;flex-direction:row} .stack{display:flex;flex-direction:column}',
    );
    expect(r).toMatchObject({ msisdn: '+5491157093382', expiresOn: '2027-01-15' });
    expect(r.balance?.amount).toBe(212);
    // Without the stacks the spans run together on one line: no value is guessed.
    const flat = read(body);
    expect(flat.balance).toBeNull();
    expect(flat.expiresOn).toBeNull();
  });

  it('reads "saldo adeudado" as a negative balance, but a debt alone is not the balance', () => {
    const owed = read(
      '<h1>Mi cuenta</h1><p>Línea 11 5709-3382</p><p>Saldo adeudado</p><p>-$ 120,00</p><p>Vence el 15/01/2027</p>',
    );
    expect(owed.balance?.amount).toBe(-120);
    const debt = read(
      '<h1>Mi cuenta</h1><p>Línea 11 5709-3382</p><p>Deuda</p><p>$ 300,00</p><p>Vence el 15/01/2027</p>',
    );
    expect(debt.balance).toBeNull();
    expect(debt.expiresOn).toBe('2027-01-15');
  });

  it('does not take the 500 inside an amount for an error code, but an error page is one', () => {
    const receipt = read(
      '<h1>¡Recarga exitosa!</h1><p>Importe: $ 2.500,00</p><p>Número de operación: 000784512309</p>',
      'https://recargas.personal.com.ar/result',
    );
    expect(receipt.receipt).toMatchObject({ amount: 2500, operationId: '000784512309' });
    const failure = read(
      '<h1>Error 500</h1><p>El servicio no está disponible. Intentá más tarde.</p><p>Saldo $ 100,00</p>',
    );
    expect(failure.kind).toBe('none');
    expect(failure.balance).toBeNull();
    expect(read('<h1>404</h1><p>Saldo $ 100,00</p><p>Vence el 15/01/2027</p>').kind).toBe('none');
    // A code among the words of a heading is a name, not an error.
    const cards = read(
      '<h2>Tu saldo</h2><p>Saldo disponible: $ 1.234,56</p><p>Vence el 15/12/2026</p>' +
        '<article><h4>Beneficio 500</h4><p>Consumo 3 MB</p></article>',
    );
    expect(cards.expiresOn).toBe('2026-12-15');
  });
});

describe('readPage: bounded work on feeds', () => {
  const feed = Array.from(
    { length: 1500 },
    (_, i) =>
      `<div class="row"><span>${(i % 28) + 1}/10/2026</span><span>Recarga acreditada con éxito</span><span>$ ${(i % 90) + 10},00</span></div>`,
  ).join('');
  const summary =
    '<section><h2>Tu saldo</h2><p>Saldo disponible: $ 1.234,56</p><p>Vence el 15/12/2026</p></section>';

  it('reads the summary above a feed that repeats outcome words on every row', () => {
    const r = read(`${summary}<div class="feed">${feed}</div>`);
    expect(r).toMatchObject({ kind: 'account', expiresOn: '2026-12-15' });
    expect(r.balance?.amount).toBe(1234.56);
  });

  it('and the summary below it: the last rows are weighed too', () => {
    const r = read(`<div class="feed">${feed}</div>${summary}`);
    expect(r).toMatchObject({ kind: 'account', expiresOn: '2026-12-15' });
    expect(r.balance?.amount).toBe(1234.56);
  });
});
