/**
 * The reading engine run where the extension runs it: in a real Chromium page, loaded at
 * its own URL (so declarative shadow roots are built, stylesheets apply and layout is
 * computed), with the engine injected as one script. Used by the command-line reader, the
 * evaluation scripts and the reading benchmark. Nothing leaves the machine: every request
 * but the page itself is refused.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Reading } from '../../utils/domain/records';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium';
import { REPO_ROOT } from './repo';

/** utils/reading bundled as one IIFE exposing `LineKeeperReading` (readPage, visibleText). */
export async function bundleReadingEngine(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'utils/reading/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'LineKeeperReading',
    write: false,
    target: 'chrome120',
    minify: true,
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('the reading engine did not bundle');
  return code;
}

export interface ChromiumReader {
  /**
   * Loads `html` at `url` and reads it at the moment `at`. `asset` may answer the page's
   * other requests (a saved page's stylesheets); everything else is refused.
   */
  read(
    html: string,
    url: string,
    at: Date,
    asset?: (url: URL) => { body: Buffer; contentType: string } | null,
  ): Promise<Reading>;
  /** The tab pages are loaded in (for timing or inspection). */
  tab: Page;
  close(): Promise<void>;
}

/** One headless Chromium and one tab, reused for every page read. */
export async function openChromiumReader(): Promise<ChromiumReader> {
  const engine = await bundleReadingEngine();
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let current: {
      url: string;
      html: string;
      asset?: (url: URL) => { body: Buffer; contentType: string } | null;
    } | null = null;
    await tab.route('**/*', (route) => {
      const request = route.request();
      if (current && request.url() === current.url && request.isNavigationRequest()) {
        return route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: current.html,
        });
      }
      const found = current?.asset?.(new URL(request.url()));
      if (found) return route.fulfill({ status: 200, ...found });
      return route.abort('internetdisconnected');
    });
    return {
      tab,
      async read(html, url, at, asset) {
        // A fragment is not sent to the server: route on the URL without it.
        const target = new URL(url);
        target.hash = '';
        current = { url: target.href, html, asset };
        await tab.goto(target.href, { waitUntil: 'load' });
        await tab.addScriptTag({ content: engine });
        // A string, not a function: the page must not depend on the bundler's helpers.
        return (await tab.evaluate(
          `(() => { const r = LineKeeperReading.readPage(document, ${JSON.stringify(url)}, new Date(${JSON.stringify(at.toISOString())})); return JSON.parse(JSON.stringify(r)); })()`,
        )) as Reading;
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
