/**
 * How much one carrier page may do in a minute. A page is its host plus the tab it runs in
 * (from the message's sender, which a page cannot forge). A page that changes the number it
 * shows every second (history.pushState) must not fill the list with lines: past
 * PAGE_NEW_LINES_PER_MINUTE its numbers wait for the user instead of making lines, and past
 * PAGE_READINGS_PER_MINUTE nothing more of it is stored for the rest of that minute.
 *
 * Kept in the worker's memory: a restarted worker starts a fresh minute, which only lets a
 * page start over once, and a worker restarts far less often than once a minute.
 */

/** New lines one page may make in a minute; more wait for the user. */
export const PAGE_NEW_LINES_PER_MINUTE = 3;
/** Readings one page may store in a minute; more are refused (outcome `limited`). */
export const PAGE_READINGS_PER_MINUTE = 20;
export const PAGE_LIMIT_WINDOW_MS = 60_000;
/** Pages remembered at once; the quietest are forgotten first. */
const MAX_PAGES = 500;

interface PageCounts {
  stored: number[];
  created: number[];
}

export interface PageLimits {
  /** True when the page may store one more reading now (and counts it). */
  tryStore(page: string, now: number): boolean;
  /** True when the page may make one more line now (and counts it). */
  tryCreate(page: string, now: number): boolean;
}

/** The key of a page: its host and its tab (no tab id: the host alone). */
export function pageKey(host: string, tabId: number | null): string {
  return `${host}#${tabId ?? '-'}`;
}

export function createPageLimits(
  limits = { lines: PAGE_NEW_LINES_PER_MINUTE, readings: PAGE_READINGS_PER_MINUTE },
): PageLimits {
  const pages = new Map<string, PageCounts>();
  const counts = (page: string, now: number): PageCounts => {
    let entry = pages.get(page);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      pages.delete(page);
    } else {
      entry = { stored: [], created: [] };
      if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
    }
    pages.set(page, entry);
    const since = now - PAGE_LIMIT_WINDOW_MS;
    entry.stored = entry.stored.filter((at) => at > since);
    entry.created = entry.created.filter((at) => at > since);
    return entry;
  };
  const take = (list: number[], max: number, now: number) => {
    if (list.length >= max) return false;
    list.push(now);
    return true;
  };
  return {
    tryStore: (page, now) => take(counts(page, now).stored, limits.readings, now),
    tryCreate: (page, now) => take(counts(page, now).created, limits.lines, now),
  };
}
