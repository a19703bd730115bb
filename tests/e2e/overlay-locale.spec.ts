/**
 * The overlay in the user's language (chrome.i18n over _locales, number and date formats
 * to match), in the dark, and from the keyboard alone.
 */
import { claroAccountPage } from '../support/sample-pages';
import { expect, localeMessages, sendMessage, test } from './fixtures';
import { OverlayObject } from './overlay';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const language of ['es', 'zh_CN'] as const) {
  test.describe(`overlay in ${language}`, () => {
    test.use({ language });

    test('says what was saved in that language', async ({ openCarrierPage }) => {
      const t = localeMessages(language);
      const sample = claroAccountPage(new Date(), 19);
      const page = await openCarrierPage(sample.url, sample.html);
      const overlay = new OverlayObject(page);
      const text = await overlay.waitForText(new RegExp(escapeRegExp(t('overlaySaved'))));
      expect(text).toContain(t('daysLeftN', ['19']));
      expect(text).toContain(t('overlayRechargeNow'));
      expect(text).toContain(t('overlayHideSite'));
      // Pesos as each language writes them: `$ 1.234,56` in Spanish, `ARS 1,234.56` otherwise.
      expect(text).toMatch(language === 'es' ? /\$\s1\.234,56/ : /ARS\s1,234\.56/);
      const label = await overlay.evaluate<string>(
        `function () { return this.querySelector('[data-lk="dismiss"]').getAttribute('aria-label'); }`,
      );
      expect(label).toBe(t('overlayDismiss'));
    });
  });
}

test('speaks the language chosen in LineKeeper, not the browser’s, and marks it with lang', async ({
  openCarrierPage,
  openPopup,
}) => {
  // The browser speaks English (the fixture's default): the card says so in its lang.
  const sample = claroAccountPage(new Date(), 19);
  const english = await openCarrierPage(sample.url, sample.html);
  const overlay = new OverlayObject(english);
  await overlay.waitForText(/Saved/);
  const lang = () =>
    overlay.evaluate<string>(`function () { return this.querySelector('.lk-root').lang; }`);
  expect(await lang()).toBe('en');
  await english.close();

  // Spanish chosen in Settings: the next carrier page is in Spanish, words and numbers.
  const popup = await openPopup();
  expect(
    await sendMessage(popup, { type: 'ui:save-settings', settings: { language: 'es' } }),
  ).toMatchObject({ ok: true });
  const t = localeMessages('es');
  const page = await openCarrierPage(sample.url, sample.html);
  const spanish = new OverlayObject(page);
  const text = await spanish.waitForText(new RegExp(escapeRegExp(t('overlaySaved'))));
  expect(text).toContain(t('daysLeftN', ['19']));
  expect(text).toMatch(/\$\s1\.234,56/);
  expect(text).not.toMatch(/Saved|Recharge now/);
  expect(
    await spanish.evaluate<string>(`function () { return this.querySelector('.lk-root').lang; }`),
  ).toBe('es-AR');
  expect(
    await spanish.evaluate<string>(
      `function () { return this.querySelector('[data-lk="dismiss"]').getAttribute('aria-label'); }`,
    ),
  ).toBe(t('overlayDismiss'));
});

test.describe('overlay in zh_CN on a page Chrome translated into Chinese', () => {
  test.use({ language: 'zh_CN' });

  test('asks, in Chinese, for the original Spanish', async ({ openCarrierPage }) => {
    const t = localeMessages('zh_CN');
    const sample = claroAccountPage(new Date(), 19);
    const translated = sample.html
      .replace('<html', '<html class="translated-ltr"')
      .replace('<h3>Saldo disponible</h3>', '<h3><font>可用余额</font></h3>');
    const page = await openCarrierPage(sample.url, translated);
    const overlay = new OverlayObject(page);
    const text = await overlay.waitForText(new RegExp(escapeRegExp(t('overlayTranslatedTitle'))));
    expect(text).toContain(t('overlayTranslatedBody'));
    expect(text).toContain('西班牙语');
  });
});

test('dark mode, and Escape folds the card into a pill that Enter reopens', async ({
  openCarrierPage,
}) => {
  const sample = claroAccountPage(new Date(), 19);
  const tab = await openCarrierPage(sample.url, sample.html);
  await tab.emulateMedia({ colorScheme: 'dark' });
  const overlay = new OverlayObject(tab);
  await overlay.waitForText(/Saved/);
  expect(await overlay.computedStyle('.lk-card', ['background-color'])).toEqual({
    'background-color': 'rgb(28, 33, 40)',
  });

  await tab.bringToFront();
  await overlay.evaluate<void>(
    `function () { this.querySelector('[data-lk="dismiss"]').focus(); }`,
  );
  await tab.keyboard.press('Escape');
  await expect
    .poll(() =>
      overlay.evaluate<boolean>(`function () { return !!this.querySelector('.lk-pill'); }`),
    )
    .toBe(true);
  await overlay.evaluate<void>(`function () { this.querySelector('.lk-pill').focus(); }`);
  await tab.keyboard.press('Enter');
  await overlay.waitForText(/Saved/);
});
