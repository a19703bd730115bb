/**
 * Telling IndexedDB's own failures (disk full, database unavailable) apart from everything
 * else, so the popup and the overlay can say them in the user's language
 * (utils/domain/error-text.ts has the labels).
 */

/**
 * Whether `error` or one of its causes (a Dexie error's `inner`, a BulkError's first
 * failure; four levels at most) has this name or message.
 */
export function inErrorChain(
  error: unknown,
  test: (name: unknown, message: unknown) => boolean,
): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (test(name, message)) return true;
    e = (e as { inner?: unknown }).inner ?? (e as { failures?: unknown[] }).failures?.[0];
  }
  return false;
}

/** QuotaExceededError, directly or as the `inner` of a Dexie AbortError / BulkError. */
export function isStorageFullError(error: unknown): boolean {
  return inErrorChain(
    error,
    (name, message) =>
      name === 'QuotaExceededError' ||
      (typeof message === 'string' && /QuotaExceeded|quota|FILE_ERROR_NO_SPACE/i.test(message)),
  );
}

/**
 * IndexedDB failed underneath us, not our checks. What Chromium 156 really answers when its
 * disk fills (tests/e2e/trust-storage.spec.ts): the transaction aborts (AbortError; the
 * cause, "IO error … FILE_ERROR_NO_SPACE", stays on the native transaction), an
 * auto-increment write fails as "ConstraintError: Maximum key generator value reached",
 * and every open afterwards fails as "UnknownError: Internal error opening backing store"
 * (Dexie: OpenFailedError, then DatabaseClosedError). The same open error when the
 * database folder is unusable. Our own refusals never reach here (Refusal is caught first).
 */
const STORAGE_FAILURE_NAMES = new Set([
  'AbortError',
  'UnknownError',
  'OpenFailedError',
  'DatabaseClosedError',
  'MissingAPIError',
  'InvalidStateError',
]);

export function isStorageFailure(error: unknown): boolean {
  return inErrorChain(
    error,
    (name, message) =>
      (typeof name === 'string' && STORAGE_FAILURE_NAMES.has(name)) ||
      (typeof message === 'string' && /Maximum key generator value reached/.test(message)),
  );
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
