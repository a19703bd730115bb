/**
 * The popup's list snapshot: the first screenful of the list (the most urgent lines, the
 * line count, the reminder leads and the interface language) as plain data, so the popup can paint its list before
 * its database code (Dexie) has even loaded. The background rewrites it after every change
 * (utils/background/reconcile.ts writeListSnapshot):; the popup validates it, paints it, and replaces
 * it with what the database holds as soon as it has read that. A missing, corrupt or
 * outdated snapshot just means the popup waits for the database.
 *
 * No database and no browser API here: this module is on the popup's first-paint path.
 */
import { sortLines } from './line-order';
import {
  LIST_SNAPSHOT_MAX_LINES,
  ListSnapshotSchema,
  type ListLine,
  type ListSnapshot,
  type Settings,
} from './records';

/** The storage.local key. A new snapshot format gets a new `version`, not a new key. */
export const LIST_SNAPSHOT_KEY = 'linekeeper:list-snapshot';

/** One line as the snapshot keeps it: the list's fields only, in a fixed order. */
function listLine(line: ListLine): ListLine {
  return {
    id: line.id,
    carrier: line.carrier,
    msisdn: line.msisdn,
    label: line.label,
    expiresOn: line.expiresOn,
    lastRechargeOn: line.lastRechargeOn,
    balance: line.balance ? { amount: line.balance.amount, currency: line.balance.currency } : null,
    lastReadingAt: line.lastReadingAt,
    lastReadingPath: line.lastReadingPath,
    lastReadingHost: line.lastReadingHost ?? null,
    snoozedUntil: line.snoozedUntil,
    heldExpiry: line.heldExpiry ? { ...line.heldExpiry } : null,
  };
}

/**
 * The snapshot of these lines and settings: the first `LIST_SNAPSHOT_MAX_LINES` in list
 * order. The order does not depend on `now` (every line's days left move together), so a
 * snapshot written yesterday still lists the same lines first.
 */
export function buildListSnapshot(
  lines: readonly ListLine[],
  settings: Pick<Settings, 'leadDays' | 'language'>,
  now: number,
): ListSnapshot {
  return {
    version: 1,
    count: lines.length,
    leadDays: [...settings.leadDays],
    language: settings.language ?? 'auto',
    lines: sortLines(lines, now).slice(0, LIST_SNAPSHOT_MAX_LINES).map(listLine),
  };
}

/** A stored value as a snapshot, or null when it is missing, of another version or invalid. */
export function parseListSnapshot(value: unknown): ListSnapshot | null {
  const parsed = ListSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** True when both describe the same list (what the popup would paint from either). */
export function sameListSnapshot(a: ListSnapshot | null, b: ListSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  const key = (snapshot: ListSnapshot) =>
    JSON.stringify([
      snapshot.version,
      snapshot.count,
      snapshot.leadDays,
      snapshot.language ?? 'auto',
      snapshot.lines.map(listLine),
    ]);
  return key(a) === key(b);
}

/**
 * Runs `task` one call at a time, in call order: two changes in quick succession can
 * never leave the older snapshot written last. A failed run does not stop the next.
 */
export function oneAtATime<T>(task: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}

/**
 * Runs `task` one call at a time with at most one run queued behind the current one: calls
 * while a run is under way share the queued run, which starts when the current one ends
 * and so sees every change made before the call. A flood of writes costs two runs of a
 * full reconcile, not one per write.
 */
export function coalesce<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const run = Promise.resolve().then(task);
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    run.then(clear, clear);
    return run;
  };
  return () => {
    if (queued) return queued;
    if (!running) return start();
    queued = running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
}
