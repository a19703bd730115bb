/**
 * Readings: a page's reading arrives (`cs:reading`) and lands on its line, waits for the
 * user, or records a recharge; the user places a waiting reading (`ui:assign-reading`),
 * makes a line of it (`ui:add-line-from-reading`) or discards it (`ui:discard-reading`).
 * Which line, and what a reading may change, are the pure rules of utils/domain/line-rules.ts.
 */
import { carrierById } from '../../carriers';
import {
  HOLD_NOTES,
  NOTE,
  applyReading,
  boundsHold,
  canReadingMatchLine,
  isEmptyReading,
  maskPathDigits,
  newLine,
  placeReading,
  readingDay,
  receiptRenewal,
  withExpiryBookkeeping,
  withOwnNotes,
  type NoteCode,
} from '../../domain/line-rules';
import {
  DEFAULT_SETTINGS,
  type HoldReason,
  type IsoDate,
  type Line,
  type Reading,
  type Settings,
  type StoredReading,
} from '../../domain/records';
import { lineSummary } from '../../domain/reminders';
import type { MessageOf, OverlayText, ReplyOf } from '../../protocol/messages';
import {
  overlayViewFor,
  type ExpiryChoice,
  type OverlayView,
  type ReadingAnswer,
} from '../../content/overlay-view';
import { overlayText } from '../overlay-text';
import {
  checkedLine,
  findLineByNumber,
  refuse,
  requireExpiryInBounds,
  requireLine,
  requireRoomForLine,
  requireRoomForReading,
  requireRoomForRenewal,
  type Context,
  type CsContext,
  type HandlerTable,
} from '../context';
import { isDismissed } from '../dismissals';
import { pageKey } from '../page-limits';
import { readSettings, readingFingerprint, type LineKeeperDb } from '../db';
import { MAX_LINES, isExpiryInBounds } from '../../domain/bounds';

/** A reading claims to be from this far in the past or future at most. */
const READ_AT_PAST_MS = 86_400_000;
const READ_AT_FUTURE_MS = 5 * 60_000;

/** "Don't show on this site" or the carrier switched off in settings. */
export function isOverlayDisabled(settings: Settings, context: CsContext): boolean {
  return (
    settings.overlayDisabledCarriers.includes(context.carrier.id) ||
    settings.overlayHiddenHosts.includes(context.host)
  );
}

/** An identical reading already stored for this line, or waiting (lineId null). */
async function hasTwin(
  db: LineKeeperDb,
  reading: StoredReading,
  lineId: string | null,
): Promise<boolean> {
  const twin = await db.readings
    .where('fingerprint')
    .equals(reading.fingerprint)
    .filter((r) => r.lineId === lineId)
    .first();
  return twin !== undefined;
}

/** The stored form of a page's reading: masked path, our notes, never a receipt's expiry. */
function storedReading(
  message: Parameters<HandlerTable['cs:reading']>[0],
  context: CsContext,
  readAt: string,
): StoredReading {
  const { reading } = message;
  const carrier = context.carrier.id;
  const receipt = reading.kind === 'receipt' ? reading.receipt : null;
  const codes: NoteCode[] = [];
  // A receipt never sets the expiry: a date it shows is not even kept.
  const expiresOn = reading.kind === 'receipt' ? null : reading.expiresOn;
  if (reading.kind === 'receipt' && reading.expiresOn !== null)
    codes.push(NOTE.receiptExpiryIgnored);
  const values = { carrier, kind: reading.kind, msisdn: reading.msisdn, expiresOn, receipt };
  const stored: StoredReading = {
    lineId: null,
    ...values,
    msisdnTail: reading.msisdnTail ?? null,
    balance: reading.balance,
    notes: [],
    path: maskPathDigits(message.path),
    host: context.host,
    readAt,
    fingerprint: readingFingerprint({
      ...values,
      balance: reading.balance,
      msisdnTail: reading.msisdnTail ?? null,
    }),
  };
  // The page's competing expiries, held to the bounds every page date is held to.
  const choices =
    reading.kind === 'account' && expiresOn === null
      ? (reading.expiryChoices ?? []).filter((date) => isExpiryInBounds(date, readingDay(stored)))
      : [];
  if (choices.length > 0) {
    stored.expiryChoices = choices;
    stored.fingerprint = readingFingerprint({ ...values, ...stored });
  }
  const hold = boundsHold(stored);
  if (hold) codes.push(HOLD_NOTES[hold]);
  stored.notes = withOwnNotes(reading.notes, codes);
  return stored;
}

/** cs:reading's reply before the overlay's text is added to it. */
type ReadingReply = Omit<Extract<ReplyOf<'cs:reading'>, { ok: true }>, 'overlay'>;

/**
 * The overlay for a reading, in the language chosen in settings: decided from the page's
 * facts and the answer (or the error that kept it from being stored). Null when the page
 * gets none. `settings` is null when they could not be read (storage failing).
 */
export async function readingOverlay(
  message: MessageOf<'cs:reading'>,
  context: CsContext,
  settings: Settings | null,
  answer: ReadingAnswer | null,
  answerError: string | null,
  choice: ExpiryChoice | null = null,
): Promise<OverlayText | null> {
  const view = overlayViewFor({
    carrier: context.carrier.id,
    urlKind: message.page.urlKind,
    reading: message.reading,
    answer,
    answerError,
    signals: message.page.signals,
    choice,
  });
  return view ? overlayFor(view, context, settings) : null;
}

/** The text of an overlay view, in the language and corner the settings say. */
async function overlayFor(
  view: OverlayView,
  context: CsContext,
  settings: Settings | null,
): Promise<OverlayText> {
  const leadDays = settings?.leadDays ?? DEFAULT_SETTINGS.leadDays;
  return overlayText({
    view,
    carrier: context.carrier,
    localizer: await context.deps.localize(settings?.language),
    corner: settings?.overlayLeftHosts?.includes(context.host) ? 'left' : 'right',
    leadWindow: Math.max(0, ...leadDays),
  });
}

const csReading: HandlerTable['cs:reading'] = async (message, context) => {
  const settings = await readSettings(context.deps.db);
  const { reply, wrote, choice } = await landReading(message, context, settings);
  // Told with every answer, so the content script needs no second round trip.
  const overlay =
    reply.overlayDisabled || reply.dismissed
      ? null
      : await readingOverlay(message, context, settings, reply, null, choice);
  return { reply: { ...reply, overlay }, wrote };
};

/** Stores the reading where the rules say, or says why not. */
async function landReading(
  message: MessageOf<'cs:reading'>,
  context: CsContext,
  settings: Settings,
): Promise<{ reply: ReadingReply; wrote: boolean; choice?: ExpiryChoice | null }> {
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
  const overlayDisabled = isOverlayDisabled(settings, context);
  const dismissed = await isDismissed(
    context.deps.session,
    context.tabId,
    maskPathDigits(message.path),
  );
  const ignored: ReadingReply = {
    ok: true,
    outcome: 'ignored',
    overlayDisabled,
    dismissed,
    created: false,
    line: null,
    previousBalance: null,
    readingId: null,
    renewalId: null,
    held: null,
  };
  // A private window's pages leave nothing behind (docs/architecture.md).
  if (context.incognito) return { reply: { ...ignored, outcome: 'private' }, wrote: false };
  if (isEmptyReading(reading)) return { reply: ignored, wrote: false };

  const stored = storedReading(message, context, readAt);
  const page = pageKey(context.host, context.tabId);

  return db.transaction('rw', db.lines, db.readings, db.renewals, async () => {
    const byNumber =
      stored.msisdn !== null ? await findLineByNumber(db, carrier, stored.msisdn) : undefined;
    const candidates =
      stored.msisdn !== null
        ? byNumber
          ? [byNumber]
          : []
        : await db.lines.where('carrier').equals(carrier).toArray();
    const placement = placeReading(stored, candidates);
    let line: Line | undefined = placement.to === 'line' ? placement.line : undefined;
    const summary = () => (line ? lineSummary(line, context.now) : null);

    const receipt = stored.receipt;
    if (receipt) {
      const duplicate = await db.renewals
        .where('[carrier+operationId]')
        .equals([carrier, receipt.operationId])
        .first();
      if (duplicate) {
        const reply = { ...ignored, outcome: 'receipt-duplicate' as const, line: summary() };
        return { reply: { ...reply, renewalId: duplicate.id }, wrote: false };
      }
    }
    // What the reading would do to its line, before anything is written.
    let result = line ? applyReading(line, stored, context.now, context.nowIso) : null;
    const hold: HoldReason | null = result?.held ?? boundsHold(stored);
    if (!receipt || hold) {
      const same = line
        ? line.lastReadingKey === stored.fingerprint ||
          (hold !== null && (await hasTwin(db, stored, line.id)))
        : await hasTwin(db, stored, null);
      if (same) {
        const outcome = hold && line ? ('held' as const) : ('unchanged' as const);
        const previousBalance = line?.previousBalance ?? null;
        // The question stays until answered: asked again from the reading stored before.
        const twin =
          stored.expiryChoices && line && !hold
            ? await db.readings
                .where('fingerprint')
                .equals(stored.fingerprint)
                .filter((r) => r.lineId === line!.id)
                .last()
            : undefined;
        return {
          reply: { ...ignored, outcome, line: summary(), previousBalance, held: hold },
          wrote: false,
          choice: twin?.id !== undefined ? expiryChoice(twin.id, stored, line ?? null) : null,
        };
      }
    }
    if (!context.deps.limits.tryStore(page, context.now)) {
      return { reply: { ...ignored, outcome: 'limited' }, wrote: false };
    }

    let created = false;
    if (placement.to === 'new' && stored.msisdn !== null) {
      // Past the caps, a new number waits for the user instead of making a line.
      if ((await db.lines.count()) >= MAX_LINES) {
        stored.notes = withOwnNotes(stored.notes, [NOTE.lineCap]);
      } else if (!context.deps.limits.tryCreate(page, context.now)) {
        stored.notes = withOwnNotes(stored.notes, [NOTE.pageLimit]);
      } else {
        line = checkedLine(
          newLine(context.newId(), context.nowIso, {
            carrier,
            msisdn: stored.msisdn,
            label: '',
            source: 'page',
          }),
        );
        await db.lines.add(line);
        created = true;
        result = applyReading(line, stored, context.now, context.nowIso);
      }
    }
    if (result?.held === 'expiry-conflict') {
      stored.notes = withOwnNotes(stored.notes, [NOTE.expiryConflict]);
    }

    const previousBalance = created ? null : (line?.balance ?? null);
    stored.lineId = line?.id ?? null;
    const readingId = await db.readings.add(stored);
    await requireRoomForReading(db, readingId);
    if (line && result && result.line !== line) {
      line = checkedLine(result.line);
      await db.lines.put(line);
    }

    let renewalId: string | null = null;
    const renewal = receiptRenewal(stored, line?.id ?? null, context.newId(), context.nowIso);
    if (renewal) {
      await requireRoomForRenewal(db);
      await db.renewals.add(renewal);
      renewalId = renewal.id;
    }

    const outcome = renewal ? 'receipt-recorded' : !line ? 'unassigned' : hold ? 'held' : 'saved';
    return {
      choice: outcome === 'saved' ? expiryChoice(readingId, stored, line ?? null) : null,
      reply: {
        ...ignored,
        outcome,
        created,
        line: summary(),
        previousBalance,
        readingId,
        renewalId,
        held: hold,
      },
      wrote: true,
    };
  });
}

/**
 * The page's competing expiries as a question for the overlay: only while the line's own
 * date is none of them (an answered question is not asked again).
 */
function expiryChoice(
  readingId: number,
  stored: StoredReading,
  line: Line | null,
): ExpiryChoice | null {
  const dates = stored.expiryChoices;
  if (!dates || !line || (line.expiresOn !== null && dates.includes(line.expiresOn))) return null;
  return { readingId, dates };
}

/**
 * The overlay's answer to "which is your line's expiry?": one of the dates its reading
 * offered becomes the line's expiry as the user's own (expirySource `manual`, as if typed in
 * the popup). A reading waiting for the user makes a line only when it has a full number.
 */
const csChooseExpiry: HandlerTable['cs:choose-expiry'] = async (message, context) => {
  const { db } = context.deps;
  if (context.incognito) refuse('refused: nothing is stored from a private window');
  const settings = await readSettings(db);
  const date: IsoDate = message.expiresOn;
  const { saved, reading } = await db.transaction('rw', db.lines, db.readings, async () => {
    const reading = await db.readings.get(message.readingId);
    if (!reading || reading.carrier !== context.carrier.id) refuse('refused: no such reading');
    if (!reading.expiryChoices?.includes(date)) {
      refuse('refused: this date is not one of the dates the page offered');
    }
    requireExpiryInBounds(date, context.now);
    let line: Line | undefined;
    if (reading.lineId !== null) {
      line = await db.lines.get(reading.lineId);
      if (!line) refuse('refused: the line of this reading no longer exists');
    } else {
      if (reading.msisdn === null) {
        refuse('refused: this reading has no line and no full number to make one');
      }
      line = await findLineByNumber(db, reading.carrier, reading.msisdn);
      if (!line) {
        await requireRoomForLine(db);
        line = checkedLine(
          newLine(context.newId(), context.nowIso, {
            carrier: reading.carrier,
            msisdn: reading.msisdn,
            label: '',
            source: 'page',
          }),
        );
        await db.lines.add(line);
      }
      await db.readings.update(reading.id!, { lineId: line.id });
    }
    const next: Line = {
      ...line,
      expiresOn: date,
      expirySource: 'manual',
      heldExpiry: null,
      updatedAt: context.nowIso,
    };
    const saved = checkedLine(withExpiryBookkeeping(line, next, context.now));
    await db.lines.put(saved);
    return { saved, reading };
  });
  const summary = lineSummary(saved, context.now);
  const shown: Reading = {
    carrier: reading.carrier,
    kind: reading.kind,
    msisdn: reading.msisdn,
    balance: reading.balance,
    expiresOn: date,
    receipt: null,
    notes: [],
  };
  const overlay = await overlayFor(
    { mode: 'saved', line: summary, balanceChange: null, reading: shown, choice: null },
    context,
    settings,
  ).catch(() => null);
  return { reply: { ok: true, line: summary, overlay }, wrote: true };
};

/** A waiting reading, or a refusal that says why it cannot be placed. */
async function waitingReading(db: LineKeeperDb, readingId: number): Promise<StoredReading> {
  const reading = await db.readings.get(readingId);
  if (!reading) refuse('no such reading');
  if (reading.lineId !== null) refuse('this reading already belongs to a line');
  return reading;
}

/** Places a waiting reading on `line`: its receipt's renewal follows it; the rules apply. */
async function placeOnLine(
  db: LineKeeperDb,
  reading: StoredReading,
  line: Line,
  context: Context,
): Promise<Line> {
  const { line: next, held } = applyReading(
    line,
    { ...reading, lineId: line.id },
    context.now,
    context.nowIso,
  );
  const notes =
    held === 'expiry-conflict' ? withOwnNotes(reading.notes, [NOTE.expiryConflict]) : reading.notes;
  await db.readings.update(reading.id!, { lineId: line.id, notes });
  if (reading.receipt) {
    await db.renewals
      .where('[carrier+operationId]')
      .equals([reading.carrier, reading.receipt.operationId])
      .filter((renewal) => renewal.lineId === null)
      .modify({ lineId: line.id });
  }
  const saved = checkedLine(next);
  if (saved !== line) await db.lines.put(saved);
  return saved;
}

const uiAssignReading: HandlerTable['ui:assign-reading'] = async (message, context) => {
  const { db } = context.deps;
  return db.transaction('rw', db.lines, db.readings, db.renewals, async () => {
    const reading = await waitingReading(db, message.readingId);
    const line = await requireLine(db, message.lineId);
    if (line.carrier !== reading.carrier) refuse('the reading is from another carrier');
    if (!canReadingMatchLine(reading, line)) {
      refuse('the reading shows another number than this line');
    }
    if (reading.msisdn !== null && line.msisdn === null) {
      const other = await findLineByNumber(db, line.carrier, reading.msisdn);
      if (other) refuse('another line already has the number this reading shows');
    }
    const saved = await placeOnLine(db, reading, line, context);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
};

const uiAddLineFromReading: HandlerTable['ui:add-line-from-reading'] = async (message, context) => {
  const { db } = context.deps;
  return db.transaction('rw', db.lines, db.readings, db.renewals, async () => {
    const reading = await waitingReading(db, message.readingId);
    if (reading.msisdn !== null && (await findLineByNumber(db, reading.carrier, reading.msisdn))) {
      refuse('a line with this number already exists');
    }
    await requireRoomForLine(db);
    // Without a number, the line is named by the digits the page showed, else its carrier.
    const tail = reading.msisdnTail ?? null;
    const label =
      reading.msisdn !== null ? '' : tail !== null ? `…${tail}` : carrierById(reading.carrier).name;
    const line = checkedLine(
      newLine(context.newId(), context.nowIso, {
        carrier: reading.carrier,
        msisdn: reading.msisdn,
        label,
        source: 'page',
      }),
    );
    await db.lines.add(line);
    const saved = await placeOnLine(db, reading, line, context);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
};

const uiDiscardReading: HandlerTable['ui:discard-reading'] = async (message, context) => {
  const { db } = context.deps;
  return db.transaction('rw', db.readings, db.renewals, async () => {
    const reading = await waitingReading(db, message.readingId);
    await db.readings.delete(reading.id!);
    // The receipt it recorded goes too, while no line has it: the operation can be read again.
    if (reading.receipt) {
      await db.renewals
        .where('[carrier+operationId]')
        .equals([reading.carrier, reading.receipt.operationId])
        .filter((renewal) => renewal.lineId === null)
        .delete();
    }
    return { reply: { ok: true }, wrote: true };
  });
};

export const readingHandlers = {
  'cs:reading': csReading,
  'cs:choose-expiry': csChooseExpiry,
  'ui:assign-reading': uiAssignReading,
  'ui:add-line-from-reading': uiAddLineFromReading,
  'ui:discard-reading': uiDiscardReading,
} satisfies Partial<HandlerTable>;
