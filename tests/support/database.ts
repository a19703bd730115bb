/**
 * LineKeeper's IndexedDB read with the raw API, not the extension's own code: one function
 * that every browser test evaluates inside an extension page or the service worker (same
 * origin, same databases). It must stay self-contained (it is serialized into the page):
 * no imports, no named inner functions (tsx's keepNames would wrap them in a `__name`
 * helper the page does not have).
 */

export interface DatabaseDump {
  /** The database exists at all (it is created by the background on its first write). */
  exists: boolean;
  /** IndexedDB's native version (Dexie's version × 10); 0 when it does not exist. */
  version: number;
  /** Records of each store asked for (all stores by default), or their counts. */
  stores: Record<string, unknown[] | number>;
}

export interface DatabaseQuery {
  name?: string;
  /** Stores to read; every store when omitted. */
  stores?: string[];
  /** Counts instead of records. */
  countOnly?: boolean;
}

/** Runs in the page: `worker.evaluate(readDatabaseInPage, { stores: ['lines'] })`. */
export async function readDatabaseInPage(query: DatabaseQuery = {}): Promise<DatabaseDump> {
  const name = query.name ?? 'linekeeper';
  const known = await indexedDB.databases();
  if (!known.some((info) => info.name === name)) return { exists: false, version: 0, stores: {} };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores: Record<string, unknown[] | number> = {};
  try {
    const names = query.stores ?? Array.from(db.objectStoreNames);
    for (const store of names) {
      if (!db.objectStoreNames.contains(store)) continue;
      const objectStore = db.transaction(store, 'readonly').objectStore(store);
      const request: IDBRequest = query.countOnly ? objectStore.count() : objectStore.getAll();
      stores[store] = await new Promise<unknown[] | number>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as unknown[] | number);
        request.onerror = () => reject(request.error);
      });
    }
    return { exists: true, version: db.version, stores };
  } finally {
    db.close();
  }
}
