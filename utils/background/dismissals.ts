/**
 * Where the user closed the overlay: a tab and a page path, kept in the extension's
 * storage.session (cleared when the browser closes, out of the page's reach; the page's own
 * sessionStorage is the page's to read and to write). cs:dismiss-overlay adds one;
 * cs:reading's reply says whether its tab and path are among them.
 */

/** The slice of browser.storage.session used here (fakeBrowser fits too). */
export interface SessionStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<unknown>;
}

export const DISMISSED_KEY = 'linekeeper:dismissed';
/** Entries kept; the oldest go first (tab ids are not reused within a session). */
const MAX_ENTRIES = 300;

function entry(tabId: number, path: string): string {
  return `${tabId} ${path}`;
}

async function entries(session: SessionStorageArea): Promise<string[]> {
  const value = (await session.get(DISMISSED_KEY))[DISMISSED_KEY];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

export async function isDismissed(
  session: SessionStorageArea | undefined,
  tabId: number | null,
  path: string,
): Promise<boolean> {
  if (!session || tabId === null) return false;
  try {
    return (await entries(session)).includes(entry(tabId, path));
  } catch {
    // Unavailable storage: the overlay shows, which is the harmless side.
    return false;
  }
}

export async function addDismissal(
  session: SessionStorageArea,
  tabId: number,
  path: string,
): Promise<void> {
  const key = entry(tabId, path);
  const kept = (await entries(session)).filter((item) => item !== key);
  await session.set({ [DISMISSED_KEY]: [...kept, key].slice(-MAX_ENTRIES) });
}
