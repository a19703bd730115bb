/**
 * Display formatting: exact strings for the three interface languages, as Node's ICU
 * writes them (Chrome ships the same CLDR data). `t` is a stand-in for
 * browser.i18n.getMessage that reads the real locale files, so the keys and their
 * placeholders are tested too.
 */
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../support/i18n';
import {
  formatCount,
  formatDaysLeft,
  formatIsoDate,
  formatLongDate,
  formatMoney,
  formatMoneyChange,
  formatMsisdn,
  formatNationalNumber,
  formatRelativeTime,
  joinClauses,
  joinList,
  joinSentences,
  maskMsisdn,
  nationalDigits,
  pickPlural,
  pluralForm,
  urgencyOf,
} from '../../utils/domain/format';
import type { Translate, UiLocale } from '../../utils/domain/i18n';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('formatMsisdn', () => {
  it.each([
    ['+5491123456789', '+54 9 11 2345-6789'], // Buenos Aires: 2-digit area, 8-digit subscriber
    ['+5493516123456', '+54 9 351 612-3456'], // Córdoba
    ['+5493411234567', '+54 9 341 123-4567'], // Rosario
    ['+5492214567890', '+54 9 221 456-7890'], // La Plata
    ['+5492614567890', '+54 9 261 456-7890'], // Mendoza
    ['+5493814567890', '+54 9 381 456-7890'], // Tucumán
    ['+5492204567890', '+54 9 220 456-7890'], // first in the 3-digit table
    ['+5493884567890', '+54 9 388 456-7890'], // last in the 3-digit table
    ['+5492966123456', '+54 9 2966 12-3456'], // Río Gallegos: 4-digit area, 6-digit subscriber
    ['+5493783123456', '+54 9 3783 12-3456'], // Corrientes province
    ['+5492920123456', '+54 9 2920 12-3456'], // Viedma
    ['+5493514123456', '+54 9 351 412-3456'],
    ['+5492234567890', '+54 9 223 456-7890'], // Mar del Plata
    ['+5492224123456', '+54 9 2224 12-3456'], // 222x is not 221/223: 4 digits
    ['+541143214321', '+54 11 4321-4321'], // a landline (no 9) keeps its shape
  ])('%s → %s', (input, expected) => {
    expect(formatMsisdn(input)).toBe(expected);
  });

  it.each([
    '',
    '1123456789',
    '+549112345678', // one digit short
    '+54911234567890', // one digit long
    '+5591123456789', // not Argentina
    '+54 9 11 2345-6789', // already formatted
    'abc',
  ])('returns %j unchanged', (input) => {
    expect(formatMsisdn(input)).toBe(input);
  });
});

describe('maskMsisdn', () => {
  it.each([
    ['+5491123456789', '+54 9 11 ••••-6789'],
    ['+5493516123456', '+54 9 351 •••-3456'],
    ['+5492966123456', '+54 9 2966 ••-3456'],
  ])('%s → %s', (input, expected) => {
    expect(maskMsisdn(input)).toBe(expected);
  });

  it('masks unexpected input too, keeping only the last four digits', () => {
    expect(maskMsisdn('011 15-2345-6789')).toBe('••• ••-••••-6789');
    expect(maskMsisdn('+1 555 123 4567')).toBe('+• ••• ••• 4567');
    expect(maskMsisdn('')).toBe('');
  });
});

describe('formatMoney', () => {
  it.each<[number, UiLocale, string]>([
    [1234.56, 'es', `$${NBSP}1.234,56`],
    [1234.56, 'en', `ARS${NBSP}1,234.56`],
    [1234.56, 'zh_CN', `ARS${NBSP}1,234.56`],
    [2000, 'es', `$${NBSP}2.000`],
    [2000, 'en', `ARS${NBSP}2,000`],
    [0, 'es', `$${NBSP}0`],
    [0.5, 'es', `$${NBSP}0,50`],
    [1234567.8, 'es', `$${NBSP}1.234.567,80`],
    [1234567.8, 'zh_CN', `ARS${NBSP}1,234,567.80`],
    [99.999, 'es', `$${NBSP}100`], // rounds to whole cents first
    [-150, 'es', `${MINUS}$${NBSP}150`],
  ])('%d in %s → %j', (amount, locale, expected) => {
    expect(formatMoney(amount, locale)).toBe(expected);
  });

  it('gives an empty string for a non-number', () => {
    expect(formatMoney(Number.NaN, 'es')).toBe('');
  });
});

describe('formatMoneyChange', () => {
  it.each<[number, UiLocale, string]>([
    [-150, 'es', `${MINUS}$${NBSP}150`],
    [2000, 'es', `+$${NBSP}2.000`],
    [-150, 'en', `${MINUS}ARS${NBSP}150`],
    [2000, 'en', `+ARS${NBSP}2,000`],
    [2000.5, 'zh_CN', `+ARS${NBSP}2,000.50`],
    [-0.25, 'es', `${MINUS}$${NBSP}0,25`],
    [0, 'es', `$${NBSP}0`],
    [0.001, 'es', `$${NBSP}0`], // less than a cent is no change: no sign
  ])('%d in %s → %j', (delta, locale, expected) => {
    expect(formatMoneyChange(delta, locale)).toBe(expected);
  });

  it('uses the real minus sign, never a hyphen', () => {
    expect(formatMoneyChange(-1, 'en')).not.toContain('-');
  });
});

describe('formatIsoDate', () => {
  it.each<[string, UiLocale, string]>([
    ['2026-12-15', 'en', '15 Dec 2026'],
    ['2026-12-15', 'es', '15 dic 2026'],
    ['2026-12-15', 'zh_CN', '2026年12月15日'],
    ['2028-02-29', 'en', '29 Feb 2028'],
    ['2027-01-01', 'es', '1 ene 2027'],
    ['2026-12-31', 'zh_CN', '2026年12月31日'],
    ['0050-06-01', 'zh_CN', '50年6月1日'], // not read as 1950
  ])('%s in %s → %j', (iso, locale, expected) => {
    expect(formatIsoDate(iso, locale)).toBe(expected);
  });

  it('never shifts the day, whatever the process time zone', () => {
    // Noon UTC is the same calendar day from UTC−12 to UTC+14; the formatter pins UTC anyway.
    const original = process.env.TZ;
    try {
      for (const zone of [
        'Asia/Shanghai',
        'America/Argentina/Buenos_Aires',
        'Pacific/Kiritimati',
      ]) {
        process.env.TZ = zone;
        expect(formatIsoDate('2026-01-01', 'en')).toBe('1 Jan 2026');
      }
    } finally {
      process.env.TZ = original;
    }
  });

  it.each(['2026-02-30', '2026-13-01', '15/12/2026', '', '2026-1-5'])(
    'returns %j unchanged',
    (input) => {
      expect(formatIsoDate(input, 'es')).toBe(input);
    },
  );
});

describe('formatDaysLeft', () => {
  const cases: Array<[number, Record<UiLocale, string>]> = [
    [0, { en: 'today', es: 'hoy', zh_CN: '今天' }],
    [1, { en: 'tomorrow', es: 'mañana', zh_CN: '明天' }],
    [5, { en: 'in 5 days', es: 'en 5 días', zh_CN: '5 天后' }],
    [-1, { en: 'expired yesterday', es: 'venció ayer', zh_CN: '昨天已过期' }],
    [-3, { en: 'expired 3 days ago', es: 'venció hace 3 días', zh_CN: '已过期 3 天' }],
    [1200, { en: 'in 1,200 days', es: 'en 1.200 días', zh_CN: '1,200 天后' }],
  ];
  for (const [days, byLocale] of cases) {
    for (const locale of ['en', 'es', 'zh_CN'] as const) {
      it(`${days} in ${locale} → ${byLocale[locale]}`, () => {
        expect(formatDaysLeft(days, locale, translatorFor(locale))).toBe(byLocale[locale]);
      });
    }
  }

  it('passes the count to t as the first substitution', () => {
    const calls: unknown[] = [];
    const t: Translate = (key, substitutions) => {
      calls.push([key, substitutions]);
      return key;
    };
    formatDaysLeft(7, 'en', t);
    formatDaysLeft(-9, 'en', t);
    formatDaysLeft(0, 'en', t);
    expect(calls).toEqual([
      ['daysLeftN', ['7']],
      ['daysAgoN', ['9']],
      ['daysLeftToday', undefined],
    ]);
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-05-01T12:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it.each<[number, UiLocale, string]>([
    [10_000, 'en', 'now'],
    [10_000, 'es', 'ahora'],
    [10_000, 'zh_CN', '现在'],
    [5 * MIN, 'en', '5 minutes ago'],
    [5 * MIN, 'es', 'hace 5 minutos'],
    [5 * MIN, 'zh_CN', '5分钟前'],
    [59 * MIN, 'en', '59 minutes ago'],
    [3 * HOUR, 'en', '3 hours ago'],
    [3 * HOUR, 'es', 'hace 3 horas'],
    [3 * HOUR, 'zh_CN', '3小时前'],
    [DAY + HOUR, 'en', 'yesterday'],
    [DAY + HOUR, 'es', 'ayer'],
    [DAY + HOUR, 'zh_CN', '昨天'],
    [4 * DAY, 'en', '4 days ago'],
    [4 * DAY, 'es', 'hace 4 días'],
    [4 * DAY, 'zh_CN', '4天前'],
    [65 * DAY, 'en', '2 months ago'],
    [400 * DAY, 'en', 'last year'],
    [800 * DAY, 'es', 'hace 2 años'],
    [-2 * MIN, 'en', 'in 2 minutes'], // another device's clock a little ahead
  ])('%d ms ago in %s → %j', (msAgo, locale, expected) => {
    expect(formatRelativeTime(ago(msAgo), now, locale)).toBe(expected);
  });

  it('accepts now as a Date', () => {
    expect(formatRelativeTime(ago(3 * HOUR), new Date(now), 'en')).toBe('3 hours ago');
  });

  it('returns an unparsable time unchanged', () => {
    expect(formatRelativeTime('not a time', now, 'en')).toBe('not a time');
  });
});

describe('formatters reused across rows', () => {
  it('each language keeps its own way of writing amounts, dates and times, in any order', () => {
    const now = Date.UTC(2026, 4, 10, 15, 0);
    const threeHoursAgo = new Date(now - 3 * 3_600_000).toISOString();
    for (let round = 0; round < 2; round++) {
      expect(formatMoney(1234.5, 'es')).toBe(`$${NBSP}1.234,50`);
      expect(formatMoney(1234.5, 'en')).toBe(`ARS${NBSP}1,234.50`);
      expect(formatMoney(2000, 'es')).toBe(`$${NBSP}2.000`);
      expect(formatIsoDate('2026-12-15', 'zh_CN')).toBe('2026年12月15日');
      expect(formatIsoDate('2026-12-15', 'en')).toBe('15 Dec 2026');
      expect(formatRelativeTime(threeHoursAgo, now, 'es')).toBe('hace 3 horas');
      expect(formatRelativeTime(threeHoursAgo, now, 'zh_CN')).toBe('3小时前');
    }
  });
});

describe('urgencyOf', () => {
  it.each<[number | null, number, ReturnType<typeof urgencyOf>]>([
    [null, 7, 'unknown'],
    [Number.NaN, 7, 'unknown'],
    [-30, 7, 'expired'],
    [-1, 7, 'expired'],
    [0, 7, 'today'],
    [1, 7, 'soon'],
    [2, 7, 'due'],
    [7, 7, 'due'],
    [8, 7, 'ok'],
    [1, 0, 'soon'], // one day left is "soon" even with no lead window
    [3, 0, 'ok'],
    [30, 30, 'due'],
  ])('%s days left, lead %d → %s', (daysLeft, lead, expected) => {
    expect(urgencyOf(daysLeft, lead)).toBe(expected);
  });
});

describe('locale files', () => {
  it('carry every key formatDaysLeft uses, with the count placeholder where needed', () => {
    for (const locale of ['en', 'es', 'zh_CN'] as const) {
      const t = translatorFor(locale);
      for (const key of ['daysLeftToday', 'daysLeftTomorrow', 'expiredYesterday'] as const) {
        expect(t(key)).not.toMatch(/\$/);
      }
      for (const key of ['daysLeftN', 'daysAgoN'] as const) expect(t(key, ['42'])).toContain('42');
    }
  });
});

describe('the number a recharge page asks for', () => {
  it('is the 10 national digits, without 0 and 15', () => {
    expect(nationalDigits('+5491123456789')).toBe('1123456789');
    expect(nationalDigits('+5493516123456')).toBe('3516123456');
    expect(nationalDigits('+5492966123456')).toBe('2966123456');
    expect(nationalDigits('+14155550100')).toBeNull();
  });

  it('reads grouped by area code, masked when numbers are hidden', () => {
    expect(formatNationalNumber('+5491123456789')).toBe('11 2345-6789');
    expect(formatNationalNumber('+5493516123456')).toBe('351 612-3456');
    expect(formatNationalNumber('+5491123456789', true)).toBe('11 ••••-6789');
    expect(formatNationalNumber('12345')).toBeNull();
  });
});

describe('plural forms', () => {
  it("picks the one/other message by the language's rules", () => {
    expect(pluralForm(1, 'es')).toBe('one');
    expect(pluralForm(2, 'es')).toBe('other');
    expect(pluralForm(0, 'en')).toBe('other');
    expect(pluralForm(1, 'zh_CN')).toBe('other');
    expect(pickPlural(1, 'es', 'detailShowingLatestOne', 'detailShowingLatestOther')).toBe(
      'detailShowingLatestOne',
    );
  });

  it('says "se muestra 1" and "se muestran 2" in Spanish', () => {
    const t = translatorFor('es');
    const shown = (count: number) =>
      t(pickPlural(count, 'es', 'detailShowingLatestOne', 'detailShowingLatestOther'), [
        formatCount(count, 'es'),
      ]);
    expect(shown(1)).toBe('Las más recientes primero, se muestra 1');
    expect(shown(2)).toBe('Las más recientes primero, se muestran 2');
    expect(shown(1500)).toBe('Las más recientes primero, se muestran 1.500');
  });
});

describe('joining words per language', () => {
  it('joins clauses with a full-width comma in Chinese', () => {
    expect(joinClauses(['2026年12月5日 到期', '12 天后'], 'zh_CN')).toBe(
      '2026年12月5日 到期，12 天后',
    );
    expect(joinClauses(['vence el 5 dic 2026', 'en 12 días'], 'es')).toBe(
      'vence el 5 dic 2026, en 12 días',
    );
  });

  it('lists with the enumeration comma in Chinese', () => {
    expect(joinList(['甲', '乙', '丙'], 'zh_CN')).toBe('甲、乙、丙');
    expect(joinList(['a', 'b'], 'en')).toBe('a, b');
  });

  it('runs sentences together without spaces in Chinese, skipping empty ones', () => {
    expect(joinSentences(['已过期。', '', '请充值。'], 'zh_CN')).toBe('已过期。请充值。');
    expect(joinSentences(['Expired.', '', 'Recharge.'], 'en')).toBe('Expired. Recharge.');
  });
});

describe('formatLongDate', () => {
  it('reads a typed date back in full, with the weekday', () => {
    expect(formatLongDate('2026-12-05', 'en')).toBe('Saturday, 5 December 2026');
    expect(formatLongDate('2026-12-05', 'es')).toBe('sábado, 5 de diciembre de 2026');
    expect(formatLongDate('2026-12-05', 'zh_CN')).toBe('2026年12月5日星期六');
    expect(formatLongDate('2026-02-30', 'en')).toBe('2026-02-30');
  });
});
