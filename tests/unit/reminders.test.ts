import { describe, expect, it } from 'vitest';
import {
  BADGE_AMBER,
  BADGE_RED,
  badgeState,
  dueStep,
  effectiveExpiry,
  nextAlarm,
  parseRemindAlarm,
  planReminders,
  reminderSteps,
  remindAlarmName,
} from '../../utils/domain/reminders';
import { DEFAULT_SETTINGS } from '../../utils/domain/records';
import {
  addDays,
  daysUntilExpiry,
  endOfDayInBuenosAires,
  isExpired,
  localWallTimeToInstant,
  offsetForTimeZone,
  todayInBuenosAires,
  type ZoneOffset,
} from '../../utils/domain/time';
import { line } from './background-helpers';

const shanghai = offsetForTimeZone('Asia/Shanghai');
const madrid = offsetForTimeZone('Europe/Madrid');
const buenosAires = offsetForTimeZone('America/Argentina/Buenos_Aires');
const fixed =
  (minutes: number): ZoneOffset =>
  () =>
    minutes;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("Argentina's calendar", () => {
  it('turns the date at midnight in Buenos Aires (03:00 UTC)', () => {
    expect(todayInBuenosAires(at('2026-03-01T02:59:59Z'))).toBe('2026-02-28');
    expect(todayInBuenosAires(at('2026-03-01T03:00:00Z'))).toBe('2026-03-01');
    expect(todayInBuenosAires(new Date('2026-12-31T23:00:00-03:00'))).toBe('2026-12-31');
  });

  it('counts days across month ends and leap years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysUntilExpiry('2028-03-01', at('2028-02-28T12:00:00-03:00'))).toBe(2);
    expect(daysUntilExpiry('2027-03-01', at('2027-02-28T12:00:00-03:00'))).toBe(1);
    expect(daysUntilExpiry('2026-05-20', at('2026-05-20T23:59:00-03:00'))).toBe(0);
    expect(daysUntilExpiry('2026-05-20', at('2026-05-21T00:00:00-03:00'))).toBe(-1);
  });

  it('a line is good until the end of its expiry day in Buenos Aires', () => {
    expect(iso(endOfDayInBuenosAires('2026-05-20'))).toBe('2026-05-21T03:00:00.000Z');
    expect(isExpired('2026-05-20', at('2026-05-21T02:59:59Z'))).toBe(false);
    expect(isExpired('2026-05-20', at('2026-05-21T03:00:00Z'))).toBe(true);
  });

  it('"days left" is Argentina’s even when it is already tomorrow in Shanghai', () => {
    // 2026-05-20 09:00 in Shanghai is still 2026-05-19 22:00 in Buenos Aires.
    expect(daysUntilExpiry('2026-05-20', at('2026-05-20T09:00:00+08:00'))).toBe(1);
  });
});

describe('time zones', () => {
  it('reads offsets of named zones, DST included', () => {
    expect(shanghai(at('2026-01-15T00:00:00Z'))).toBe(480);
    expect(buenosAires(at('2026-07-15T00:00:00Z'))).toBe(-180);
    expect(madrid(at('2026-03-29T00:59:00Z'))).toBe(60);
    expect(madrid(at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(madrid(at('2026-10-25T00:59:00Z'))).toBe(120);
    expect(madrid(at('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('finds the instant of a wall-clock hour, also on DST change days', () => {
    expect(iso(localWallTimeToInstant('2026-03-28', 10, madrid))).toBe('2026-03-28T09:00:00.000Z');
    expect(iso(localWallTimeToInstant('2026-03-29', 10, madrid))).toBe('2026-03-29T08:00:00.000Z');
    // 02:00 does not exist in Madrid on 29 March 2026: the clock jumps to 03:00.
    expect(iso(localWallTimeToInstant('2026-03-29', 2, madrid))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localWallTimeToInstant('2026-10-25', 10, madrid))).toBe('2026-10-25T09:00:00.000Z');
    expect(iso(localWallTimeToInstant('2026-05-20', 0, shanghai))).toBe('2026-05-19T16:00:00.000Z');
  });
});

describe('reminder schedule', () => {
  const settings = DEFAULT_SETTINGS;

  it('user in Shanghai: 10:00 Shanghai time on the Argentine step days', () => {
    const steps = reminderSteps(line({ expiresOn: '2026-05-20' }), settings, shanghai);
    expect(steps.map((s) => [s.lead, iso(s.fireAt)])).toEqual([
      [7, '2026-05-13T02:00:00.000Z'],
      [3, '2026-05-17T02:00:00.000Z'],
      [1, '2026-05-19T02:00:00.000Z'],
      [0, '2026-05-20T02:00:00.000Z'],
    ]);
    // Every step is delivered before the line's last day in Argentina ends.
    for (const step of steps) expect(step.fireAt).toBeLessThan(endOfDayInBuenosAires('2026-05-20'));
  });

  it('user in Madrid across the spring DST change', () => {
    const steps = reminderSteps(line({ expiresOn: '2026-04-02' }), settings, madrid);
    expect(steps.map((s) => [s.lead, iso(s.fireAt)])).toEqual([
      [7, '2026-03-26T09:00:00.000Z'], // CET, UTC+1
      [3, '2026-03-30T08:00:00.000Z'], // CEST, UTC+2
      [1, '2026-04-01T08:00:00.000Z'],
      [0, '2026-04-02T08:00:00.000Z'],
    ]);
  });

  it('user in Madrid across the autumn DST change, custom hour and lead days', () => {
    const steps = reminderSteps(
      line({ expiresOn: '2026-10-26' }),
      { leadDays: [1, 14], reminderHour: 21 },
      madrid,
    );
    expect(steps.map((s) => [s.lead, iso(s.fireAt)])).toEqual([
      [14, '2026-10-12T19:00:00.000Z'],
      [1, '2026-10-25T20:00:00.000Z'],
    ]);
  });

  it('month ends and leap days in the step dates', () => {
    const leap = reminderSteps(line({ expiresOn: '2028-03-02' }), settings, buenosAires);
    expect(leap.map((s) => iso(s.fireAt).slice(0, 10))).toEqual([
      '2028-02-24',
      '2028-02-28',
      '2028-03-01',
      '2028-03-02',
    ]);
    const plain = reminderSteps(line({ expiresOn: '2027-03-02' }), settings, buenosAires);
    expect(plain.map((s) => iso(s.fireAt).slice(0, 10))).toEqual([
      '2027-02-23',
      '2027-02-27',
      '2027-03-01',
      '2027-03-02',
    ]);
  });

  it('never late: far west at 23:00 moves a step to the local day before', () => {
    // UTC−12: 23:00 on 20 May is 21 May 11:00Z, after Argentina's 20 May has ended.
    const [step] = reminderSteps(
      line({ expiresOn: '2026-05-20' }),
      { leadDays: [0], reminderHour: 23 },
      fixed(-720),
    );
    expect(iso(step!.fireAt)).toBe('2026-05-20T11:00:00.000Z');
    expect(step!.fireAt).toBeLessThan(endOfDayInBuenosAires('2026-05-20'));
  });

  it('estimates last recharge + 180 days when no expiry is known, and says so', () => {
    expect(effectiveExpiry(line({ lastRechargeOn: '2026-01-01' }))).toEqual({
      expiresOn: '2026-06-30',
      estimated: true,
    });
    expect(effectiveExpiry(line({ lastRechargeOn: '2028-01-01' }))?.expiresOn).toBe('2028-06-29');
    expect(
      effectiveExpiry(line({ lastRechargeOn: '2026-01-01', expiresOn: '2026-02-01' })),
    ).toEqual({ expiresOn: '2026-02-01', estimated: false });
    const steps = reminderSteps(line({ lastRechargeOn: '2026-01-01' }), settings, madrid);
    expect(steps.every((s) => s.estimated && s.expiresOn === '2026-06-30')).toBe(true);
    expect(effectiveExpiry(line())).toBeNull();
  });

  it('the latest due step fires once; earlier missed ones are skipped', () => {
    const l = line({ expiresOn: '2026-05-20' });
    const now = at('2026-05-19T12:00:00Z'); // after steps 7, 3 and 1 in Madrid
    expect(dueStep(l, settings, now, madrid)?.lead).toBe(1);
    const delivered = { ...l, lastReminder: { expiresOn: '2026-05-20', lead: 1 } };
    expect(dueStep(delivered, settings, now, madrid)).toBeNull();
    expect(nextAlarm(delivered, settings, now, madrid)).toEqual({
      name: remindAlarmName({ lineId: 'l1', expiresOn: '2026-05-20', lead: 0 }),
      when: at('2026-05-20T08:00:00Z'),
    });
    // A new expiry date starts its steps afresh.
    const renewed = { ...delivered, expiresOn: '2026-08-20', expiryKnownSince: now };
    expect(dueStep(renewed, settings, now, madrid)).toBeNull();
  });

  it('steps already past when the expiry was learnt never fire', () => {
    const l = line({ expiresOn: '2026-05-20', expiryKnownSince: at('2026-05-18T12:00:00Z') });
    expect(dueStep(l, DEFAULT_SETTINGS, at('2026-05-18T13:00:00Z'), madrid)).toBeNull();
    expect(dueStep(l, DEFAULT_SETTINGS, at('2026-05-19T08:00:00Z'), madrid)?.lead).toBe(1);
  });

  it('plans one alarm per line plus the midnight badge refresh; nothing when switched off', () => {
    const lines = [
      line({ id: 'a', expiresOn: '2026-05-20' }),
      line({ id: 'b', msisdn: null, label: 'Mamá', lastRechargeOn: '2026-01-01' }),
      line({ id: 'c', msisdn: '+5491100000000' }),
    ];
    const now = at('2026-05-01T12:00:00Z');
    const plan = planReminders(lines, DEFAULT_SETTINGS, now, madrid);
    expect(plan.due).toEqual([]);
    expect(plan.alarms.map((a) => a.name)).toEqual([
      'lk:remind:a:2026-05-20:7',
      'lk:remind:b:2026-06-30:7',
      'lk:midnight',
    ]);
    expect(iso(plan.alarms.at(-1)!.when)).toBe('2026-05-02T03:00:00.000Z');
    const off = planReminders(
      lines,
      { ...DEFAULT_SETTINGS, notificationsEnabled: false },
      now,
      madrid,
    );
    expect(off.alarms.map((a) => a.name)).toEqual(['lk:midnight']);
  });

  it('a snoozed line is quiet and wakes at the end of its snooze', () => {
    const snoozedUntil = at('2026-05-20T12:00:00Z');
    const l = line({ expiresOn: '2026-05-20', snoozedUntil });
    const now = at('2026-05-19T12:00:00Z');
    expect(dueStep(l, DEFAULT_SETTINGS, now, madrid)).toBeNull();
    expect(nextAlarm(l, DEFAULT_SETTINGS, now, madrid)).toEqual({
      name: 'lk:wake:l1',
      when: snoozedUntil,
    });
    expect(dueStep(l, DEFAULT_SETTINGS, snoozedUntil, madrid)?.lead).toBe(0);
  });

  it('parses only its own alarm names', () => {
    expect(parseRemindAlarm('lk:remind:abc-1:2026-05-20:3')).toEqual({
      lineId: 'abc-1',
      expiresOn: '2026-05-20',
      lead: 3,
    });
    expect(parseRemindAlarm('lk:midnight')).toBeNull();
    expect(parseRemindAlarm('other:remind:a:2026-05-20:3')).toBeNull();
  });
});

describe('badge', () => {
  const now = at('2026-05-10T15:00:00Z'); // 12:00 in Buenos Aires, 10 May
  it('is empty when nothing is inside the lead window', () => {
    expect(badgeState([line({ expiresOn: '2026-05-18' })], DEFAULT_SETTINGS, now)).toEqual({
      text: '',
      color: null,
      line: null,
    });
  });
  it('shows days left in amber inside the window, red at one day, ! today or expired', () => {
    const amber = badgeState([line({ expiresOn: '2026-05-17' })], DEFAULT_SETTINGS, now);
    expect([amber.text, amber.color]).toEqual(['7', BADGE_AMBER]);
    const red = badgeState([line({ expiresOn: '2026-05-11' })], DEFAULT_SETTINGS, now);
    expect([red.text, red.color]).toEqual(['1', BADGE_RED]);
    const today = badgeState([line({ expiresOn: '2026-05-10' })], DEFAULT_SETTINGS, now);
    expect([today.text, today.color]).toEqual(['!', BADGE_RED]);
    const gone = badgeState([line({ expiresOn: '2026-04-01' })], DEFAULT_SETTINGS, now);
    expect([gone.text, gone.color, gone.line?.daysLeft]).toEqual(['!', BADGE_RED, -39]);
  });
  it('names the most urgent line, estimated or not', () => {
    const state = badgeState(
      [
        line({ id: 'a', expiresOn: '2026-05-15', label: 'Trabajo' }),
        line({ id: 'b', msisdn: '+5493516123456', lastRechargeOn: '2025-11-13' }),
      ],
      DEFAULT_SETTINGS,
      now,
    );
    expect(state.text).toBe('2');
    expect(state.line).toMatchObject({
      id: 'b',
      displayName: 'Claro +54 9 351 612-3456',
      expiresOn: '2026-05-12',
      estimated: true,
    });
  });
});
