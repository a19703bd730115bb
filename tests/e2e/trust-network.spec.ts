/**
 * The network guard in fixtures.ts must be able to fail: requests deliberately made from
 * the extension's worker, from an extension page and from the content script's isolated
 * world are each caught, while the carrier page's own requests are not blamed on us.
 * (The guard itself runs automatically on every e2e test.)
 */
import { claroAccountPage } from '../support/sample-pages';
import { expect, test } from './fixtures';
import { OverlayObject } from './overlay';

test('the network guard catches requests from the worker, extension pages and content scripts', async ({
  context,
  serviceWorker,
  extensionId,
  openCarrierPage,
  openPopup,
  networkGuard,
}) => {
  const sample = claroAccountPage(new Date());
  const page = await openCarrierPage(sample.url, sample.html);
  await new OverlayObject(page).waitForText(/Saved/);
  // The real extension has made none so far.
  expect(networkGuard.violations).toEqual([]);

  // 1. The service worker.
  await serviceWorker.evaluate(() => fetch('https://example.invalid/from-worker').catch(() => 0));
  // 2. An extension page.
  const popup = await openPopup();
  await popup.evaluate(() => fetch('https://example.invalid/from-popup').catch(() => 0));
  // 3. The content script's isolated world (code that names itself as an extension script,
  //    as the real content-scripts/carrier.js does in every stack frame).
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.name === 'LineKeeper')).toBe(true);
  const isolated = worlds.find((w) => w.name === 'LineKeeper')!;
  await cdp.send('Runtime.evaluate', {
    contextId: isolated.id,
    expression: `fetch('https://example.invalid/from-content-script').catch(() => 0);
      new Image().src = 'https://tracker.invalid/pixel.gif';
      //# sourceURL=chrome-extension://${extensionId}/content-scripts/negative-control.js`,
    awaitPromise: true,
  });
  // 4. The page's own script: not the extension's.
  await page.evaluate(() => fetch('/api/own-request').catch(() => 0));

  await expect
    .poll(() => networkGuard.violations.map((v) => v.replace(/^(\S+ \S+).*?(https:\S+)$/, '$1 $2')))
    .toEqual(
      expect.arrayContaining([
        'service worker https://example.invalid/from-worker',
        `extension page https://example.invalid/from-popup`,
        'content script https://example.invalid/from-content-script',
        'cross-origin load https://tracker.invalid/pixel.gif',
      ]),
    );
  expect(networkGuard.violations.join('\n')).not.toContain('own-request');
  expect(networkGuard.violations).toHaveLength(4);
  // Deliberate requests only: let the automatic check pass.
  networkGuard.violations.length = 0;
});
