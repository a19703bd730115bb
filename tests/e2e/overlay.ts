/**
 * Page object for the overlay. Its shadow root is closed (the page cannot reach in), so
 * neither page scripts nor Playwright locators see inside it; DevTools can. This goes
 * through CDP: find the host, resolve its closed shadow root to a JS handle, and run small
 * functions on it (read text, click a button, read a computed style).
 */
import type { CDPSession, Page } from '@playwright/test';

export const OVERLAY_TAG = 'linekeeper-overlay';

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  shadowRoots?: DomNode[];
}

export class OverlayObject {
  private session: CDPSession | null = null;

  constructor(private readonly page: Page) {}

  private async cdp(): Promise<CDPSession> {
    this.session ??= await this.page.context().newCDPSession(this.page);
    return this.session;
  }

  /**
   * The overlay hosts' node ids. Queried from the top (the host is a child of <html>)
   * rather than by fetching the whole DOM tree, which takes seconds on 10 MB pages.
   */
  private async hostIds(): Promise<number[]> {
    const cdp = await this.cdp();
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as {
      root: { nodeId: number };
    };
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: OVERLAY_TAG,
    });
    return nodeIds;
  }

  /** How many overlay hosts the page holds (must never exceed one). */
  async count(): Promise<number> {
    return (await this.hostIds()).length;
  }

  /** Runs `fn` with the closed shadow root as `this`; returns its JSON result. */
  async evaluate<T>(fn: string, ...args: unknown[]): Promise<T> {
    const cdp = await this.cdp();
    const [hostId] = await this.hostIds();
    if (hostId === undefined) throw new Error('no overlay on the page');
    const { node } = (await cdp.send('DOM.describeNode', {
      nodeId: hostId,
      depth: 1,
      pierce: true,
    })) as { node: DomNode };
    const shadow = node.shadowRoots?.[0];
    if (!shadow) throw new Error('no overlay on the page');
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const result = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) {
      throw new Error(`overlay evaluate failed: ${result.exceptionDetails.exception?.description}`);
    }
    return result.result.value as T;
  }

  /** The overlay's visible text, whitespace collapsed. */
  async text(): Promise<string> {
    return await this.evaluate<string>(
      `function () {
        const root = this.querySelector('.lk-root');
        return root ? (root.textContent || '').replace(/\\s+/g, ' ').trim() : '';
      }`,
    );
  }

  /** Waits until the overlay exists and its text matches. */
  async waitForText(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.text().catch(() => '');
      if (pattern.test(last)) return last;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`overlay text never matched ${pattern}; last text: "${last}"`);
  }

  /** Clicks the element matching `selector` inside the overlay. */
  async click(selector: string): Promise<void> {
    await this.evaluate<void>(
      `function (selector) { const el = this.querySelector(selector); if (!el) throw new Error('no ' + selector); el.click(); }`,
      selector,
    );
  }

  /** Computed style values of the element matching `selector`. */
  async computedStyle(selector: string, properties: string[]): Promise<Record<string, string>> {
    return await this.evaluate<Record<string, string>>(
      `function (selector, properties) {
        const el = this.querySelector(selector);
        if (!el) throw new Error('no ' + selector);
        const style = getComputedStyle(el);
        return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
      }`,
      selector,
      properties,
    );
  }
}
