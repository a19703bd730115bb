/**
 * When to read a carrier page. Single-page apps render their data late and change
 * route without reloading, so the content script reads once the DOM has settled,
 * re-reads while it keeps changing (debounced, bounded), stops once the same reading
 * has been seen twice after sending, and starts over on a route change. Only readings
 * that differ from the last one sent are sent. Timers and observers are injected so the
 * policy is testable without a browser.
 */
import type { Reading } from '../domain/records';

export interface PageWatchTiming {
  /** Quiet time after the last DOM change before the page counts as settled. */
  settleMs: number;
  /** Read anyway this long after a (re)start even if the page never goes quiet. */
  maxWaitMs: number;
  /** Give up watching a route after this many reads. */
  maxReads: number;
}

export const DEFAULT_PAGE_WATCH_TIMING: PageWatchTiming = {
  settleMs: 500,
  maxWaitMs: 3_000,
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
    else armMaxWait();
  };

  const armMaxWait = () => {
    cancelMaxWait?.();
    cancelMaxWait = deps.setTimer(readNow, timing.maxWaitMs);
  };

  const onChange = () => {
    cancelSettle?.();
    cancelSettle = deps.setTimer(readNow, timing.settleMs);
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
    armMaxWait();
  };

  start();
  return {
    restart: start,
    stop,
  };
}
