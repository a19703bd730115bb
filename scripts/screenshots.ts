/**
 * npm run screenshots — the README's pictures, from the built extension in Chromium, at
 * 400×600 in the three languages, light theme: the list of a family's lines (with a reading
 * waiting for a line), the detail of an expired line with its guidance, and the settings
 * with the language choice, and the overlay on a carrier page asking which of two dates is
 * the line's expiry. Writes docs/screenshots/<view>-<language>-light.png (tracked
 * files: run it when the popup's look changes, and commit the pictures).
 * `npm run screenshots -- --all` makes the full set for reviewing a change by eye — also the
 * dark theme, the guidance scrolled into view, the glossary and the add-line form (a
 * day-first date, a too-large amount) — in test-results/screenshots/ (ignored by git).
 * Needs a build (`npm run build`, or LINEKEEPER_OUT_DIR for a private one); Chromium:
 * /usr/bin/chromium or CHROMIUM_PATH.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { UI_LOCALES, type UiLocale } from '../utils/domain/i18n';
import {
  extensionServiceWorker,
  launchWithExtension,
  REPO_ROOT,
  serveHtml,
} from '../tests/support/chromium';
import { familyBackup } from '../tests/support/family';
import { claroPageWithTwoExpiries } from '../tests/support/sample-pages';
import { translatorFor } from '../tests/support/i18n';

const ALL = process.argv.includes('--all');
const OUT_DIR = path.join(REPO_ROOT, ALL ? 'test-results/screenshots' : 'docs/screenshots');
const SCHEMES = ALL ? (['light', 'dark'] as const) : (['light'] as const);
/** The views README.md shows; `--all` adds the rest. */
const README_VIEWS = new Set(['list', 'detail', 'settings', 'overlay-choice']);
const wanted = (view: string) => ALL || README_VIEWS.has(view);

/** A family's names in each language (user data: what people call their lines). */
const LABELS: Record<UiLocale, string[]> = {
  en: ['Mum', 'Dad', 'Work', '', 'Ana', 'Grandma', '', 'Spare SIM'],
  es: ['Mamá', 'Papá', 'Trabajo', '', 'Ana', 'Abuela', '', 'Chip de repuesto'],
  zh_CN: ['妈妈', '爸爸', '工作', '', '女儿', '奶奶', '', '备用卡'],
};

async function shoot(page: Page, name: string): Promise<string> {
  const file = path.join(OUT_DIR, `${name}.png`);
  // Caret and focus rings blink or depend on timing: not in a picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}

/**
 * A Claro account page whose banner names another expiry than its balance card: the
 * overlay asks which date is the line's. The card's corner of the page is the picture.
 */
async function overlayChoice(
  context: Awaited<ReturnType<typeof launchWithExtension>>,
  name: string,
): Promise<string> {
  const sample = claroPageWithTwoExpiries(new Date());
  await serveHtml(context, sample.url, sample.html);
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 640 });
  await page.goto(sample.url);
  await page.locator('linekeeper-overlay').waitFor({ state: 'attached' });
  // The card is drawn inside a closed shadow root: no text to wait for. It shows once the
  // page has settled (0.5 s) and the background has answered; it folds after 8 s.
  await page.waitForTimeout(2500);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({
    path: file,
    clip: { x: 900 - 420, y: 640 - 480, width: 420, height: 480 },
    animations: 'disabled',
  });
  await page.close();
  return file;
}

async function screenshotsIn(language: UiLocale): Promise<string[]> {
  const t = translatorFor(language);
  const context = await launchWithExtension({ language: 'en' });
  const saved: string[] = [];
  try {
    const worker = await extensionServiceWorker(context);
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    // An English browser whose user chose the language in Settings.
    const { backup, expiredLineId } = familyBackup(new Date(), {
      lines: 8,
      labels: LABELS[language],
      language,
      waiting: true,
    });
    const reply = (await popup.evaluate((message) => chrome.runtime.sendMessage(message), {
      type: 'ui:import-backup',
      backup,
    })) as { ok: boolean; error?: string };
    if (!reply.ok) throw new Error(`could not import the sample lines: ${reply.error}`);

    for (const colorScheme of SCHEMES) {
      await popup.emulateMedia({ colorScheme });
      const snap = async (view: string) => {
        if (wanted(view)) saved.push(await shoot(popup, `${view}-${language}-${colorScheme}`));
      };
      await popup.reload();
      await popup.locator('ul.lines > li').nth(7).waitFor();
      await popup.getByRole('heading', { name: t('popupLinesTitle', ['8']) }).waitFor();
      await snap('list');

      await popup.locator(`li[data-line-id="${expiredLineId}"] h3 button`).click();
      await popup.getByTestId('guidance').waitFor();
      await popup.getByTestId('balance-chart').waitFor();
      await snap('detail');
      // Scroll the popup's own scrolling area (not the page) to the guidance.
      await popup.getByTestId('guidance').evaluate((guidance) => {
        const main = guidance.closest('main')!;
        main.scrollTop +=
          guidance.getBoundingClientRect().top - main.getBoundingClientRect().top - 8;
      });
      await snap('guidance');

      await popup.getByRole('button', { name: t('popupSettings'), exact: true }).click();
      await popup.getByRole('heading', { name: t('popupSettingsTitle'), level: 2 }).waitFor();
      await snap('settings');

      await popup.getByRole('button', { name: t('glossaryOpen') }).click();
      await popup.getByRole('heading', { name: t('glossaryTitle') }).waitFor();
      await snap('glossary');

      await popup.getByRole('button', { name: t('popupBack') }).click();
      await popup.getByRole('button', { name: t('popupSettings'), exact: true }).click();
      if (wanted('overlay-choice')) {
        saved.push(await overlayChoice(context, `overlay-choice-${language}-${colorScheme}`));
      }
      if (!wanted('add-line')) continue;
      await popup.getByRole('button', { name: t('popupAddLine') }).click();
      await popup.getByLabel(t('popupFieldCarrier')).selectOption('personal');
      await popup.getByLabel(t('popupFieldNumber')).fill('11 2345-6789');
      await popup.getByLabel(t('popupFieldExpiry')).fill('05/12/2026');
      await popup.getByLabel(t('popupFieldBalance')).fill('999999999999');
      await popup.getByRole('button', { name: t('popupAddSubmit'), exact: true }).click();
      await popup.getByText(t('formErrAmountTooLarge')).waitFor();
      await snap('add-line');
      await popup.getByRole('button', { name: t('popupCancel') }).click();
    }
  } finally {
    await context.close();
  }
  return saved;
}

mkdirSync(OUT_DIR, { recursive: true });
for (const language of UI_LOCALES) {
  for (const file of await screenshotsIn(language)) {
    console.log(`saved ${path.relative(REPO_ROOT, file)}`);
  }
}
