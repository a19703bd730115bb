import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath, serveHtml } from '../support/chromium';
import { claroAccountPage } from '../support/sample-pages';
import { expect, fixturePage, test } from './fixtures';
import { OVERLAY_TAG, OverlayObject } from './overlay';
import { readStore } from './worker';

/** Where the card sits in the viewport. */
async function cardBox(overlay: OverlayObject) {
  return await overlay.evaluate<{
    left: number;
    right: number;
    bottom: number;
    width: number;
    height: number;
  }>(
    `function () {
      const box = this.querySelector('.lk-root').getBoundingClientRect();
      return { left: box.left, right: box.right, bottom: box.bottom, width: box.width, height: box.height };
    }`,
  );
}

/** Waits for the card to fold into its pill; returns the pill's text, label and word colour. */
async function foldedPill(overlay: OverlayObject) {
  await expect
    .poll(
      () => overlay.evaluate<boolean>(`function () { return !!this.querySelector('.lk-pill'); }`),
      { timeout: 15_000 },
    )
    .toBe(true);
  return await overlay.evaluate<{ text: string; label: string; word: string; color: string }>(
    `function () {
      const pill = this.querySelector('.lk-pill');
      const word = pill.querySelector('.lk-word');
      return {
        text: pill.textContent.replace(/\\s+/g, ' ').trim(),
        label: pill.getAttribute('aria-label'),
        word: word ? word.textContent : '',
        color: word ? getComputedStyle(word).color : '',
      };
    }`,
  );
}

test.describe('overlay on carrier pages', () => {
  test('says what was saved, links to recharge, and shows the balance change on the next visit', async ({
    context,
    openCarrierPage,
  }) => {
    const first = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(first.url, first.html);
    const overlay = new OverlayObject(page);
    const text = await overlay.waitForText(/Saved/);
    expect(text).toMatch(/Saved · \+54 9 11 3456-7812/);
    expect(text).toContain('in 19 days');
    expect(text).toMatch(/balance ARS\s1,234\.56/);
    const href = await overlay.evaluate<string>(
      `function () { return this.querySelector('a.lk-button').href; }`,
    );
    expect(href).toBe('https://www.claro.com.ar/personas/recarga');

    // Next visit: $ 150 less.
    await serveHtml(
      context,
      first.url,
      first.html.replace('1.234</span><span>,56', '1.084</span><span>,56'),
    );
    await page.reload();
    const after = await overlay.waitForText(/since your last visit/);
    expect(after).toMatch(/−ARS\s150(\.00)? since your last visit/);
  });

  test('on a page with two competing expiry dates it stores no expiry, offers manual entry and a masked page report', async ({
    context,
    serviceWorker,
    openCarrierPage,
  }) => {
    const fixture = fixturePage('movistar/ambiguous-two-expiries');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(fixture.url).origin,
    });
    const page = await openCarrierPage(fixture.url, fixture.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Couldn't read the expiry date for sure/);
    const lines = await readStore(serviceWorker, 'lines');
    expect(lines.map((line) => line.expiresOn)).toEqual([null]);

    await page.bringToFront();
    await overlay.click('[data-lk="copy-report"]');
    await overlay.waitForText(/Copied/);
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('LineKeeper page report');
    expect(report).toMatch(/saldo/i);
    // Tag names like h2 keep their digit; no figure from the page survives.
    expect(report).not.toMatch(/\d\d|\d[.,/-]\d/);
    expect(report).not.toContain('6624');

    const addTab = context.waitForEvent('page');
    await overlay.click('[data-lk="enter-by-hand"]');
    const tab = await addTab;
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/popup\.html#\/add\?carrier=movistar/);
  });

  test('shows the renewal checklist, collapsed, on a recharge page', async ({
    openCarrierPage,
  }) => {
    const page = await openCarrierPage(
      'https://www.claro.com.ar/personas/recarga',
      '<!doctype html><html lang="es"><head><title>Recargá online</title></head><body><h1>Recargá tu línea</h1><p>Elegí el monto a recargar.</p><button>Continuar</button></body></html>',
    );
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Before you pay/);
    const open = await overlay.evaluate<boolean>(
      `function () { return this.querySelector('details.lk-checklist').open; }`,
    );
    expect(open).toBe(false);
    expect(await overlay.text()).toContain('Keep the receipt');
  });

  test('on a confirmation page: receipt saved once, however often the page is reloaded', async ({
    serviceWorker,
    openCarrierPage,
  }) => {
    const fixture = fixturePage('claro/receipt-recarga-exitosa');
    const page = await openCarrierPage(fixture.url, fixture.html);
    const overlay = new OverlayObject(page);
    const text = await overlay.waitForText(/Receipt saved/);
    expect(text).toMatch(/ARS\s2,000/);
    expect(text).toContain('operation 000784512309');
    await page.reload();
    await overlay.waitForText(/Receipt already saved/);
    const renewals = await readStore(serviceWorker, 'renewals');
    expect(renewals.filter((r) => r.operationId === '000784512309')).toHaveLength(1);
  });

  test('on a failed payment it shows what to do, and that nothing was charged when the page says so', async ({
    openCarrierPage,
  }) => {
    const fixture = fixturePage('claro/payment-failed');
    const page = await openCarrierPage(fixture.url, fixture.html);
    const overlay = new OverlayObject(page);
    const text = await overlay.waitForText(/The payment didn't go through/);
    expect(text).toContain('Check your internet connection');
    expect(text).toContain('Try another card or payment method');
    expect(text).toContain('Wait a while before retrying');
  });

  test('on a page the browser translated it asks for the original, reads once it is back, and never takes back a saved line', async ({
    serviceWorker,
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    // What Chrome's translate leaves in the page: a class on the root, words wrapped in <font>.
    const translatedHeading =
      '<font style="vertical-align: inherit;"><font style="vertical-align: inherit;">Available balance</font></font>';
    const translated = sample.html
      .replace('<html', '<html class="translated-ltr"')
      .replace('<h3>Saldo disponible</h3>', `<h3>${translatedHeading}</h3>`);
    expect(translated).not.toBe(sample.html);
    const page = await openCarrierPage(sample.url, translated);
    const overlay = new OverlayObject(page);
    const hint = await overlay.waitForText(/machine-translated/);
    expect(hint).toContain('back to the original (Spanish)');
    expect(await readStore(serviceWorker, 'lines')).toEqual([]);

    // "Show original": Chrome puts the page's own words back and drops the class.
    await page.evaluate(() => {
      document.documentElement.classList.remove('translated-ltr');
      document.querySelector('h3')!.textContent = 'Saldo disponible';
    });
    await overlay.waitForText(/Saved · \+54 9 11 3456-7812/);
    expect(await readStore(serviceWorker, 'lines')).toHaveLength(1);

    // Translated again after the line was saved: the overlay keeps saying what was saved.
    await page.evaluate(() => {
      document.documentElement.classList.add('translated-ltr');
      const font = document.createElement('font');
      font.textContent = 'Available balance';
      document.querySelector('h3')!.replaceChildren(font);
    });
    await page.waitForTimeout(2_500);
    const after = await overlay.text();
    expect(after).toMatch(/Saved/);
    expect(after).not.toMatch(/machine-translated/);
    expect(await readStore(serviceWorker, 'lines')).toHaveLength(1);
  });

  test('a page with nothing sure on it switches to the translation hint and back when Chrome translates it', async ({
    openCarrierPage,
  }) => {
    const url = 'https://m-miclaro.claro.com.ar/consultas';
    const html =
      '<!doctype html><html lang="es-AR"><head><meta charset="utf-8"><title>Mi Claro</title></head>' +
      '<body><main><h2>Tu saldo</h2><p>Consultá tu saldo y el vencimiento de tu línea desde la app.</p></main></body></html>';
    const page = await openCarrierPage(url, html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Couldn't read this page for sure/);

    // Translated well after the page was read: the hint replaces the "unsure" card.
    const setLanguage = (translated: boolean) =>
      page.evaluate((on) => {
        document.documentElement.classList.toggle('translated-ltr', on);
        document.querySelector('h2')!.textContent = on ? 'Your balance' : 'Tu saldo';
      }, translated);
    await setLanguage(true);
    await overlay.waitForText(/machine-translated/);
    // "Show original": the page is read again and the hint goes away.
    await setLanguage(false);
    const back = await overlay.waitForText(/Couldn't read this page for sure/);
    expect(back).not.toMatch(/machine-translated/);
  });

  test('dismiss closes it for this page, also after a reload; other pages still show it', async ({
    context,
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(sample.url, sample.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Saved/);
    await overlay.click('[data-lk="dismiss"]');
    await expect.poll(() => overlay.text().catch(() => '')).toBe('');
    await page.reload();
    await page.waitForTimeout(2_500);
    expect(await overlay.text().catch(() => '')).toBe('');

    const otherUrl = 'https://m-miclaro.claro.com.ar/consumos';
    await serveHtml(context, otherUrl, sample.html);
    await page.goto(otherUrl);
    await overlay.waitForText(/Saved/);
  });

  test('"don\'t show on this site" persists across reloads and new tabs', async ({
    context,
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(sample.url, sample.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Saved/);
    await overlay.click('[data-lk="hide-site"]');
    await expect.poll(() => overlay.text().catch(() => '')).toBe('');
    const again = await context.newPage();
    await again.goto(sample.url);
    await again.waitForTimeout(3_000);
    expect(await new OverlayObject(again).text().catch(() => '')).toBe('');
  });

  test('a single-page-app route change re-renders exactly one overlay with the new line', async ({
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const routed = sample.html.replace(
      '</body>',
      `<script>
        document.addEventListener('click', (event) => {
          if (!event.target.matches('#other-line')) return;
          history.pushState({}, '', '/linea/2');
          document.querySelector('main').textContent = '';
          const card = document.createElement('section');
          card.innerHTML = '<h2>Tu línea</h2><p>Línea: 351 612-3456</p><h3>Saldo disponible</h3><p>$ 500,00</p><p>Vence el 01/03/2027</p>';
          document.querySelector('main').append(card);
        });
      </script><button id="other-line">Otra línea</button></body>`,
    );
    const page = await openCarrierPage(sample.url, routed);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/3456-7812/);
    await page.click('#other-line');
    await overlay.waitForText(/\+54 9 351 612-3456/);
    expect(await overlay.count()).toBe(1);
  });

  test('collapses to a pill after a few seconds unless hovered, and reopens from it', async ({
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(sample.url, sample.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Saved/);
    await expect
      .poll(
        () => overlay.evaluate<boolean>(`function () { return !!this.querySelector('.lk-pill'); }`),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(await overlay.text()).toContain('in 19 days');
    await overlay.click('[data-lk="expand"]');
    await overlay.waitForText(/Saved/);
  });

  test('the folded pill says how urgent the line is, in a word and a colour', async ({
    context,
    openCarrierPage,
  }) => {
    const onTime = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(onTime.url, onTime.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Saved/);
    expect(await foldedPill(overlay)).toEqual({
      text: 'On time in 19 days',
      label: 'Show LineKeeper: On time, in 19 days',
      word: 'On time',
      color: 'rgb(0, 121, 107)',
    });

    // Inside the reminder window (7 days by default): "Renew soon", in amber.
    const soonUrl = 'https://m-miclaro.claro.com.ar/pronto';
    await serveHtml(context, soonUrl, claroAccountPage(new Date(), 5).html);
    await page.goto(soonUrl);
    await overlay.waitForText(/in 5 days/);
    expect(await foldedPill(overlay)).toMatchObject({
      text: 'Renew soon in 5 days',
      word: 'Renew soon',
      color: 'rgb(138, 83, 0)',
    });
  });

  test('moves to the other bottom corner, and stays there on this site after a reload', async ({
    context,
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const page = await openCarrierPage(sample.url, sample.html);
    const overlay = new OverlayObject(page);
    await overlay.waitForText(/Saved/);
    expect((await cardBox(overlay)).right).toBe(1280 - 16);
    const moveLabel = () =>
      overlay.evaluate<string>(
        `function () { return this.querySelector('[data-lk="move"]').getAttribute('aria-label'); }`,
      );
    expect(await moveLabel()).toBe('Move to the left corner');
    await overlay.click('[data-lk="move"]');
    expect((await cardBox(overlay)).left).toBe(16);
    expect(await moveLabel()).toBe('Move to the right corner');

    await page.reload();
    await overlay.waitForText(/Saved/);
    expect((await cardBox(overlay)).left).toBe(16);
    expect((await cardBox(overlay)).bottom).toBe(800 - 16);
    // Another carrier site keeps its own corner.
    const otherHost = 'https://miclaro.claro.com.ar/consumos';
    await serveHtml(context, otherHost, sample.html);
    await page.goto(otherHost);
    await overlay.waitForText(/Saved/);
    expect((await cardBox(overlay)).right).toBe(1280 - 16);
  });

  test('a hostile page stylesheet changes nothing in the overlay', async ({
    context,
    openCarrierPage,
  }) => {
    const sample = claroAccountPage(new Date(), 19);
    const probe = ['font-size', 'color', 'background-color', 'width', 'padding-top', 'font-family'];
    const page = await openCarrierPage(sample.url, sample.html);
    const plain = new OverlayObject(page);
    await plain.waitForText(/Saved/);
    const before = await plain.computedStyle('.lk-card', probe);
    const beforeTitle = await plain.computedStyle('.lk-title', probe);
    const beforeBox = await cardBox(plain);
    expect(beforeBox.right).toBe(1280 - 16);
    expect(beforeBox.bottom).toBe(800 - 16);

    const hostileUrl = 'https://m-miclaro.claro.com.ar/hostil';
    const hostile = sample.html.replace(
      '</head>',
      `<style>
        * { all: revert; font-size: 40px !important; color: red !important; z-index: 99999999 !important; }
        html { font-size: 30px !important; }
        ${OVERLAY_TAG}, div, section { display: block !important; position: static !important; transform: scale(2) !important; }
      </style></head>`,
    );
    await serveHtml(context, hostileUrl, hostile);
    await page.goto(hostileUrl);
    await plain.waitForText(/Saved/);
    expect(await plain.computedStyle('.lk-card', probe)).toEqual(before);
    expect(await plain.computedStyle('.lk-title', probe)).toEqual(beforeTitle);
    // Same place: the viewport's bottom-right corner, whatever the page's CSS says.
    expect(await cardBox(plain)).toEqual(beforeBox);
  });

  test('the page lays out exactly as without the extension', async ({ openCarrierPage }) => {
    const sample = claroAccountPage(new Date(), 19);
    const boxes = async (page: import('@playwright/test').Page) =>
      await page.evaluate(() =>
        [...document.querySelectorAll('body, header, main, section, footer, p, h2, h3')].map(
          (el) => {
            const box = el.getBoundingClientRect();
            return [el.tagName, box.x, box.y, box.width, box.height];
          },
        ),
      );

    const withExtension = await openCarrierPage(sample.url, sample.html);
    await new OverlayObject(withExtension).waitForText(/Saved/);
    const measured = await boxes(withExtension);

    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.route('**/*', (route) =>
        route.request().url() === sample.url
          ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: sample.html })
          : route.abort(),
      );
      await page.goto(sample.url);
      expect(measured).toEqual(await boxes(page));
    } finally {
      await browser.close();
    }
  });
});
