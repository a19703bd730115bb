/**
 * Lines: added, edited, deleted (to the trash, for undo) and restored by the user; snoozed;
 * the overlay's "enter it by hand" and the popup's request for a fresh list snapshot.
 */
import {
  newLine,
  resolveHeldExpiry,
  sameMoney,
  withExpiryBookkeeping,
} from '../../domain/line-rules';
import type { Line } from '../../domain/records';
import { lineSummary } from '../../domain/reminders';
import {
  checkedLine,
  findLineByNumber,
  refuse,
  requireExpiryInBounds,
  requireLine,
  requireRechargeInBounds,
  requireRoomForLine,
  type HandlerTable,
} from '../context';
import { snoozeLine } from '../reconcile';

const TRASH_KEEP_DAYS = 30;
const MAX_SNOOZE_MS = 366 * 86_400_000;

const uiAddLine: HandlerTable['ui:add-line'] = async (message, context) => {
  const { db } = context.deps;
  requireExpiryInBounds(message.expiresOn, context.now);
  requireRechargeInBounds(message.lastRechargeOn, context.now);
  return db.transaction('rw', db.lines, async () => {
    if (message.msisdn !== null && (await findLineByNumber(db, message.carrier, message.msisdn))) {
      refuse('a line with this number already exists');
    }
    await requireRoomForLine(db);
    const draft = newLine(context.newId(), context.nowIso, {
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
};

const uiUpdateLine: HandlerTable['ui:update-line'] = async (message, context) => {
  const { db } = context.deps;
  const { patch } = message;
  return db.transaction('rw', db.lines, async () => {
    const line = await requireLine(db, message.lineId);
    const next: Line = { ...line, updatedAt: context.nowIso };
    if (patch.carrier !== undefined) next.carrier = patch.carrier;
    if (patch.msisdn !== undefined) next.msisdn = patch.msisdn;
    if (patch.label !== undefined) next.label = patch.label.trim();
    if (patch.expiresOn !== undefined && patch.expiresOn !== line.expiresOn) {
      requireExpiryInBounds(patch.expiresOn, context.now);
      next.expiresOn = patch.expiresOn;
      next.expirySource = patch.expiresOn === null ? null : 'manual';
      // The user's own date answers any page date the line was holding.
      next.heldExpiry = null;
    }
    if (patch.balance !== undefined && !sameMoney(patch.balance, line.balance)) {
      next.previousBalance = line.balance;
      next.balance = patch.balance;
      next.balanceAt = patch.balance ? context.nowIso : null;
    }
    if (patch.lastRechargeOn !== undefined && patch.lastRechargeOn !== line.lastRechargeOn) {
      requireRechargeInBounds(patch.lastRechargeOn, context.now);
      next.lastRechargeOn = patch.lastRechargeOn;
    }
    if (next.msisdn !== null && (next.msisdn !== line.msisdn || next.carrier !== line.carrier)) {
      const other = await findLineByNumber(db, next.carrier, next.msisdn);
      if (other && other.id !== line.id) refuse('another line already has this number');
    }
    const saved = checkedLine(withExpiryBookkeeping(line, next, context.now));
    await db.lines.put(saved);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
};

const uiDeleteLine: HandlerTable['ui:delete-line'] = async (message, context) => {
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
};

const uiRestoreLine: HandlerTable['ui:restore-line'] = async (message, context) => {
  const { db } = context.deps;
  return db.transaction('rw', [db.lines, db.readings, db.renewals, db.trash], async () => {
    const entry = await db.trash.get(message.trashId);
    if (!entry) refuse('nothing to restore: the deleted line is no longer kept');
    const { line } = entry;
    if (await db.lines.get(line.id)) refuse('this line already exists');
    if (line.msisdn !== null && (await findLineByNumber(db, line.carrier, line.msisdn))) {
      refuse('a line with this number was added since; delete that one first');
    }
    await requireRoomForLine(db);
    for (const renewal of entry.renewals) {
      if (renewal.operationId === null) continue;
      const twin = await db.renewals
        .where('[carrier+operationId]')
        .equals([renewal.carrier, renewal.operationId])
        .first();
      if (twin) refuse(`operation ${renewal.operationId} was recorded again since`);
    }
    await db.lines.add(line);
    // Fresh ids: a reading stored (or imported) since may have taken an old one, and a
    // restore never overwrites anything.
    await db.readings.bulkAdd(entry.readings.map(({ id: _id, ...reading }) => reading));
    await db.renewals.bulkAdd(entry.renewals);
    await db.trash.delete(entry.id);
    return { reply: { ok: true, line: lineSummary(line, context.now) }, wrote: true };
  });
};

const uiResolveExpiry: HandlerTable['ui:resolve-expiry'] = async (message, context) => {
  const { db } = context.deps;
  return db.transaction('rw', db.lines, async () => {
    const line = await requireLine(db, message.lineId);
    const held = line.heldExpiry ?? null;
    if (held === null || held.expiresOn !== message.expiresOn) {
      refuse('this line has no such page date waiting: nothing was changed');
    }
    if (message.keep === 'page') requireExpiryInBounds(held.expiresOn, context.now);
    const saved = checkedLine(resolveHeldExpiry(line, message.keep, context.now, context.nowIso));
    await db.lines.put(saved);
    return { reply: { ok: true, line: lineSummary(saved, context.now) }, wrote: true };
  });
};

const uiSnoozeLine: HandlerTable['ui:snooze-line'] = async (message, context) => {
  const until = message.until === null ? null : Date.parse(message.until);
  if (until !== null && (until <= context.now || until > context.now + MAX_SNOOZE_MS)) {
    refuse('snooze until a moment within the next year');
  }
  const line = await snoozeLine(context.deps.db, message.lineId, until, context.now);
  if (!line) refuse('no such line');
  return { reply: { ok: true, line: lineSummary(line, context.now) }, wrote: true };
};

const csOpenAddLine: HandlerTable['cs:open-add-line'] = async (message, context) => {
  if (message.prefill.carrier !== context.carrier.id) {
    refuse('refused: the prefill names another carrier than the page it came from');
  }
  await context.deps.openAddLine?.(message.prefill);
  return { reply: { ok: true }, wrote: false };
};

const csOpenGlossary: HandlerTable['cs:open-glossary'] = async (_, context) => {
  await context.deps.openGlossary?.();
  return { reply: { ok: true }, wrote: false };
};

const uiRefreshListSnapshot: HandlerTable['ui:refresh-list-snapshot'] = async (_, context) => {
  // Derived state only (storage.local, not the database): nothing to reconcile after it.
  await context.deps.refreshListSnapshot?.();
  return { reply: { ok: true }, wrote: false };
};

export const lineHandlers = {
  'ui:add-line': uiAddLine,
  'ui:update-line': uiUpdateLine,
  'ui:delete-line': uiDeleteLine,
  'ui:restore-line': uiRestoreLine,
  'ui:resolve-expiry': uiResolveExpiry,
  'ui:snooze-line': uiSnoozeLine,
  'cs:open-add-line': csOpenAddLine,
  'cs:open-glossary': csOpenGlossary,
  'ui:refresh-list-snapshot': uiRefreshListSnapshot,
} satisfies Partial<HandlerTable>;
