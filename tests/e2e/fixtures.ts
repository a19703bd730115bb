/**
 * The one Playwright fixture every e2e test uses: a real Chromium with the built
 * extension loaded, a fresh profile per test, carrier pages served offline by routing
 * their real https URLs, and helpers to reach the popup and the service worker.
 */
import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  REPO_ROOT,
  extensionServiceWorker,
  launchWithExtension,
  serveHtml,
} from '../../scripts/lib/chromium';

export { extensionServiceWorker, launchWithExtension, serveHtml };
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');

export interface FixturePage {
  name: string;
  url: string;
  html: string;
  at: string;
  expected: Record<string, unknown>;
}

/** Reads tests/fixtures/<carrier>/<name>.html and its JSON (e.g. "claro/dashboard"). */
export function fixturePage(name: string): FixturePage {
  const file = path.join(FIXTURES_DIR, name);
  const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Omit<
    FixturePage,
    'name' | 'html'
  >;
  return { name, html: readFileSync(`${file}.html`, 'utf8'), ...meta };
}

/** Serves `html` at the carrier's real https URL and opens it in a new tab. */
export async function openCarrierPage(
  context: BrowserContext,
  url: string,
  html: string,
): Promise<Page> {
  await serveHtml(context, url, html);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

/**
 * Stops the extension's service worker through CDP, as Chrome does after 30 s idle, and
 * returns once it is gone. The next event (a message, an alarm, the popup) wakes a new one:
 * get it with `extensionServiceWorker(context)`.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const before = await extensionServiceWorker(context);
  const closed = new Promise<void>((resolve) => before.once('close', () => resolve()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await closed;
  await cdp.detach();
}

interface Fixtures {
  /** chrome.i18n language for this test: 'en' (default), 'es' or 'zh_CN'. */
  language: string;
  /** Requests the extension or a page tried to make that no route served. */
  unroutedRequests: string[];
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  openCarrierPage: (url: string, html: string) => Promise<Page>;
  openPopup: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  language: ['en', { option: true }],
  // eslint-disable-next-line no-empty-pattern
  unroutedRequests: async ({}, use) => {
    await use([]);
  },
  context: async ({ language, unroutedRequests }, use) => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'linekeeper-e2e-'));
    const context = await launchWithExtension({
      userDataDir,
      language,
      onUnroutedRequest: (url) => unroutedRequests.push(url),
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionServiceWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openCarrierPage: async ({ context }, use) => {
    await use((url, html) => openCarrierPage(context, url, html));
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(() => openPopup(context, extensionId));
  },
});

export const expect = test.expect;
