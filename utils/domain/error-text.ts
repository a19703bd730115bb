/**
 * The labels the background puts in a failed reply (utils/background/dispatch.ts) and the
 * message keys the popup and the overlay show for them, so both say the same thing in the
 * user's language. A tiny module of its own: the content script imports it.
 */
import type { MessageKey } from './i18n';

/** Marker in the reply when IndexedDB refused a write for lack of space. */
export const STORAGE_FULL = 'storage-full';
/** Marker in the reply when IndexedDB itself failed (unavailable, closed, aborted). */
export const STORAGE_FAILED = 'storage-failed';
/** The error every query rejects with when the database is newer than this code. */
export const DB_NEWER_ERROR = 'database-newer';

const STORAGE_ERRORS: [string, MessageKey][] = [
  [DB_NEWER_ERROR, 'popupErrDatabaseNewer'],
  [STORAGE_FULL, 'popupErrStorageFull'],
  [STORAGE_FAILED, 'popupStorageErrorBody'],
];

/** The message key for a storage failure, or null for any other error. */
export function storageErrorKey(error: string): MessageKey | null {
  for (const [label, key] of STORAGE_ERRORS) if (error.includes(label)) return key;
  return null;
}
