import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../support/i18n';
import {
  buildCalendarFile,
  calendarAlarmDays,
  calendarEvents,
  lineEventUid,
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
      alarmDaysBefore: 7,
      estimated: false,
    });
    // last recharge 2026-01-10 + 180 days
    expect(estimated).toMatchObject({
      uid: lineEventUid('a-estimated'),
      date: '2026-07-09',
      summary: 'LineKeeper: Mamá; trabajo, 妈妈 expires (estimated)',
      estimated: true,
    });
    expect(estimated!.description).toMatch(/10 Jan 2026 plus 180 days/);
    expect(known!.alarmDescription).toBe(
      'Claro +54 9 11 3456-7812 expires in 7 days: renew it now.',
    );
  });

  it('alarms at the largest lead day; today / tomorrow wording', () => {
    expect(calendarAlarmDays({ leadDays: [3, 14, 1] })).toBe(14);
    expect(calendarAlarmDays({ leadDays: [] })).toBe(0);
    const today = calendarEvents(LINES, { leadDays: [] }, 'en', en)[0]!;
    expect(today.alarmDaysBefore).toBe(0);
    expect(today.alarmDescription).toMatch(/expires today/);
    expect(calendarEvents(LINES, { leadDays: [1, 0] }, 'en', en)[0]!.alarmDescription).toMatch(
      /expires tomorrow/,
    );
  });

  it('speaks Spanish and Chinese', () => {
    const es = calendarEvents(LINES, DEFAULT_SETTINGS, 'es', translatorFor('es'));
    expect(es[0]!.summary).toBe('Guardalínea: vence Mamá; trabajo, 妈妈 (estimado)');
    const zh = calendarEvents(LINES, DEFAULT_SETTINGS, 'zh_CN', translatorFor('zh_CN'));
    expect(zh[0]!.summary).toBe('保号助手：Mamá; trabajo, 妈妈 到期（预计）');
    expect(zh[1]!.alarmDescription).toContain('7 天后到期');
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
    const alarm = vevents[1]!.getFirstSubcomponent('valarm')!;
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-P10D');
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
