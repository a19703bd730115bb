import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPage, type PageWatchTiming } from '../../utils/content/page-watch';
import type { Reading } from '../../utils/domain/records';

const timing: PageWatchTiming = { settleMs: 500, maxWaitMs: 1_000, maxReads: 12 };

function reading(overrides: Partial<Reading> = {}): Reading {
  return {
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491134567812',
    balance: { amount: 100, currency: 'ARS' },
    expiresOn: '2026-12-15',
    receipt: null,
    notes: [],
    ...overrides,
  };
}

/** A fake page: its current reading and a way to fire DOM mutations. */
function fakePage(initial: Reading) {
  let current = initial;
  const listeners = new Set<() => void>();
  const sent: Reading[] = [];
  let reads = 0;
  const watch = watchPage({
    read: () => {
      reads += 1;
      return current;
    },
    send: (r) => sent.push(r),
    observe: (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    setTimer: (callback, ms) => {
      const id = setTimeout(callback, ms);
      return () => clearTimeout(id);
    },
    timing,
  });
  return {
    watch,
    sent,
    reads: () => reads,
    observing: () => listeners.size > 0,
    mutate(next?: Reading) {
      if (next) current = next;
      for (const listener of listeners) listener();
    },
  };
}

describe('watchPage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads once the page has been quiet for the settle time, not before', () => {
    const page = fakePage(reading());
    vi.advanceTimersByTime(timing.settleMs - 1);
    expect(page.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(page.sent).toHaveLength(1);
  });

  it('waits while the page keeps rendering, then reads the late data once', () => {
    const page = fakePage(reading({ kind: 'none', balance: null, expiresOn: null, msisdn: null }));
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(200);
      page.mutate();
    }
    expect(page.sent).toHaveLength(0);
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.sent.map((r) => r.kind)).toEqual(['none']);
    page.mutate(reading());
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.sent.map((r) => r.kind)).toEqual(['none', 'account']);
  });

  it('sends only readings that changed, ignoring notes', () => {
    const page = fakePage(reading());
    vi.advanceTimersByTime(timing.settleMs);
    page.mutate(reading({ notes: ['a different note'] }));
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.sent).toHaveLength(1);
  });

  it('never reads a page again that has not changed (the same DOM reads the same)', () => {
    const page = fakePage(reading());
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.reads()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(page.reads()).toBe(1);
    expect(page.observing()).toBe(true);
  });

  it('stops watching once a complete reading is read again after a change', () => {
    const page = fakePage(reading());
    vi.advanceTimersByTime(timing.settleMs);
    page.mutate();
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.reads()).toBe(2);
    expect(page.sent).toHaveLength(1);
    expect(page.observing()).toBe(false);
  });

  it('reads a page that never goes quiet within maxWaitMs, then less often, at most maxReads times', () => {
    const page = fakePage(reading({ kind: 'none', balance: null, expiresOn: null, msisdn: null }));
    const flood = setInterval(() => page.mutate(), 100);
    vi.advanceTimersByTime(timing.maxWaitMs);
    expect(page.reads()).toBe(1);
    // Backing off: the next read after twice the wait, not sooner.
    vi.advanceTimersByTime(timing.maxWaitMs * 2 - 100);
    expect(page.reads()).toBe(1);
    vi.advanceTimersByTime(200);
    expect(page.reads()).toBe(2);
    vi.advanceTimersByTime(timing.maxWaitMs * 32 * timing.maxReads);
    clearInterval(flood);
    expect(page.reads()).toBe(timing.maxReads);
    expect(page.observing()).toBe(false);
  });

  it('after a restart, sends the first reading even when it equals the last one sent', () => {
    const empty = reading({ kind: 'none', balance: null, expiresOn: null, msisdn: null });
    const page = fakePage(empty);
    vi.advanceTimersByTime(timing.maxWaitMs * 40);
    expect(page.sent).toHaveLength(1);
    // A new route (or the page in another language) with the same empty reading: the
    // overlay was cleared and waits for the background's answer.
    page.watch.restart();
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.sent).toHaveLength(2);
    expect(page.observing()).toBe(true);
  });

  it('starts over on a route change and sends the new line', () => {
    const page = fakePage(reading());
    vi.advanceTimersByTime(timing.settleMs + timing.maxWaitMs);
    page.watch.restart();
    page.mutate(reading({ msisdn: '+5493516123456' }));
    vi.advanceTimersByTime(timing.settleMs);
    expect(page.sent.map((r) => r.msisdn)).toEqual(['+5491134567812', '+5493516123456']);
  });
});
