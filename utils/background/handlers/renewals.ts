/** Renewals the user records by hand (receipts read from pages arrive as readings). */
import { laterDate, withExpiryBookkeeping } from '../../domain/line-rules';
import type { Line, Renewal } from '../../domain/records';
import { lineSummary } from '../../domain/reminders';
import {
  checkedLine,
  refuse,
  requireExpiryInBounds,
  requireLine,
  requireRechargeInBounds,
  requireRoomForRenewal,
  type HandlerTable,
} from '../context';

const uiRecordRenewal: HandlerTable['ui:record-renewal'] = async (message, context) => {
  const { db } = context.deps;
  requireRechargeInBounds(message.date, context.now);
  requireExpiryInBounds(message.newExpiresOn, context.now);
  return db.transaction('rw', db.lines, db.renewals, async () => {
    const line = await requireLine(db, message.lineId);
    await requireRoomForRenewal(db);
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
      // The user's own date answers any page date the line was holding.
      next.heldExpiry = null;
    }
    const saved = checkedLine(withExpiryBookkeeping(line, next, context.now));
    await db.renewals.add(renewal);
    await db.lines.put(saved);
    return {
      reply: { ok: true, renewalId: renewal.id, line: lineSummary(saved, context.now) },
      wrote: true,
    };
  });
};

export const renewalHandlers = {
  'ui:record-renewal': uiRecordRenewal,
} satisfies Partial<HandlerTable>;
