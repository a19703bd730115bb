/**
 * The user's time zone decides when reminders arrive (10:00 of their own day), so the
 * alarms are planned with its UTC offset. Chrome has no time-zone event: reconcile()
 * remembers the offset it planned with (storage.local, so it outlives the worker), and the
 * worker compares the offset now with it on every wake, alarm and message, and reconciles
 * when it changed (a flight, a laptop moved, a daylight-saving switch). The midnight alarm
 * wakes the worker every day anyway.
 */
import type { ZoneOffset } from '../domain/time';

/** The slice of browser.storage.local used here (fakeBrowser fits too). */
export interface LocalStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<unknown>;
}

export const ZONE_OFFSET_KEY = 'linekeeper:zone-offset';

async function storedOffset(storage: LocalStorageArea): Promise<number | null> {
  const value = (await storage.get(ZONE_OFFSET_KEY))[ZONE_OFFSET_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * True when the offset at `now` differs from the one the last reconcile planned with.
 * Nothing stored yet: false (the first reconcile stores it).
 */
export async function zoneChangedSinceReconcile(
  storage: LocalStorageArea,
  zone: ZoneOffset,
  now: number,
): Promise<boolean> {
  const stored = await storedOffset(storage);
  return stored !== null && stored !== zone(now);
}

/** Remembers the offset a reconcile planned with (written only when it changed). */
export async function rememberZoneOffset(
  storage: LocalStorageArea,
  zone: ZoneOffset,
  now: number,
): Promise<void> {
  const offset = zone(now);
  if ((await storedOffset(storage)) !== offset) await storage.set({ [ZONE_OFFSET_KEY]: offset });
}
