import { describe, expect, it } from 'vitest';
import { translatorFor } from '../support/i18n';
import type { UiLocale } from '../../utils/domain/i18n';
import {
  createRowFormatter,
  leadWindowOf,
  lineRowView,
  unassignedViews,
  type ListLine,
} from '../../utils/popup/line-list';
import { sortLines } from '../../utils/domain/line-order';
import type { StoredReading } from '../../utils/domain/records';

// 2026-05-10 12:00 in Buenos Aires (15:00 UTC).
const NOW = Date.UTC(2026, 4, 10, 15, 0);

function line(id: string, extra: Partial<ListLine> = {}): ListLine {
  return {
    id,
    carrier: 'claro',
    msisdn: null,
    label: id,
    expiresOn: null,
    lastRechargeOn: null,
    balance: null,
    lastReadingAt: null,
    lastReadingPath: null,
    snoozedUntil: null,
    ...extra,
  };
}

function formatter(locale: UiLocale, hideNumbers = false) {
  return createRowFormatter({
    now: NOW,
    locale,
    t: translatorFor(locale),
    leadWindow: 7,
    hideNumbers,
  });
}

describe('sortLines', () => {
  it('puts expired lines first, then by days left, unknown expiry last', () => {
    const sorted = sortLines(
      [
        line('unknown'),
        line('in-30', { expiresOn: '2026-06-09' }),
        line('expired-1', { expiresOn: '2026-05-09' }),
        line('today', { expiresOn: '2026-05-10' }),
        line('expired-20', { expiresOn: '2026-04-20' }),
        line('in-3', { expiresOn: '2026-05-13' }),
      ],
      NOW,
    );
    expect(sorted.map((l) => l.id)).toEqual([
      'expired-20',
      'expired-1',
      'today',
      'in-3',
      'in-30',
      'unknown',
    ]);
  });

  it('sorts estimated expiries (last recharge + 180 days) with the known ones', () => {
    const sorted = sortLines(
      [
        line('known-20', { expiresOn: '2026-05-30' }),
        // 2025-11-21 + 180 days = 2026-05-20: 10 days left.
        line('estimated-10', { lastRechargeOn: '2025-11-21' }),
      ],
      NOW,
    );
    expect(sorted.map((l) => l.id)).toEqual(['estimated-10', 'known-20']);
  });

  it('breaks ties by name (case-insensitive), then by id', () => {
    const sorted = sortLines(
      [
        line('c', { label: 'Zeta', expiresOn: '2026-05-15' }),
        line('b', { label: '', msisdn: '+5491123456789', expiresOn: '2026-05-15' }),
        line('a', { label: 'alpha', expiresOn: '2026-05-15' }),
        line('e', { label: 'Same' }),
        line('d', { label: 'same' }),
      ],
      NOW,
    );
    // "+54 9 11 …" sorts before letters; equal names fall back to the id.
    expect(sorted.map((l) => l.id)).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it("uses Argentina's calendar: at 23:30 in Buenos Aires it is still the expiry day", () => {
    const lateEvening = Date.UTC(2026, 4, 11, 2, 30); // 2026-05-10 23:30 in Buenos Aires
    const [first] = sortLines(
      [line('tomorrow', { expiresOn: '2026-05-11' }), line('today', { expiresOn: '2026-05-10' })],
      lateEvening,
    );
    expect(first!.id).toBe('today');
  });
});

describe('lineRowView', () => {
  it('says days left in the three languages', () => {
    const in5 = line('x', { expiresOn: '2026-05-15' });
    expect(lineRowView(in5, formatter('en')).daysLeftText).toBe('in 5 days');
    expect(lineRowView(in5, formatter('es')).daysLeftText).toBe('en 5 días');
    expect(lineRowView(in5, formatter('zh_CN')).daysLeftText).toBe('5 天后');

    const expired = line('y', { expiresOn: '2026-05-06' });
    expect(lineRowView(expired, formatter('en')).daysLeftText).toBe('expired 4 days ago');
    expect(lineRowView(expired, formatter('es')).daysLeftText).toBe('venció hace 4 días');
    expect(lineRowView(expired, formatter('zh_CN')).daysLeftText).toBe('已过期 4 天');
  });

  it('marks estimated dates and gives urgency as words as well as a class', () => {
    const estimated = lineRowView(line('e', { lastRechargeOn: '2025-11-21' }), formatter('en'));
    expect(estimated).toMatchObject({
      expiresOn: '2026-05-20',
      estimated: true,
      daysLeft: 10,
      urgency: 'ok',
      urgencyLabel: null,
    });
    const known = lineRowView(line('k', { expiresOn: '2026-05-13' }), formatter('en'));
    expect(known).toMatchObject({ estimated: false, urgency: 'due', urgencyLabel: 'Renew soon' });
    const expired = lineRowView(line('x', { expiresOn: '2026-05-01' }), formatter('zh_CN'));
    expect(expired).toMatchObject({ urgency: 'expired', urgencyLabel: '已过期' });
    const unknown = lineRowView(line('u'), formatter('es'));
    expect(unknown).toMatchObject({
      urgency: 'unknown',
      daysLeftText: 'vencimiento desconocido',
      expiryDate: null,
    });
  });

  it("formats the expiry date, balance and last reading in the user's language", () => {
    const stored = line('l', {
      label: '',
      msisdn: '+5491123456789',
      carrier: 'personal',
      expiresOn: '2026-12-15',
      balance: { amount: 1234.56, currency: 'ARS' },
      lastReadingAt: new Date(NOW - 3 * 3_600_000).toISOString(),
      lastReadingPath: '/inicio',
    });
    const en = lineRowView(stored, formatter('en'));
    expect(en).toMatchObject({
      carrierName: 'Personal',
      title: '+54 9 11 2345-6789',
      number: null,
      expiryDate: '15 Dec 2026',
      balance: 'ARS\u00a01,234.56',
      lastRead: 'read 3 hours ago on /inicio',
    });
    const es = lineRowView(stored, formatter('es'));
    expect(es.balance).toBe('$\u00a01.234,56');
    expect(es.lastRead).toBe('leído hace 3 horas en /inicio');
    const zh = lineRowView(stored, formatter('zh_CN'));
    expect(zh.expiryDate).toBe('2026年12月15日');
    expect(zh.lastRead).toBe('3小时前读取自 /inicio');
  });

  it('says on which site the line was last read: host and path, in each language', () => {
    const stored = line('h', {
      lastReadingAt: new Date(NOW - 2 * 3_600_000).toISOString(),
      lastReadingPath: '/inicio',
      lastReadingHost: 'm-miclaro.claro.com.ar',
    });
    expect(lineRowView(stored, formatter('en')).lastRead).toBe(
      'read 2 hours ago on m-miclaro.claro.com.ar/inicio',
    );
    expect(lineRowView(stored, formatter('es')).lastRead).toBe(
      'leído hace 2 horas en m-miclaro.claro.com.ar/inicio',
    );
    expect(lineRowView(stored, formatter('zh_CN')).lastRead).toBe(
      '2小时前读取自 m-miclaro.claro.com.ar/inicio',
    );
    // Lines last read before the host was kept say only the path; no page, only when.
    expect(lineRowView({ ...stored, lastReadingHost: null }, formatter('en')).lastRead).toBe(
      'read 2 hours ago on /inicio',
    );
    expect(
      lineRowView({ ...stored, lastReadingHost: undefined, lastReadingPath: null }, formatter('en'))
        .lastRead,
    ).toBe('read 2 hours ago');
    expect(lineRowView(line('never'), formatter('en')).lastRead).toBeNull();
  });

  it('says the expiry as one phrase, joined the language’s way (full-width comma in Chinese)', () => {
    const in12 = line('p', { expiresOn: '2026-05-22' });
    expect(lineRowView(in12, formatter('en')).expiryPhrase).toBe('Expires 22 May 2026, in 12 days');
    expect(lineRowView(in12, formatter('es')).expiryPhrase).toBe(
      'Vence el 22 may 2026, en 12 días',
    );
    expect(lineRowView(in12, formatter('zh_CN')).expiryPhrase).toBe('2026年5月22日 到期，12 天后');
    expect(lineRowView(in12, formatter('zh_CN')).expiryPhrase).not.toContain(',');
    const expired = line('x', { expiresOn: '2026-05-06' });
    expect(lineRowView(expired, formatter('en')).expiryPhrase).toBe('Expired on 6 May 2026');
    const estimated = line('e', { lastRechargeOn: '2025-11-21' });
    expect(lineRowView(estimated, formatter('es')).expiryPhrase).toBe(
      'Vencimiento estimado: 20 may 2026, en 10 días',
    );
    expect(lineRowView(line('u'), formatter('zh_CN')).expiryPhrase).toBe('到期日未知');
  });

  it('shows the number under a label, masked when numbers are hidden', () => {
    const labelled = line('m', { label: 'Mamá', msisdn: '+5491134567812' });
    expect(lineRowView(labelled, formatter('en'))).toMatchObject({
      title: 'Mamá',
      number: '+54 9 11 3456-7812',
    });
    expect(lineRowView(labelled, formatter('en', true)).number).toBe('+54 9 11 ••••-7812');
    const bare = line('n', { label: '', msisdn: '+5493516123456' });
    expect(lineRowView(bare, formatter('en', true)).title).toBe('+54 9 351 •••-3456');
  });

  it('asks "keep which?" for a page date held against the user\'s own, until answered', () => {
    const held = line('h', {
      expiresOn: '2026-05-13',
      heldExpiry: { expiresOn: '2100-12-31', readAt: new Date(NOW).toISOString(), declined: false },
    });
    expect(lineRowView(held, formatter('en')).question).toEqual({
      expiresOn: '2100-12-31',
      text: 'The page says 31 Dec 2100, you entered 13 May 2026. Keep which?',
    });
    const declined = { ...held, heldExpiry: { ...held.heldExpiry!, declined: true } };
    expect(lineRowView(declined, formatter('en')).question).toBeNull();
    expect(lineRowView(line('n'), formatter('en')).question).toBeNull();
  });

  it('says when reminders are snoozed, only while the snooze lasts', () => {
    const snoozed = line('s', { snoozedUntil: NOW + 86_400_000 });
    expect(lineRowView(snoozed, formatter('en')).snoozed).toMatch(/^reminders snoozed until /);
    const over = line('o', { snoozedUntil: NOW - 1 });
    expect(lineRowView(over, formatter('en')).snoozed).toBeNull();
  });
});

describe('leadWindowOf', () => {
  it('is the largest lead day, 0 when there is none', () => {
    expect(leadWindowOf([7, 3, 1, 0])).toBe(7);
    expect(leadWindowOf([])).toBe(0);
  });
});

describe('unassignedViews', () => {
  const reading = (id: number, extra: Partial<StoredReading> = {}): StoredReading => ({
    id,
    lineId: null,
    carrier: 'claro',
    kind: 'account',
    msisdn: null,
    balance: { amount: 777, currency: 'ARS' },
    expiresOn: '2026-06-01',
    receipt: null,
    notes: [],
    path: '/saldo',
    readAt: new Date(NOW - 60_000 * id).toISOString(),
    fingerprint: String(id),
    ...extra,
  });

  it("offers the carrier's lines for each waiting reading, newest first", () => {
    const views = unassignedViews(
      [reading(5), reading(1), reading(2, { carrier: 'personal' }), reading(3, { lineId: 'a' })],
      [
        line('b', { label: 'Claro B' }),
        line('a', { label: 'Claro A' }),
        line('m', { label: 'Movistar', carrier: 'movistar' }),
      ],
      formatter('en'),
    );
    // Every waiting reading shows (Personal's too, with no line to offer); the placed one not.
    expect(views.map((v) => v.readingId)).toEqual([1, 2, 5]);
    expect(views[0]!.candidates.map((c) => c.name)).toEqual(['Claro A', 'Claro B']);
    expect(views[1]!.candidates).toEqual([]);
    expect(views[1]!.canAddLine).toBe(true);
    expect(views[0]!.facts).toEqual(['balance ARS\u00a0777', 'expires 1 Jun 2026']);
    expect(views[0]!.why).toEqual(["The page didn't say which of your lines it was about."]);
    expect(views[0]!.read).toBe('read 1 minute ago on /saldo');
  });

  it('shows waiting readings when there is no line at all', () => {
    const views = unassignedViews([reading(1), reading(2)], [], formatter('en'));
    expect(views.map((v) => [v.readingId, v.candidates.length, v.canAddLine])).toEqual([
      [1, 0, true],
      [2, 0, true],
    ]);
  });

  it('offers only lines the shown digits can be: same carrier, not numbered otherwise', () => {
    const lines = [
      line('mama', { label: 'Mamá' }),
      line('a', { label: 'A', msisdn: '+5491155552215' }),
      line('b', { label: 'B', msisdn: '+5491155553344' }),
      line('m', { label: 'M', carrier: 'movistar', msisdn: '+5491155553344' }),
    ];
    const names = (extra: Partial<StoredReading>) =>
      unassignedViews([reading(1, extra)], lines, formatter('en'))[0]!.candidates.map(
        (c) => c.name,
      );
    expect(names({ msisdnTail: '3344' })).toEqual(['B', 'Mamá']);
    expect(names({ msisdn: '+5491199990000' })).toEqual(['Mamá']);
    expect(names({})).toEqual(['A', 'B', 'Mamá']);
    const [view] = unassignedViews([reading(1, { msisdnTail: '3344' })], lines, formatter('en'));
    expect(view!.facts[0]).toBe('number ending in 3344');
    // A number a line already has: "add as a new line" would make a second one.
    const twin = unassignedViews(
      [reading(1, { msisdn: '+5491155552215' })],
      lines,
      formatter('en'),
    );
    expect(twin[0]!.canAddLine).toBe(false);
  });

  it('says why a reading waits or what of it was not used', () => {
    const [bounds, limit, cap] = unassignedViews(
      [
        reading(1, { expiresOn: '2100-12-31', notes: ['lk:expiry-out-of-bounds'] }),
        reading(2, { notes: ['lk:page-limit'] }),
        reading(3, { notes: ['some engine note', 'lk:line-cap'] }),
      ],
      [],
      formatter('en'),
    );
    expect(bounds!.why).toEqual([
      "The page's date 31 Dec 2100 is too far from the day it was read to be a line's expiry: it was not used.",
    ]);
    expect(limit!.why).toEqual([
      'This page showed more new numbers in a minute than LineKeeper adds by itself.',
    ]);
    expect(cap!.why).toEqual(['LineKeeper already keeps 1000 lines, the most it can.']);
  });

  it('names the site a waiting reading came from', () => {
    const [view] = unassignedViews(
      [reading(1, { host: 'miclaro.claro.com.ar' })],
      [line('a', { label: 'Claro A' })],
      formatter('es'),
    );
    expect(view!.read).toBe('leído hace 1 minuto en miclaro.claro.com.ar/saldo');
  });
});

describe('performance', () => {
  it('sorts 500 lines and builds a row for each, most urgent first', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      line(`l${i}`, {
        label: i % 3 ? '' : `Line ${i}`,
        msisdn: `+549115${String(1_000_000 + i).padStart(7, '0')}`,
        expiresOn: i % 10 ? `2026-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 10}` : null,
        balance: { amount: i * 10.5, currency: 'ARS' },
        lastReadingAt: new Date(NOW - i * 600_000).toISOString(),
        lastReadingPath: '/inicio',
      }),
    );
    const format = formatter('zh_CN');
    // Speed is npm run bench:popup's business; here, that every line gets a sorted row.
    const sorted = sortLines(many, NOW);
    const rows = sorted.map((l) => lineRowView(l, format));
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((row) => row.id)).size).toBe(500);
    const known = sorted.filter((l) => l.expiresOn !== null).map((l) => l.expiresOn!);
    expect(known).toEqual([...known].sort());
    expect(sorted.slice(-50).every((l) => l.expiresOn === null)).toBe(true);
  });
});
