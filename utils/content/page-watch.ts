/**
 * When to read a carrier page. Single-page apps render their data late and change
 * route without reloading, so the content script reads once the DOM has settled, and
 * again only when it changes (a page that did not change reads the same, so it is never
 * read twice for nothing: on a 1 MB page a read is the largest task we add). A page that
 * never goes quiet is read anyway, soon (maxWaitMs), then less and less often, at most
 * maxReads times. It stops once a complete reading has been seen again after a change,
 * and starts over on a route change. Only readings that differ from the last one sent are
 * sent. Timers and observers are injected so the policy is testable without a browser.
 */
import type { Reading } from '../domain/records';

export interface PageWatchTiming {
  /** Quiet time after the last DOM change before the page counts as settled. */
  settleMs: number;
  /**
   * Read anyway this long after the first change since the last read, even if the page
   * never goes quiet; doubled after every read (a live page is read at 1, 2, 4… s).
   */
  maxWaitMs: number;
  /** Give up watching a route after this many reads. */
  maxReads: number;
}

export const DEFAULT_PAGE_WATCH_TIMING: PageWatchTiming = {
  settleMs: 500,
  maxWaitMs: 1_000,
  maxReads: 12,
};

export interface PageWatchDeps {
  read(): Reading;
  send(reading: Reading): void;
  /** Calls `callback` on every DOM change; returns a function that stops observing. */
  observe(callback: () => void): () => void;
  setTimer(callback: () => void, ms: number): () => void;
  timing?: PageWatchTiming;
}

export interface PageWatch {
  /** Start over for a new route (single-page-app navigation) or a page in a new language. */
  restart(): void;
  stop(): void;
}

/** What makes two readings the same for the user: every field but the notes. */
export function readingKey(reading: Reading): string {
  const { notes: _notes, ...fields } = reading;
  return JSON.stringify(fields);
}

/** A reading worth stopping for: it has what the page can give. */
function isComplete(reading: Reading): boolean {
  if (reading.kind === 'receipt') return reading.receipt !== null;
  return reading.kind === 'account' && reading.expiresOn !== null && reading.balance !== null;
}

export function watchPage(deps: PageWatchDeps): PageWatch {
  const timing = deps.timing ?? DEFAULT_PAGE_WATCH_TIMING;
  let lastSentKey: string | null = null;
  let reads = 0;
  let stableReads = 0;
  let cancelSettle: (() => void) | null = null;
  let cancelMaxWait: (() => void) | null = null;
  let stopObserving: (() => void) | null = null;

  const clearTimers = () => {
    cancelSettle?.();
    cancelMaxWait?.();
    cancelSettle = cancelMaxWait = null;
  };

  const stop = () => {
    clearTimers();
    stopObserving?.();
    stopObserving = null;
  };

  const readNow = () => {
    clearTimers();
    reads += 1;
    const reading = deps.read();
    const key = readingKey(reading);
    if (key !== lastSentKey) {
      lastSentKey = key;
      stableReads = 0;
      // Pages with nothing to read are sent too: the overlay needs the background's answer.
      deps.send(reading);
    } else {
      stableReads += 1;
    }
    const settledForGood = isComplete(reading) && stableReads >= 1;
    if (settledForGood || reads >= timing.maxReads) stop();
    // Otherwise the next change (if any) schedules the next read.
  };

  const onChange = () => {
    cancelSettle?.();
    cancelSettle = deps.setTimer(readNow, timing.settleMs);
    // The page may never go quiet: the first change since the last read also sets a limit.
    cancelMaxWait ??= deps.setTimer(readNow, timing.maxWaitMs * 2 ** Math.min(reads, 5));
  };

  const start = () => {
    stop();
    reads = 0;
    stableReads = 0;
    // A new start is a new page for the user: its first reading is sent even when it
    // equals the last one (the overlay was cleared and waits for the answer).
    lastSentKey = null;
    stopObserving = deps.observe(onChange);
    onChange();
  };

  start();
  return {
    restart: start,
    stop,
  };
}
