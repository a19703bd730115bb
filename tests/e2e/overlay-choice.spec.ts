/**
 * The overlay's one-click answers and page-specific advice, in the built extension in
 * Chromium: a page that shows two competing expiries asks which is the line's, and the
 * answer is stored as the user's own date; a failed payment leads with its reason's advice. (axe checks the question in overlay-a11y.spec.ts: it cannot enter the closed
 * shadow root the extension mounts.)
 */
import { claroAccountPage, claroPageWithTwoExpiries } from '../support/sample-pages';
import { expect, fixturePage, test } from './fixtures';
import { OverlayObject } from './overlay';
import { readStore } from './worker';

test.describe("the overlay asks which of two expiries is the line's", () => {
  test("a click on a date stores it as the user's, and the card shows it saved", async ({
    serviceWorker,
    openCarrierPage,
  }) => {
    const page = claroPageWithTwoExpiries(new Date());
    const tab = await openCarrierPage(page.url, page.html);
    const overlay = new OverlayObject(tab);
    const asked = await overlay.waitForText(/Which is your line's expiry\?/);
    expect(asked).toContain('Neither');
    const offered = await overlay.evaluate<{ name: string; dates: string[]; role: string }>(
      `function () {
        const group = this.querySelector('[data-lk="expiry-choice"]');
        const name = this.getElementById(group.getAttribute('aria-labelledby')).textContent;
        const dates = [...group.querySelectorAll('button[data-lk="choose-expiry"]')].map((b) => b.dataset.date);
        return { name, dates, role: group.getAttribute('role') };
      }`,
    );
    expect(offered).toEqual({
      name: "Which is your line's expiry?",
      dates: [page.expiresOn, page.other],
      role: 'group',
    });
    // Nothing was taken from the page for the expiry while it disagreed with itself.
    expect((await readStore(serviceWorker, 'lines')).map((line) => line.expiresOn)).toEqual([null]);

    await overlay.click(`[data-lk="choose-expiry"][data-date="${page.other}"]`);
    const saved = await overlay.waitForText(/Saved.*in 40 days/);
    expect(saved).not.toContain("Which is your line's expiry?");
    await expect
      .poll(async () =>
        (await readStore(serviceWorker, 'lines')).map((line) => [
          line.expiresOn,
          line.expirySource,
        ]),
      )
      .toEqual([[page.other, 'manual']]);

    // The same page again: answered, so it no longer asks.
    await tab.reload();
    const again = await overlay.waitForText(/Saved.*in 40 days/);
    expect(again).not.toContain("Which is your line's expiry?");
  });

  test('"Neither" closes the question and stores nothing', async ({
    serviceWorker,
    openCarrierPage,
  }) => {
    const page = claroPageWithTwoExpiries(new Date());
    const tab = await openCarrierPage(page.url, page.html);
    const overlay = new OverlayObject(tab);
    await overlay.waitForText(/Which is your line's expiry\?/);
    await overlay.click('[data-lk="choice-neither"]');
    await expect.poll(() => overlay.text()).not.toContain("Which is your line's expiry?");
    expect((await readStore(serviceWorker, 'lines')).map((line) => line.expiresOn)).toEqual([null]);
  });
});

test('a failed payment the bank refused leads with what to do about a refused card', async ({
  openCarrierPage,
}) => {
  // "Tu banco rechazó la operación … Por favor, intentá nuevamente": the refusal wins.
  const fixture = fixturePage('claro/payment-failed');
  const overlay = new OverlayObject(await openCarrierPage(fixture.url, fixture.html));
  const text = await overlay.waitForText(/The payment didn't go through/);
  expect(text).toMatch(
    /go through\s*The card was refused\. Argentine payment gateways often refuse foreign cards/,
  );
  expect(text).toContain('a local wallet such as Mercado Pago');
  expect(text).not.toContain('Insufficient funds');
  expect(text).not.toContain('The connection failed');
});

test('a line expiring in 2 days gets what to do now, and the card opens the glossary', async ({
  context,
  openCarrierPage,
}) => {
  const page = claroAccountPage(new Date(), 2);
  const overlay = new OverlayObject(await openCarrierPage(page.url, page.html));
  const text = await overlay.waitForText(/Saved/);
  expect(text).toContain('Recharge before the end of');
  const opened = context.waitForEvent('page');
  await overlay.click('[data-lk="glossary"]');
  const tab = await opened;
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(/\/popup\.html#glossary$/);
  await expect(tab.getByRole('heading', { name: "Carriers' words" })).toBeVisible();
});
