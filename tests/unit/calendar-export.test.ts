import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../support/i18n';
import {
  buildCalendarFile,
  calendarAlarmDays,
  calendarAlarmDaysText,
  calendarChangesSince,
  calendarEvents,
  calendarExportRecord,
  lineEventUid,
  parseCalendarExportRecord,
} from '../../utils/popup/calendar-export';
import { DEFAULT_SETTINGS, type Line } from '../../utils/domain/records';

type CalendarLine = Pick<
  Line,
  'id' | 'carrier' | 'msisdn' | 'label' | 'expiresOn' | 'lastRechargeOn'
>;

const LINES: CalendarLine[] = [
  {
    id: 'b-known',
    carrier: 'claro',
    msisdn: '+5491134567812',
    label: '',
    expiresOn: '2026-07-15',
    lastRechargeOn: '2026-01-01',
  },
  {
    id: 'a-estimated',
    carrier: 'personal',
    msisdn: null,
    label: 'Mamá; trabajo, 妈妈',
    expiresOn: null,
    lastRechargeOn: '2026-01-10',
  },
  {
    id: 'c-none',
    carrier: 'movistar',
    msisdn: '+5493516123456',
    label: '',
    expiresOn: null,
    lastRechargeOn: null,
  },
];
const NOW = Date.parse('2026-05-01T12:34:56.789Z');
const en = translatorFor('en');

describe('calendarEvents', () => {
  it('makes one event per line with an expiry, estimated ones marked, earliest first', () => {
    const events = calendarEvents(LINES, DEFAULT_SETTINGS, 'en', en);
    expect(events).toHaveLength(2);
    const [estimated, known] = events;
    expect(known).toMatchObject({
      uid: 'line-b-known@linekeeper',
      date: '2026-07-15',
      summary: 'LineKeeper: Claro +54 9 11 3456-7812 expires',
      estimated: false,
    });
    // One alarm per reminder day (7, 3, 1, 0 by default), not only the largest.
    expect(known!.alarms.map((alarm) => alarm.daysBefore)).toEqual([7, 3, 1, 0]);
    // last recharge 2026-01-10 + 180 days
    expect(estimated).toMatchObject({
      uid: lineEventUid('a-estimated'),
      date: '2026-07-09',
      summary: 'LineKeeper: Mamá; trabajo, 妈妈 expires (estimated)',
      estimated: true,
    });
    expect(estimated!.description).toMatch(/10 Jan 2026 plus 180 days/);
    expect(known!.alarms.map((alarm) => alarm.description)).toEqual([
      'Claro +54 9 11 3456-7812 expires in 7 days: renew it now.',
      'Claro +54 9 11 3456-7812 expires in 3 days: renew it now.',
      'Claro +54 9 11 3456-7812 expires tomorrow: renew it now.',
      'Claro +54 9 11 3456-7812 expires today: renew it now.',
    ]);
  });

  it('alarms at every lead day, largest first; on the day when none is chosen', () => {
    expect(calendarAlarmDays({ leadDays: [3, 14, 1] })).toEqual([14, 3, 1]);
    expect(calendarAlarmDays({ leadDays: [] })).toEqual([0]);
    const today = calendarEvents(LINES, { leadDays: [] }, 'en', en)[0]!;
    expect(today.alarms).toEqual([{ daysBefore: 0, description: expect.stringMatching(/today/) }]);
    expect(calendarAlarmDaysText({ leadDays: [7, 3, 1, 0] }, 'en', en)).toBe(
      '7 days before, 3 days before, 1 day before, on the day',
    );
    expect(calendarAlarmDaysText({ leadDays: [7, 0] }, 'zh_CN', translatorFor('zh_CN'))).toMatch(
      /、/,
    );
  });

  it('speaks Spanish and Chinese', () => {
    const es = calendarEvents(LINES, DEFAULT_SETTINGS, 'es', translatorFor('es'));
    expect(es[0]!.summary).toBe('Guardalínea: vence Mamá; trabajo, 妈妈 (estimado)');
    const zh = calendarEvents(LINES, DEFAULT_SETTINGS, 'zh_CN', translatorFor('zh_CN'));
    expect(zh[0]!.summary).toBe('保号助手：Mamá; trabajo, 妈妈 到期（预计）');
    expect(zh[1]!.alarms[0]!.description).toContain('7 天后到期');
  });

  it('keeps the UID of a line when its expiry changes (re-import updates)', () => {
    const before = calendarEvents([LINES[0]!], DEFAULT_SETTINGS, 'en', en)[0]!;
    const after = calendarEvents(
      [{ ...LINES[0]!, expiresOn: '2026-10-15' }],
      DEFAULT_SETTINGS,
      'en',
      en,
    )[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.date).toBe('2026-10-15');
  });
});

describe('buildCalendarFile', () => {
  it('is null when no line has an expiry', () => {
    expect(buildCalendarFile([LINES[2]!], DEFAULT_SETTINGS, NOW, 'en', en)).toBeNull();
    expect(buildCalendarFile([], DEFAULT_SETTINGS, NOW, 'en', en)).toBeNull();
  });

  it('parses with ical.js: all-day events, stable UIDs, alarms, escaped text', () => {
    const file = buildCalendarFile(
      LINES,
      { leadDays: [7, 3, 10] },
      NOW,
      'zh_CN',
      translatorFor('zh_CN'),
    )!;
    expect(file.events).toBe(2);
    expect(file.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(
      file.text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75),
    ).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(file.text));
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(2);
    const events = vevents.map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([
      'line-a-estimated@linekeeper',
      'line-b-known@linekeeper',
    ]);
    const estimated = events[0]!;
    expect(estimated.startDate.isDate).toBe(true);
    expect(estimated.startDate.toString()).toBe('2026-07-09');
    expect(estimated.endDate.toString()).toBe('2026-07-10');
    expect(estimated.summary).toBe('保号助手：Mamá; trabajo, 妈妈 到期（预计）');
    expect(vevents[0]!.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const triggers = vevents[1]!
      .getAllSubcomponents('valarm')
      .map((alarm) => String(alarm.getFirstPropertyValue('trigger')));
    expect(triggers).toEqual(['-P10D', '-P7D', '-P3D']);
    expect(
      calendar.getFirstPropertyValue('dtstamp') ?? vevents[0]!.getFirstPropertyValue('dtstamp'),
    ).toBeTruthy();
  });

  it('gives the same bytes for the same input', () => {
    const a = buildCalendarFile(LINES, DEFAULT_SETTINGS, NOW, 'es', translatorFor('es'));
    const b = buildCalendarFile(
      [...LINES].reverse(),
      DEFAULT_SETTINGS,
      NOW,
      'es',
      translatorFor('es'),
    );
    expect(a).toEqual(b);
  });
});

describe('a calendar export goes stale when an expiry changes', () => {
  const events = calendarEvents(LINES, DEFAULT_SETTINGS, 'en', en);

  it('is up to date right after the export, and the record survives storage', () => {
    const record = calendarExportRecord(events, NOW);
    expect(calendarChangesSince(record, events)).toBe(0);
    expect(parseCalendarExportRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('counts a renewal (a new expiry), a new line with a date and a deleted line', () => {
    const record = calendarExportRecord(events, NOW);
    const renewed = calendarEvents(
      [{ ...LINES[0]!, expiresOn: '2026-08-15' }, LINES[1]!, LINES[2]!],
      DEFAULT_SETTINGS,
      'en',
      en,
    );
    expect(calendarChangesSince(record, renewed)).toBe(1);
    const added = calendarEvents(
      [...LINES, { ...LINES[2]!, id: 'd-new', expiresOn: '2026-09-01' }],
      DEFAULT_SETTINGS,
      'en',
      en,
    );
    expect(calendarChangesSince(record, added)).toBe(1);
    expect(calendarChangesSince(record, events.slice(1))).toBe(1);
  });

  it('ignores a stored value that is not a record', () => {
    for (const junk of [null, 'x', { exportedAt: 'yesterday', dates: {} }, { exportedAt: 1 }]) {
      expect(parseCalendarExportRecord(junk)).toBeNull();
    }
  });
});
