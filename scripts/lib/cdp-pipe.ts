/**
 * Chromium driven over the DevTools protocol on a pipe, with no automation library.
 *
 * Playwright (and Puppeteer) attach to every new page and hold it until they have set it
 * up, which adds tens of milliseconds to each page load on this machine. Benchmarks that
 * time a page from navigation start open it with `Target.createTarget`, which attaches
 * nothing, and only attach once it is done to read its performance entries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CHROMIUM_FLAGS, chromiumPath } from '../../tests/support/chromium';

interface CdpMessage {
  id?: number;
  method?: string;
  params?: unknown;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
}

/** Receives one protocol event; `sessionId` is the attached target's (none: the browser's). */
export type CdpListener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export interface LaunchOptions {
  /** More Chromium flags (window size, say), after the shared ones. */
  args?: string[];
}

export class CdpBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, (message: CdpMessage) => void>();
  private readonly listeners = new Map<string, Set<CdpListener>>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const input = child.stdio[4] as Readable;
    // A character may be split across two chunks.
    const decoder = new StringDecoder('utf8');
    // Messages are JSON separated by NUL. Only the new chunk is searched for the separator:
    // a trace or a CPU profile arrives as a message of many megabytes.
    let parts: string[] = [];
    input.on('data', (chunk: Buffer) => {
      let text = decoder.write(chunk);
      for (let end = text.indexOf('\0'); end >= 0; end = text.indexOf('\0')) {
        parts.push(text.slice(0, end));
        text = text.slice(end + 1);
        const message = JSON.parse(parts.join('')) as CdpMessage;
        parts = [];
        if (message.id !== undefined) {
          this.pending.get(message.id)?.(message);
          this.pending.delete(message.id);
        } else if (message.method) {
          for (const listener of this.listeners.get(message.method) ?? []) {
            listener((message.params ?? {}) as Record<string, unknown>, message.sessionId);
          }
        }
      }
      if (text) parts.push(text);
    });
    // A browser that dies fails every pending call instead of hanging the benchmark.
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const settle of this.pending.values()) {
        settle({ error: { message: `Chromium exited (${signal ?? code})` } });
      }
      this.pending.clear();
    });
    (child.stdio[3] as Writable).on('error', () => undefined);
  }

  /**
   * Headless Chromium with a fresh profile and one unpacked extension, or none (null):
   * the same flags otherwise, so the two can be compared.
   */
  static async launch(
    extensionDir: string | null,
    options: LaunchOptions = {},
  ): Promise<CdpBrowser> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'linekeeper-cdp-'));
    const child = spawn(
      chromiumPath(),
      [
        '--headless',
        '--remote-debugging-pipe',
        `--user-data-dir=${userDataDir}`,
        ...(extensionDir
          ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
          : []),
        ...CHROMIUM_FLAGS,
        ...(options.args ?? []),
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    return new CdpBrowser(child, userDataDir);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++;
    if (this.exited) return Promise.reject(new Error(`${method}: Chromium has exited`));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (message) =>
        message.error
          ? reject(new Error(`${method}: ${message.error.message}`))
          : resolve(message.result as T),
      );
      (this.child.stdio[3] as Writable).write(
        `${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`,
      );
    });
  }

  /** Calls `listener` with every `method` event, from any session; returns an unsubscribe. */
  on(method: string, listener: CdpListener): () => void {
    let set = this.listeners.get(method);
    if (!set) this.listeners.set(method, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The browser's process id (its renderers and helpers are its descendants). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The id of the first extension that shows a target (its service worker), within 20 s. */
  async extensionId(): Promise<string> {
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const { targetInfos } = await this.send<{ targetInfos: { url: string }[] }>(
        'Target.getTargets',
      );
      const target = targetInfos.find((info) => info.url.startsWith('chrome-extension://'));
      if (target) return new URL(target.url).host;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no extension target appeared in 20 s');
  }

  /** Opens `url` in a new tab without attaching to it. */
  async open(url: string): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url });
    return targetId;
  }

  async attach(targetId: string): Promise<string> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    return sessionId;
  }

  /** Runs `fn(arg)` in an attached page and returns its (JSON) result. */
  async evaluate<A, R>(sessionId: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // tsx compiles with keepNames, which wraps inner functions in a `__name` helper that
    // does not exist in the page.
    const expression = `(globalThis.__name ??= (f) => f, (${fn.toString()})(${JSON.stringify(arg)}))`;
    const { result, exceptionDetails } = await this.send<{
      result: { value: R };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails) {
      throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    }
    return result.value;
  }

  async close(targetId: string): Promise<void> {
    await this.send('Target.closeTarget', { targetId });
  }

  async quit(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      await this.send('Browser.close').catch(() => this.child.kill());
      await exited;
    }
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
