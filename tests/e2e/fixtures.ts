/**
 * The one Playwright fixture every e2e test uses: a real Chromium with the built
 * extension loaded, a fresh profile per test, carrier pages served offline by routing
 * their real https URLs, and helpers to reach the popup and the service worker.
 */
import {
  test as base,
  expect as baseExpect,
  type BrowserContext,
  type CDPSession,
  type Page,
  type Request,
  type Worker,
} from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import { translatorFor } from '../support/i18n';
import {
  REPO_ROOT,
  extensionServiceWorker,
  launchWithExtension,
  readStore,
  serveHtml,
  type LaunchOptions,
} from '../support/chromium';

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

// ───────────────────────── network guard ─────────────────────────

/** Schemes that never touch the network: the extension's own files and inline data. */
const LOCAL_SCHEME = /^(chrome-extension|data|blob|about):/;

interface CdpInitiator {
  type: string;
  url?: string;
  stack?: { callFrames: { url: string }[]; parent?: CdpInitiator['stack'] };
}

function stackUrls(stack: CdpInitiator['stack']): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) urls.push(...s.callFrames.map((frame) => frame.url));
  return urls;
}

export interface NetworkGuard {
  /** Requests the extension made (worker, extension pages, content scripts): must stay empty. */
  violations: string[];
  /** Every request seen, with who made it (for debugging a failure). */
  log: string[];
  /** Resolves once `page` is watched through CDP (call before navigating it). */
  watching(page: Page): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Records every request made in `context` and lists the ones the extension made:
 * - the extension's service worker: Playwright 1.65 reports its requests as context
 *   `request` events with `request.serviceWorker()` set (proved by trust-network.spec.ts:
 *   a `fetch()` evaluated in the worker is caught; no env flag needed here);
 * - extension pages (popup, or an extension page in a tab): any request from a frame
 *   whose URL is chrome-extension://;
 * - content scripts: their requests leave from the carrier page's frame, so each web page
 *   is watched with CDP `Network.requestWillBeSent`, and a request whose initiator stack
 *   runs through a chrome-extension:// script is the extension's. A request the page's
 *   markup asks for on ANOTHER origin counts too (markup we might inject, e.g. overlay
 *   CSS `url()`): fixture pages only reference their own origin.
 * Not the extension's: the carrier page's own navigations and same-origin subresources
 * (refused offline by the catch-all route anyway), and the favicon the browser itself
 * fetches for a routed page (initiator "other", `<origin>/favicon.ico`; Playwright never
 * sees it, CDP does) — the browser requests it for any page, extension or not.
 */
export function startNetworkGuard(context: BrowserContext): NetworkGuard {
  const violations: string[] = [];
  const log: string[] = [];
  const sessions: CDPSession[] = [];
  const watched = new WeakMap<Page, Promise<void>>();

  const onRequest = (request: Request) => {
    const url = request.url();
    if (LOCAL_SCHEME.test(url)) return;
    const worker = request.serviceWorker();
    if (worker) {
      log.push(`service worker ${worker.url()} → ${url}`);
      if (worker.url().startsWith('chrome-extension://')) {
        violations.push(`service worker → ${request.method()} ${url}`);
      }
      return;
    }
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      // A request with no frame (e.g. a worker's): the CDP watch and the worker rule cover it.
    }
    if (frameUrl.startsWith('chrome-extension://')) {
      log.push(`extension page ${frameUrl} → ${url}`);
      violations.push(`extension page ${frameUrl} → ${request.method()} ${url}`);
    }
  };
  context.on('request', onRequest);

  const watch = (page: Page): Promise<void> => {
    let ready = watched.get(page);
    if (ready) return ready;
    ready = (async () => {
      const cdp = await context.newCDPSession(page);
      sessions.push(cdp);
      cdp.on('Network.requestWillBeSent', (event) => {
        const url = event.request.url;
        if (LOCAL_SCHEME.test(url)) return;
        const initiator = event.initiator as CdpInitiator;
        const documentUrl = event.documentURL;
        const frames = stackUrls(initiator.stack);
        log.push(`page ${documentUrl} [${initiator.type} ${frames.join(' ')}] → ${url}`);
        if (documentUrl.startsWith('chrome-extension://')) return; // extension page: see above
        if (frames.some((frame) => frame.startsWith('chrome-extension://'))) {
          violations.push(`content script on ${documentUrl} → ${event.request.method} ${url}`);
          return;
        }
        if (event.type === 'Document') return; // the tab's own navigation
        let pageOrigin = '';
        let target: URL | null = null;
        try {
          pageOrigin = new URL(documentUrl).origin;
          target = new URL(url);
        } catch {
          // not a URL we can judge: fall through to the cross-origin rule
        }
        if (
          initiator.type === 'other' &&
          target?.origin === pageOrigin &&
          target.pathname === '/favicon.ico'
        ) {
          return; // the browser's own favicon fetch for the page
        }
        // Another origin, asked for by anything but the page's own scripts (markup, CSS,
        // or an element whose load has no script stack, like `new Image().src`): ours.
        const byPageScript =
          initiator.type === 'script' &&
          frames.length > 0 &&
          frames.every((frame) => /^https?:/.test(frame));
        if (target?.origin !== pageOrigin && !byPageScript) {
          violations.push(`cross-origin load on ${documentUrl} → ${event.request.method} ${url}`);
        }
      });
      await cdp.send('Network.enable');
    })().catch(() => undefined); // a page closed before it was watched
    watched.set(page, ready);
    return ready;
  };
  const onPage = (page: Page) => void watch(page);
  context.on('page', onPage);
  for (const page of context.pages()) void watch(page);

  return {
    violations,
    log,
    watching: watch,
    async stop() {
      context.off('request', onRequest);
      context.off('page', onPage);
      await Promise.all(sessions.map((session) => session.detach().catch(() => undefined)));
    },
  };
}

const guards = new WeakMap<BrowserContext, NetworkGuard>();

// ───────────────────────── shared by the trust specs ─────────────────────────

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/** Launches Chromium with the extension (e.g. on a kept profile) and finds its worker. */
export async function launchSession(options: LaunchOptions): Promise<Session> {
  const context = await launchWithExtension(options);
  try {
    const worker = await extensionServiceWorker(context);
    return { context, worker, extensionId: new URL(worker.url()).host };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Every object store of LineKeeper's database (schema v2). */
export const STORES = ['lines', 'readings', 'renewals', 'settings', 'trash'] as const;
export type StoreSnapshot = Record<(typeof STORES)[number], Record<string, unknown>[]>;

/**
 * Every store, read with the browser's own IndexedDB API (not our code), from the worker
 * or from any extension page (same origin, same database; `readStore` only evaluates).
 */
export async function snapshotStores(target: Worker | Page): Promise<StoreSnapshot> {
  const entries = await Promise.all(
    STORES.map(async (store) => [store, await readStore(target as Worker, store)] as const),
  );
  return Object.fromEntries(entries) as StoreSnapshot;
}

export type MessageReply = { ok: boolean; error?: string } & Record<string, unknown>;

/** Sends `message` to the background from an extension page, as the popup would. */
export async function sendMessage(page: Page, message: unknown): Promise<MessageReply> {
  return (await page.evaluate(
    (m) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage(m),
    message,
  )) as MessageReply;
}

/** chrome.i18n.getMessage over the real locale file (public/_locales/<language>). */
export function localeMessages(language: UiLocale): Translate {
  return translatorFor(language);
}

/** Serves `html` at the carrier's real https URL and opens it in a new tab. */
export async function openCarrierPage(
  context: BrowserContext,
  url: string,
  html: string,
): Promise<Page> {
  await serveHtml(context, url, html);
  const page = await context.newPage();
  // Watched from its first request, so a content-script request can't slip past the guard.
  await guards.get(context)?.watching(page);
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
  /** The browser's time zone (IANA name, the TZ variable); the machine's when unset. */
  timeZone: string | undefined;
  /** Requests the extension or a page tried to make that no route served. */
  unroutedRequests: string[];
  /**
   * Automatic: fails the test if the extension itself made any network request (see
   * startNetworkGuard). Tests may read `violations` / `log` to assert earlier.
   */
  networkGuard: NetworkGuard;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  openCarrierPage: (url: string, html: string) => Promise<Page>;
  openPopup: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  language: ['en', { option: true }],
  timeZone: [undefined, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  unroutedRequests: async ({}, use) => {
    await use([]);
  },
  context: async ({ language, timeZone, unroutedRequests }, use) => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'linekeeper-e2e-'));
    const context = await launchWithExtension({
      userDataDir,
      language,
      timeZone,
      onUnroutedRequest: (url) => unroutedRequests.push(url),
    });
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  networkGuard: [
    async ({ context }, use, testInfo) => {
      const guard = startNetworkGuard(context);
      guards.set(context, guard);
      await use(guard);
      await guard.stop();
      if (guard.violations.length > 0) {
        await testInfo.attach('network-log', { body: guard.log.join('\n') });
        throw new Error(
          `LineKeeper made network requests (it must make none):\n${guard.violations.join('\n')}`,
        );
      }
    },
    { auto: true },
  ],
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
