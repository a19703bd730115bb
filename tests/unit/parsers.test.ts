import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMoney, parseAmount, parseMoney } from '../../utils/reading/money';
import { findDates, parseDate } from '../../utils/reading/dates';
import { todayInBuenosAires } from '../../utils/domain/time';
import { findPhones, parseMsisdn } from '../../utils/reading/phone';

const NOW = new Date('2026-11-20T15:30:00-03:00');

describe('parseMoney', () => {
  it.each([
    ['$ 1.234,56', 1234.56],
    ['$\u00a01.234,56', 1234.56],
    ['ARS 1234.56', 1234.56],
    ['ARS 15.230', 15230],
    ['$1.050', 1050],
    ['$ 0', 0],
    ['$ 0,00', 0],
    ['$ 1.234 ,56', 1234.56],
    ['$ 1.234.567,8', 1234567.8],
    ['1.050 pesos', 1050],
    ['AR$ 99,9', 99.9],
    ['$ 12.34', 12.34],
  ])('%s → %s', (text, amount) => {
    expect(parseMoney(text)).toEqual({ amount, currency: 'ARS' });
  });

  it.each([
    '1,234',
    '$ -150',
    'US$ 10',
    'U$S 10',
    '$ 1.23.4',
    '$ 01.234',
    '',
    '$',
    'saldo',
    '$ 1.234,567',
    '$ 1 2',
  ])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('never throws and returns a finite non-negative amount or null', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseMoney(text);
        return result === null || (Number.isFinite(result.amount) && result.amount >= 0);
      }),
    );
  });

  it('reads back any amount in every accepted form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        (pesos, cents) => {
          const grouped = pesos.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
          const centsText = cents.toString().padStart(2, '0');
          const expected = pesos + cents / 100;
          const forms = [
            `$ ${grouped},${centsText}`,
            `$\u00a0${grouped},${centsText}`,
            `ARS ${pesos}.${centsText}`,
            `$${grouped},${centsText}`,
          ];
          if (cents === 0) forms.push(`$ ${grouped}`, `ARS ${grouped}`);
          return forms.every(
            (form) => parseMoney(form)?.amount === Math.round(expected * 100) / 100,
          );
        },
      ),
    );
  });

  it('finds ARS right after a label rendered without a space (`<span>Monto</span><span>ARS 1.500</span>`)', () => {
    expect(findMoney('MontoARS 1.500').map((m) => m.amount)).toEqual([1500]);
    expect(findMoney('Saldo:ARS 15.230').map((m) => m.amount)).toEqual([15230]);
    // Dollars stay out, whatever their case.
    expect(findMoney('u$s 100 · US$ 20 · U$S 5')).toEqual([]);
  });

  it('parseAmount refuses malformed grouping', () => {
    expect(parseAmount('1.2345')).toBeNull();
    expect(parseAmount('12.345,6')).toBe(12345.6);
  });
});

describe('parseDate', () => {
  it.each([
    ['15/12/2026', '2026-12-15'],
    ['15-12-26', '2026-12-15'],
    ['15.12.2026', '2026-12-15'],
    ['15 de diciembre de 2026', '2026-12-15'],
    ['15 dic. 2026', '2026-12-15'],
    ['15 dic 2026', '2026-12-15'],
    ['lunes 15 de diciembre', '2026-12-15'],
    ['3 de enero', '2027-01-03'],
    ['20/11', '2026-11-20'],
    ['19/11', '2026-11-19'],
    ['2026-12-15', '2026-12-15'],
    ['Dic 15, 2026', '2026-12-15'],
    ['1 de setiembre del 2027', '2027-09-01'],
    ['15-dic-26', '2026-12-15'],
    ['15 de diciembre de 26', '2026-12-15'],
    ['hoy', '2026-11-20'],
    ['mañana', '2026-11-21'],
    ['manana', '2026-11-21'],
    ['en 5 días', '2026-11-25'],
    ['en 15 dias', '2026-12-05'],
    ['ayer', '2026-11-19'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text, NOW)).toBe(iso);
  });

  it.each([
    '31/02/2026',
    '32/01/2026',
    '15/13/2026',
    '08/29',
    'diciembre',
    '15',
    '',
    '15 de foo de 2026',
  ])('refuses %j', (text) => {
    expect(parseDate(text, NOW)).toBeNull();
  });

  it('resolves the reading day in Buenos Aires, not in the reader’s time zone', () => {
    // 09:40 on 1 December in Shanghai is still 30 November in Buenos Aires.
    const shanghai = new Date('2026-12-01T09:40:00+08:00');
    expect(parseDate('hoy', shanghai)).toBe('2026-11-30');
    expect(parseDate('mañana', shanghai)).toBe('2026-12-01');
    expect(todayInBuenosAires(new Date('2026-11-21T02:59:59Z'))).toBe('2026-11-20');
    expect(todayInBuenosAires(new Date('2026-11-21T03:00:00Z'))).toBe('2026-11-21');
  });

  it('takes no year from a time, a day count or a percentage after a yearless date', () => {
    const dates = (text: string) => findDates(text, NOW).map((d) => d.iso);
    expect(dates('vence el 18 de diciembre, 23.59 hs')).toEqual(['2026-12-18']);
    expect(dates('Vence el 18 de diciembre 22 días')).toEqual(['2026-12-18']);
    expect(dates('lunes 30 de noviembre, 50% de descuento')).toEqual(['2026-11-30']);
    expect(dates('18 de diciembre 2027')).toEqual(['2027-12-18']);
  });

  // The rule: a date without a year takes the year that puts it nearest the reading day,
  // within 182 days before it or 183 days after (NOW is 20 November 2026 in Buenos Aires).
  it.each([
    ['19/11', '2026-11-19'], // yesterday: an expired line, never next November
    ['20 nov', '2026-11-20'],
    ['03/01', '2027-01-03'],
    ['21/05', '2027-05-21'], // 182 days ahead; a year back would be 183 days before
    ['22/05', '2026-05-22'], // 182 days back beats 183 ahead
    ['23/05', '2026-05-23'],
    ['29/02', null], // no 29 February within the window
  ])('a yearless %s read on 20 November 2026 is %s', (text, iso) => {
    const [date] = findDates(text, NOW);
    expect(date).toMatchObject({ iso, yearInferred: true });
  });

  it('reads "vence el 02/12" on 3 December as yesterday', () => {
    expect(parseDate('02/12', new Date('2026-12-03T12:00:00-03:00'))).toBe('2026-12-02');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 946_684_800_000, max: 4_000_000_000_000 }),
        (text, ms) => {
          const result = parseDate(text, new Date(ms));
          return result === null || /^\d{4}-\d{2}-\d{2}$/.test(result);
        },
      ),
    );
  });

  it('reads back any real date in every accepted form', () => {
    const months = [
      'enero',
      'febrero',
      'marzo',
      'abril',
      'mayo',
      'junio',
      'julio',
      'agosto',
      'septiembre',
      'octubre',
      'noviembre',
      'diciembre',
    ];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const date = new Date(ms);
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth() + 1;
        const d = date.getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const dd = String(d).padStart(2, '0');
        const mm = String(m).padStart(2, '0');
        const monthName = months[m - 1] ?? '';
        const forms = [
          `${dd}/${mm}/${y}`,
          `${d}/${m}/${y}`,
          `${dd}-${mm}-${String(y).slice(2)}`,
          `${d} de ${monthName} de ${y}`,
          `${d} ${monthName.slice(0, 3)}. ${y}`,
        ];
        return forms.every((form) => parseDate(form, NOW) === iso);
      }),
    );
  });
});

describe('parseMsisdn', () => {
  it.each([
    ['11 3456-7812', '+5491134567812'],
    ['(011) 15-2345-6789', '+5491123456789'],
    ['+54 9 11 2345-6789', '+5491123456789'],
    ['(0351) 15-612-3456', '+5493516123456'],
    ['011-15-3377-2041', '+5491133772041'],
    ['(0261) 15-498-2207', '+5492614982207'],
    ['1134567812', '+5491134567812'],
    ['+5491134567812', '+5491134567812'],
    ['+54 11 2345-6789', '+5491123456789'],
    ['223 15-477-0811', '+5492234770811'],
  ])('%s → %s', (text, msisdn) => {
    expect(parseMsisdn(text)).toBe(msisdn);
  });

  it.each([
    '11 ****-3344',
    '351 ***-3456',
    '0800-333-1234',
    '15-2345-6789',
    '*611',
    '1234',
    '+1 415 555 0100',
    '4123456789',
    '11 2345 678',
  ])('refuses %j', (text) => {
    expect(parseMsisdn(text)).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseMsisdn(text);
        findPhones(text);
        return result === null || /^\+549\d{10}$/.test(result);
      }),
    );
  });

  it('reads back any mobile number in every accepted form', () => {
    const areaAndSubscriber = fc.oneof(
      fc.tuple(fc.constant('11'), fc.stringMatching(/^[2-9]\d{7}$/)),
      fc.tuple(fc.stringMatching(/^[23]\d{2}$/), fc.stringMatching(/^[2-9]\d{6}$/)),
      fc.tuple(fc.stringMatching(/^[23]\d{3}$/), fc.stringMatching(/^[2-9]\d{5}$/)),
    );
    fc.assert(
      fc.property(areaAndSubscriber, ([area, subscriber]) => {
        const expected = `+549${area}${subscriber}`;
        const head = subscriber.slice(0, subscriber.length - 4);
        const tail = subscriber.slice(-4);
        const forms = [
          `${area} ${head}-${tail}`,
          `(0${area}) 15-${head}-${tail}`,
          `+54 9 ${area} ${head}-${tail}`,
          `0${area} 15 ${head} ${tail}`,
          `${area}${subscriber}`,
        ];
        return forms.every((form) => parseMsisdn(form) === expected);
      }),
    );
  });
});
