/**
 * The popup's data, loaded after the first paint. components/popup/data.ts (Dexie, the
 * message schemas: most of the popup's code) is its own chunk: the list paints from the
 * snapshot first (utils/domain/list-snapshot.ts), then this module fetches data.ts and the live
 * queries replace the snapshot with what the database holds.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../utils/domain/i18n';
import type { LiveResult } from './data';

export type DataModule = typeof import('./data');
export type { LiveResult };

let loading: Promise<DataModule> | undefined;
let loaded: DataModule | null = null;

/** components/popup/data.ts, fetched once. */
export function loadData(): Promise<DataModule> {
  loading ??= import('./data').then((data) => (loaded = data));
  return loading;
}

/**
 * A live query that first loads data.ts; until then (and while the query runs) the result
 * is `loading`. With `openFirst`, a database that cannot be opened is reported as an error.
 */
export function useLazyLiveResult<T>(
  query: (data: DataModule) => Promise<T>,
  deps: unknown[],
  openFirst = false,
): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    loadData().then(
      (data) => {
        if (cancelled) return;
        const db = data.popupDb();
        stop = data.subscribeLive(() => query(data), setResult, openFirst ? db : undefined);
      },
      (error: unknown) => {
        console.error('LineKeeper: popup data failed to load', error);
        if (!cancelled) setResult({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, deps);
  return result;
}

/** data.ts errorMessage (a refusal as a localised sentence) once data.ts is loaded. */
export function errorMessage(error: string, t: Translate): string {
  return loaded ? loaded.errorMessage(error, t) : t('popupErrSave', [error]);
}

/** data.ts storageErrorKeys; the generic storage error when data.ts itself did not load. */
export function storageErrorKeys(error: unknown): { title: MessageKey; body: MessageKey } {
  return loaded
    ? loaded.storageErrorKeys(error)
    : { title: 'popupStorageErrorTitle', body: 'popupStorageErrorBody' };
}
