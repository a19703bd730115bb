/**
 * The popup's two links to the rest of the extension: it READS the database with Dexie
 * liveQuery (the background's writes show up by themselves) and WRITES only by sending
 * `ui:*` messages to the background, the single writer. Dexie and the message schemas are
 * not needed for the first paint: the list loads this module through ./live.ts.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { isNewerDatabaseError, openDatabase, type LineKeeperDb } from '../../utils/background/db';
import { storageErrorKey } from '../../utils/domain/error-text';
import type { MessageKey, Translate } from '../../utils/domain/i18n';

export {
  readListData,
  readRenewals,
  readSettings,
  readUnassigned,
} from '../../utils/popup/queries';

let database: LineKeeperDb | undefined;

/** One Dexie instance for everything the popup reads (opened on first query). */
export function popupDb(): LineKeeperDb {
  database ??= openDatabase();
  return database;
}

export type LiveResult<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/**
 * Subscribes to a live query; errors (IndexedDB unavailable, quota, …) come back as state.
 * With `db`, the database is opened first: an open that fails (e.g. data from a newer
 * LineKeeper) is reported as an error, where a live query would wait forever.
 */
export function useLiveResult<T>(
  query: () => Promise<T>,
  deps: unknown[],
  db?: LineKeeperDb,
): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => subscribeLive(query, setResult, db), deps);
  return result;
}

/** useLiveResult without the hook: reports every result; returns the unsubscribe. */
export function subscribeLive<T>(
  query: () => Promise<T>,
  onResult: (result: LiveResult<T>) => void,
  db?: LineKeeperDb,
): () => void {
  let cancelled = false;
  let subscription: { unsubscribe(): void } | undefined;
  const fail = (error: unknown) => {
    console.error('LineKeeper: popup query failed', error);
    if (!cancelled) onResult({ status: 'error', error });
  };
  const subscribe = () => {
    if (cancelled) return;
    subscription = liveQuery(query).subscribe({
      next: (value) => onResult({ status: 'ready', value }),
      error: fail,
    });
  };
  if (db) db.open().then(subscribe, fail);
  else subscribe();
  return () => {
    cancelled = true;
    subscription?.unsubscribe();
  };
}

/** Background refusals we can say in the user's language (the rest shows as a detail). */
const KNOWN_ERRORS: [RegExp, MessageKey][] = [
  [
    /line with this number already exists|another line already has this number/,
    'popupErrDuplicateNumber',
  ],
  [/operation number is already recorded/, 'popupErrDuplicateOperation'],
  [/no longer kept/, 'popupErrRestoreGone'],
  [/number was added since/, 'popupErrRestoreTaken'],
  [/renewal date is in the future/, 'formErrFutureDate'],
  [/outside the dates LineKeeper accepts/, 'popupErrDateOutOfRange'],
  [/keeps at most \d+ lines/, 'popupErrLineCap'],
  [/no such page date waiting/, 'popupErrQuestionGone'],
  [/no such reading|already belongs to a line/, 'popupErrReadingGone'],
  [
    /another number than this line|another line already has the number/,
    'popupErrReadingOtherNumber',
  ],
  [/no such line/, 'popupErrNoSuchLine'],
];

/** A refusal or failure as a localised sentence. */
export function errorMessage(error: string, t: Translate): string {
  for (const [pattern, key] of KNOWN_ERRORS) if (pattern.test(error)) return t(key);
  const storageKey = storageErrorKey(error);
  return storageKey ? t(storageKey) : t('popupErrSave', [error]);
}

/** Why the popup cannot read its data, as localised title and body keys. */
export function storageErrorKeys(error: unknown): { title: MessageKey; body: MessageKey } {
  return isNewerDatabaseError(error)
    ? { title: 'popupDatabaseNewerTitle', body: 'popupErrDatabaseNewer' }
    : { title: 'popupStorageErrorTitle', body: 'popupStorageErrorBody' };
}
