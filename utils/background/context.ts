/**
 * What every message handler gets and returns, and the few database helpers they share.
 * A handler refuses with `refuse(…)` (nothing changed: the transaction rolls back) or
 * returns its reply plus whether it wrote, so the dispatcher knows to re-derive alarms and
 * badge (utils/background/dispatch.ts).
 */
import type { CarrierAdapter } from '../carriers';
import type { AddLinePrefill, MessageOf, MessageType, ReplyOf } from '../protocol/messages';
import type { CarrierId, IsoDate, Line } from '../domain/records';
import { LineSchema } from '../domain/records';
import {
  MAX_LINES,
  MAX_READINGS,
  MAX_RENEWALS,
  expiryRange,
  inRange,
  outOfRangeError,
  rechargeRange,
} from '../domain/bounds';
import { todayInBuenosAires } from '../domain/time';
import { describeIssues } from '../domain/issues';
import type { LineKeeperDb } from './db';
import type { SessionStorageArea } from './dismissals';
import type { PageLimits } from './page-limits';
import type { Localizer } from './localizer';
import type { LanguageChoice } from '../domain/i18n';

export interface MessageDeps {
  db: LineKeeperDb;
  now: () => number;
  /** browser.runtime.id */
  extensionId: string;
  /** browser.runtime.getURL('/') */
  extensionBaseUrl: string;
  /** Runs after every successful write: reconcile(). */
  afterWrite: () => Promise<unknown>;
  /** Opens the popup page in a tab (cs:open-add-line); the background passes tabs.create. */
  openAddLine?: (prefill: AddLinePrefill) => Promise<unknown>;
  /** Opens the popup's glossary in a tab (cs:open-glossary); the background passes tabs.create. */
  openGlossary?: () => Promise<unknown>;
  /** Rewrites the popup's list snapshot (ui:refresh-list-snapshot); the background passes it. */
  refreshListSnapshot?: () => Promise<unknown>;
  /** What each carrier page may still do this minute (utils/background/page-limits.ts). */
  limits: PageLimits;
  /** browser.storage.session: where the overlay was closed (utils/background/dismissals.ts). */
  session?: SessionStorageArea;
  newId?: () => string;
  /** The voice for the language chosen in settings (the overlay's text: cs:reading). */
  localize: (choice: LanguageChoice | undefined) => Promise<Localizer>;
}

export interface Context {
  deps: MessageDeps;
  now: number;
  nowIso: string;
  newId: () => string;
}

/** A `cs:*` message's context: the carrier and host of the page that sent it. */
export interface CsContext extends Context {
  carrier: CarrierAdapter;
  host: string;
  /** The sending tab's id (null if the browser gave none). */
  tabId: number | null;
  /** The tab is in a private (incognito) window: nothing of it is stored. */
  incognito: boolean;
}

export interface Outcome<T extends MessageType> {
  reply: ReplyOf<T>;
  wrote: boolean;
}

/** The handler of one message type; `cs:*` handlers also know the sending page. */
export type Handler<T extends MessageType> = (
  message: MessageOf<T>,
  context: T extends `cs:${string}` ? CsContext : Context,
) => Promise<Outcome<T>>;

/** One handler per message type: a missing one, or a wrong reply, does not compile. */
export type HandlerTable = { [T in MessageType]: Handler<T> };

/** A refusal: the message is answered `{ ok: false, error }` and nothing changes. */
export class Refusal extends Error {}

export function refuse(error: string): never {
  throw new Refusal(error);
}

/** Validates a line against LineSchema before it is written: the database never holds junk. */
export function checkedLine(line: Line): Line {
  const parsed = LineSchema.safeParse(line);
  if (!parsed.success) refuse(`invalid line: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export async function findLineByNumber(
  db: LineKeeperDb,
  carrier: CarrierId,
  msisdn: string,
): Promise<Line | undefined> {
  return db.lines.where('[carrier+msisdn]').equals([carrier, msisdn]).first();
}

/** Refuses an expiry the user typed outside the bounds every source is held to (today's). */
export function requireExpiryInBounds(date: IsoDate | null | undefined, now: number): void {
  const range = expiryRange(todayInBuenosAires(now));
  if (date && !inRange(date, range)) refuse(outOfRangeError('the expiry', date, range));
}

/** Refuses a recharge date (renewal, last recharge) outside the bounds (today's). */
export function requireRechargeInBounds(date: IsoDate | null | undefined, now: number): void {
  const range = rechargeRange(todayInBuenosAires(now));
  if (!date || inRange(date, range)) return;
  // The popup's own wording for a date after tomorrow (components/popup/data.ts).
  if (date > range.to) refuse('the renewal date is in the future');
  refuse(outOfRangeError('the recharge date', date, range));
}

/** Refuses a write that would take the lines past MAX_LINES (utils/domain/bounds.ts). */
export async function requireRoomForLine(db: LineKeeperDb): Promise<void> {
  if ((await db.lines.count()) >= MAX_LINES) {
    refuse(`LineKeeper keeps at most ${MAX_LINES} lines: delete one first`);
  }
}

/** Refuses a write that would take the renewals past MAX_RENEWALS. */
export async function requireRoomForRenewal(db: LineKeeperDb): Promise<void> {
  if ((await db.renewals.count()) >= MAX_RENEWALS) {
    refuse(`LineKeeper keeps at most ${MAX_RENEWALS} renewals`);
  }
}

/**
 * Refuses a reading that took the history past MAX_READINGS. Ids only grow, so the count
 * can pass the cap only once an id has: the count is asked only then.
 */
export async function requireRoomForReading(db: LineKeeperDb, readingId: number): Promise<void> {
  if (readingId > MAX_READINGS && (await db.readings.count()) > MAX_READINGS) {
    refuse(`LineKeeper keeps at most ${MAX_READINGS} readings`);
  }
}

export async function requireLine(db: LineKeeperDb, lineId: string): Promise<Line> {
  const line = await db.lines.get(lineId);
  if (!line) refuse('no such line');
  return line;
}
