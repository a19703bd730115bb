/**
 * The background's side of "a wrong expiry must never be stored": bounds for every source,
 * receipts that never set an expiry, line identity that never guesses against evidence,
 * held page dates and their question, waiting readings the user places, adds or discards,
 * the page limits and the line cap, private windows, dismissals, import and undo.
 * Through handleMessage, as the browser calls it, against fake-indexeddb.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import {
  handleMessage,
  type MessageDeps,
  type MessageSender,
} from '../../utils/background/dispatch';
import { PAGE_READINGS_PER_MINUTE } from '../../utils/background/page-limits';
import { MAX_LINES } from '../../utils/domain/bounds';
import type { Reading } from '../../utils/domain/records';
import {
  carrierSender,
  freshDb,
  line,
  messageDeps,
  popupSender,
  reading,
  snapshot,
  type Clock,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

let db: LineKeeperDb;
let clock: Clock;
let deps: MessageDeps;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  // 1 May 2026, 12:00 in Buenos Aires.
  clock = { now: Date.parse('2026-05-01T15:00:00Z') };
  deps = messageDeps(db, clock);
});

type Reply = { ok: boolean; error?: string } & Record<string, unknown>;

async function send(message: Record<string, unknown>, sender: MessageSender): Promise<Reply> {
  return (await handleMessage(message, sender, deps)) as Reply;
}

function page(r: Reading, path = '/inicio', sender: MessageSender = carrierSender()) {
  const readAt = new Date(clock.now).toISOString();
  return send({ type: 'cs:reading', reading: r, path, readAt, page: ACCOUNT_PAGE }, sender);
}

const ui = (message: Record<string, unknown>) => send(message, popupSender());

async function addLine(fields: Record<string, unknown> = {}) {
  const reply = await ui({
    type: 'ui:add-line',
    carrier: 'claro',
    msisdn: '+5491134567812',
    label: '',
    expiresOn: null,
    balance: null,
    ...fields,
  });
  if (!reply.ok) throw new Error(reply.error);
  return (reply.line as { id: string }).id;
}

describe('bounds hold for every source', () => {
  it('a page expiry out of bounds is stored, marked, and changes nothing on the line', async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    const before = await db.lines.get(id);
    const reply = await page(reading({ expiresOn: '2100-12-31' }));
    expect(reply).toMatchObject({ ok: true, outcome: 'held', held: 'expiry-out-of-bounds' });
    expect(await db.lines.get(id)).toEqual(before);
    const [stored] = await db.readings.toArray();
    expect(stored).toMatchObject({ lineId: id, expiresOn: '2100-12-31' });
    expect(stored!.notes).toContain('lk:expiry-out-of-bounds');
    // The same page again: nothing new stored.
    expect(await page(reading({ expiresOn: '2100-12-31' }))).toMatchObject({ outcome: 'held' });
    expect(await db.readings.count()).toBe(1);
  });

  it('an out-of-bounds expiry on a new number makes the line without that date', async () => {
    const reply = await page(reading({ expiresOn: '2026-01-01' }));
    expect(reply).toMatchObject({ outcome: 'held', created: true, line: { expiresOn: null } });
  });

  it('a receipt dated out of bounds is stored but books no recharge', async () => {
    await addLine();
    const receipt = reading({
      kind: 'receipt',
      expiresOn: null,
      balance: null,
      receipt: { amount: 500, currency: 'ARS', operationId: 'OLD-1', date: '2024-01-01' },
    });
    const reply = await page(receipt, '/recarga/ok');
    expect(reply).toMatchObject({ outcome: 'held', held: 'receipt-date-out-of-bounds' });
    expect(await db.renewals.count()).toBe(0);
    expect((await db.lines.toArray())[0]!.lastRechargeOn).toBeNull();
  });

  it.each([
    [
      'ui:add-line expiry',
      {
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: 'x',
        expiresOn: '2100-12-31',
        balance: null,
      },
    ],
    [
      'ui:add-line last recharge',
      {
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: 'x',
        expiresOn: null,
        balance: null,
        lastRechargeOn: '2020-01-01',
      },
    ],
  ])('refuses %s out of bounds, with a clear error', async (_name, message) => {
    const reply = await ui(message);
    expect(reply).toMatchObject({ ok: false });
    expect(reply.error).toMatch(
      /outside the dates LineKeeper accepts \(2026-03-02 to 2027-06-05\)|outside the dates LineKeeper accepts \(2025-03-27 to 2026-05-02\)/,
    );
    expect(await db.lines.count()).toBe(0);
  });

  it('ui:update-line and ui:record-renewal refuse dates out of bounds and change nothing', async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    const before = await snapshot(db);
    const refused = [
      await ui({ type: 'ui:update-line', lineId: id, patch: { expiresOn: '2027-06-06' } }),
      await ui({ type: 'ui:update-line', lineId: id, patch: { lastRechargeOn: '2025-03-26' } }),
      ...(await Promise.all(
        [
          { date: '2025-03-26', newExpiresOn: null },
          { date: '2026-05-03', newExpiresOn: null },
          { date: '2026-05-01', newExpiresOn: '2027-06-06' },
        ].map((fields) =>
          ui({
            type: 'ui:record-renewal',
            lineId: id,
            amount: null,
            months: null,
            paymentMethod: null,
            operationId: null,
            note: '',
            ...fields,
          }),
        ),
      )),
    ];
    expect(refused.map((reply) => reply.ok)).toEqual([false, false, false, false, false]);
    expect(refused[3]!.error).toContain('renewal date is in the future');
    expect(await snapshot(db)).toEqual(before);
    // The edges are accepted.
    expect(
      await ui({ type: 'ui:update-line', lineId: id, patch: { expiresOn: '2027-06-05' } }),
    ).toMatchObject({ ok: true });
  });
});

describe('a receipt never sets an expiry', () => {
  it('ignores the expiry a receipt shows, keeps it out of the line and the reading', async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    const reply = await page(
      reading({
        kind: 'receipt',
        expiresOn: '2026-11-01',
        receipt: { amount: 1000, currency: 'ARS', operationId: 'R1', date: '2026-04-30' },
      }),
      '/recarga/ok',
    );
    expect(reply).toMatchObject({ outcome: 'receipt-recorded', line: { expiresOn: '2026-05-04' } });
    expect(await db.lines.get(id)).toMatchObject({
      expiresOn: '2026-05-04',
      lastRechargeOn: '2026-04-30',
    });
    const [stored] = await db.readings.toArray();
    expect(stored!.expiresOn).toBeNull();
    expect(stored!.notes).toContain('lk:receipt-expiry-ignored');
  });
});

describe('line identity never guesses against evidence', () => {
  it('masked digits land only on the one line ending with them; otherwise the reading waits', async () => {
    const a = await addLine({ msisdn: '+5491155552215' });
    const masked = reading({ msisdn: null, msisdnTail: '3344', expiresOn: '2026-07-01' });
    expect(await page(masked)).toMatchObject({ outcome: 'unassigned', line: null });
    expect((await db.lines.get(a))!.expiresOn).toBeNull();
    const b = await addLine({ msisdn: '+5491155553344' });
    clock.now += 60_000;
    const again = reading({ ...masked, balance: { amount: 1, currency: 'ARS' } });
    expect(await page(again)).toMatchObject({ outcome: 'saved', line: { id: b } });
  });

  it('a page that masks its number without readable digits waits, even with one line', async () => {
    await addLine({ msisdn: '+5491155552215' });
    const reply = await page(reading({ msisdn: null, notes: ['msisdn: masked'] }));
    expect(reply).toMatchObject({ outcome: 'unassigned' });
  });

  it('a numberless reading never lands on a name-only line, even the only one', async () => {
    const mama = await addLine({ msisdn: null, label: 'Mamá', expiresOn: '2026-05-04' });
    expect(await page(reading({ msisdn: null, expiresOn: '2026-09-01' }))).toMatchObject({
      outcome: 'unassigned',
    });
    expect((await db.lines.get(mama))!.expiresOn).toBe('2026-05-04');
  });

  it('a numberless receipt is booked on the only numbered line, and waits with two', async () => {
    const a = await addLine({ msisdn: '+5491155552215' });
    const receipt = (operationId: string) =>
      reading({
        kind: 'receipt',
        msisdn: null,
        balance: null,
        expiresOn: null,
        receipt: { amount: 100, currency: 'ARS', operationId, date: '2026-04-30' },
      });
    expect(await page(receipt('R1'), '/ok')).toMatchObject({
      outcome: 'receipt-recorded',
      line: { id: a },
    });
    await addLine({ msisdn: '+5491155553344' });
    expect(await page(receipt('R2'), '/ok')).toMatchObject({
      outcome: 'receipt-recorded',
      line: null,
    });
  });
});

describe('a page date never silently replaces the user’s own', () => {
  it('holds it, asks, and applies the answer', async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    const reply = await page(reading({ expiresOn: '2027-06-01' }));
    expect(reply).toMatchObject({
      outcome: 'held',
      held: 'expiry-conflict',
      line: { id, expiresOn: '2026-05-04' },
    });
    expect((await db.lines.get(id))!.heldExpiry).toMatchObject({
      expiresOn: '2027-06-01',
      declined: false,
    });
    expect((await db.readings.toArray())[0]!.notes).toContain('lk:expiry-conflict');

    const stale = await ui({
      type: 'ui:resolve-expiry',
      lineId: id,
      keep: 'page',
      expiresOn: '2027-06-02',
    });
    expect(stale).toMatchObject({ ok: false });
    const taken = await ui({
      type: 'ui:resolve-expiry',
      lineId: id,
      keep: 'page',
      expiresOn: '2027-06-01',
    });
    expect(taken).toMatchObject({ ok: true, line: { expiresOn: '2027-06-01' } });
    expect(await db.lines.get(id)).toMatchObject({ expirySource: 'page', heldExpiry: null });
    expect(
      await ui({ type: 'ui:resolve-expiry', lineId: id, keep: 'mine', expiresOn: '2027-06-01' }),
    ).toMatchObject({ ok: false });
  });

  it('"keep mine" keeps it, and the same page date is not asked again', async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    await page(reading({ expiresOn: '2027-06-01' }));
    await ui({ type: 'ui:resolve-expiry', lineId: id, keep: 'mine', expiresOn: '2027-06-01' });
    clock.now += 60_000;
    await page(reading({ expiresOn: '2027-06-01', balance: { amount: 3, currency: 'ARS' } }));
    expect(await db.lines.get(id)).toMatchObject({
      expiresOn: '2026-05-04',
      heldExpiry: { expiresOn: '2027-06-01', declined: true },
    });
  });

  it("the user's next date answers the question", async () => {
    const id = await addLine({ expiresOn: '2026-05-04' });
    await page(reading({ expiresOn: '2027-06-01' }));
    await ui({ type: 'ui:update-line', lineId: id, patch: { expiresOn: '2026-06-04' } });
    expect((await db.lines.get(id))!.heldExpiry).toBeNull();
  });
});

describe('waiting readings: placed, made a line of, or discarded', () => {
  it('adds a line from a waiting reading, named by the digits it showed', async () => {
    await addLine({ msisdn: '+5491155552215' });
    const reply = await page(
      reading({ msisdn: null, msisdnTail: '3344', expiresOn: '2026-07-01' }),
    );
    const readingId = reply.readingId as number;
    const added = await ui({ type: 'ui:add-line-from-reading', readingId });
    expect(added).toMatchObject({
      ok: true,
      line: { label: '…3344', msisdn: null, expiresOn: '2026-07-01' },
    });
    expect((await db.readings.get(readingId))!.lineId).toBe((added.line as { id: string }).id);
    expect(await ui({ type: 'ui:add-line-from-reading', readingId })).toMatchObject({ ok: false });
  });

  it('refuses to place a reading on a line whose number contradicts it', async () => {
    const a = await addLine({ msisdn: '+5491155552215' });
    const reply = await page(reading({ msisdn: null, msisdnTail: '3344' }));
    const before = await snapshot(db);
    const refused = await ui({ type: 'ui:assign-reading', readingId: reply.readingId, lineId: a });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('another number') });
    expect(await snapshot(db)).toEqual(before);
  });

  it('discards a waiting reading and the receipt it recorded', async () => {
    await addLine({ msisdn: '+5491155552215' });
    await addLine({ msisdn: '+5491155553344' });
    const reply = await page(
      reading({
        kind: 'receipt',
        msisdn: null,
        balance: null,
        expiresOn: null,
        receipt: { amount: 100, currency: 'ARS', operationId: 'R9', date: '2026-04-30' },
      }),
      '/ok',
    );
    expect(await db.renewals.count()).toBe(1);
    expect(await ui({ type: 'ui:discard-reading', readingId: reply.readingId })).toEqual({
      ok: true,
    });
    expect(await db.readings.count()).toBe(0);
    expect(await db.renewals.count()).toBe(0);
  });
});

/** As many lines as LineKeeper keeps, written straight into the database. */
async function fillToLineCap() {
  await db.lines.bulkAdd(
    Array.from({ length: MAX_LINES }, (_, i) =>
      line({
        id: `l${i}`,
        msisdn: `+549113${String(i).padStart(7, '0')}`,
        expiresOn: '2026-06-01',
      }),
    ),
  );
}

describe('limits', () => {
  it('a page that changes its number every second makes at most 3 lines a minute', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 25; i++) {
      const msisdn = `+54911555${String(10_000 + i).padStart(5, '0')}`;
      replies.push(await page(reading({ msisdn, balance: { amount: i, currency: 'ARS' } })));
      clock.now += 1000;
    }
    expect(await db.lines.count()).toBe(3);
    const outcomes = replies.map((reply) => reply.outcome);
    expect(outcomes.slice(0, 3)).toEqual(['saved', 'saved', 'saved']);
    expect(outcomes.slice(3, PAGE_READINGS_PER_MINUTE)).toEqual(Array(17).fill('unassigned'));
    expect(outcomes.slice(PAGE_READINGS_PER_MINUTE)).toEqual(Array(5).fill('limited'));
    const waiting = await db.readings.filter((r) => r.lineId === null).toArray();
    expect(waiting).toHaveLength(17);
    expect(waiting.every((r) => r.notes.includes('lk:page-limit'))).toBe(true);
    // Another tab of the same site is another page; a minute later the first may go on.
    const other = carrierSender();
    other.tab!.id = 8;
    expect(await page(reading({ msisdn: '+5491199990001' }), '/inicio', other)).toMatchObject({
      created: true,
    });
    clock.now += 60_000;
    expect(await page(reading({ msisdn: '+5491199990002' }))).toMatchObject({ created: true });
  });

  it(`keeps at most ${MAX_LINES} lines: add refuses, a page's new number waits`, async () => {
    await fillToLineCap();
    const refused = await ui({
      type: 'ui:add-line',
      carrier: 'claro',
      msisdn: null,
      label: 'x',
      expiresOn: null,
      balance: null,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringContaining(`at most ${MAX_LINES} lines`),
    });
    const reply = await page(reading({ msisdn: '+5491199990000' }));
    expect(reply).toMatchObject({ outcome: 'unassigned', created: false });
    expect((await db.readings.toArray())[0]!.notes).toContain('lk:line-cap');
    expect(await db.lines.count()).toBe(MAX_LINES);
  });

  it('a database at the line cap exports, and the export imports again', async () => {
    await fillToLineCap();
    const exported = await ui({ type: 'ui:export-backup' });
    expect(exported.ok).toBe(true);
    const backup = JSON.parse(JSON.stringify(exported.backup));
    expect(backup.lines).toHaveLength(MAX_LINES);
    await db.lines.clear();
    expect(await ui({ type: 'ui:import-backup', backup })).toMatchObject({
      ok: true,
      counts: { lines: MAX_LINES },
    });
    expect(await db.lines.count()).toBe(MAX_LINES);
    const over = {
      ...backup,
      lines: [...backup.lines, { ...backup.lines[0], id: 'one-more', msisdn: null, label: 'x' }],
    };
    expect(await ui({ type: 'ui:import-backup', backup: over })).toMatchObject({ ok: false });
  });
});

describe('pages and tabs', () => {
  it('a private window stores nothing, and says so', async () => {
    const sender = carrierSender();
    sender.tab!.incognito = true;
    const reply = await page(reading(), '/inicio', sender);
    expect(reply).toMatchObject({ ok: true, outcome: 'private', readingId: null, line: null });
    expect(await snapshot(db)).toEqual({
      lines: [],
      readings: [],
      renewals: [],
      settings: [],
      trash: [],
    });
  });

  it('stores page paths with digit runs masked, in readings and on the line', async () => {
    await page(reading(), '/cliente/30123456/consumos');
    expect((await db.readings.toArray())[0]!.path).toBe('/cliente/########/consumos');
    expect((await db.lines.toArray())[0]!.lastReadingPath).toBe('/cliente/########/consumos');
  });

  it('remembers a dismissal for its tab and path in storage.session, not the page', async () => {
    expect(await page(reading())).toMatchObject({ dismissed: false });
    expect(await send({ type: 'cs:dismiss-overlay', path: '/inicio' }, carrierSender())).toEqual({
      ok: true,
    });
    clock.now += 1000;
    expect(await page(reading({ balance: { amount: 1, currency: 'ARS' } }))).toMatchObject({
      outcome: 'saved',
      dismissed: true,
    });
    expect(await page(reading(), '/consumos')).toMatchObject({ dismissed: false });
    const otherTab = carrierSender();
    otherTab.tab!.id = 99;
    expect(await page(reading(), '/inicio', otherTab)).toMatchObject({ dismissed: false });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      'linekeeper:dismissed': ['7 /inicio'],
    });
  });
});

describe('import and undo', () => {
  it('an import empties the trash: an undo after it cannot bring back what it replaced', async () => {
    await page(reading());
    const exported = await ui({ type: 'ui:export-backup' });
    const backup = JSON.parse(JSON.stringify(exported.backup));
    const lineId = (await db.lines.toArray())[0]!.id;
    const deleted = await ui({ type: 'ui:delete-line', lineId });
    expect(await db.trash.count()).toBe(1);
    expect(
      await ui({ type: 'ui:import-backup', backup: { ...backup, lines: [], readings: [] } }),
    ).toMatchObject({ ok: true });
    expect(await db.trash.count()).toBe(0);
    const undo = await ui({ type: 'ui:restore-line', trashId: deleted.trashId });
    expect(undo).toMatchObject({ ok: false, error: expect.stringContaining('no longer kept') });
    expect(await db.lines.count()).toBe(0);
  });

  it('a restore never overwrites a reading stored since: restored readings get fresh ids', async () => {
    await page(reading());
    const lineId = (await db.lines.toArray())[0]!.id;
    const [old] = await db.readings.toArray();
    const deleted = await ui({ type: 'ui:delete-line', lineId });
    // A reading of another line now holds the next id… and one reuses the old id (an import can).
    await page(reading({ msisdn: '+5491155550000' }));
    await db.readings.put({ ...(await db.readings.toArray())[0]!, id: old!.id });
    const kept = await db.readings.toArray();
    expect(await ui({ type: 'ui:restore-line', trashId: deleted.trashId })).toMatchObject({
      ok: true,
    });
    const after = await db.readings.toArray();
    expect(after).toHaveLength(kept.length + 1);
    for (const reading of kept) expect(after).toContainEqual(reading);
  });
});
