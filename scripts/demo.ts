/**
 * `npm run demo`: LineKeeper working without a carrier account. Starts Chromium with the
 * built extension, opens invented Claro, Movistar and Personal account pages through the
 * same offline routing as the e2e tests, then the popup. With a display the browser stays
 * open for you to explore; without one it runs headless, saves screenshots and prints
 * what was stored.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  extensionServiceWorker,
  launchWithExtension,
  readStore,
  serveHtml,
} from '../tests/support/chromium';
import { sampleAccountPages } from '../tests/support/sample-pages';

const OVERLAY_TAG = 'linekeeper-overlay';

async function main(): Promise<void> {
  const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
  const language = process.env.LINEKEEPER_LANGUAGE ?? 'en';
  const outDir = path.join(REPO_ROOT, 'demo-output');
  mkdirSync(outDir, { recursive: true });

  const context = await launchWithExtension({ headless: !headed, language });
  const worker = await extensionServiceWorker(context);
  const extensionId = new URL(worker.url()).host;
  const screenshots: string[] = [];

  for (const sample of sampleAccountPages(new Date())) {
    await serveHtml(context, sample.url, sample.html);
    const page = await context.newPage();
    await page.goto(sample.url);
    const overlayShown = await page
      .locator(OVERLAY_TAG)
      .waitFor({ state: 'attached', timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    await page.waitForTimeout(600); // let the overlay finish its entrance
    const file = path.join(outDir, `${sample.carrier}-page.png`);
    await page.screenshot({ path: file });
    screenshots.push(file);
    console.log(
      `${sample.carrier}: opened ${sample.url}${overlayShown ? '' : ' (no overlay appeared)'}`,
    );
  }

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(800);
  const popupFile = path.join(outDir, 'popup.png');
  await popup.screenshot({ path: popupFile });
  screenshots.push(popupFile);

  console.log('\nWhat LineKeeper stored (IndexedDB, lines):');
  const lines = await readStore<{
    carrier: string;
    msisdn: string | null;
    expiresOn: string | null;
    balance: { amount: number } | null;
  }>(worker, 'lines');
  for (const line of lines) {
    console.log(
      `  ${line.carrier.padEnd(9)} ${line.msisdn ?? '(no number)'}  expires ${line.expiresOn ?? '?'}  balance ARS ${line.balance?.amount ?? '?'}`,
    );
  }
  console.log('\nScreenshots:');
  for (const file of screenshots) console.log(`  ${path.relative(process.cwd(), file)}`);

  if (headed) {
    console.log('\nThe browser stays open: click the LineKeeper icon. Close the window to finish.');
    await new Promise<void>((resolve) => context.on('close', () => resolve()));
  } else {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
