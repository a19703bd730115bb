/**
 * The one Playwright fixture every e2e test uses: a real Chromium with the built
 * extension loaded, a fresh profile per test, carrier pages served offline by routing
 * their real https URLs, and helpers to reach the popup and the service worker.
 */
import {
  test as base,
  expect as baseExpect,
  type BrowserContext,
  type Page,
  type Worker,
} from '@playwright/test';
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
 * Stops the extension's worker with CDP ServiceWorker.stopWorker and waits until it is
 * stopped. (With Playwright 1.65 + Chromium 156 neither `stopAllWorkers` from a page
 * session stops it, nor does Playwright report the stop or the restart as worker events;
 * so the state is watched through CDP and inspected from an extension page.)
 */
export async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string) {
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, { runningStatus: string; scriptURL: string }>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) status.set(version.versionId, version);
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () =>
    [...status.entries()].find(([, v]) =>
      v.scriptURL.startsWith(`chrome-extension://${extensionId}/`),
    );
  await baseExpect.poll(() => ours()?.[1].runningStatus).toBe('running');
  await cdp.send('ServiceWorker.stopWorker', { versionId: ours()![0] });
  await baseExpect.poll(() => ours()?.[1].runningStatus).toBe('stopped');
  return {
    /** The worker's running status as CDP last reported it. */
    runningStatus: () => ours()?.[1].runningStatus,
    detach: () => cdp.detach(),
  };
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
