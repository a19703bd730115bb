/**
 * What every message handler gets and returns, and the few database helpers they share.
 * A handler refuses with `refuse(…)` (nothing changed: the transaction rolls back) or
 * returns its reply plus whether it wrote, so the dispatcher knows to re-derive alarms and
 * badge (utils/background/dispatch.ts).
 */
import type { CarrierAdapter } from '../carriers';
import type { AddLinePrefill, MessageOf, MessageType, ReplyOf } from '../protocol/messages';
import type { CarrierId, Line } from '../domain/records';
import { LineSchema } from '../domain/records';
import { describeIssues } from '../domain/issues';
import type { LineKeeperDb } from './db';

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
  /** Rewrites the popup's list snapshot (ui:refresh-list-snapshot); the background passes it. */
  refreshListSnapshot?: () => Promise<unknown>;
  newId?: () => string;
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

export async function requireLine(db: LineKeeperDb, lineId: string): Promise<Line> {
  const line = await db.lines.get(lineId);
  if (!line) refuse('no such line');
  return line;
}
