import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LineKeeperDb } from '../../utils/background/db';
import {
  handleMessage,
  type MessageDeps,
  type MessageSender,
} from '../../utils/background/dispatch';
import { DEFAULT_SETTINGS, type Reading } from '../../utils/domain/records';
import {
  carrierSender,
  freshDb,
  messageDeps,
  popupSender,
  reading,
  snapshot,
  type Clock,
} from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

const at = (iso: string) => Date.parse(iso);

let db: LineKeeperDb;
let clock: Clock;
let deps: MessageDeps;
let afterWrite: ReturnType<typeof vi.fn<() => Promise<unknown>>>;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  clock = { now: at('2026-05-01T15:00:00Z') };
  afterWrite = vi.fn(async () => undefined);
  deps = messageDeps(db, clock, afterWrite);
});

const readAt = () => new Date(clock.now).toISOString();

function sendReading(r: Reading, sender: MessageSender = carrierSender(), path = '/consumos') {
  return handleMessage(
    { type: 'cs:reading', reading: r, path, readAt: readAt(), page: ACCOUNT_PAGE },
    sender,
    deps,
  );
}

function ui(message: Record<string, unknown>) {
  return handleMessage(message, popupSender(), deps);
}

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
  if (!reply.ok || !('line' in reply)) throw new Error(JSON.stringify(reply));
  return reply.line!;
}

describe('senders', () => {
  const message = () => ({
    type: 'cs:reading',
    reading: reading(),
    path: '/consumos',
    readAt: readAt(),
    page: ACCOUNT_PAGE,
  });

  it.each([
    ['another extension', { ...carrierSender(), id: 'evil' }],
    ['a look-alike host', carrierSender('https://m-miclaro.claro.com.ar.evil.com/')],
    ['plain http', carrierSender('http://m-miclaro.claro.com.ar/')],
    ['a login host', carrierSender('https://ingreso.claro.com.ar/')],
    ['an extension page', popupSender()],
    ['a frame on another site', { ...carrierSender(), url: 'https://evil.example/' }],
    ['no tab', { id: fakeBrowser.runtime.id, url: 'https://m-miclaro.claro.com.ar/' }],
  ])('refuses cs: messages from %s', async (_name, sender) => {
    const reply = await handleMessage(message(), sender as MessageSender, deps);
    expect(reply.ok).toBe(false);
    expect(await db.lines.count()).toBe(0);
  });

  it.each([
    ['a carrier page', carrierSender()],
    [
      'a web page tab claiming an extension url',
      { ...popupSender(), tab: { url: 'https://evil.example/' } },
    ],
    ['another extension', { ...popupSender(), id: 'evil' }],
  ])('refuses ui: messages from %s', async (_name, sender) => {
    const reply = await handleMessage(
      {
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: 'x',
        expiresOn: null,
        balance: null,
      },
      sender as MessageSender,
      deps,
    );
    expect(reply).toMatchObject({ ok: false });
    expect(await db.lines.count()).toBe(0);
  });

  it('accepts the popup opened in a tab', async () => {
    const url = `${fakeBrowser.runtime.getURL('/')}popup.html`;
    const reply = await handleMessage(
      {
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: 'x',
        expiresOn: null,
        balance: null,
      },
      { id: fakeBrowser.runtime.id, url, tab: { id: 3, url } },
      deps,
    );
    expect(reply.ok).toBe(true);
  });

  it('refuses a reading that names another carrier than its page', async () => {
    const reply = await sendReading(reading({ carrier: 'personal' }));
    expect(reply).toMatchObject({ ok: false });
  });

  it('refuses a path with a query string and a readAt far from now', async () => {
    expect(await sendReading(reading(), carrierSender(), '/consumos?dni=123')).toMatchObject({
      ok: false,
    });
    const stale = await handleMessage(
      {
        type: 'cs:reading',
        reading: reading(),
        path: '/',
        readAt: '2020-01-01T00:00:00Z',
        page: ACCOUNT_PAGE,
      },
      carrierSender(),
      deps,
    );
    expect(stale).toMatchObject({ ok: false });
    expect(afterWrite).not.toHaveBeenCalled();
  });
});

describe('cs:reading and line identity', () => {
  it('a reading with a number creates its line, then updates it', async () => {
    const first = await sendReading(reading());
    expect(first).toMatchObject({
      ok: true,
      outcome: 'saved',
      created: true,
      previousBalance: null,
      line: { msisdn: '+5491134567812', expiresOn: '2026-06-20', daysLeft: 50, estimated: false },
    });
    expect(afterWrite).toHaveBeenCalledTimes(1);

    clock.now += 60_000;
    const again = await sendReading(reading());
    expect(again).toMatchObject({ ok: true, outcome: 'unchanged', created: false });
    expect(afterWrite).toHaveBeenCalledTimes(1);

    clock.now += 60_000;
    const spent = await sendReading(reading({ balance: { amount: 1350, currency: 'ARS' } }));
    expect(spent).toMatchObject({
      outcome: 'saved',
      previousBalance: { amount: 1500 },
      line: { balance: { amount: 1350 } },
    });
    expect(await db.lines.count()).toBe(1);
    expect(await db.readings.count()).toBe(2);
    const [stored] = await db.readings.toArray();
    expect(stored!.path).toBe('/consumos');
    const line = (await db.lines.toArray())[0]!;
    expect(line).toMatchObject({
      source: 'page',
      previousBalance: { amount: 1500 },
      lastReadingPath: '/consumos',
    });
  });

  it('a reading without a number attaches to the carrier’s only line', async () => {
    await sendReading(reading());
    const reply = await sendReading(
      reading({ msisdn: null, balance: { amount: 99, currency: 'ARS' } }),
    );
    expect(reply).toMatchObject({ outcome: 'saved', line: { balance: { amount: 99 } } });
  });

  it('with two lines (or none) a numberless reading waits unassigned, once', async () => {
    const none = await sendReading(reading({ msisdn: null }));
    expect(none).toMatchObject({ ok: true, outcome: 'unassigned', line: null });
    expect(await sendReading(reading({ msisdn: null }))).toMatchObject({ outcome: 'unchanged' });

    await sendReading(reading());
    await sendReading(reading({ msisdn: '+5491155550000' }));
    const reply = await sendReading(reading({ msisdn: null, expiresOn: '2026-07-01' }));
    expect(reply).toMatchObject({ outcome: 'unassigned' });
    const readingId = (reply as { readingId: number }).readingId;
    const lineId = (await db.lines.where('msisdn').equals('+5491155550000').first())!.id;

    const assigned = await ui({ type: 'ui:assign-reading', readingId, lineId });
    expect(assigned).toMatchObject({ ok: true, line: { id: lineId, expiresOn: '2026-07-01' } });
    expect((await db.readings.get(readingId))!.lineId).toBe(lineId);
    expect(await ui({ type: 'ui:assign-reading', readingId, lineId })).toMatchObject({ ok: false });
  });

  it('a number on the page never takes over a label-only line: it makes its own', async () => {
    const manual = await addLine({ msisdn: null, label: 'Mamá', expiresOn: '2026-05-04' });
    const reply = await sendReading(reading());
    expect(reply).toMatchObject({
      outcome: 'saved',
      created: true,
      line: { msisdn: '+5491134567812', expiresOn: '2026-06-20' },
    });
    expect(await db.lines.get(manual.id)).toMatchObject({
      msisdn: null,
      label: 'Mamá',
      expiresOn: '2026-05-04',
    });
    expect(await db.lines.count()).toBe(2);
  });

  it('kind none and empty readings are ignored, nothing stored', async () => {
    expect(await sendReading(reading({ kind: 'none' }))).toMatchObject({
      ok: true,
      outcome: 'ignored',
    });
    expect(
      await sendReading(reading({ msisdn: null, balance: null, expiresOn: null })),
    ).toMatchObject({ outcome: 'ignored' });
    expect(await db.readings.count()).toBe(0);
    expect(afterWrite).not.toHaveBeenCalled();
  });

  it('a receipt is recorded once however often the page is reloaded, and sets the last recharge', async () => {
    await sendReading(reading({ expiresOn: null }));
    const receipt = reading({
      kind: 'receipt',
      balance: null,
      expiresOn: null,
      receipt: { amount: 2000, currency: 'ARS', operationId: '000123AB', date: '2026-04-30' },
    });
    const sender = carrierSender('https://www.claro.com.ar/personas/recarga/ok');
    const replies = [];
    for (let i = 0; i < 3; i++)
      replies.push(await sendReading(receipt, sender, '/personas/recarga/ok'));
    expect(replies.map((r) => (r as unknown as { outcome: string }).outcome)).toEqual([
      'receipt-recorded',
      'receipt-duplicate',
      'receipt-duplicate',
    ]);
    const renewals = await db.renewals.toArray();
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({
      operationId: '000123AB',
      amount: 2000,
      source: 'receipt',
      date: '2026-04-30',
    });
    const line = (await db.lines.toArray())[0]!;
    expect(line.lastRechargeOn).toBe('2026-04-30');
    // No expiry known: estimated from the recharge.
    expect(replies[0]).toMatchObject({ line: { expiresOn: '2026-10-27', estimated: true } });
  });
});

describe('unassigned receipts', () => {
  it('placing an older receipt links its renewal and sets the last recharge, keeps newer values', async () => {
    await sendReading(reading());
    await sendReading(reading({ msisdn: '+5491155550000' }));
    const receipt = reading({
      kind: 'receipt',
      msisdn: null,
      balance: { amount: 1, currency: 'ARS' },
      expiresOn: null,
      receipt: { amount: 2000, currency: 'ARS', operationId: 'R-1', date: '2026-04-29' },
    });
    const reply = await sendReading(
      receipt,
      carrierSender('https://www.claro.com.ar/personas/recarga/ok'),
      '/ok',
    );
    expect(reply).toMatchObject({ outcome: 'receipt-recorded', line: null });
    const readingId = (reply as unknown as { readingId: number }).readingId;
    expect((await db.renewals.toArray())[0]!.lineId).toBeNull();

    clock.now += 60_000;
    const target = (await db.lines.where('msisdn').equals('+5491134567812').first())!;
    await sendReading(reading({ balance: { amount: 777, currency: 'ARS' } }));
    const placed = await ui({ type: 'ui:assign-reading', readingId, lineId: target.id });
    expect(placed).toMatchObject({
      ok: true,
      line: { lastRechargeOn: '2026-04-29', balance: { amount: 777 } },
    });
    expect((await db.renewals.toArray())[0]!.lineId).toBe(target.id);
  });
});

describe("cs:choose-expiry: the overlay's one-click answer to two competing expiries", () => {
  // The page showed two dates for the expiry (the engine abstained), and one out of bounds.
  const torn = () =>
    reading({ expiresOn: null, expiryChoices: ['2026-06-10', '2026-07-05', '2031-01-01'] });

  async function readTorn(r: Reading = torn()) {
    const reply = await sendReading(r);
    if (!reply.ok || !('outcome' in reply)) throw new Error(JSON.stringify(reply));
    return reply;
  }

  const choose = (readingId: number, expiresOn: string, sender = carrierSender()) =>
    handleMessage({ type: 'cs:choose-expiry', readingId, expiresOn }, sender, deps);

  it('stores the in-bounds choices with the reading and asks the question on its card', async () => {
    const reply = await readTorn();
    expect(reply.outcome).toBe('saved');
    const stored = await db.readings.get(reply.readingId!);
    // The date 5 years ahead is past the bounds every page date is held to: dropped.
    expect(stored?.expiryChoices).toEqual(['2026-06-10', '2026-07-05']);
    expect(reply.overlay?.choice).toMatchObject({
      readingId: reply.readingId,
      dates: [{ iso: '2026-06-10' }, { iso: '2026-07-05' }],
    });
    // The same page again asks again, from the reading already stored.
    const again = await readTorn();
    expect(again.outcome).toBe('unchanged');
    expect(again.overlay?.choice?.readingId).toBe(reply.readingId);
  });

  it("a listed date becomes the line's expiry as the user's own, and the card says saved", async () => {
    const { readingId, line } = await readTorn();
    afterWrite.mockClear();
    const reply = await choose(readingId!, '2026-07-05');
    expect(reply).toMatchObject({ ok: true, line: { id: line!.id, expiresOn: '2026-07-05' } });
    const saved = await db.lines.get(line!.id);
    expect(saved).toMatchObject({ expiresOn: '2026-07-05', expirySource: 'manual' });
    expect(afterWrite).toHaveBeenCalledTimes(1);
    if (!reply.ok || !('overlay' in reply)) throw new Error(JSON.stringify(reply));
    expect(reply.overlay).toMatchObject({ mode: 'saved', choice: null, unsure: null });
    expect(reply.overlay?.expiry?.text).toMatch(/2026/);
    // Answered: the same page no longer asks.
    expect((await readTorn()).overlay?.choice).toBeNull();
  });

  it('refuses a date the reading did not offer, and changes nothing', async () => {
    const { readingId } = await readTorn();
    const before = await snapshot(db);
    for (const date of ['2026-08-01', '2031-01-01']) {
      const reply = await choose(readingId!, date);
      expect(reply).toEqual({
        ok: false,
        error: 'refused: this date is not one of the dates the page offered',
      });
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses a reading that does not exist, or is another carrier's", async () => {
    const { readingId } = await readTorn();
    const before = await snapshot(db);
    expect(await choose(readingId! + 100, '2026-06-10')).toEqual({
      ok: false,
      error: 'refused: no such reading',
    });
    const movistar = carrierSender('https://mi.movistar.com.ar/inicio');
    expect(await choose(readingId!, '2026-06-10', movistar)).toEqual({
      ok: false,
      error: 'refused: no such reading',
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a waiting reading with a full number makes its line, with the chosen date', async () => {
    // Stored while the page could not make lines (caps): it waits, with its number.
    const readingId = await db.readings.add({
      lineId: null,
      carrier: 'claro',
      kind: 'account',
      msisdn: '+5491134567812',
      balance: null,
      expiresOn: null,
      expiryChoices: ['2026-06-10', '2026-07-05'],
      receipt: null,
      notes: [],
      path: '/consumos',
      readAt: readAt(),
      fingerprint: 'waiting',
    });
    const reply = await choose(readingId, '2026-06-10');
    expect(reply).toMatchObject({ ok: true, line: { expiresOn: '2026-06-10' } });
    const lines = await db.lines.toArray();
    expect(lines).toMatchObject([
      { msisdn: '+5491134567812', expiresOn: '2026-06-10', expirySource: 'manual' },
    ]);
    expect((await db.readings.get(readingId))?.lineId).toBe(lines[0]!.id);
  });

  it('refuses from a private window, and changes nothing', async () => {
    const { readingId } = await readTorn();
    const before = await snapshot(db);
    const url = 'https://m-miclaro.claro.com.ar/consumos';
    const incognito = { ...carrierSender(url), tab: { id: 7, url, incognito: true } };
    expect(await choose(readingId!, '2026-06-10', incognito)).toEqual({
      ok: false,
      error: 'refused: nothing is stored from a private window',
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a waiting reading makes its line only when it has a full number', async () => {
    // Two claro lines: a numberless page cannot tell which it is, so it waits.
    await addLine({ msisdn: '+5491100000001' });
    await addLine({ msisdn: '+5491100000002' });
    const waiting = await readTorn({ ...torn(), msisdn: null });
    expect(waiting.outcome).toBe('unassigned');
    const before = await snapshot(db);
    expect(await choose(waiting.readingId!, '2026-06-10')).toEqual({
      ok: false,
      error: 'refused: this reading has no line and no full number to make one',
    });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('cs:hide-overlay and cs:open-add-line', () => {
  it('hides the overlay for the host', async () => {
    expect(await handleMessage({ type: 'cs:hide-overlay' }, carrierSender(), deps)).toEqual({
      ok: true,
    });
    expect(await sendReading(reading())).toMatchObject({ ok: true, overlayDisabled: true });
    expect((await db.settings.get('settings'))!.value.overlayHiddenHosts).toEqual([
      'm-miclaro.claro.com.ar',
    ]);
  });

  it('keeps storing readings where the overlay is hidden, and says so in the answer', async () => {
    expect(await sendReading(reading())).toMatchObject({ ok: true, overlayDisabled: false });
    await handleMessage({ type: 'cs:hide-overlay' }, carrierSender(), deps);
    clock.now += 60_000;
    const reply = await sendReading(reading({ balance: { amount: 1350, currency: 'ARS' } }));
    expect(reply).toMatchObject({ ok: true, outcome: 'saved', overlayDisabled: true });
    expect((await db.lines.toArray()).map((line) => line.balance?.amount)).toEqual([1350]);
  });

  it('cs:open-add-line asks the worker to open the form with the prefill', async () => {
    const openAddLine = vi.fn(async () => undefined);
    const prefill = { carrier: 'claro', msisdn: null, expiresOn: '2026-06-20', balance: null };
    const reply = await handleMessage({ type: 'cs:open-add-line', prefill }, carrierSender(), {
      ...deps,
      openAddLine,
    });
    expect(reply).toEqual({ ok: true });
    expect(openAddLine).toHaveBeenCalledWith(prefill);
  });

  it('cs:open-glossary asks the worker to open the glossary, and writes nothing', async () => {
    const openGlossary = vi.fn(async () => undefined);
    const before = await snapshot(db);
    const reply = await handleMessage({ type: 'cs:open-glossary' }, carrierSender(), {
      ...deps,
      openGlossary,
    });
    expect(reply).toEqual({ ok: true });
    expect(openGlossary).toHaveBeenCalledTimes(1);
    expect(afterWrite).not.toHaveBeenCalled();
    expect(await snapshot(db)).toEqual(before);
    // Only from a carrier page, like every cs: message.
    expect(await handleMessage({ type: 'cs:open-glossary' }, popupSender(), deps)).toMatchObject({
      ok: false,
    });
  });
});

describe('ui: lines', () => {
  it('add needs a number or a label, and a number only once per carrier', async () => {
    expect(
      await ui({
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: null,
        label: '  ',
        expiresOn: null,
        balance: null,
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('number or a label') });
    await addLine();
    expect(
      await ui({
        type: 'ui:add-line',
        carrier: 'claro',
        msisdn: '+5491134567812',
        label: '',
        expiresOn: null,
        balance: null,
      }),
    ).toMatchObject({ ok: false });
    expect(await db.lines.count()).toBe(1);
  });

  it('update changes fields and restarts reminders for a new expiry', async () => {
    const line = await addLine({ expiresOn: '2026-05-10' });
    await db.lines.update(line.id, { lastReminder: { expiresOn: '2026-05-10', lead: 7 } });
    clock.now += 1000;
    const reply = await ui({
      type: 'ui:update-line',
      lineId: line.id,
      patch: {
        label: 'Trabajo',
        expiresOn: '2026-08-10',
        balance: { amount: 10, currency: 'ARS' },
      },
    });
    expect(reply).toMatchObject({ ok: true, line: { label: 'Trabajo', expiresOn: '2026-08-10' } });
    const stored = (await db.lines.get(line.id))!;
    expect(stored).toMatchObject({ expirySource: 'manual', expiryKnownSince: clock.now });
    expect(await ui({ type: 'ui:update-line', lineId: 'nope', patch: {} })).toMatchObject({
      ok: false,
    });
    expect(
      await ui({ type: 'ui:update-line', lineId: line.id, patch: { msisdn: null, label: '' } }),
    ).toMatchObject({ ok: false });
  });

  it('delete keeps everything in the trash; restore brings it all back', async () => {
    await sendReading(reading());
    await ui({
      type: 'ui:record-renewal',
      lineId: (await db.lines.toArray())[0]!.id,
      date: '2026-04-30',
      amount: 1500,
      months: 1,
      paymentMethod: 'credit-card',
      operationId: 'X1',
      note: '',
      newExpiresOn: null,
    });
    const before = await snapshot(db);
    const lineId = before.lines[0]!.id;
    const deleted = await ui({ type: 'ui:delete-line', lineId });
    expect(deleted).toMatchObject({ ok: true, trashId: expect.any(String) });
    expect(await db.lines.count()).toBe(0);
    expect(await db.readings.count()).toBe(0);
    expect(await db.renewals.count()).toBe(0);
    const restored = await ui({
      type: 'ui:restore-line',
      trashId: (deleted as { trashId: string }).trashId,
    });
    expect(restored).toMatchObject({ ok: true, line: { id: lineId } });
    // Everything is back; the readings under fresh ids (a restore never overwrites one).
    const after = await snapshot(db);
    const withoutIds = (readings: typeof before.readings) => readings.map(({ id: _, ...r }) => r);
    expect({ ...after, readings: withoutIds(after.readings), trash: [] }).toEqual({
      ...before,
      readings: withoutIds(before.readings),
      trash: [],
    });
    expect(after.readings[0]!.id).not.toBe(before.readings[0]!.id);
    expect(await db.trash.count()).toBe(0);
  });

  it('records a renewal, optionally moving the expiry; refuses a repeated operation id', async () => {
    const line = await addLine({ expiresOn: '2026-05-05' });
    const renewal = {
      type: 'ui:record-renewal',
      lineId: line.id,
      date: '2026-05-01',
      amount: 3000,
      months: 3,
      paymentMethod: 'paypal',
      operationId: 'OP-9',
      note: 'promo 3x2',
      newExpiresOn: '2026-08-05',
    };
    expect(await ui(renewal)).toMatchObject({
      ok: true,
      line: { expiresOn: '2026-08-05', lastRechargeOn: '2026-05-01' },
    });
    expect(await ui(renewal)).toMatchObject({ ok: false });
    expect(await ui({ ...renewal, operationId: null, months: 2 })).toMatchObject({ ok: false });
    expect(await ui({ ...renewal, operationId: null, date: '2027-01-01' })).toMatchObject({
      ok: false,
    });
    expect(await db.renewals.count()).toBe(1);
  });

  it('snoozes and un-snoozes a line', async () => {
    const line = await addLine();
    const until = new Date(clock.now + 86_400_000).toISOString();
    expect(await ui({ type: 'ui:snooze-line', lineId: line.id, until })).toMatchObject({
      ok: true,
      line: { snoozedUntil: clock.now + 86_400_000 },
    });
    expect(
      await ui({ type: 'ui:snooze-line', lineId: line.id, until: '2020-01-01T00:00:00Z' }),
    ).toMatchObject({ ok: false });
    expect(await ui({ type: 'ui:snooze-line', lineId: line.id, until: null })).toMatchObject({
      line: { snoozedUntil: null },
    });
  });
});

describe('ui: settings and backup', () => {
  it('saves a settings patch, validated', async () => {
    const reply = await ui({
      type: 'ui:save-settings',
      settings: { leadDays: [1, 14, 3], reminderHour: 21 },
    });
    expect(reply).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, leadDays: [14, 3, 1], reminderHour: 21 },
    });
    for (const bad of [
      { reminderHour: 24 },
      { leadDays: [1, 1] },
      { leadDays: [-1] },
      { overlayHiddenHosts: ['Bad Host'] },
    ]) {
      expect(await ui({ type: 'ui:save-settings', settings: bad })).toMatchObject({ ok: false });
    }
    expect((await db.settings.get('settings'))!.value.reminderHour).toBe(21);
  });

  it('export → import round-trips; an invalid backup changes nothing', async () => {
    await sendReading(reading());
    await sendReading(reading({ msisdn: '+5491155550000' }));
    const exported = await ui({ type: 'ui:export-backup' });
    expect(exported.ok).toBe(true);
    const backup = JSON.parse(JSON.stringify((exported as { backup: unknown }).backup));
    const before = await snapshot(db);

    const broken = structuredClone(backup);
    broken.readings[1].lineId = 'missing';
    expect(await ui({ type: 'ui:import-backup', backup: broken })).toMatchObject({ ok: false });
    const invalid = structuredClone(backup);
    invalid.lines[0].expiresOn = '2026-02-30';
    expect(await ui({ type: 'ui:import-backup', backup: invalid })).toMatchObject({
      ok: false,
      error: expect.stringContaining('lines.0.expiresOn'),
    });
    expect(await snapshot(db)).toEqual(before);

    await ui({ type: 'ui:delete-line', lineId: before.lines[0]!.id });
    const imported = await ui({ type: 'ui:import-backup', backup });
    expect(imported).toEqual({ ok: true, counts: { lines: 2, readings: 2, renewals: 0 } });
    const after = await snapshot(db);
    expect({ ...after, trash: [] }).toEqual({ ...before, trash: [], settings: after.settings });
  });

  it('an import that fails inside the transaction rolls everything back', async () => {
    await sendReading(reading());
    const exported = (await ui({ type: 'ui:export-backup' })) as {
      backup: { readings: unknown[] };
    };
    const backup = JSON.parse(JSON.stringify(exported.backup));
    const before = await snapshot(db);
    const spy = vi.spyOn(db.renewals, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    expect(
      await ui({ type: 'ui:import-backup', backup: { ...backup, lines: [], readings: [] } }),
    ).toMatchObject({ ok: false });
    spy.mockRestore();
    expect(await snapshot(db)).toEqual(before);
  });
});
