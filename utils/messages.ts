/**
 * The background's message handler: the only way anything changes in the database.
 *
 * Every message is checked in this order, and refused with `{ ok: false, error }` (nothing
 * changed) at the first failure:
 * 1. the sender is this extension (`sender.id`);
 * 2. `cs:*` messages come from a tab on one of the carriers' own https hosts
 *    (`sender.tab.url` + carrierForUrl); `ui:*` messages come from an extension page
 *    (`sender.url` under runtime.getURL('/'), and no web-page tab);
 * 3. the message parses against its zod schema (utils/schema.ts);
 * 4. the handler's own checks (line exists, number not taken, …), inside one transaction.
 * After a successful write, `afterWrite` (reconcile) re-derives alarms and badge.
 *
 * fakeBrowser ignores promise-returning onMessage listeners, so this is a plain async
 * function; entrypoints/background.ts adapts it with sendResponse + `return true`.
 */
import { Dexie } from 'dexie';
import { backupIntegrityProblem } from './backup';
import * as z from 'zod/mini';
import { carrierForUrl, type CarrierAdapter } from './carriers';
import {
  isNewerDatabaseError,
  readingFingerprint,
  reopenIfFailed,
  readSettings,
  type LineKeeperDb,
} from './db';
import { DB_NEWER_ERROR, STORAGE_FAILED, STORAGE_FULL } from './error-text';
import { effectiveExpiry, lineSummary } from './reminders';
import { snoozeLine } from './reconcile';
import {
  BackupSchema,
  type AddLinePrefill,
  CsMessageSchema,
  LineSchema,
  SettingsSchema,
  UiMessageSchema,
  type Backup,
  type CarrierId,
  type ErrorReply,
  type IsoDate,
  type Line,
  type Message,
  type MessageOf,
  type MessageType,
  type Money,
  type Reading,
  type Renewal,
  type Reply,
  type ReplyOf,
  type Settings,
  type StoredReading,
} from './schema';
import { addDays, todayInBuenosAires } from './time';

/** The parts of runtime.MessageSender we rely on. */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

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

/**
 * Where the popup's add-line form opens with a prefill (the popup reads the hash):
 * `/popup.html#/add?carrier=claro&msisdn=%2B549…&expiresOn=2026-12-15&balance=1234.56`.
 */
export function addLinePagePath(prefill: AddLinePrefill): string {
  const query = new URLSearchParams({ carrier: prefill.carrier });
  if (prefill.msisdn) query.set('msisdn', prefill.msisdn);
  if (prefill.expiresOn) query.set('expiresOn', prefill.expiresOn);
  if (prefill.balance) query.set('balance', String(prefill.balance.amount));
  return `/popup.html#/add?${query.toString()}`;
}

const TRASH_KEEP_DAYS = 30;
const MAX_SNOOZE_MS = 366 * 86_400_000;
/** A reading claims to be from this far in the past or future at most. */
const READ_AT_PAST_MS = 86_400_000;
const READ_AT_FUTURE_MS = 5 * 60_000;

class Refusal extends Error {}

function refuse(error: string): never {
  throw new Refusal(error);
}

function fail(error: string): ErrorReply {
  return { ok: false, error: error.length > 500 ? `${error.slice(0, 497)}...` : error };
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map((part) => String(part).slice(0, 40)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

interface Context {
  deps: MessageDeps;
  now: number;
  nowIso: string;
  newId: () => string;
}

interface CsContext extends Context {
  carrier: CarrierAdapter;
  host: string;
}

interface Outcome<T extends MessageType> {
  reply: ReplyOf<T>;
  wrote: boolean;
}

/** Handles one message from a content script or an extension page. Never throws. */
export async function handleMessage(
  message: unknown,
  sender: MessageSender,
  deps: MessageDeps,
): Promise<Reply> {
  try {
    // A database whose open failed earlier (disk full, IndexedDB unavailable) tries again.
    reopenIfFailed(deps.db);
    const now = deps.now();
    const context: Context = {
      deps,
      now,
      nowIso: new Date(now).toISOString(),
      newId: deps.newId ?? (() => crypto.randomUUID()),
    };
    if (!sender || typeof sender !== 'object' || sender.id !== deps.extensionId) {
      return fail('refused: message from an unknown sender');
    }
    const type =
      message !== null && typeof message === 'object' && !Array.isArray(message)
        ? (message as { type?: unknown }).type
        : undefined;
    if (typeof type !== 'string') return fail('refused: a message needs a string "type"');

    let outcome: Outcome<MessageType>;
    if (type.startsWith('cs:')) {
      const carrier = carrierSender(sender);
      if (!carrier) return fail('refused: cs: messages are accepted only from carrier pages');
      const parsed = CsMessageSchema.safeParse(message);
      if (!parsed.success)
        return fail(`invalid ${type.slice(0, 40)}: ${describeIssues(parsed.error)}`);
      outcome = await dispatchCs(parsed.data, { ...context, ...carrier });
    } else if (type.startsWith('ui:')) {
      if (!isExtensionPage(sender, deps.extensionBaseUrl)) {
        return fail('refused: ui: messages are accepted only from extension pages');
      }
      const parsed = UiMessageSchema.safeParse(message);
      if (!parsed.success)
        return fail(`invalid ${type.slice(0, 40)}: ${describeIssues(parsed.error)}`);
      outcome = await dispatchUi(parsed.data, context);
    } else {
      return fail('refused: unknown message type');
    }

    if (outcome.wrote) {
      try {
        await deps.afterWrite();
      } catch (error) {
        // The write stands; alarms and badge heal on the next reconcile.
        console.warn('LineKeeper: reconcile after write failed', error);
      }
    }
    return outcome.reply;
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message);
    // A database written by a newer LineKeeper: refused before anything was read or written.
    if (isNewerDatabaseError(error)) {
      return fail(`refused: ${DB_NEWER_ERROR}: update LineKeeper; nothing was changed`);
    }
    console.error('LineKeeper: message handler failed', error);
    // The transaction rolled back; say "storage" plainly so the popup can localise it.
    if (isStorageFullError(error)) return fail(`failed: ${STORAGE_FULL}: ${errorText(error)}`);
    if (isStorageFailure(error)) return fail(`failed: ${STORAGE_FAILED}: ${errorText(error)}`);
    return fail(`failed: ${errorText(error)}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Whether `error` or one of its causes (a Dexie error's `inner`, a BulkError's first
 * failure; four levels at most) has this name or message.
 */
function inErrorChain(error: unknown, test: (name: unknown, message: unknown) => boolean) {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (test(name, message)) return true;
    e = (e as { inner?: unknown }).inner ?? (e as { failures?: unknown[] }).failures?.[0];
  }
  return false;
}

/** QuotaExceededError, directly or as the `inner` of a Dexie AbortError / BulkError. */
function isStorageFullError(error: unknown): boolean {
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

function isStorageFailure(error: unknown): boolean {
  return inErrorChain(
    error,
    (name, message) =>
      (typeof name === 'string' && STORAGE_FAILURE_NAMES.has(name)) ||
      (typeof message === 'string' && /Maximum key generator value reached/.test(message)),
  );
}

function carrierSender(sender: MessageSender): { carrier: CarrierAdapter; host: string } | null {
  const tabUrl = sender.tab?.url;
  if (typeof tabUrl !== 'string') return null;
  const carrier = carrierForUrl(tabUrl);
  if (!carrier) return null;
  const host = new URL(tabUrl).hostname.toLowerCase();
  // Login hosts are recognised but never injected into: nothing there may write.
  if (!carrier.hosts.includes(host)) return null;
  if (sender.url !== undefined && carrierForUrl(sender.url)?.id !== carrier.id) return null;
  return { carrier, host };
}

function isExtensionPage(sender: MessageSender, baseUrl: string): boolean {
  if (typeof sender.url !== 'string' || !baseUrl || !sender.url.startsWith(baseUrl)) return false;
  // The popup has no tab; an extension page opened in a tab has an extension URL.
  if (sender.tab && !(typeof sender.tab.url === 'string' && sender.tab.url.startsWith(baseUrl))) {
    return false;
  }
  return true;
}

async function dispatchCs(
  message: Extract<Message, { type: `cs:${string}` }>,
  context: CsContext,
): Promise<Outcome<MessageType>> {
  switch (message.type) {
    case 'cs:reading':
      return csReading(message, context);
    case 'cs:status':
      return csStatus(message, context);
    case 'cs:hide-overlay':
      return csHideOverlay(message, context);
    case 'cs:open-add-line':
      if (message.prefill.carrier !== context.carrier.id) {
        refuse('refused: the prefill names another carrier than the page it came from');
      }
      await context.deps.openAddLine?.(message.prefill);
      return { reply: { ok: true }, wrote: false };
  }
}

async function dispatchUi(
  message: Extract<Message, { type: `ui:${string}` }>,
  context: Context,
): Promise<Outcome<MessageType>> {
  switch (message.type) {
    case 'ui:add-line':
      return uiAddLine(message, context);
    case 'ui:update-line':
      return uiUpdateLine(message, context);
    case 'ui:delete-line':
      return uiDeleteLine(message, context);
    case 'ui:restore-line':
      return uiRestoreLine(message, context);
    case 'ui:record-renewal':
      return uiRecordRenewal(message, context);
    case 'ui:assign-reading':
      return uiAssignReading(message, context);
    case 'ui:snooze-line':
      return uiSnoozeLine(message, context);
    case 'ui:save-settings':
      return uiSaveSettings(message, context);
    case 'ui:import-backup':
      return uiImportBackup(message, context);
    case 'ui:export-backup':
      return uiExportBackup(context);
    case 'ui:refresh-list-snapshot':
      // Derived state only (storage.local, not the database): nothing to reconcile after it.
      await context.deps.refreshListSnapshot?.();
      return { reply: { ok: true }, wrote: false };
  }
}

// ───────────────────────── shared line helpers ─────────────────────────

function sameMoney(a: Money | null, b: Money | null): boolean {
  return a === b || (a !== null && b !== null && a.amount === b.amount);
}

function laterDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** Keeps reminder bookkeeping right: a new (effective) expiry restarts its steps from now. */
function withExpiryBookkeeping(before: Line | null, after: Line, now: number): Line {
  const old = before ? effectiveExpiry(before) : null;
  const next = effectiveExpiry(after);
  if (old?.expiresOn === next?.expiresOn) return after;
  return { ...after, expiryKnownSince: next ? now : null };
}

/** Validates a line against LineSchema before it is written: the database never holds junk. */
function checkedLine(line: Line): Line {
  const parsed = LineSchema.safeParse(line);
  if (!parsed.success) refuse(`invalid line: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

async function findLineByNumber(
  db: LineKeeperDb,
  carrier: CarrierId,
  msisdn: string,
): Promise<Line | undefined> {
  return db.lines.where('[carrier+msisdn]').equals([carrier, msisdn]).first();
}

async function requireLine(db: LineKeeperDb, lineId: string): Promise<Line> {
  const line = await db.lines.get(lineId);
  if (!line) refuse('no such line');
  return line;
}

function newLine(
  context: Context,
  fields: Pick<Line, 'carrier' | 'msisdn' | 'label' | 'source'> & Partial<Line>,
): Line {
  return {
    id: context.newId(),
    expiresOn: null,
    expirySource: null,
    expiryKnownSince: null,
    balance: null,
    previousBalance: null,
    balanceAt: null,
    lastReadingAt: null,
    lastReadingPath: null,
    lastReadingHost: null,
    lastReadingKey: null,
    lastRechargeOn: null,
    snoozedUntil: null,
    lastReminder: null,
    createdAt: context.nowIso,
    updatedAt: context.nowIso,
    ...fields,
  };
}

/**
 * Applies one reading's values to its line. A reading older than the line's last one (an
 * unassigned reading placed later) still fills in the number and the last recharge, but
 * never overwrites newer balance or expiry.
 */
function applyReading(line: Line, reading: StoredReading, context: Context): Line {
  let next: Line = { ...line, updatedAt: context.nowIso };
  if (next.msisdn === null && reading.msisdn !== null) next.msisdn = reading.msisdn;
  if (reading.kind === 'receipt' && reading.receipt) {
    next.lastRechargeOn = laterDate(line.lastRechargeOn, receiptDate(reading));
  }
  const older = line.lastReadingAt !== null && reading.readAt < line.lastReadingAt;
  if (!older) {
    next.lastReadingAt = reading.readAt;
    next.lastReadingPath = reading.path;
    next.lastReadingHost = reading.host ?? null;
    next.lastReadingKey = reading.fingerprint;
    if (reading.balance !== null) {
      if (!sameMoney(line.balance, reading.balance)) next.previousBalance = line.balance;
      next.balance = reading.balance;
      next.balanceAt = reading.readAt;
    }
    if (reading.expiresOn !== null && reading.expiresOn !== line.expiresOn) {
      next = { ...next, expiresOn: reading.expiresOn, expirySource: 'page' };
    }
  }
  return withExpiryBookkeeping(line, next, context.now);
}

function receiptDate(reading: Pick<StoredReading, 'receipt' | 'readAt'>): IsoDate {
  return reading.receipt?.date ?? todayInBuenosAires(Date.parse(reading.readAt));
}

// ───────────────────────── cs:reading ─────────────────────────

function isEmptyReading(reading: Reading): boolean {
  if (reading.kind === 'none') return true;
  return (
    reading.msisdn === null &&
    reading.balance === null &&
    reading.expiresOn === null &&
    reading.receipt === null
  );
}

async function csReading(
  message: MessageOf<'cs:reading'>,
  context: CsContext,
): Promise<Outcome<'cs:reading'>> {
  const { db } = context.deps;
  const { reading } = message;
  const carrier = context.carrier.id;
  if (reading.carrier !== null && reading.carrier !== carrier) {
    refuse('refused: the reading names another carrier than the page it came from');
  }
  const readAtMs = Date.parse(message.readAt);
  if (readAtMs < context.now - READ_AT_PAST_MS || readAtMs > context.now + READ_AT_FUTURE_MS) {
    refuse('refused: readAt is not close to the current time');
  }
  const readAt = new Date(readAtMs).toISOString();
  // Told with every answer, so the content script needs no second round trip.
  const overlayDisabled = isOverlayDisabled(await readSettings(db), context);
  const ignored: ReplyOf<'cs:reading'> = {
    ok: true,
    outcome: 'ignored',
    overlayDisabled,
    created: false,
    line: null,
    previousBalance: null,
    readingId: null,
    renewalId: null,
  };
  if (isEmptyReading(reading)) return { reply: ignored, wrote: false };

  const receipt = reading.kind === 'receipt' ? reading.receipt : null;
  const stored: StoredReading = {
    lineId: null,
    carrier,
    kind: reading.kind,
    msisdn: reading.msisdn,
    balance: reading.balance,
    expiresOn: reading.expiresOn,
    receipt,
    notes: reading.notes,
    path: message.path,
    host: context.host,
    readAt,
    fingerprint: readingFingerprint({ ...reading, carrier, receipt }),
  };

  return db.transaction('rw', db.lines, db.readings, db.renewals, async () => {
    // Line identity (see the brief): a number picks (or creates) its line; no number
    // attaches to the carrier's only line; otherwise the reading waits unassigned.
    let line: Line | undefined;
    let created = false;
    const carrierLines = () => db.lines.where('carrier').equals(carrier).toArray();
    if (reading.msisdn !== null) {
      line = await findLineByNumber(db, carrier, reading.msisdn);
      if (!line) {
        const only = await carrierLines();
        // A line the user added by label only, and the carrier's only one: this is its number.
        if (only.length === 1 && only[0]!.msisdn === null) line = only[0];
      }
    } else {
      const only = await carrierLines();
      if (only.length === 1) line = only[0];
    }

    if (receipt) {
      const duplicate = await db.renewals
        .where('[carrier+operationId]')
        .equals([carrier, receipt.operationId])
        .first();
      if (duplicate) {
        return {
          reply: {
            ...ignored,
            outcome: 'receipt-duplicate',
            line: line ? lineSummary(line, context.now) : null,
            renewalId: duplicate.id,
          },
          wrote: false,
        };
      }
    } else if (
      line ? line.lastReadingKey === stored.fingerprint : await unassignedTwin(db, stored)
    ) {
      return {
        reply: {
          ...ignored,
          outcome: 'unchanged',
          line: line ? lineSummary(line, context.now) : null,
          previousBalance: line?.previousBalance ?? null,
        },
        wrote: false,
      };
    }

    if (!line && reading.msisdn !== null) {
      line = checkedLine(
        newLine(context, { carrier, msisdn: reading.msisdn, label: '', source: 'page' }),
      );
      await db.lines.add(line);
      created = true;
    }

    const previousBalance = created ? null : (line?.balance ?? null);
    stored.lineId = line?.id ?? null;
    const readingId = await db.readings.add(stored);
    if (line) {
      line = checkedLine(applyReading(line, stored, context));
      await db.lines.put(line);
    }

    let renewalId: string | null = null;
    if (receipt) {
      const renewal: Renewal = {
        id: context.newId(),
        lineId: line?.id ?? null,
        carrier,
        date: receiptDate(stored),
        amount: receipt.amount,
        currency: 'ARS',
        operationId: receipt.operationId,
        months: null,
        paymentMethod: null,
        note: '',
        source: 'receipt',
        createdAt: context.nowIso,
      };
      await db.renewals.add(renewal);
      renewalId = renewal.id;
    }

    return {
      reply: {
        ok: true,
        outcome: receipt ? 'receipt-recorded' : line ? 'saved' : 'unassigned',
        overlayDisabled,
        created,
        line: line ? lineSummary(line, context.now) : null,
        previousBalance,
        readingId,
        renewalId,
      },
      wrote: true,
    };
  });
}

/** An identical reading already waiting unassigned. */
async function unassignedTwin(db: LineKeeperDb, reading: StoredReading): Promise<boolean> {
  const twin = await db.readings
    .where('fingerprint')
    .equals(reading.fingerprint)
    .filter((r) => r.lineId === null)
    .first();
  return twin !== undefined;
}

// ───────────────────────── cs:status, cs:hide-overlay ─────────────────────────

/** "Don't show on this site" or the carrier switched off in settings. */
function isOverlayDisabled(settings: Settings, context: CsContext): boolean {
  return (
    settings.overlayDisabledCarriers.includes(context.carrier.id) ||
    settings.overlayHiddenHosts.includes(context.host)
  );
}

async function csStatus(
  message: MessageOf<'cs:status'>,
  context: CsContext,
): Promise<Outcome<'cs:status'>> {
  const { db } = context.deps;
  const carrier = context.carrier.id;
  const settings = await readSettings(db);
  let line: Line | undefined;
  if (message.msisdn !== null) line = await findLineByNumber(db, carrier, message.msisdn);
  else {
    const lines = await db.lines.where('carrier').equals(carrier).toArray();
    if (lines.length === 1) line = lines[0];
  }
  let savedForPage: ReplyOf<'cs:status'> extends infer R
    ? R extends { ok: true; savedForPage: infer S }
      ? S
      : never
    : never = null;
  if (line) {
    const last = await db.readings
      .where('[lineId+readAt]')
      .between([line.id, Dexie.minKey], [line.id, Dexie.maxKey])
      .reverse()
      .filter((reading) => reading.path === message.path)
      .first();
    if (last) {
      savedForPage = { readAt: last.readAt, balance: last.balance, expiresOn: last.expiresOn };
    }
  }
  return {
    reply: {
      ok: true,
      carrier,
      overlayDisabled: isOverlayDisabled(settings, context),
      line: line ? lineSummary(line, context.now) : null,
      previousBalance: line?.previousBalance ?? null,
      lastVisitAt: line?.lastReadingAt ?? null,
      savedForPage,
    },
    wrote: false,
  };
}

async function csHideOverlay(
  message: MessageOf<'cs:hide-overlay'>,
  context: CsContext,
): Promise<Outcome<'cs:hide-overlay'>> {
  const settings = await readSettings(context.deps.db);
  const patch: Partial<Settings> =
    message.scope === 'host'
      ? { overlayHiddenHosts: [...new Set([...settings.overlayHiddenHosts, context.host])] }
      : {
          overlayDisabledCarriers: [
            ...new Set([...settings.overlayDisabledCarriers, context.carrier.id]),
          ],
        };
  await saveSettings(context.deps.db, patch);
  return { reply: { ok: true }, wrote: true };
}

// ───────────────────────── ui: lines ─────────────────────────

async function uiAddLine(
  message: MessageOf<'ui:add-line'>,
  context: Context,
): Promise<Outcome<'ui:add-line'>> {
  const { db } = context.deps;
  return db.transaction('rw', db.lines, async () => {
    if (message.msisdn !== null && (await findLineByNumber(db, message.carrier, message.msisdn))) {
      refuse('a line with this number already exists');
    }
    const draft = newLine(context, {
      carrier: message.carrier,
      msisdn: message.msisdn,
      label: message.label.trim(),
      source: 'manual',
      expiresOn: message.expiresOn,
      expirySource: message.expiresOn ? 'manual' : null,
      balance: message.balance,
      balanceAt: message.balance ? context.nowIso : null,
      lastRechargeOn: message.lastRechargeOn ?? null,
    });
    const line = checkedLine(withExpiryBookkeeping(null, draft, context.now));
    await db.lines.add(line);
    return { reply: { ok: true, line: lineSummary(line, context.now) }, wrote: true };
  });
}

async function uiUpdateLine(
  message: MessageOf<'ui:update-line'>,
  context: Context,
): Promise<Outcome<'ui:update-line'>> {
  const { db } = context.deps;
  const { patch } = message;
  return db.transaction('rw', db.lines, async () => {
    const line = await requireLine(db, message.lineId);
    const next: Line = { ...line, updatedAt: context.nowIso };
    if (patch.carrier !== undefined) next.carrier = patch.carrier;
    if (patch.msisdn !== undefined) next.msisdn = patch.msisdn;
    if (patch.label !== undefined) next.label = patch.label.trim();
    if (patch.expiresOn !== undefined && patch.expiresOn !== line.expiresOn) {
      next.expiresOn = patch.expiresOn;
      next.expirySource = patch.expiresOn === null ? null : 'manual';
    }
    if (patch.balance !== undefined && !sameMoney(patch.balance, line.balance)) {
      next.previousBalance = line.balance;
      next.balance = patch.balance;
      next.balanceAt = patch.balance ? context.nowIso : null;
    }
    if (patch.lastRechargeOn !== undefined) next.lastRechargeOn = patch.lastRechargeOn;
    if (next.msisdn !== null && (next.msisdn !== line.msisdn || next.carrier !== line.carrier)) {
      const other = await findLineByNumber(db, next.carrier, next.msisdn);
      if (other && other.id !== line.id) refuse('another line already has this number');
    }
    const saved = checkedLine(withExpiryBookkeeping(line, next, context.now));
    await db.lines.put(saved);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
}

async function uiDeleteLine(
  message: MessageOf<'ui:delete-line'>,
  context: Context,
): Promise<Outcome<'ui:delete-line'>> {
  const { db } = context.deps;
  return db.transaction('rw', [db.lines, db.readings, db.renewals, db.trash], async () => {
    const line = await requireLine(db, message.lineId);
    const readings = await db.readings.where('lineId').equals(line.id).toArray();
    const renewals = await db.renewals.where('lineId').equals(line.id).toArray();
    const trashId = context.newId();
    await db.trash.add({ id: trashId, deletedAt: context.nowIso, line, readings, renewals });
    await db.readings.bulkDelete(readings.map((reading) => reading.id!));
    await db.renewals.bulkDelete(renewals.map((renewal) => renewal.id));
    await db.lines.delete(line.id);
    const cutoff = new Date(context.now - TRASH_KEEP_DAYS * 86_400_000).toISOString();
    await db.trash.where('deletedAt').below(cutoff).delete();
    return { reply: { ok: true, trashId }, wrote: true };
  });
}

async function uiRestoreLine(
  message: MessageOf<'ui:restore-line'>,
  context: Context,
): Promise<Outcome<'ui:restore-line'>> {
  const { db } = context.deps;
  return db.transaction('rw', [db.lines, db.readings, db.renewals, db.trash], async () => {
    const entry = await db.trash.get(message.trashId);
    if (!entry) refuse('nothing to restore: the deleted line is no longer kept');
    const { line } = entry;
    if (await db.lines.get(line.id)) refuse('this line already exists');
    if (line.msisdn !== null && (await findLineByNumber(db, line.carrier, line.msisdn))) {
      refuse('a line with this number was added since; delete that one first');
    }
    for (const renewal of entry.renewals) {
      if (renewal.operationId === null) continue;
      const twin = await db.renewals
        .where('[carrier+operationId]')
        .equals([renewal.carrier, renewal.operationId])
        .first();
      if (twin) refuse(`operation ${renewal.operationId} was recorded again since`);
    }
    await db.lines.add(line);
    await db.readings.bulkPut(entry.readings);
    await db.renewals.bulkPut(entry.renewals);
    await db.trash.delete(entry.id);
    return { reply: { ok: true, line: lineSummary(line, context.now) }, wrote: true };
  });
}

// ───────────────────────── ui: renewals, readings, snooze ─────────────────────────

async function uiRecordRenewal(
  message: MessageOf<'ui:record-renewal'>,
  context: Context,
): Promise<Outcome<'ui:record-renewal'>> {
  const { db } = context.deps;
  if (message.date > addDays(todayInBuenosAires(context.now), 1)) {
    refuse('the renewal date is in the future');
  }
  return db.transaction('rw', db.lines, db.renewals, async () => {
    const line = await requireLine(db, message.lineId);
    if (message.operationId !== null) {
      const twin = await db.renewals
        .where('[carrier+operationId]')
        .equals([line.carrier, message.operationId])
        .first();
      if (twin) refuse('this operation number is already recorded');
    }
    const renewal: Renewal = {
      id: context.newId(),
      lineId: line.id,
      carrier: line.carrier,
      date: message.date,
      amount: message.amount,
      currency: 'ARS',
      operationId: message.operationId,
      months: message.months,
      paymentMethod: message.paymentMethod,
      note: message.note,
      source: 'manual',
      createdAt: context.nowIso,
    };
    const next: Line = {
      ...line,
      lastRechargeOn: laterDate(line.lastRechargeOn, message.date),
      updatedAt: context.nowIso,
    };
    if (message.newExpiresOn !== null) {
      next.expiresOn = message.newExpiresOn;
      next.expirySource = 'renewal';
    }
    const saved = checkedLine(withExpiryBookkeeping(line, next, context.now));
    await db.renewals.add(renewal);
    await db.lines.put(saved);
    return {
      reply: { ok: true, renewalId: renewal.id, line: lineSummary(saved, context.now) },
      wrote: true,
    };
  });
}

async function uiAssignReading(
  message: MessageOf<'ui:assign-reading'>,
  context: Context,
): Promise<Outcome<'ui:assign-reading'>> {
  const { db } = context.deps;
  return db.transaction('rw', db.lines, db.readings, db.renewals, async () => {
    const reading = await db.readings.get(message.readingId);
    if (!reading) refuse('no such reading');
    if (reading.lineId !== null) refuse('this reading already belongs to a line');
    const line = await requireLine(db, message.lineId);
    if (line.carrier !== reading.carrier) refuse('the reading is from another carrier');
    if (reading.msisdn !== null && line.msisdn !== null && reading.msisdn !== line.msisdn) {
      refuse('the reading shows another number than this line');
    }
    if (reading.msisdn !== null && line.msisdn === null) {
      const other = await findLineByNumber(db, line.carrier, reading.msisdn);
      if (other) refuse('another line already has the number this reading shows');
    }
    await db.readings.update(reading.id!, { lineId: line.id });
    if (reading.receipt) {
      await db.renewals
        .where('[carrier+operationId]')
        .equals([reading.carrier, reading.receipt.operationId])
        .filter((renewal) => renewal.lineId === null)
        .modify({ lineId: line.id });
    }
    const saved = checkedLine(applyReading(line, { ...reading, lineId: line.id }, context));
    // An older reading still tells us the number and the last recharge.
    await db.lines.put(saved);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
}

async function uiSnoozeLine(
  message: MessageOf<'ui:snooze-line'>,
  context: Context,
): Promise<Outcome<'ui:snooze-line'>> {
  const until = message.until === null ? null : Date.parse(message.until);
  if (until !== null && (until <= context.now || until > context.now + MAX_SNOOZE_MS)) {
    refuse('snooze until a moment within the next year');
  }
  const line = await snoozeLine(context.deps.db, message.lineId, until, context.now);
  if (!line) refuse('no such line');
  return { reply: { ok: true, line: lineSummary(line, context.now) }, wrote: true };
}

// ───────────────────────── ui: settings, backup ─────────────────────────

async function saveSettings(db: LineKeeperDb, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const merged = { ...(await readSettings(db)), ...patch };
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success) refuse(`invalid settings: ${describeIssues(parsed.error)}`);
    const value: Settings = {
      ...parsed.data,
      leadDays: [...parsed.data.leadDays].sort((a, b) => b - a),
    };
    await db.settings.put({ key: 'settings', value });
    return value;
  });
}

async function uiSaveSettings(
  message: MessageOf<'ui:save-settings'>,
  context: Context,
): Promise<Outcome<'ui:save-settings'>> {
  const patch = Object.fromEntries(
    Object.entries(message.settings).filter(([, value]) => value !== undefined),
  ) as Partial<Settings>;
  const settings = await saveSettings(context.deps.db, patch);
  return { reply: { ok: true, settings }, wrote: true };
}

async function uiImportBackup(
  message: MessageOf<'ui:import-backup'>,
  context: Context,
): Promise<Outcome<'ui:import-backup'>> {
  const parsed = BackupSchema.safeParse(message.backup);
  if (!parsed.success) refuse(`invalid backup: ${describeIssues(parsed.error)}`);
  const backup = parsed.data;
  // Everything beyond the schema (duplicate ids, orphans), so an import never half-applies.
  const problem = backupIntegrityProblem(backup);
  if (problem) refuse(`backup: ${problem}`);
  const { db } = context.deps;
  // All or nothing: one transaction over every table; any failure rolls everything back.
  await db.transaction('rw', [db.lines, db.readings, db.renewals, db.settings], async () => {
    await Promise.all([db.lines.clear(), db.readings.clear(), db.renewals.clear()]);
    await db.lines.bulkAdd(backup.lines);
    await db.readings.bulkAdd(backup.readings);
    await db.renewals.bulkAdd(backup.renewals);
    await db.settings.put({ key: 'settings', value: backup.settings });
  });
  return {
    reply: {
      ok: true,
      counts: {
        lines: backup.lines.length,
        readings: backup.readings.length,
        renewals: backup.renewals.length,
      },
    },
    wrote: true,
  };
}

/** The whole database as a backup file (the popup saves it where the user asks). */
export async function exportBackup(db: LineKeeperDb, now: number): Promise<Backup> {
  return db.transaction('r', [db.lines, db.readings, db.renewals, db.settings], async () => ({
    format: 'linekeeper-backup' as const,
    version: 1 as const,
    exportedAt: new Date(now).toISOString(),
    lines: await db.lines.toArray(),
    readings: await db.readings.toArray(),
    renewals: await db.renewals.toArray(),
    settings: await readSettings(db),
  }));
}

async function uiExportBackup(context: Context): Promise<Outcome<'ui:export-backup'>> {
  return {
    reply: { ok: true, backup: await exportBackup(context.deps.db, context.now) },
    wrote: false,
  };
}
