/**
 * The pure rules that decide what a reading may do to a line (utils/domain/line-rules.ts,
 * utils/domain/bounds.ts): which line it lands on, which dates count, what a page may
 * change of a date the user entered. Tables of cases, each written from the rules in
 * docs/reading-rules.md ("How a reading lands on a line"), not from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  expiryRange,
  isExpiryInBounds,
  isRechargeInBounds,
  rechargeRange,
} from '../../utils/domain/bounds';
import {
  NOTE,
  applyReading,
  boundsHold,
  canReadingMatchLine,
  keepsUserDate,
  maskPathDigits,
  noteCodes,
  placeReading,
  resolveHeldExpiry,
  withOwnNotes,
} from '../../utils/domain/line-rules';
import type { Line, StoredReading } from '../../utils/domain/records';
import { line } from './background-helpers';

// 2026-05-01 12:00 in Buenos Aires.
const NOW = Date.parse('2026-05-01T15:00:00Z');
const NOW_ISO = new Date(NOW).toISOString();

function stored(extra: Partial<StoredReading> = {}): StoredReading {
  return {
    lineId: null,
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491134567812',
    balance: { amount: 500, currency: 'ARS' },
    expiresOn: '2026-06-20',
    receipt: null,
    notes: [],
    path: '/inicio',
    host: 'm-miclaro.claro.com.ar',
    readAt: NOW_ISO,
    fingerprint: 'fp',
    ...extra,
  };
}

describe('bounds (Buenos Aires calendar days from the reading day)', () => {
  const day = '2026-05-01';
  it.each([
    ['2026-03-02', true, '60 days before'],
    ['2026-03-01', false, '61 days before'],
    ['2027-06-05', true, '400 days after'],
    ['2027-06-06', false, '401 days after'],
    ['2100-12-31', false, 'the year 2100'],
    ['2026-05-01', true, 'the reading day'],
  ])('expiry %s → %s (%s)', (date, ok) => {
    expect(isExpiryInBounds(date, day)).toBe(ok);
  });

  it.each([
    ['2025-03-27', true, '400 days before'],
    ['2025-03-26', false, '401 days before'],
    ['2026-05-02', true, 'tomorrow (a user ahead of Argentina)'],
    ['2026-05-03', false, 'the day after tomorrow'],
  ])('recharge %s → %s (%s)', (date, ok) => {
    expect(isRechargeInBounds(date, day)).toBe(ok);
  });

  it('states its ranges', () => {
    expect(expiryRange(day)).toEqual({ from: '2026-03-02', to: '2027-06-05' });
    expect(rechargeRange(day)).toEqual({ from: '2025-03-27', to: '2026-05-02' });
  });

  it.each([
    [{ expiresOn: '2100-12-31' }, 'expiry-out-of-bounds'],
    [{ expiresOn: '2026-02-01' }, 'expiry-out-of-bounds'],
    [{ expiresOn: '2027-06-05' }, null],
    [{ expiresOn: null }, null],
    // Read late on 1 May in Buenos Aires (02:30 UTC on the 2nd): still the 1st there.
    [{ expiresOn: '2027-06-06', readAt: '2026-05-02T02:30:00.000Z' }, 'expiry-out-of-bounds'],
    [{ expiresOn: '2027-06-06', readAt: '2026-05-02T03:30:00.000Z' }, null],
    [{ kind: 'receipt' as const, expiresOn: '2100-12-31', receipt: receipt('2026-04-30') }, null],
    [
      { kind: 'receipt' as const, expiresOn: null, receipt: receipt('2024-01-01') },
      'receipt-date-out-of-bounds',
    ],
    [
      { kind: 'receipt' as const, expiresOn: null, receipt: receipt('2026-05-09') },
      'receipt-date-out-of-bounds',
    ],
    [{ kind: 'receipt' as const, expiresOn: null, receipt: receipt(null) }, null],
  ])('boundsHold(%o) → %s', (extra, hold) => {
    expect(boundsHold(stored(extra))).toBe(hold);
  });
});

function receipt(date: string | null) {
  return { amount: 1000, currency: 'ARS' as const, operationId: 'OP1', date };
}

describe('placeReading: which line a reading lands on', () => {
  const A = line({ id: 'A', msisdn: '+5491155552215' });
  const B = line({ id: 'B', msisdn: '+5491155553344' });
  const B2 = line({ id: 'B2', msisdn: '+5491166663344' });
  const mama = line({ id: 'mama', msisdn: null, label: 'Mamá' });
  const read = (msisdn: string | null, msisdnTail: string | null = null, notes: string[] = []) => ({
    msisdn,
    msisdnTail,
    notes,
  });
  const cases: [string, ReturnType<typeof read>, Line[], string][] = [
    ['a number lands on its line', read(B.msisdn), [B], 'line B'],
    ['a number no line has makes a new line', read('+5491100001111'), [], 'new'],
    ['… never taking over a name-only line', read('+5491100001111'), [mama], 'new'],
    ['a number whose tail disagrees waits', read(B.msisdn, '2215'), [B], 'wait'],
    ['a number with its own tail lands', read(B.msisdn, '3344'), [B], 'line B'],
    ['a tail matching one line lands there', read(null, '3344'), [A, B, mama], 'line B'],
    ['a tail matching no line waits', read(null, '3344'), [A], 'wait'],
    ['a tail matching two lines waits', read(null, '3344'), [A, B, B2], 'wait'],
    ['a tail with only a name-only line waits', read(null, '3344'), [mama], 'wait'],
    ['a tail with no line at all waits', read(null, '3344'), [], 'wait'],
    ['no number: the only numbered line', read(null), [A], 'line A'],
    ['no number: the only line is name-only → waits', read(null), [mama], 'wait'],
    ['no number: two lines → waits', read(null), [A, B], 'wait'],
    ['no number: a numbered and a name-only line → waits', read(null), [A, mama], 'wait'],
    ['no number, no line → waits', read(null), [], 'wait'],
    ['a masked number without digits waits', read(null, null, ['msisdn: masked']), [A], 'wait'],
  ];
  it.each(cases)('%s', (_name, reading, lines, expected) => {
    const placed = placeReading(reading, lines);
    expect(placed.to === 'line' ? `line ${placed.line.id}` : placed.to).toBe(expected);
  });
});

describe('canReadingMatchLine: what the user may say a waiting reading is', () => {
  it.each([
    ['same carrier, no digits', {}, { msisdn: '+5491155552215' }, true],
    ['another carrier', {}, { carrier: 'movistar' as const }, false],
    ['a name-only line, any number', { msisdn: '+5491100001111' }, { msisdn: null }, true],
    ['the same number', { msisdn: '+5491155552215' }, { msisdn: '+5491155552215' }, true],
    ['another number', { msisdn: '+5491100001111' }, { msisdn: '+5491155552215' }, false],
    ['digits it ends with', { msisdnTail: '2215' }, { msisdn: '+5491155552215' }, true],
    ['digits it does not end with', { msisdnTail: '3344' }, { msisdn: '+5491155552215' }, false],
    ['digits and a name-only line', { msisdnTail: '3344' }, { msisdn: null }, true],
  ])('%s → %s', (_name, reading, target, ok) => {
    const r = { carrier: 'claro' as const, msisdn: null, msisdnTail: null, ...reading };
    expect(canReadingMatchLine(r, { carrier: 'claro', msisdn: null, ...target })).toBe(ok);
  });
});

describe("keepsUserDate: a page date far later than the user's own", () => {
  it.each([
    ['manual', '2026-05-04', '2100-12-31', true],
    ['manual', '2026-05-04', '2027-05-06', true], // 367 days later
    ['manual', '2026-05-04', '2027-05-05', false], // 366 days later: one renewal's worth
    ['renewal', '2026-05-04', '2027-06-01', true],
    ['page', '2026-05-04', '2027-06-01', false],
    ['manual', '2026-05-04', '2026-01-01', false], // earlier dates are evidence
    ['manual', null, '2027-06-01', false],
  ] as const)('%s date %s, page %s → %s', (source, expiresOn, page, keeps) => {
    expect(keepsUserDate({ expiresOn, expirySource: expiresOn ? source : null }, page)).toBe(keeps);
  });
});

describe('applyReading: what a reading changes on its line', () => {
  const apply = (target: Line, reading: StoredReading) =>
    applyReading(target, reading, NOW, NOW_ISO);

  it('a date out of bounds leaves the line exactly as it was', () => {
    const before = line({ expiresOn: '2026-05-04', expirySource: 'manual' });
    const result = apply(before, stored({ expiresOn: '2100-12-31' }));
    expect(result).toEqual({ line: before, held: 'expiry-out-of-bounds' });
  });

  it('a receipt never sets the expiry; it moves the last recharge', () => {
    const before = line({ expiresOn: '2026-05-04', expirySource: 'page' });
    const result = apply(
      before,
      stored({ kind: 'receipt', expiresOn: '2026-11-01', receipt: receipt('2026-04-30') }),
    );
    expect(result.held).toBeNull();
    expect(result.line).toMatchObject({ expiresOn: '2026-05-04', lastRechargeOn: '2026-04-30' });
  });

  it("holds a page date far later than the user's, and asks once", () => {
    const before = line({ expiresOn: '2026-05-04', expirySource: 'manual', balance: null });
    const result = apply(before, stored({ expiresOn: '2027-06-01' }));
    expect(result.held).toBe('expiry-conflict');
    expect(result.line).toMatchObject({
      expiresOn: '2026-05-04',
      expirySource: 'manual',
      balance: null,
      heldExpiry: { expiresOn: '2027-06-01', readAt: NOW_ISO, declined: false },
    });
    // Kept: the same date is not asked again.
    const kept = resolveHeldExpiry(result.line, 'mine', NOW, NOW_ISO);
    expect(kept.heldExpiry).toMatchObject({ declined: true });
    expect(apply(kept, stored({ expiresOn: '2027-06-01' })).line.heldExpiry).toMatchObject({
      declined: true,
    });
    // Another far date asks again.
    expect(apply(kept, stored({ expiresOn: '2027-06-02' })).line.heldExpiry).toMatchObject({
      expiresOn: '2027-06-02',
      declined: false,
    });
    // Taken: the page's date, its source, and reminders from now.
    const taken = resolveHeldExpiry(result.line, 'page', NOW, NOW_ISO);
    expect(taken).toMatchObject({
      expiresOn: '2027-06-01',
      expirySource: 'page',
      heldExpiry: null,
      expiryKnownSince: NOW,
    });
  });

  it.each([
    ['an earlier page date', 'manual', '2026-04-20'],
    ['a page date within one renewal', 'renewal', '2027-05-05'],
    ['any date over a page date', 'page', '2027-06-01'],
  ] as const)('applies %s', (_name, source, page) => {
    const before = line({ expiresOn: '2026-05-04', expirySource: source });
    const result = apply(before, stored({ expiresOn: page }));
    expect(result.held).toBeNull();
    expect(result.line).toMatchObject({ expiresOn: page, expirySource: 'page', heldExpiry: null });
  });

  it('an older reading placed later never overwrites newer values', () => {
    const before = line({
      expiresOn: '2026-07-01',
      expirySource: 'page',
      lastReadingAt: '2026-05-01T16:00:00.000Z',
      balance: { amount: 9, currency: 'ARS' },
    });
    const result = apply(before, stored({ expiresOn: '2026-06-01' }));
    expect(result.line).toMatchObject({ expiresOn: '2026-07-01', balance: { amount: 9 } });
  });
});

describe('stored pages and notes', () => {
  it.each([
    ['/cliente/30123456/consumos', '/cliente/########/consumos'],
    ['/linea/1134567812', '/linea/##########'],
    ['/inicio', '/inicio'],
    ['/2026/05/pack-1234', '/2026/05/pack-1234'],
    ['/a12345b', '/a#####b'],
  ])('%s is stored as %s', (path, masked) => {
    expect(maskPathDigits(path)).toBe(masked);
  });

  it("drops a page's notes that pose as ours, and keeps ours within the cap", () => {
    const page = [
      'msisdn: masked',
      'lk:expiry-conflict',
      ...Array.from({ length: 60 }, (_, i) => `n${i}`),
    ];
    const notes = withOwnNotes(page, [NOTE.pageLimit]);
    expect(notes).toHaveLength(50);
    expect(notes[0]).toBe('msisdn: masked');
    expect(noteCodes(notes)).toEqual([NOTE.pageLimit]);
  });
});
