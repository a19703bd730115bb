import { addLinePagePath } from '../../utils/protocol/add-line-link';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_LINE_FORM,
  addMonths,
  expirySuggestions,
  initialRenewalForm,
  lineUpdatePatch,
  needsPastExpiryConfirmation,
  parseAmountField,
  prefillFromHash,
  toggleLeadDay,
  validateLineForm,
  validateRenewalForm,
  type LineFormValues,
  type RenewalFormValues,
} from '../../utils/popup/line-form';

// 2026-05-10 12:00 in Buenos Aires.
const NOW = Date.UTC(2026, 4, 10, 15, 0);

const form = (values: Partial<LineFormValues>): LineFormValues => ({
  ...EMPTY_LINE_FORM,
  carrier: 'claro',
  ...values,
});

describe('validateLineForm', () => {
  it.each([
    ['11 2345-6789'],
    ['(011) 15-2345-6789'],
    ['+54 9 11 2345-6789'],
    ['+5491123456789'],
    ['011 15 2345 6789'],
  ])('accepts the number as people type it: %s', (typed) => {
    const result = validateLineForm(form({ msisdn: typed }));
    expect(result).toEqual({
      ok: true,
      value: {
        carrier: 'claro',
        msisdn: '+5491123456789',
        label: '',
        expiresOn: null,
        balance: null,
      },
    });
  });

  it.each([['11 2345-678'], ['12345'], ['+1 415 555 0100'], ['11 ****-6789'], ['call me']])(
    'refuses a malformed number: %s',
    (typed) => {
      const result = validateLineForm(form({ msisdn: typed }));
      expect(result).toEqual({ ok: false, errors: { msisdn: 'formErrNumber' } });
    },
  );

  it.each([
    ['2026-02-30', 'formErrDate'],
    ['2026-13-01', 'formErrDate'],
    ['2025-02-29', 'formErrDate'],
    ['31/02/2026', 'formErrDate'],
    ['!', 'formErrDateFormat'],
    ['15/12', 'formErrDateFormat'],
    ['12/25/2026', 'formErrDateMonthFirst'],
  ])('refuses an impossible or unreadable date: %s (%s)', (typed, error) => {
    const result = validateLineForm(form({ label: 'x', expiresOn: typed }));
    expect(result).toEqual({ ok: false, errors: { expiresOn: error } });
  });

  it.each([
    ['15/12/2026', '2026-12-15'],
    ['5/12/2026', '2026-12-05'],
    ['05-12-26', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
  ])('reads the date day first, as the carriers write it: %s', (typed, iso) => {
    const result = validateLineForm(form({ label: 'x', expiresOn: typed }));
    expect(result.ok && result.value.expiresOn).toBe(iso);
  });

  it('accepts a leap day that exists', () => {
    const result = validateLineForm(form({ label: 'x', expiresOn: '2028-02-29' }));
    expect(result.ok && result.value.expiresOn).toBe('2028-02-29');
  });

  it.each([
    ['-5', 'formErrAmountNegative'],
    ['−1.234,56', 'formErrAmountNegative'],
    ['12,345', 'formErrAmount'],
    ['abc', 'formErrAmount'],
    ['1.2.3', 'formErrAmount'],
    ['999999999999', 'formErrAmountTooLarge'],
    ['100.000.001', 'formErrAmountTooLarge'],
    ['$ 1234567890,50', 'formErrAmountTooLarge'],
  ])('refuses the balance %s', (typed, error) => {
    const result = validateLineForm(form({ label: 'x', balance: typed }));
    expect(result).toEqual({ ok: false, errors: { balance: error } });
  });

  it.each([
    ['1.234,56', 1234.56],
    ['1234.56', 1234.56],
    ['$ 2.000', 2000],
    ['0', 0],
    ['100.000.000', 100_000_000],
  ])('reads the balance %s', (typed, amount) => {
    const result = validateLineForm(form({ label: 'x', balance: typed }));
    expect(result.ok && result.value.balance).toEqual({ amount, currency: 'ARS' });
  });

  it('needs a carrier and a number or a label, and reports every field at once', () => {
    expect(validateLineForm(EMPTY_LINE_FORM)).toEqual({
      ok: false,
      errors: { carrier: 'formErrCarrier', msisdn: 'formErrNumberOrLabel' },
    });
    expect(
      validateLineForm(
        form({ carrier: 'not-a-carrier', msisdn: '1', expiresOn: '2026-02-30', balance: '-1' }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        carrier: 'formErrCarrier',
        msisdn: 'formErrNumber',
        expiresOn: 'formErrDate',
        balance: 'formErrAmountNegative',
      },
    });
  });

  it('refuses a label longer than 60 characters', () => {
    expect(validateLineForm(form({ label: 'x'.repeat(61) }))).toEqual({
      ok: false,
      errors: { label: 'formErrLabelLong' },
    });
  });
});

describe('validateLineForm with the shared bounds', () => {
  const bounds = { now: NOW };
  it.each([
    ['2026-03-11', true], // 60 days before 10 May
    ['2026-03-10', false],
    ['2027-06-14', true], // 400 days after
    ['2027-06-15', false],
    ['2100-12-31', false],
  ])('expiry %s → accepted %s', (date, ok) => {
    const result = validateLineForm(form({ label: 'x', expiresOn: date }), bounds);
    expect(result.ok ? 'ok' : result.errors.expiresOn).toBe(ok ? 'ok' : 'formErrExpiryRange');
  });

  it('leaves alone a date the line already had (editing only the label)', () => {
    const stored = { now: NOW, storedExpiry: '2026-01-01' };
    expect(validateLineForm(form({ label: 'x', expiresOn: '2026-01-01' }), stored).ok).toBe(true);
  });
});

describe('lineUpdatePatch', () => {
  it('sends only what changed', () => {
    const before = {
      carrier: 'claro' as const,
      msisdn: '+5491123456789',
      label: 'Chip',
      expiresOn: '2026-06-01',
      balance: { amount: 10, currency: 'ARS' as const },
    };
    expect(lineUpdatePatch(before, { ...before })).toEqual({});
    expect(lineUpdatePatch(before, { ...before, label: 'New', balance: null })).toEqual({
      label: 'New',
      balance: null,
    });
  });
});

describe('parseAmountField', () => {
  it('treats an empty field as "not given"', () => {
    expect(parseAmountField('  ')).toEqual({ value: null });
  });
});

describe('prefillFromHash', () => {
  it("reads the overlay's #/add?… hash", () => {
    expect(
      prefillFromHash(
        '#/add?carrier=claro&msisdn=%2B5491123456789&expiresOn=2026-12-15&balance=1234.56',
      ),
    ).toEqual({
      carrier: 'claro',
      msisdn: '+5491123456789',
      label: '',
      expiresOn: '15/12/2026',
      balance: '1234.56',
    });
  });

  it('reads the hash the background writes for the overlay\'s "enter it by hand"', () => {
    const path = addLinePagePath({
      carrier: 'movistar',
      msisdn: '+5493516123456',
      expiresOn: null,
      balance: { amount: 2500, currency: 'ARS' },
    });
    expect(prefillFromHash(path.slice(path.indexOf('#')))).toEqual({
      carrier: 'movistar',
      msisdn: '+5493516123456',
      label: '',
      expiresOn: '',
      balance: '2500',
    });
  });

  it('drops invalid values one by one and ignores other hashes', () => {
    expect(
      prefillFromHash('#/add?carrier=nokia&msisdn=123&expiresOn=2026-02-30&balance=-4'),
    ).toEqual(EMPTY_LINE_FORM);
    expect(prefillFromHash('#add-line=%7Bbroken')).toBeNull();
    expect(prefillFromHash('')).toBeNull();
    expect(prefillFromHash('#/settings')).toBeNull();
  });
});

describe('renewal form', () => {
  const renewal = (values: Partial<RenewalFormValues>): RenewalFormValues => ({
    ...initialRenewalForm('2026-05-20', NOW),
    ...values,
  });

  it('starts with today, 1 month and the running expiry + 1 month', () => {
    expect(initialRenewalForm('2026-05-20', NOW)).toMatchObject({
      date: '10/05/2026',
      months: '1',
      updateExpiry: true,
      newExpiresOn: '20/06/2026',
    });
    // Lapsed or unknown expiry: count from today.
    expect(initialRenewalForm('2026-05-01', NOW).newExpiresOn).toBe('10/06/2026');
    expect(initialRenewalForm(null, NOW).newExpiresOn).toBe('10/06/2026');
  });

  it('suggests both dates for 3 and 12 months', () => {
    expect(expirySuggestions('2026-05-20', 3, NOW)).toEqual({
      fromToday: '2026-08-10',
      fromExpiry: '2026-08-20',
      suggested: '2026-08-20',
    });
    expect(expirySuggestions(null, 12, NOW)).toEqual({
      fromToday: '2027-05-10',
      fromExpiry: null,
      suggested: '2027-05-10',
    });
  });

  it('adds months without inventing dates', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
  });

  it('builds the ui:record-renewal message', () => {
    const result = validateRenewalForm(
      renewal({
        amount: '2.500',
        months: '3',
        paymentMethod: 'paypal',
        operationId: ' OP-1 ',
        note: 'promo',
        newExpiresOn: '2026-08-20',
      }),
      'line-1',
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'ui:record-renewal',
        lineId: 'line-1',
        date: '2026-05-10',
        amount: 2500,
        months: 3,
        paymentMethod: 'paypal',
        operationId: 'OP-1',
        note: 'promo',
        newExpiresOn: '2026-08-20',
      },
    });
  });

  it('leaves the expiry alone when the user unticks it', () => {
    const result = validateRenewalForm(
      renewal({ updateExpiry: false, newExpiresOn: '!' }),
      'l',
      NOW,
    );
    expect(result.ok && result.value.newExpiresOn).toBeNull();
  });

  it.each([
    [{ months: '2' }, { months: 'formErrMonths' }],
    [{ months: '6' }, { months: 'formErrMonths' }],
    [{ amount: '-100' }, { amount: 'formErrAmountNegative' }],
    [{ amount: '0' }, { amount: 'formErrAmountZero' }],
    [{ amount: '999999999999' }, { amount: 'formErrAmountTooLarge' }],
    [{ date: '2026-02-30' }, { date: 'formErrDate' }],
    [{ date: '' }, { date: 'formErrRequired' }],
    [{ date: '2026-05-12' }, { date: 'formErrFutureDate' }],
    [{ newExpiresOn: '2026-04-31' }, { newExpiresOn: 'formErrDate' }],
    [{ newExpiresOn: '2026-05-01' }, { newExpiresOn: 'formErrExpiryPast' }],
    [{ newExpiresOn: '2027-06-15' }, { newExpiresOn: 'formErrExpiryRange' }],
    [{ date: '2025-04-04' }, { date: 'formErrRechargeTooOld' }],
    [{ paymentMethod: 'bitcoin' }, { paymentMethod: 'formErrPaymentMethod' }],
    [{ operationId: 'x'.repeat(65) }, { operationId: 'formErrOperationId' }],
  ])('refuses %o', (values, errors) => {
    expect(validateRenewalForm(renewal(values), 'l', NOW)).toEqual({ ok: false, errors });
  });

  it("allows Argentina's tomorrow as the date (the user may be in Shanghai)", () => {
    expect(validateRenewalForm(renewal({ date: '2026-05-11' }), 'l', NOW).ok).toBe(true);
  });
});

describe('needsPastExpiryConfirmation', () => {
  it('asks before saving an expiry already past, unless the line already had it', () => {
    expect(needsPastExpiryConfirmation('2026-05-09', null, NOW)).toBe(true);
    expect(needsPastExpiryConfirmation('2020-12-05', '2026-06-01', NOW)).toBe(true);
    // Today is not past: the line is valid until the end of Argentina's day.
    expect(needsPastExpiryConfirmation('2026-05-10', null, NOW)).toBe(false);
    expect(needsPastExpiryConfirmation('2026-05-09', '2026-05-09', NOW)).toBe(false);
    expect(needsPastExpiryConfirmation(null, '2026-05-09', NOW)).toBe(false);
  });
});

describe('toggleLeadDay', () => {
  it('adds and removes a day, latest first, never twice', () => {
    expect(toggleLeadDay([7, 3, 1, 0], 14, true)).toEqual([14, 7, 3, 1, 0]);
    expect(toggleLeadDay([7, 3, 1, 0], 7, true)).toEqual([7, 3, 1, 0]);
    expect(toggleLeadDay([7, 3, 1, 0], 0, false)).toEqual([7, 3, 1]);
  });
});
