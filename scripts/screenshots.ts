/**
 * npm run screenshots — the README's pictures, from the built extension in Chromium: the
 * popup at 400×600 with three sample lines, in each language. Writes docs/screenshots/
 * (tracked files: run it when the popup's look changes, and commit the pictures).
 * Needs a build (`npm run build`); Chromium: /usr/bin/chromium or CHROMIUM_PATH.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { UiLocale } from '../utils/domain/i18n';
import { UI_LOCALES } from '../utils/domain/i18n';
import type { MessageOf } from '../utils/protocol/messages';
import { extensionServiceWorker, launchWithExtension, REPO_ROOT } from '../tests/support/chromium';
import { buenosAiresDatePlus } from '../tests/support/sample-pages';

const OUT_DIR = path.join(REPO_ROOT, 'docs/screenshots');

function sampleLines(now: Date): MessageOf<'ui:add-line'>[] {
  const day = (days: number) => buenosAiresDatePlus(now, days);
  return [
    {
      type: 'ui:add-line',
      carrier: 'claro',
      msisdn: '+5491134567812',
      label: '',
      expiresOn: day(5),
      balance: { amount: 1234.56, currency: 'ARS' },
    },
    {
      type: 'ui:add-line',
      carrier: 'movistar',
      msisdn: '+5493516123456',
      label: 'Mamá',
      expiresOn: day(-2),
      balance: { amount: 0, currency: 'ARS' },
    },
    {
      type: 'ui:add-line',
      carrier: 'personal',
      msisdn: '+5491123456789',
      label: '',
      expiresOn: null,
      lastRechargeOn: day(-150),
      balance: { amount: 880, currency: 'ARS' },
    },
  ];
}

async function popupScreenshot(language: UiLocale): Promise<string> {
  const context = await launchWithExtension({ language });
  try {
    const worker = await extensionServiceWorker(context);
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    for (const message of sampleLines(new Date())) {
      const reply = (await popup.evaluate((m) => chrome.runtime.sendMessage(m), message)) as {
        ok: boolean;
        error?: string;
      };
      if (!reply.ok) throw new Error(`could not add a sample line: ${reply.error}`);
    }
    await popup.locator('ul.lines li').nth(2).waitFor();
    await popup.emulateMedia({ colorScheme: 'light' });
    const file = path.join(OUT_DIR, `popup-${language}.png`);
    await popup.screenshot({ path: file });
    return file;
  } finally {
    await context.close();
  }
}

mkdirSync(OUT_DIR, { recursive: true });
for (const language of UI_LOCALES) {
  console.log(`saved ${path.relative(REPO_ROOT, await popupScreenshot(language))}`);
}
