/**
 * 1,000 random sequences of what happens to a user's lines — carrier pages read (numbers,
 * masked digits, dates in and out of bounds, receipts), lines added and edited by hand,
 * renewals recorded, "keep which?" answered — sent through handleMessage as the browser
 * would. After every step each line's expiry must be exactly what a small model of the
 * rules says, and no expiry may have moved later without a source the rules allow.
 *
 * The model is written here from docs/reading-rules.md, on its own: plain date
 * arithmetic, no import of the product's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background/dispatch';
import { carrierSender, freshDb, messageDeps, popupSender } from './background-helpers';
import { ACCOUNT_PAGE } from '../support/page-facts';

// ───────────────────────── the model ─────────────────────────

const DAY = 86_400_000;
/** Buenos Aires is UTC−3 all year. */
const baDay = (instant: number) => new Date(instant - 3 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysFrom = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const expiryOk = (date: string, day: string) =>
  daysFrom(day, date) >= -60 && daysFrom(day, date) <= 400;

type Carrier = 'claro' | 'personal';
type Source = 'page' | 'manual' | 'renewal' | null;

interface ModelLine {
  carrier: Carrier;
  msisdn: string | null;
  label: string;
  expiresOn: string | null;
  source: Source;
  /** The values of the last reading applied: an identical reading is not applied again. */
  lastKey: string | null;
  held: { date: string; declined: boolean } | null;
}

const NUMBERS = ['+5491155552215', '+5491155553344', '+5491166663344'];
const TAILS = ['2215', '3344', '0001', '9999'];
const URLS: Record<Carrier, string> = {
  claro: 'https://m-miclaro.claro.com.ar/inicio',
  personal: 'https://autogestion.personal.com.ar/inicio',
};

interface PageStep {
  kind: 'page';
  carrier: Carrier;
  receipt: boolean;
  msisdn: string | null;
  tail: string | null;
  offset: number | 'far' | null;
  balance: number | null;
  advance: number;
}
interface AddStep {
  kind: 'add';
  carrier: Carrier;
  msisdn: string | null;
  offset: number | null;
  advance: number;
}
interface EditStep {
  kind: 'edit' | 'renew';
  pick: number;
  offset: number | null;
  advance: number;
}
interface ResolveStep {
  kind: 'resolve';
  pick: number;
  keep: 'mine' | 'page';
  advance: number;
}
type Step = PageStep | AddStep | EditStep | ResolveStep;

const offset = fc.oneof(
  fc.constantFrom(-70, -61, -60, -1, 0, 3, 366, 367, 399, 400, 401, 900),
  fc.integer({ min: -120, max: 800 }),
);
/** Dates the user types: mostly soon, sometimes anywhere. */
const userOffset = fc.oneof(fc.integer({ min: -5, max: 30 }), offset);
/** Dates a page shows: anywhere, often more than a renewal past a date typed today. */
const pageOffset = fc.oneof(
  offset,
  { weight: 2, arbitrary: fc.integer({ min: 370, max: 400 }) },
  fc.constant('far' as const),
);
const advance = fc.integer({ min: 0, max: 3 * DAY });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('page' as const),
      carrier: fc.constantFrom<Carrier>('claro', 'claro', 'personal'),
      receipt: fc.constantFrom(false, false, false, true),
      msisdn: fc.option(fc.constantFrom(...NUMBERS), { freq: 4 }),
      tail: fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...TAILS) },
      ),
      offset: fc.option(pageOffset, { freq: 5 }),
      balance: fc.option(fc.constantFrom(100, 200), { freq: 2 }),
      advance,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      carrier: fc.constantFrom<Carrier>('claro', 'personal'),
      msisdn: fc.option(fc.constantFrom(...NUMBERS), { freq: 2 }),
      offset: fc.option(userOffset, { freq: 4 }),
      advance,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('edit' as const, 'renew' as const),
      pick: fc.nat(),
      offset: fc.option(userOffset, { freq: 4 }),
      advance,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      pick: fc.nat(),
      keep: fc.constantFrom('mine' as const, 'page' as const),
      advance,
    }),
  },
);

/** Which model line a page's reading is about, per the rules; null: it waits. */
function modelPlace(lines: ModelLine[], s: PageStep): ModelLine | 'new' | null {
  const mine = lines.filter((line) => line.carrier === s.carrier);
  if (s.msisdn !== null) {
    if (s.tail !== null && !s.msisdn.endsWith(s.tail)) return null;
    return mine.find((line) => line.msisdn === s.msisdn) ?? 'new';
  }
  if (s.tail !== null) {
    const ends = mine.filter((line) => line.msisdn !== null && line.msisdn.endsWith(s.tail!));
    return ends.length === 1 ? ends[0]! : null;
  }
  return mine.length === 1 && mine[0]!.msisdn !== null ? mine[0]! : null;
}

// ───────────────────────── the property ─────────────────────────

describe('line expiries under 1,000 random sequences of readings, edits and renewals', () => {
  it('every step leaves each expiry exactly as the rules say, and none moves later unallowed', async () => {
    let sequences = 0;
    /** How often each case came up, so the property is known to exercise them all. */
    const seen = { applied: 0, held: 0, outOfBounds: 0, waited: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        fakeBrowser.reset();
        const db = freshDb();
        const clock = { now: Date.parse('2026-05-01T15:00:00Z') };
        const deps = messageDeps(db, clock);
        const model: ModelLine[] = [];
        let tab = 100;
        let labels = 0;
        const ui = (message: Record<string, unknown>) =>
          handleMessage(message, popupSender(), deps) as Promise<Record<string, unknown>>;
        const idOf = async (line: ModelLine) =>
          (await db.lines.toArray()).find((stored) =>
            line.msisdn !== null
              ? stored.carrier === line.carrier && stored.msisdn === line.msisdn
              : stored.msisdn === null && stored.label === line.label,
          )!.id;

        for (const s of steps) {
          clock.now += s.advance;
          const today = baDay(clock.now);
          const before = new Map(model.map((line) => [line, line.expiresOn]));
          /** Lines whose expiry this step may move later, and to what. */
          const allowed = new Map<ModelLine, string>();

          if (s.kind === 'page') {
            const date =
              s.offset === null
                ? null
                : s.offset === 'far'
                  ? '2100-12-31'
                  : plusDays(today, s.offset);
            const receipt = s.receipt
              ? { amount: 500, currency: 'ARS', operationId: `OP${tab}`, date: today }
              : null;
            const reading = {
              carrier: s.carrier,
              kind: s.receipt ? 'receipt' : 'account',
              msisdn: s.msisdn,
              msisdnTail: s.tail,
              balance: s.balance === null ? null : { amount: s.balance, currency: 'ARS' },
              expiresOn: date,
              receipt,
              notes: [],
            };
            const sender = carrierSender(URLS[s.carrier]);
            sender.tab!.id = tab++;
            const reply = await handleMessage(
              {
                type: 'cs:reading',
                reading,
                path: '/inicio',
                readAt: new Date(clock.now).toISOString(),
                page: ACCOUNT_PAGE,
              },
              sender,
              deps,
            );
            expect(reply.ok).toBe(true);
            const empty = s.msisdn === null && s.balance === null && date === null && !receipt;
            const place = empty ? null : modelPlace(model, s);
            let target: ModelLine | null = null;
            if (place === null && !empty) seen.waited += 1;
            if (place === 'new') {
              seen.created += 1;
              target = {
                carrier: s.carrier,
                msisdn: s.msisdn,
                label: '',
                expiresOn: null,
                source: null,
                lastKey: null,
                held: null,
              };
              model.push(target);
            } else target = place;
            const key = JSON.stringify([s.carrier, s.msisdn, s.tail, s.balance, date, s.receipt]);
            if (target && !s.receipt && date !== null && target.lastKey !== key) {
              if (!expiryOk(date, today)) {
                // Out of bounds: nothing changes.
                seen.outOfBounds += 1;
              } else if (
                target.expiresOn !== null &&
                (target.source === 'manual' || target.source === 'renewal') &&
                date !== target.expiresOn &&
                daysFrom(target.expiresOn, date) > 366
              ) {
                target.held = {
                  date,
                  declined: target.held?.date === date ? target.held.declined : false,
                };
                seen.held += 1;
              } else {
                if (date !== target.expiresOn) {
                  target.expiresOn = date;
                  target.source = 'page';
                  target.held = null;
                }
                target.lastKey = key;
                allowed.set(target, date);
                seen.applied += 1;
              }
            } else if (target && !s.receipt && target.lastKey !== key && date === null) {
              target.lastKey = key;
            }
          } else if (s.kind === 'add') {
            const date = s.offset === null ? null : plusDays(today, s.offset);
            const label = s.msisdn === null ? `Line ${++labels}` : '';
            const reply = await ui({
              type: 'ui:add-line',
              carrier: s.carrier,
              msisdn: s.msisdn,
              label,
              expiresOn: date,
              balance: null,
            });
            const taken = model.some((l) => l.carrier === s.carrier && l.msisdn === s.msisdn);
            const ok = (date === null || expiryOk(date, today)) && !(s.msisdn !== null && taken);
            expect(reply.ok).toBe(ok);
            if (ok) {
              const added: ModelLine = {
                carrier: s.carrier,
                msisdn: s.msisdn,
                label,
                expiresOn: date,
                source: date ? 'manual' : null,
                lastKey: null,
                held: null,
              };
              model.push(added);
              if (date !== null) allowed.set(added, date);
            }
          } else if (model.length > 0) {
            const target = model[s.pick % model.length]!;
            const lineId = await idOf(target);
            if (s.kind === 'resolve') {
              const held = target.held;
              const reply = await ui({
                type: 'ui:resolve-expiry',
                lineId,
                keep: s.keep,
                expiresOn: held?.date ?? '2026-01-01',
              });
              const ok = held !== null && (s.keep === 'mine' || expiryOk(held.date, today));
              expect(reply.ok).toBe(ok);
              if (ok && s.keep === 'page') {
                target.expiresOn = held!.date;
                target.source = 'page';
                target.held = null;
                allowed.set(target, held!.date);
              } else if (ok) target.held = { ...held!, declined: true };
            } else {
              const date = s.offset === null ? null : plusDays(today, s.offset);
              const reply =
                s.kind === 'edit'
                  ? await ui({ type: 'ui:update-line', lineId, patch: { expiresOn: date } })
                  : await ui({
                      type: 'ui:record-renewal',
                      lineId,
                      date: today,
                      amount: null,
                      months: null,
                      paymentMethod: null,
                      operationId: null,
                      note: '',
                      newExpiresOn: date,
                    });
              const ok = date === null || expiryOk(date, today);
              expect(reply.ok).toBe(ok);
              if (ok && s.kind === 'edit' && date !== target.expiresOn) {
                target.expiresOn = date;
                target.source = date ? 'manual' : null;
                target.held = null;
              } else if (ok && s.kind === 'renew' && date !== null) {
                target.expiresOn = date;
                target.source = 'renewal';
                target.held = null;
              }
              if (ok && date !== null) allowed.set(target, date);
            }
          }

          // Exactly the model's lines, each with the model's expiry.
          const stored = await db.lines.toArray();
          expect(stored).toHaveLength(model.length);
          for (const line of model) {
            const found = stored.find((l) =>
              line.msisdn !== null
                ? l.carrier === line.carrier && l.msisdn === line.msisdn
                : l.msisdn === null && l.label === line.label,
            );
            expect(found, JSON.stringify({ line, steps })).toBeDefined();
            expect(found!.expiresOn, JSON.stringify({ line, steps })).toBe(line.expiresOn);
            expect(found!.heldExpiry?.expiresOn ?? null).toBe(line.held?.date ?? null);
            // No expiry moved later than it was unless this step is a source allowed to.
            const was = before.get(line) ?? null;
            if (line.expiresOn !== null && (was === null || line.expiresOn > was)) {
              expect(allowed.get(line), JSON.stringify({ line, was, steps })).toBe(line.expiresOn);
            }
          }
        }
        db.close();
        sequences += 1;
      }),
      { numRuns: 1000, seed: 20260502 },
    );
    expect(sequences).toBe(1000);
    console.log('seen', seen);
    // Every case really came up, the page dates held against the user's own among them.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(20);
  }, 300_000);
});
