/**
 * End-to-end smoke test of the Firefox build in real Firefox (Debian's firefox-esr):
 * a Claro page served offline at its real https URL → the content script reads it and shows
 * its overlay → the background stores the line in IndexedDB → the popup lists it → an
 * alarm is armed.
 *
 * The same steps run twice: first against a throwaway probe build (./probe-extension.ts),
 * which proves the harness (install, routing, injection, extension pages); then against
 * the real build in .output/firefox-mv2. A failure only in the second suite means the
 * extension is missing the feature, not that the harness is broken.
 *
 *   npx wxt build -b firefox && node --import tsx --test tests/firefox/smoke.test.ts
 *
 * (add the reporters in ./summary-reporter.mjs for the closing `firefox: N passed, N failed`).
 * Env: FIREFOX_PATH, FIREFOX_EXTENSION_DIR.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  FIREFOX_BUILD_DIR,
  REPO_ROOT,
  launchFirefoxWithExtension,
  pageText,
  readAlarms,
  readDatabases,
  type FirefoxWithExtension,
} from './harness.ts';
import { buildProbeExtension } from './probe-extension.ts';
import { claroAccountPage } from '../support/sample-pages.ts';

// The slice of the extension API these tests call inside extension pages.
declare const browser: {
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
  alarms: { getAll(): Promise<unknown[]> };
};

/** How long each step waits for the extension before failing. */
const STEP_TIMEOUT_MS = 10_000;
/** Hard limits, so a hung Firefox fails the run instead of stalling CI. */
const LAUNCH_LIMIT = { timeout: 90_000 };
const TEST_LIMIT = { timeout: 45_000 };

interface CarrierPage {
  /** Where it comes from: a fixture name or "inline". */
  source: string;
  url: string;
  html: string;
  /** National number as digits, e.g. "1134567812". */
  nationalNumber: string;
  /** Expiry as [year, month, day]. */
  expiresOn: [number, number, number];
}

function isoParts(iso: string): [number, number, number] {
  const [year, month, day] = iso.split('-').map(Number);
  return [year ?? 0, month ?? 0, day ?? 0];
}

/**
 * The shared invented Claro page, expiring 20 days from today (Firefox's clock cannot be
 * faked over BiDi, so the reminder alarm must lie in the real future).
 */
function carrierPage(): CarrierPage {
  const sample = claroAccountPage(new Date(), 20);
  return {
    source: 'tests/fixtures/claro/sample/account.html',
    url: sample.url,
    html: sample.html,
    nationalNumber: sample.msisdn.replace(/^\+549/, ''),
    expiresOn: isoParts(sample.expiresOn),
  };
}

/** The ways a popup may reasonably write a date, in the languages the extension ships. */
function dateSpellings([year, month, day]: [number, number, number]): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const spellings = new Set([
    `${pad(day)}/${pad(month)}/${year}`,
    `${day}/${month}/${year}`,
    `${year}-${pad(month)}-${pad(day)}`,
    `${pad(month)}/${pad(day)}/${year}`,
  ]);
  const date = new Date(Date.UTC(year, month - 1, day));
  for (const locale of ['en-US', 'en-GB', 'es-AR', 'zh-CN']) {
    for (const dateStyle of ['short', 'medium', 'long', 'full'] as const) {
      spellings.add(new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(date));
    }
    for (const month of ['short', 'long'] as const) {
      const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month, timeZone: 'UTC' });
      spellings.add(format.format(date));
    }
  }
  return [...spellings];
}

async function waitFor<T>(
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function smokeSuite(title: string, extensionDir: () => string): void {
  describe(title, () => {
    const page = carrierPage();
    let runStarted = Date.now();
    let firefox: FirefoxWithExtension | undefined;
    let launchError: unknown;
    let carrierTab: Page | undefined;

    const launched = (): FirefoxWithExtension => {
      if (!firefox) throw new Error(`Firefox did not start: ${String(launchError)}`);
      return firefox;
    };

    before(async () => {
      runStarted = Date.now();
      try {
        firefox = await launchFirefoxWithExtension({ extensionDir: extensionDir() });
      } catch (error) {
        launchError = error instanceof Error ? error.message : error;
      }
    }, LAUNCH_LIMIT);

    after(async () => {
      await firefox?.close();
      if (firefox) {
        console.log(
          `# ${title}: launch + install ${firefox.launchMs} ms, whole run ${Date.now() - runStarted} ms` +
            ` (page: ${page.source})`,
        );
        if (firefox.unroutedRequests.length) {
          // The page's own assets (scripts, CSS, images): refused, as offline tests want.
          console.log(`# refused unrouted requests: ${firefox.unroutedRequests.join(', ')}`);
        }
        if (firefox.leakedConnections.length) {
          console.log(
            `# Firefox tried to go online: ${[...new Set(firefox.leakedConnections)].join(', ')}`,
          );
        }
      }
    });

    test(
      'the add-on installs and its pages can use browser.storage and browser.alarms',
      TEST_LIMIT,
      async () => {
        const { extensionBaseUrl, openExtensionPage } = launched();
        assert.match(extensionBaseUrl, /^moz-extension:\/\/[0-9a-f-]{36}\/$/);
        const popup = await openExtensionPage('popup.html');
        const reached = await popup.evaluate(async () => {
          await browser.storage.local.get(null);
          await browser.alarms.getAll();
          return location.href;
        });
        await popup.close();
        assert.equal(reached, `${extensionBaseUrl}popup.html`);
      },
    );

    test(`the ${page.source} page is served offline at ${page.url}`, TEST_LIMIT, async () => {
      carrierTab = await launched().openCarrierPage(page.url, page.html);
      assert.equal(carrierTab.url(), page.url);
      const text = await pageText(carrierTab);
      assert.ok(text.trim().length > 0, 'the routed page rendered no text');
    });

    test(
      'the content script shows <linekeeper-overlay> on the carrier page',
      TEST_LIMIT,
      async () => {
        assert.ok(carrierTab, 'no carrier page (see the previous step)');
        const shown = await carrierTab
          .waitForSelector('linekeeper-overlay', { timeout: STEP_TIMEOUT_MS })
          .then(() => true)
          .catch(() => false);
        assert.ok(
          shown,
          `no <linekeeper-overlay> on ${page.url} after ${STEP_TIMEOUT_MS / 1000} s: the content ` +
            'script did not read the page or did not show its status',
        );
      },
    );

    test('the background stores a line in IndexedDB', TEST_LIMIT, async (t) => {
      const inspector = await launched().openExtensionPage('popup.html');
      const databases = await waitFor(STEP_TIMEOUT_MS, async () => {
        const found = await readDatabases(inspector);
        const records = found.flatMap((db) => Object.values(db.stores));
        return records.some((count) => count > 0) ? found : undefined;
      });
      const seen = await readDatabases(inspector).catch((error: Error) => error.message);
      await inspector.close();
      t.diagnostic(`IndexedDB record counts: ${JSON.stringify(seen)}`);
      assert.ok(
        databases,
        `no IndexedDB record in the extension after ${STEP_TIMEOUT_MS / 1000} s; ` +
          `databases: ${JSON.stringify(seen)}`,
      );
    });

    test('the popup lists the line with its number and expiry', TEST_LIMIT, async () => {
      const popup = await launched().openExtensionPage('popup.html');
      const spellings = dateSpellings(page.expiresOn);
      const found = await waitFor(STEP_TIMEOUT_MS, async () => {
        const text = await pageText(popup);
        const digits = text.replace(/[\s\-().]/g, '');
        const date = spellings.find((spelling) => text.includes(spelling));
        return digits.includes(page.nationalNumber) && date ? date : undefined;
      });
      const text = await pageText(popup).catch(() => '');
      await popup.close();
      assert.ok(
        found,
        `popup.html does not show number ${page.nationalNumber} and expiry ` +
          `${page.expiresOn.join('-')} (e.g. "${spellings[0]}"); its text: ${JSON.stringify(text.slice(0, 400))}`,
      );
    });

    test('an alarm is armed (browser.alarms.getAll in an extension page)', TEST_LIMIT, async () => {
      const inspector = await launched().openExtensionPage('popup.html');
      const alarms = await waitFor(STEP_TIMEOUT_MS / 2, async () => {
        const all = await readAlarms(inspector);
        return all.length > 0 ? all : undefined;
      });
      await inspector.close();
      assert.ok(alarms, 'browser.alarms.getAll() returned no alarm');
    });
  });
}

let probeDir: string | undefined;
smokeSuite('Firefox harness (throwaway probe build)', () => {
  probeDir = buildProbeExtension(FIREFOX_BUILD_DIR);
  return probeDir;
});
after(() => {
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
});
smokeSuite(
  `Firefox smoke (${path.relative(REPO_ROOT, FIREFOX_BUILD_DIR)})`,
  () => FIREFOX_BUILD_DIR,
);
