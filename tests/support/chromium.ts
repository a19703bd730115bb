/**
 * Launching Debian's Chromium with the built extension, offline. Shared by the e2e
 * fixture, the demo and the benchmarks so the flags this closed network needs live in
 * one place.
 */
import { REPO_ROOT } from './repo';
import { readDatabaseInPage } from './database';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export { REPO_ROOT };
/** The built Chrome extension: `LINEKEEPER_OUT_DIR` (see wxt.config.ts) or .output. */
export const CHROME_BUILD_DIR = path.join(
  path.resolve(REPO_ROOT, process.env.LINEKEEPER_OUT_DIR ?? '.output'),
  'chrome-mv3',
);

/** Flags Chromium needs on a machine with no internet (no background calls home, no QUIC). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `Chromium not found at ${executable}. Install it with "apt-get install -y chromium chromium-l10n" ` +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  return executable;
}

export interface LaunchOptions {
  /** Profile folder to reuse (restart tests); a fresh temporary one when omitted. */
  userDataDir?: string;
  /** Browser UI language as chrome.i18n sees it: 'en', 'es', 'zh_CN'. */
  language?: string;
  /** The browser's time zone (IANA name, set as TZ); the machine's when omitted. */
  timeZone?: string;
  /** Built extension to load. */
  extensionDir?: string;
  /** Chromium to run (a wrapper, say); CHROMIUM_PATH or /usr/bin/chromium by default. */
  executablePath?: string;
  headless?: boolean;
  /** Called with every request that no route served (it is refused). */
  onUnroutedRequest?: (url: string) => void;
}

/** Chromium with the extension; every request that no route serves is refused. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<BrowserContext> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'linekeeper-'));
  const language = options.language ?? 'en';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? chromiumPath(),
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--lang=${language.replace('_', '-')}`,
      ...CHROMIUM_FLAGS,
    ],
    // chrome.i18n follows LANGUAGE, not --lang or Playwright's locale.
    env: {
      ...process.env,
      LANGUAGE: language,
      ...(options.timeZone ? { TZ: options.timeZone } : {}),
    },
    viewport: { width: 1280, height: 800 },
  });
  // Offline by construction: anything not served by a later, more specific route is refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // The extension's own files and inline data never touch the network.
    if (/^(chrome-extension|data|blob):/.test(url)) return route.continue();
    options.onUnroutedRequest?.(url);
    return route.abort('internetdisconnected');
  });
  return context;
}

/** Serves `html` at one https URL (later routes win, so a page can be replaced). */
export async function serveHtml(context: BrowserContext, url: string, html: string): Promise<void> {
  const target = new URL(url);
  if (target.protocol !== 'https:') throw new Error(`not an https URL: ${url}`);
  await context.route(
    (candidate) => candidate.origin === target.origin && candidate.pathname === target.pathname,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

export async function extensionServiceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
}

/** Every record of one object store of LineKeeper's database (which must already exist). */
export async function readStore<T = Record<string, unknown>>(
  worker: Worker,
  store: string,
): Promise<T[]> {
  const records = await readStoreIfAny<T>(worker, store);
  if (!records) throw new Error(`no store ${store} in LineKeeper's database`);
  return records;
}

/**
 * The same, for polling while the extension may not have written yet: the database only
 * exists once something was stored, and until then there are no records.
 */
export async function readStoreSoFar<T = Record<string, unknown>>(
  worker: Worker,
  store: string,
): Promise<T[]> {
  return (await readStoreIfAny<T>(worker, store)) ?? [];
}

async function readStoreIfAny<T>(worker: Worker, store: string): Promise<T[] | null> {
  const dump = await worker.evaluate(readDatabaseInPage, { stores: [store] });
  return dump.exists && store in dump.stores ? (dump.stores[store] as T[]) : null;
}
