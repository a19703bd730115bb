/**
 * Real Firefox (Debian's firefox-esr) with a built extension, headless and offline, driven
 * over WebDriver BiDi by puppeteer-core: no geckodriver, no browser download.
 *
 * What this rests on (verified on Firefox 153 ESR, puppeteer-core 25):
 * - The add-on is installed as a temporary add-on with BiDi `webExtension.install`
 *   (`browser.installExtension(dir)`), so an unsigned build loads.
 * - Its moz-extension UUID is chosen before launch with the `extensions.webextensions.uuids`
 *   pref (gecko id → UUID), so extension pages have a known URL.
 * - Carrier pages are served at their real https URLs by BiDi request interception
 *   (`page.setRequestInterception` + `request.respond`); Firefox injects the content script
 *   into the fulfilled page, as Chromium does with Playwright's `route.fulfill`.
 * - BiDi refuses to navigate to moz-extension:// unless Firefox runs with
 *   `--remote-allow-system-access`, and it sends no load events for extension pages, so
 *   `page.goto` never settles there: `openExtensionPage` starts the navigation and polls the
 *   page itself.
 * - Everything else Firefox would fetch goes to a local "proxy" that only records the
 *   attempt (`leakedConnections`) and hangs up: nothing reaches the network.
 */
import { REPO_ROOT } from '../support/repo';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

export { REPO_ROOT };
/**
 * The Firefox build under test: LINEKEEPER_OUT_DIR's (wxt.config.ts) or .output's;
 * FIREFOX_EXTENSION_DIR points elsewhere (a kept copy).
 */
export const FIREFOX_BUILD_DIR = path.resolve(
  process.env.FIREFOX_EXTENSION_DIR ??
    path.resolve(REPO_ROOT, process.env.LINEKEEPER_OUT_DIR ?? '.output', 'firefox-mv2'),
);

export function firefoxPath(): string {
  const executable = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(executable)) {
    throw new Error(
      `Firefox not found at ${executable}. Install it with "apt-get install -y firefox-esr" ` +
        'or point FIREFOX_PATH at a Firefox binary (115 or newer, for WebDriver BiDi).',
    );
  }
  return executable;
}

export interface FirefoxLaunchOptions {
  /** Built extension folder (with manifest.json); the Firefox MV2 build by default. */
  extensionDir?: string;
  /**
   * UI language as `browser.i18n` sees it ('en', 'es', 'zh_CN'). Firefox only switches to a
   * language it has a language pack for: `apt-get install -y firefox-esr-l10n-es-ar
   * firefox-esr-l10n-zh-cn`; without one it silently stays in English.
   */
  language?: string;
  /** Extra Firefox prefs, applied last. */
  prefs?: Record<string, string | number | boolean>;
  /** Print Firefox's own stdout/stderr (debugging). */
  dumpio?: boolean;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on's gecko id, from its manifest. */
  extensionId: string;
  /** `moz-extension://<uuid>/`, with a trailing slash. */
  extensionBaseUrl: string;
  /** Milliseconds from launch to the add-on being installed. */
  launchMs: number;
  /** Requests from carrier tabs that no `openCarrierPage` route served (they were aborted). */
  unroutedRequests: string[];
  /** Connections Firefox tried to open to the outside (refused: the proxy hangs up). */
  leakedConnections: string[];
  /** Serves `html` at an https URL in a new tab, opens it, and returns the tab once loaded. */
  openCarrierPage(url: string, html: string): Promise<Page>;
  /** Opens `moz-extension://<uuid>/<path>` in a new tab, returned once fully loaded. */
  openExtensionPage(extensionPath: string): Promise<Page>;
  close(): Promise<void>;
}

/** Prefs that keep Firefox off the network and quiet, on top of puppeteer's test profile. */
function offlinePrefs(proxyPort: number): Record<string, string | number | boolean> {
  return {
    // Every connection Firefox makes goes to the recording proxy (localhost never does,
    // so the BiDi socket is unaffected).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.socks_remote_dns': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'network.connectivity-service.enabled': false,
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'extensions.blocklist.enabled': false,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.discovery.enabled': false,
    'browser.aboutwelcome.enabled': false,
    'browser.contentanalysis.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
  };
}

/** Firefox locale codes for the extension's _locales folder names. */
function firefoxLocale(language: string): string {
  if (language === 'en') return 'en-US';
  if (language === 'es') return 'es-AR';
  return language.replace('_', '-');
}

/**
 * Firefox falls back to English, silently, for a language it has no language pack for.
 * Debian installs them as `<firefox>/browser/extensions/langpack-<locale>@….xpi`.
 */
function checkLanguagePack(executablePath: string, locale: string): void {
  if (locale === 'en-US') return;
  const folder = path.join(path.dirname(realpathSync(executablePath)), 'browser/extensions');
  if (!existsSync(folder)) return; // Not Debian's layout: nothing to check against.
  if (readdirSync(folder).some((file) => file.startsWith(`langpack-${locale}@`))) return;
  throw new Error(
    `Firefox has no ${locale} language pack, so browser.i18n would stay in English. ` +
      `Install it with "apt-get install -y firefox-esr-l10n-${locale.toLowerCase()}".`,
  );
}

/** A "proxy" that records where Firefox tried to connect and hangs up. */
async function startRecordingProxy(
  leaks: string[],
): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (chunk) => {
      // "CONNECT host:443 HTTP/1.1" for https, "GET http://host/path HTTP/1.1" for http.
      const requestLine = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      leaks.push(requestLine.replace(/ HTTP\/1\.[01]$/, ''));
      socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    sockets.forEach((socket) => socket.destroy());
    await closed;
  };
  return { port: (server.address() as AddressInfo).port, stop };
}

function geckoId(extensionDir: string): string {
  const manifestFile = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No built extension in ${extensionDir}: run "npx wxt build -b firefox" first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) {
    throw new Error(`${manifestFile} has no browser_specific_settings.gecko.id`);
  }
  return id;
}

async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      // The page is mid-navigation: its execution context went away. Try again.
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

export async function launchFirefoxWithExtension(
  options: FirefoxLaunchOptions = {},
): Promise<FirefoxWithExtension> {
  const started = Date.now();
  const extensionDir = path.resolve(options.extensionDir ?? FIREFOX_BUILD_DIR);
  const executablePath = firefoxPath();
  const extensionId = geckoId(extensionDir);
  // Pinned, so the UI language never follows the machine's LANG.
  const locale = firefoxLocale(options.language ?? 'en');
  checkLanguagePack(executablePath, locale);
  const uuid = randomUUID();
  const extensionBaseUrl = `moz-extension://${uuid}/`;
  const leakedConnections: string[] = [];
  const unroutedRequests: string[] = [];
  const proxy = await startRecordingProxy(leakedConnections);

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      // Start-up takes 4-5 s on an idle 2-core machine, 20 s when it is busy.
      timeout: 60_000,
      protocolTimeout: 60_000,
      // Lets BiDi navigate tabs to moz-extension:// pages (refused otherwise).
      args: ['--remote-allow-system-access'],
      // Release builds ignore services.settings.server (remote settings) without this.
      env: { ...process.env, MOZ_HEADLESS: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      dumpio: options.dumpio ?? false,
      extraPrefsFirefox: {
        ...offlinePrefs(proxy.port),
        'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: uuid }),
        'intl.locale.requested': locale,
        ...options.prefs,
      },
    });
  } catch (error) {
    await proxy.stop();
    throw error;
  }

  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    await proxy.stop();
  };

  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== extensionId) {
      throw new Error(`Firefox installed the add-on as ${installed}, expected ${extensionId}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const launchMs = Date.now() - started;

  const openCarrierPage = async (url: string, html: string): Promise<Page> => {
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new Error(`not an https URL: ${url}`);
    target.hash = '';
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const requested = new URL(request.url());
      if (!requested.protocol.startsWith('http')) {
        // data:, blob:, and the extension's own moz-extension:// files (its overlay CSS).
        void request.continue();
        return;
      }
      requested.hash = '';
      if (requested.href === target.href) {
        void request.respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: html,
        });
        return;
      }
      if (requested.pathname !== '/favicon.ico') unroutedRequests.push(request.url());
      void request.abort('internetdisconnected');
    });
    await page.goto(target.href, { waitUntil: 'load' });
    return page;
  };

  const openExtensionPage = async (extensionPath: string): Promise<Page> => {
    const url = new URL(extensionPath.replace(/^\/+/, ''), extensionBaseUrl).href;
    const page = await browser.newPage();
    // Firefox sends no BiDi load events for moz-extension pages, so this promise only
    // settles (with "Frame detached") when the tab closes: start it, then watch the page.
    page.goto(url, { timeout: 0 }).catch(() => undefined);
    await pollUntil(`${url} to load`, 15_000, async () => {
      const state = await page.evaluate(() => [location.href, document.readyState]);
      return state[0] === url && state[1] === 'complete' ? true : undefined;
    });
    return page;
  };

  return {
    browser,
    extensionId,
    extensionBaseUrl,
    launchMs,
    unroutedRequests,
    leakedConnections,
    openCarrierPage,
    openExtensionPage,
    close,
  };
}

// Test code has no `browser` type of its own; this is the slice the inspectors use. It is
// only ever called inside `page.evaluate`, i.e. in an extension page.
declare const browser: {
  alarms: {
    getAll(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]>;
  };
};

export interface ExtensionAlarm {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

/** `browser.alarms.getAll()`, run in an extension page opened with `openExtensionPage`. */
export async function readAlarms(extensionPage: Page): Promise<ExtensionAlarm[]> {
  return extensionPage.evaluate(() => browser.alarms.getAll());
}

export interface DatabaseSummary {
  name: string;
  /** Record count of each object store. */
  stores: Record<string, number>;
}

/**
 * Every IndexedDB database of the extension's origin with the record count of each store,
 * read with the raw IndexedDB API (not the extension's code) in one of its pages.
 */
export async function readDatabases(extensionPage: Page): Promise<DatabaseSummary[]> {
  // No named functions in here: tsx (esbuild keepNames) would wrap them in a `__name`
  // helper that does not exist in the page.
  return extensionPage.evaluate(async () => {
    const summaries: { name: string; stores: Record<string, number> }[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const open = indexedDB.open(info.name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const stores: Record<string, number> = {};
      for (const storeName of Array.from(db.objectStoreNames)) {
        const count = db.transaction(storeName, 'readonly').objectStore(storeName).count();
        stores[storeName] = await new Promise<number>((resolve, reject) => {
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        });
      }
      db.close();
      summaries.push({ name: info.name, stores });
    }
    return summaries;
  });
}

/** The visible text of a page (the popup's rows, an overlay-free page's content). */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body?.innerText ?? '');
}
