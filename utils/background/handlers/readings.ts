/**
 * Readings: a page's reading arrives (`cs:reading`) and lands on its line, waits for the
 * user, or records a recharge; the user places a waiting reading (`ui:assign-reading`).
 */
import { applyReading, isEmptyReading, lineForReading, receiptDate } from '../../domain/line-rules';
import type { Line, Renewal, Settings, StoredReading } from '../../domain/records';
import { lineSummary } from '../../domain/reminders';
import type { ReplyOf } from '../../protocol/messages';
import {
  checkedLine,
  findLineByNumber,
  refuse,
  requireLine,
  type CsContext,
  type HandlerTable,
} from '../context';
import { readSettings, readingFingerprint, type LineKeeperDb } from '../db';
import { newLine } from '../../domain/line-rules';

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

/** An identical reading already waiting unassigned. */
async function unassignedTwin(db: LineKeeperDb, reading: StoredReading): Promise<boolean> {
  const twin = await db.readings
    .where('fingerprint')
    .equals(reading.fingerprint)
    .filter((r) => r.lineId === null)
    .first();
  return twin !== undefined;
}

const csReading: HandlerTable['cs:reading'] = async (message, context) => {
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
    const byNumber =
      reading.msisdn !== null ? await findLineByNumber(db, carrier, reading.msisdn) : undefined;
    const placed = lineForReading(
      reading,
      byNumber,
      byNumber ? [] : await db.lines.where('carrier').equals(carrier).toArray(),
    );
    let line: Line | undefined = placed.line ?? undefined;
    let created = false;

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

    if (!line && placed.create && reading.msisdn !== null) {
      line = checkedLine(
        newLine(context.newId(), context.nowIso, {
          carrier,
          msisdn: reading.msisdn,
          label: '',
          source: 'page',
        }),
      );
      await db.lines.add(line);
      created = true;
    }

    const previousBalance = created ? null : (line?.balance ?? null);
    stored.lineId = line?.id ?? null;
    const readingId = await db.readings.add(stored);
    if (line) {
      line = checkedLine(applyReading(line, stored, context.now, context.nowIso));
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
};

const uiAssignReading: HandlerTable['ui:assign-reading'] = async (message, context) => {
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
    // An older reading still tells us the number and the last recharge.
    const saved = checkedLine(
      applyReading(line, { ...reading, lineId: line.id }, context.now, context.nowIso),
    );
    await db.lines.put(saved);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
};

export const readingHandlers = {
  'cs:reading': csReading,
  'ui:assign-reading': uiAssignReading,
} satisfies Partial<HandlerTable>;
