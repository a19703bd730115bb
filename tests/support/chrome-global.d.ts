/**
 * `chrome` as test code running inside the browser (page.evaluate, worker.evaluate) sees it:
 * the same API as WXT's `browser`. Declared once for every e2e test and script.
 */
declare global {
  const chrome: typeof import('wxt/browser').browser;
}
export {};
