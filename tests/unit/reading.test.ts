import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readPage, visibleText } from '../../utils/reading';
import { ReadingSchema } from '../../utils/domain/records';

const NOW = new Date('2026-11-20T12:00:00-03:00');
const ACCOUNT_URL = 'https://mi.movistar.com.ar/inicio';

function page(body: string, url = ACCOUNT_URL, head = ''): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true },
  });
  const html = `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function read(body: string, url = ACCOUNT_URL, head = '') {
  const reading = readPage(page(body, url, head), url, NOW);
  expect(ReadingSchema.safeParse(reading).success).toBe(true);
  return reading;
}

describe('readPage: where values are', () => {
  it('pairs a label and value on one line', () => {
    const r = read(
      '<p>Tu línea: 11 2345-6789</p><p>Saldo disponible: $ 1.234,56 · Vence el 15/12/2026</p>',
    );
    expect(r).toMatchObject({
      carrier: 'movistar',
      kind: 'account',
      msisdn: '+5491123456789',
      balance: { amount: 1234.56, currency: 'ARS' },
      expiresOn: '2026-12-15',
      receipt: null,
    });
  });

  it('joins an amount split across inline elements', () => {
    const r = read('<div><span>Saldo</span><span>$</span><span>1.234</span><span>,56</span></div>');
    expect(r.balance?.amount).toBe(1234.56);
  });

  it('reads superscript cents as decimals', () => {
    expect(read('<div>Saldo <b>$ 1.234<sup>56</sup></b></div>').balance?.amount).toBe(1234.56);
  });

  it('pairs dt/dd, label element + value element and table row headers', () => {
    expect(
      read(
        '<dl><dt>Saldo principal</dt><dd>$ 80</dd><dt>Vencimiento</dt><dd>3 de enero de 2027</dd></dl>',
      ),
    ).toMatchObject({
      balance: { amount: 80 },
      expiresOn: '2027-01-03',
    });
    expect(
      read('<div class="row"><div>Crédito</div><div>ARS 15.230</div></div>').balance?.amount,
    ).toBe(15230);
    expect(
      read(
        '<table><tr><th>Saldo</th><td>$ 845,20</td></tr><tr><th>Vence</th><td>15-12-26</td></tr></table>',
      ),
    ).toMatchObject({
      balance: { amount: 845.2 },
      expiresOn: '2026-12-15',
    });
  });

  it('uses a card heading for a bare value', () => {
    const r = read('<section><h2>Tu saldo</h2><p>$ 640,00</p><p>Vence en 5 días</p></section>');
    expect(r).toMatchObject({ balance: { amount: 640 }, expiresOn: '2026-11-25' });
  });

  it('keeps a zero balance as 0', () => {
    expect(read('<p>Saldo: $ 0,00</p>').balance).toEqual({ amount: 0, currency: 'ARS' });
  });
});

describe('readPage: what is not the main balance or expiry', () => {
  it('ignores promo, total, wallet, points and pack prices', () => {
    const r = read(`
      <p>Saldo total: $ 4.150,00</p>
      <p>Saldo promocional: $ 2.000 válido hasta el 05/12/2026</p>
      <p>Saldo principal: $ 2.150,00</p>
      <p>Personal Pay: $ 25.300</p>
      <p>Club: 12.480 puntos</p>
      <p>Pack 4 GB · $ 2.190 · vence el 01/12/2026</p>
      <p>Vencimiento del saldo principal: 28/01/2027</p>
      <p>Última recarga: 01/08/2026 · $ 2.000</p>`);
    expect(r).toMatchObject({ balance: { amount: 2150 }, expiresOn: '2027-01-28' });
  });

  it('returns null with a note when two expiries compete', () => {
    const r = read(
      '<p>Tu saldo vence el 10/12/2026.</p><div><h2>Saldo</h2><p>Vencimiento del saldo: 05/01/2027</p></div>',
    );
    expect(r.expiresOn).toBeNull();
    expect(r.notes.join(' ')).toMatch(/2026-12-10.*2027-01-05|2027-01-05.*2026-12-10/);
    // …and offers both, sorted, for the user to pick (the overlay's one-click answer).
    expect(r.expiryChoices).toEqual(['2026-12-10', '2027-01-05']);
  });

  it('offers no expiry choices on a page with one expiry, or with none', () => {
    const clean = read('<p>Saldo: $ 500</p><p>Vencimiento del saldo: 05/01/2027</p>');
    expect(clean.expiresOn).toBe('2027-01-05');
    expect(clean).not.toHaveProperty('expiryChoices');
    // The same date said twice is one expiry, not a choice.
    const twice = read('<p>Tu saldo vence el 05/01/2027.</p><p>Vencimiento: 05/01/2027</p>');
    expect(twice.expiresOn).toBe('2027-01-05');
    expect(twice).not.toHaveProperty('expiryChoices');
    expect(read('<p>Saldo: $ 500</p>')).not.toHaveProperty('expiryChoices');
  });

  it('offers no choice among four or more competing expiries', () => {
    const r = read(
      '<p>Vence el 10/12/2026.</p><p>Vencimiento: 05/01/2027</p><p>Vigencia hasta 06/01/2027</p><p>Vence el 07/01/2027</p>',
    );
    expect(r.expiresOn).toBeNull();
    expect(r).not.toHaveProperty('expiryChoices');
  });

  it('returns null with a note when two balances compete', () => {
    const r = read('<p>Saldo: $ 500</p><p>Saldo disponible: $ 700</p>');
    expect(r.balance).toBeNull();
    // The note names the field and both amounts, so the user sees why nothing was saved.
    expect(r.notes.join(' ')).toMatch(/balance\b.*\$ 500.*\$ 700|balance\b.*\$ 700.*\$ 500/);
  });

  it('does not take a history column for the balance', () => {
    const rows = Array.from(
      { length: 5 },
      (_, i) => `<tr><td>1${i}/11/2026</td><td>$ ${i}00,00</td></tr>`,
    ).join('');
    const r = read(
      `<p>Saldo disponible: $ 90</p><table><thead><tr><th>Fecha</th><th>Saldo posterior</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
    expect(r.balance?.amount).toBe(90);
  });

  it('refuses masked numbers, examples and support numbers', () => {
    const r = read(
      '<p>Línea 11 ****-3344</p><p>Ej: 1153394581</p><p>WhatsApp: +54 9 11 2100-0111</p><p>Saldo $ 10</p>',
    );
    expect(r.msisdn).toBeNull();
    expect(r.notes.join(' ')).toMatch(/masked/);
  });

  it('picks the selected line of a switcher', () => {
    const r = read(`
      <ul><li><button aria-pressed="false">11 4455-2019</button></li><li><button aria-pressed="true">11 6021-3388</button></li></ul>
      <p>Saldo: $ 5</p>`);
    expect(r.msisdn).toBe('+5491160213388');
  });
});

describe('readPage: never read hidden or form content', () => {
  it.each([
    ['hidden attribute', '<p hidden>Saldo: $ 999</p>'],
    ['inline display:none', '<p style="display: none">Saldo: $ 999</p>'],
    ['inline visibility:hidden', '<p style="visibility:hidden">Saldo: $ 999</p>'],
    ['stylesheet display:none', '<p class="gone">Saldo: $ 999</p>'],
    ['closed details', '<details><summary>Más</summary><p>Saldo: $ 999</p></details>'],
    ['template', '<template><p>Saldo: $ 999</p></template>'],
    ['script JSON', '<script type="application/json">{"saldo":"Saldo: $ 999"}</script>'],
    ['noscript', '<noscript>Saldo: $ 999</noscript>'],
    ['opacity 0', '<p style="opacity:0">Saldo: $ 999</p>'],
    ['stylesheet opacity 0', '<p class="faded">Saldo: $ 999</p>'],
    [
      'zero size that clips',
      '<div style="width:0;height:0;overflow:hidden"><p>Saldo: $ 999</p></div>',
    ],
    [
      'clipped to a pixel',
      '<p style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Saldo: $ 999</p>',
    ],
    ['far off-screen', '<p style="position:absolute;left:-9999px">Saldo: $ 999</p>'],
    ['hidden tab panel', '<div role="tabpanel" hidden><p>Saldo: $ 999</p></div>'],
    ['closed dialog', '<dialog><p>Saldo: $ 999</p></dialog>'],
    ['textarea', '<textarea>Saldo: $ 999</textarea>'],
    ['contenteditable', '<div contenteditable="true">Saldo: $ 999</div>'],
    ['leaked JSON text', '<pre>{"saldo": "Saldo: $ 999"}</pre>'],
  ])('%s', (_name, trap) => {
    const r = read(
      `${trap}<p>Saldo: $ 100</p>`,
      ACCOUNT_URL,
      '<style>.gone{display:none}.faded{opacity:0}</style>',
    );
    expect(r.balance?.amount).toBe(100);
  });

  // Rendered text is seen by the eye, whatever it says to screen readers.
  it.each([
    ['aria-hidden', '<p aria-hidden="true">Saldo: $ 999</p>'],
    ['inert', '<div inert><p>Saldo: $ 999</p></div>'],
  ])('%s text that is rendered is read (and competes)', (_name, shown) => {
    expect(read(`${shown}<p>Saldo: $ 100</p>`).balance).toBeNull();
    expect(read(shown).balance?.amount).toBe(999);
  });

  it('a screen-reader-only label names a visible value, but is never a value', () => {
    const sr = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)';
    const labelled = read(`<p><span style="${sr}">Saldo disponible</span><span>$ 640</span></p>`);
    expect(labelled.balance?.amount).toBe(640);
    const valueOnly = read(`<p>Saldo disponible</p><p style="${sr}">$ 640</p>`);
    expect(valueOnly.balance).toBeNull();
  });

  it('does not read input values', () => {
    const r = read('<label>Saldo</label><input value="$ 999"><p>Saldo: $ 100</p>');
    expect(r.balance?.amount).toBe(100);
  });

  it('visibleText leaves hidden content out', () => {
    const text = visibleText(
      page(
        '<p>uno</p><p hidden>dos</p><script>tres</script><p>cuatro <span style="display:none">cinco</span></p>',
      ),
    );
    expect(text).toBe('uno\ncuatro');
  });
});

describe('readPage: pages that only look like a line (unseen-page review)', () => {
  it('reads nothing on the public site, whose examples look like an account', () => {
    const example =
      '<h1>Consultá tu saldo</h1><p>Marcá *555. Vas a ver algo así:</p>' +
      '<div class="phone"><p>Línea 11 2345-6789</p><p>Tu saldo es $ 1.234,56 y vence el 15/12/2026.</p></div>';
    for (const url of [
      'https://www.claro.com.ar/personas/prepago/packs',
      'https://www.movistar.com.ar/prepago',
    ]) {
      expect(read(example, url)).toMatchObject({
        kind: 'none',
        msisdn: null,
        balance: null,
        expiresOn: null,
        receipt: null,
      });
    }
  });

  it('a payment still being processed is no receipt', () => {
    const r = read(
      '<h1>Estamos procesando tu pago</h1><p>Tu recarga está pendiente de confirmación. Te avisaremos por SMS cuando se acredite.</p>' +
        '<dl><dt>Monto</dt><dd>$ 5.000</dd><dt>N° de transacción</dt><dd>MVT-00099120</dd><dt>Estado</dt><dd>Pendiente</dd></dl>',
      'https://www.movistar.com.ar/recarga-con-tarjeta-de-credito/resultado',
    );
    expect(r).toMatchObject({ kind: 'none', receipt: null });
  });

  it('"se acreditaron" (plural, past) is a recharge that went through', () => {
    const r = read(
      '<h1>Tu recarga</h1><p>Se acreditaron $ 3.000 en tu línea.</p>' +
        '<dl><dt>N° de operación</dt><dd>MVT-00099121</dd></dl>',
      'https://www.movistar.com.ar/recarga-con-tarjeta-de-credito/resultado',
    );
    expect(r).toMatchObject({
      kind: 'receipt',
      receipt: { amount: 3000, operationId: 'MVT-00099121' },
    });
  });

  it('a sign-in form on an account URL reads nothing; a payment form with a PIN does not count', () => {
    const promo = '<p>Recargá $ 2.500 y tu saldo vence el 15/12/2026</p>';
    const login =
      '<form><h2>Ingresá a Mi Personal</h2><label>Línea <input name="linea"></label>' +
      '<label>Clave <input type="password" name="clave"></label><button>Ingresar</button></form>';
    expect(read(promo + login, 'https://autogestion.personal.com.ar/')).toMatchObject({
      kind: 'none',
      balance: null,
      expiresOn: null,
    });
    const payment =
      '<p>Saldo disponible $ 80</p><p>Vence el 15/12/2026</p><form><label>Clave de la tarjeta ' +
      '<input type="password" name="pin"></label><button>Recargar</button></form>';
    expect(read(payment, 'https://autogestion.personal.com.ar/inicio')).toMatchObject({
      kind: 'account',
      balance: { amount: 80 },
    });
  });

  it('a date already past under `venció` and a receipt date without year are this year’s', () => {
    expect(read('<p>Tu saldo venció el 18/11</p>').expiresOn).toBe('2026-11-18');
    const receipt = read(
      '<h1>¡Recarga exitosa!</h1><p>Monto recargado: $ 1.500</p><p>N° de operación: 000123</p><p>Fecha: 19 nov, 23:47 hs</p>',
      'https://www.claro.com.ar/personas/recarga/comprobante',
    );
    expect(receipt.receipt).toEqual({
      amount: 1500,
      currency: 'ARS',
      operationId: '000123',
      date: '2026-11-19',
    });
  });

  it('a table cell under its column header is read, whatever the row’s first cell says', () => {
    const r = read(
      '<table><thead><tr><th>Línea</th><th>Plan</th><th>Saldo</th><th>Vencimiento</th></tr></thead>' +
        '<tbody><tr><td>11 2345-6789</td><td>Tarjeta Personal</td><td>$ 312,40</td><td>02/02/2027</td></tr></tbody></table>',
      'https://autogestion.personal.com.ar/individuos/mis_lineas.aspx',
    );
    expect(r).toMatchObject({ balance: { amount: 312.4 }, expiresOn: '2027-02-02' });
  });

  it('a dashboard recalling the last recharge is an account page, not a receipt', () => {
    const r = read(
      '<div>Línea 11 3131-4242</div><section><h2>Saldo disponible</h2><p>$ 1.950,00</p><p>Vence el 22/05/2027</p></section>' +
        '<section><h2>Tu última recarga</h2><p>✔ Recarga acreditada con éxito</p><p>Monto: $ 1.500 · 18/11/2026</p><p>N° de operación: 0004471122</p></section>',
      'https://m-miclaro.claro.com.ar/inicio',
    );
    expect(r).toMatchObject({ kind: 'account', balance: { amount: 1950 }, receipt: null });
  });

  it('the other cards of a line switcher do not compete with the chosen line', () => {
    const card = (number: string, saldo: string, extra = '') =>
      `<a class="line-card${extra}" href="#"><p>${number}</p><p>Saldo ${saldo}</p></a>`;
    const r = read(
      `<nav class="lines">${card('11 2222-3333', '$ 45,00')}${card('264 400-1122', '$ 1.870,00', ' is-selected" aria-current="true')}${card('11 5555-6666', '$ 0,00')}</nav>` +
        '<p>Saldo disponible: <b>$ 1.870,00</b></p><p>Vencimiento del saldo: 19/01/2027</p>',
      'https://autogestion.personal.com.ar/lineas/2644001122',
    );
    expect(r).toMatchObject({ msisdn: '+5492644001122', balance: { amount: 1870 } });
  });

  it('a page the browser machine-translated is not read (its words and dates are rewritten)', () => {
    const doc = page(
      '<p><font>Available balance</font></p><p>$ 2.345,00</p><p>Saldo $ 2.345,00</p>',
    );
    doc.documentElement.className = 'translated-ltr';
    const r = readPage(doc, ACCOUNT_URL, NOW);
    expect(r).toMatchObject({ kind: 'none', balance: null });
    expect(r.notes[0]).toMatch(/machine-translated/);
  });

  it('a gift of credit in a banner is not the balance', () => {
    const r = read(
      '<div class="banner">Te regalamos $ 1.000 de saldo si recargás hoy</div><p>Saldo disponible $ 640</p>',
    );
    expect(r.balance?.amount).toBe(640);
  });
});

// happy-dom builds these large documents slowly on a loaded machine.
describe('readPage: huge pages cost a bounded amount of work', { timeout: 60_000 }, () => {
  const summary =
    '<section><p>Línea 11 2345-6789</p><p>Saldo disponible $ 1.234,56</p><p>Vence el 15/12/2026</p></section>';
  const historyRow = (i: number) =>
    `<tr><td>${(i % 28) + 1}/10/2026</td><td>Pack (vigencia 3 días)</td><td>$ ${i},00</td><td>Saldo posterior $ ${i + 7},00</td></tr>`;

  it('reads a 5,000-row history for the summary, and only the ends of the list', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => historyRow(i)).join('');
    const doc = page(`${summary}<table><tbody>${rows}</tbody></table><p>Fin del historial</p>`);
    expect(readPage(doc, ACCOUNT_URL, NOW)).toMatchObject({
      msisdn: '+5491123456789',
      balance: { amount: 1234.56 },
      expiresOn: '2026-12-15',
    });
    const text = visibleText(doc);
    // The first rows, the last ones and what follows the list are read; the middle is not.
    expect(text).toContain('$ 39,00');
    expect(text).toContain('$ 4999,00');
    expect(text).toContain('Fin del historial');
    expect(text).not.toContain('$ 2500,00');
    expect(text.split('\n').length).toBeLessThan(300);
  });

  it('reads a long container whole when it is not a uniform list', () => {
    const filler = Array.from({ length: 150 }, (_, i) => `<p>Novedad ${i}</p>`).join('');
    const tail = Array.from({ length: 150 }, (_, i) => `<p>Promoción ${i}</p>`).join('');
    const text = visibleText(page(`${filler}<section>En el medio</section>${tail}`));
    expect(text).toContain('Novedad 149');
    expect(text).toContain('Promoción 0');
    expect(text).toContain('En el medio');
  });

  it('stops at its work budget with a note, and survives nesting deep enough to blow a stack', () => {
    const wide = Array.from(
      { length: 150 },
      () => `<div>${'<span>x</span>'.repeat(150)}</div>`,
    ).join('');
    const exhausted = readPage(page(`${summary}${wide}<div>`.repeat(4)), ACCOUNT_URL, NOW);
    expect(exhausted.notes).toContain('page too large: only its start was read');
    expect(exhausted.balance?.amount).toBe(1234.56);

    const deep = `${summary}${'<div>'.repeat(20_000)}Saldo $ 5,00${'</div>'.repeat(20_000)}`;
    const reading = readPage(page(deep), ACCOUNT_URL, NOW);
    expect(reading.balance?.amount).toBe(1234.56);
    expect(reading.notes.join(' ')).not.toMatch(/internal error/);
  });
});

describe('readPage: page kinds', () => {
  it('reads a receipt', () => {
    const r = read(
      `<h1>¡Recarga exitosa!</h1>
       <p>Línea: 11 3456-7812</p><p>Monto: $ 2.000</p>
       <p>Número de operación: 000784512309</p><p>Código de autorización: 88A1</p>
       <p>Factura B 0003-00012345</p><p>Fecha: 20/11/2026 15:22</p>`,
      'https://www.claro.com.ar/personas/recarga/comprobante',
    );
    expect(r).toMatchObject({
      carrier: 'claro',
      kind: 'receipt',
      msisdn: '+5491134567812',
      balance: null,
      receipt: { amount: 2000, currency: 'ARS', operationId: '000784512309', date: '2026-11-20' },
    });
  });

  it('reads the resulting balance on a receipt only when stated', () => {
    const r = read(
      '<h1>Recarga aprobada</h1><p>Importe: $ 3.000</p><p>N° de transacción: MVT-00093417</p><p>Tu nuevo saldo es $ 3.512,40</p>',
      'https://www.movistar.com.ar/recarga-con-tarjeta-de-credito/confirmacion',
    );
    expect(r.balance?.amount).toBe(3512.4);
    expect(r.receipt?.operationId).toBe('MVT-00093417');
  });

  it('gives nothing for a failed payment', () => {
    const r = read(
      '<h1>No fue posible procesar el pago de la recarga</h1><p>Línea 11 3456-7812 · $ 2.000</p><p>Intentá nuevamente.</p>',
      'https://www.claro.com.ar/personas/recarga/resultado',
    );
    expect(r).toMatchObject({
      kind: 'none',
      msisdn: null,
      balance: null,
      expiresOn: null,
      receipt: null,
    });
  });

  it('gives nothing on login pages, look-alike hosts and plain http', () => {
    const body = '<p>Línea 11 3456-7812</p><p>Saldo: $ 500 · vence el 15/12/2026</p>';
    for (const [url, why] of [
      ['https://ingreso.claro.com.ar/auth', /login page/],
      ['https://mi.movistar.com.ar/login', /login page/],
      ['https://claro.com.ar.example.net/inicio', /not a carrier page/],
      ['http://mi.movistar.com.ar/inicio', /not a carrier page/],
    ] as const) {
      const r = read(body, url);
      expect(r).toMatchObject({
        kind: 'none',
        msisdn: null,
        balance: null,
        expiresOn: null,
        receipt: null,
      });
      expect(r.notes.join(' '), url).toMatch(why);
    }
  });

  it('a page without line data is none', () => {
    expect(read('<h1>Planes</h1><p>Pack 5 GB a $ 2.500</p>').kind).toBe('none');
  });

  it('never throws, even on a broken document', () => {
    const broken = new Proxy(
      {},
      {
        get() {
          throw new Error('detached document');
        },
      },
    ) as Document;
    const r = readPage(broken, ACCOUNT_URL, NOW);
    expect(r.kind).toBe('none');
    expect(r.notes[0]).toMatch(/internal error/);
    expect(readPage(page('<p>x</p>'), 'not a url', NOW).kind).toBe('none');
    expect(readPage(page('<p>Saldo $ 1</p>'), ACCOUNT_URL, new Date(Number.NaN)).kind).toBe('none');
  });
});
