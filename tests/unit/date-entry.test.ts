import { describe, expect, it } from 'vitest';
import { dateEntryText, dateReadBack, parseDateEntry } from '../../utils/popup/date-entry';
import { translatorFor } from '../support/i18n';

describe('parseDateEntry: dates typed day first, as the carriers write them', () => {
  it.each([
    ['05/12/2026', '2026-12-05'],
    ['5/12/2026', '2026-12-05'],
    [' 5 / 12 / 2026 ', '2026-12-05'],
    ['05-12-2026', '2026-12-05'],
    ['05.12.2026', '2026-12-05'],
    ['05/12/26', '2026-12-05'],
    ['29/02/2028', '2028-02-29'],
    // Year first is unambiguous with four digits: ISO and the Chinese way.
    ['2026-12-05', '2026-12-05'],
    ['2026/12/5', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
    ['2026 年 12 月 5 日', '2026-12-05'],
  ])('%s → %s', (typed, iso) => {
    expect(parseDateEntry(typed)).toEqual({ value: iso });
  });

  it('reads 05/12 as the 5th of December, never as 12 May', () => {
    expect(parseDateEntry('05/12/2026')).toEqual({ value: '2026-12-05' });
    expect(parseDateEntry('12/05/2026')).toEqual({ value: '2026-05-12' });
  });

  it('an empty field is no date', () => {
    expect(parseDateEntry('')).toEqual({ value: null });
    expect(parseDateEntry('   ')).toEqual({ value: null });
  });

  it('says the day comes first when the text reads month first', () => {
    expect(parseDateEntry('12/25/2026')).toEqual({ error: 'formErrDateMonthFirst' });
    expect(parseDateEntry('2/31/2026')).toEqual({ error: 'formErrDateMonthFirst' });
  });

  it.each(['31/02/2026', '29/02/2026', '00/12/2026', '32/01/2026', '2026-02-30', '2026年13月1日'])(
    'refuses a date that is not on the calendar: %s',
    (typed) => {
      expect(parseDateEntry(typed)).toEqual({ error: 'formErrDate' });
    },
  );

  it.each(['5/12', 'tomorrow', '5 dic 2026', '05/12-2026', '1/2/3', '!', '20261205', '5/12/202'])(
    'asks for day/month/year when it cannot read %s',
    (typed) => {
      expect(parseDateEntry(typed)).toEqual({ error: 'formErrDateFormat' });
    },
  );
});

describe('dateEntryText', () => {
  it('shows a stored date day first, and nothing for none', () => {
    expect(dateEntryText('2026-12-05')).toBe('05/12/2026');
    expect(dateEntryText(null)).toBe('');
    expect(dateEntryText(undefined)).toBe('');
  });

  it('round-trips through parseDateEntry', () => {
    for (const iso of ['2026-01-01', '2026-12-31', '2028-02-29']) {
      expect(parseDateEntry(dateEntryText(iso))).toEqual({ value: iso });
    }
  });
});

describe('dateReadBack', () => {
  it('reads the typed date back in words, in the user’s language', () => {
    expect(dateReadBack('05/12/2026', 'en', translatorFor('en'))).toBe(
      'Read as: Saturday, 5 December 2026',
    );
    expect(dateReadBack('05/12/2026', 'es', translatorFor('es'))).toBe(
      'Se entiende: sábado, 5 de diciembre de 2026',
    );
    expect(dateReadBack('05/12/2026', 'zh_CN', translatorFor('zh_CN'))).toBe(
      '即：2026年12月5日星期六',
    );
  });

  it('says nothing while the text is empty or not a date', () => {
    expect(dateReadBack('', 'en', translatorFor('en'))).toBeNull();
    expect(dateReadBack('31/02/2026', 'en', translatorFor('en'))).toBeNull();
    expect(dateReadBack('05/12', 'en', translatorFor('en'))).toBeNull();
  });
});
