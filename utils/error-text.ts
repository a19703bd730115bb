/**
 * Storage failures the background reports (utils/messages.ts labels them), as message keys:
 * shared by the popup and the overlay so both say the same thing in the user's language.
 */
const STORAGE_ERRORS: [RegExp, string][] = [
  [/database-newer/, 'popupErrDatabaseNewer'],
  [/storage-full/, 'popupErrStorageFull'],
  [/storage-failed/, 'popupStorageErrorBody'],
];

/** The message key for a storage failure, or null for any other error. */
export function storageErrorKey(error: string): string | null {
  for (const [pattern, key] of STORAGE_ERRORS) if (pattern.test(error)) return key;
  return null;
}
