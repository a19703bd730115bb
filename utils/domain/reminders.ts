/**
 * Pure reminder logic: (lines, settings, now, the user's zone) → which reminders are due,
 * which alarms should exist, what the badge shows. No browser, no database: reconcile()
 * applies the result.
 *
 * Rules (docs/domain.md, "Time" and "How a line stays alive"):
 * - Days are counted on Argentina's calendar; a line is good until the end of its expiry
 *   day in Buenos Aires.
 * - Step L (L ∈ settings.leadDays) of expiry E is delivered at settings.reminderHour on the
 *   user's own calendar day E − L; if that instant is already past the end of Argentina's
 *   day E − L (far-west zones, late hours), one local day earlier, so a reminder is never late.
 * - A line with no known expiry but a known last recharge gets an estimated date:
 *   last recharge + 180 days, always flagged `estimated`.
 * - A step fires once per line and expiry (line.lastReminder); after a gap (browser
 *   closed) only the latest step that came due fires. Steps that were already past when
 *   LineKeeper learnt the expiry (line.expiryKnownSince) never fire.
 * - A snoozed line is quiet until snoozedUntil, then the latest due step fires again.
 */
import { carrierById } from '../carriers';
import { formatMsisdn } from './format';
import type { CarrierId, IsoDate, Line, Settings } from './records';
import type { LineSummary } from '../protocol/messages';
import {
  addDays,
  daysBetween,
  daysUntilExpiry,
  endOfDayInBuenosAires,
  localWallTimeToInstant,
  nextMidnightInBuenosAires,
  todayInBuenosAires,
  type ZoneOffset,
} from './time';

/** Regulation floor: a top-up's credit stays valid at least 180 days (Res. 733-E/2017). */
export const ESTIMATED_VALIDITY_DAYS = 180;
/** Chrome caps an extension at 500 alarms; keep room. Later steps get armed as earlier ones fire. */
export const MAX_REMINDER_ALARMS = 400;

export const ALARM_PREFIX = 'lk:';
export const MIDNIGHT_ALARM = 'lk:midnight';

export const BADGE_RED = '#d93025';
export const BADGE_AMBER = '#f29900';

export interface EffectiveExpiry {
  expiresOn: IsoDate;
  estimated: boolean;
}

export interface ReminderStep {
  lineId: string;
  expiresOn: IsoDate;
  /** Days before expiry this step stands for (0 = on the day). */
  lead: number;
  estimated: boolean;
  /** When it is delivered (epoch ms). */
  fireAt: number;
}

export interface PlannedAlarm {
  name: string;
  when: number;
}

export interface ReminderPlan {
  /** Reminders to deliver now: at most one per line. */
  due: ReminderStep[];
  /** Every `lk:` alarm that should exist, with its time. */
  alarms: PlannedAlarm[];
}

type ReminderLine = Pick<
  Line,
  'id' | 'expiresOn' | 'lastRechargeOn' | 'expiryKnownSince' | 'snoozedUntil' | 'lastReminder'
>;

export function effectiveExpiry(
  line: Pick<Line, 'expiresOn' | 'lastRechargeOn'>,
): EffectiveExpiry | null {
  if (line.expiresOn) return { expiresOn: line.expiresOn, estimated: false };
  if (line.lastRechargeOn) {
    return { expiresOn: addDays(line.lastRechargeOn, ESTIMATED_VALIDITY_DAYS), estimated: true };
  }
  return null;
}

/** When the reminder for Argentina's calendar day `stepDate` is delivered to this user. */
export function reminderInstant(stepDate: IsoDate, hour: number, zone: ZoneOffset): number {
  const at = localWallTimeToInstant(stepDate, hour, zone);
  if (at < endOfDayInBuenosAires(stepDate)) return at;
  return localWallTimeToInstant(addDays(stepDate, -1), hour, zone);
}

/** All reminder steps of a line, earliest first (empty when no expiry is known). */
export function reminderSteps(
  line: ReminderLine,
  settings: Pick<Settings, 'leadDays' | 'reminderHour'>,
  zone: ZoneOffset,
  /** Step date → instant, shared across lines within one planning run. */
  cache?: Map<string, number>,
): ReminderStep[] {
  const expiry = effectiveExpiry(line);
  if (!expiry) return [];
  return [...new Set(settings.leadDays)]
    .sort((a, b) => b - a)
    .map((lead) => {
      const stepDate = addDays(expiry.expiresOn, -lead);
      let fireAt = cache?.get(stepDate);
      if (fireAt === undefined) {
        fireAt = reminderInstant(stepDate, settings.reminderHour, zone);
        cache?.set(stepDate, fireAt);
      }
      return {
        lineId: line.id,
        expiresOn: expiry.expiresOn,
        lead,
        estimated: expiry.estimated,
        fireAt,
      };
    });
}

/** True when this step (or a later one) of the same expiry was already delivered. */
export function isStepDelivered(line: Pick<Line, 'lastReminder'>, step: ReminderStep): boolean {
  const mark = line.lastReminder;
  return mark !== null && mark.expiresOn === step.expiresOn && mark.lead <= step.lead;
}

export function isSnoozed(line: Pick<Line, 'snoozedUntil'>, now: number): boolean {
  return line.snoozedUntil !== null && now < line.snoozedUntil;
}

export function remindAlarmName(step: Pick<ReminderStep, 'lineId' | 'expiresOn' | 'lead'>): string {
  return `${ALARM_PREFIX}remind:${step.lineId}:${step.expiresOn}:${step.lead}`;
}

export function wakeAlarmName(lineId: string): string {
  return `${ALARM_PREFIX}wake:${lineId}`;
}

/** The parts of a reminder alarm's name, or null for any other alarm. */
export function parseRemindAlarm(
  name: string,
): { lineId: string; expiresOn: IsoDate; lead: number } | null {
  const match = /^lk:remind:([A-Za-z0-9_-]+):(\d{4}-\d{2}-\d{2}):(\d{1,3})$/.exec(name);
  if (!match) return null;
  return { lineId: match[1]!, expiresOn: match[2]!, lead: Number(match[3]) };
}

/** The step a line should deliver right now, if any (the latest one that came due). */
export function dueStep(
  line: ReminderLine,
  settings: Settings,
  now: number,
  zone: ZoneOffset,
  steps: ReminderStep[] = reminderSteps(line, settings, zone),
): ReminderStep | null {
  if (!settings.notificationsEnabled || isSnoozed(line, now)) return null;
  const knownSince = line.expiryKnownSince ?? 0;
  let due: ReminderStep | null = null;
  for (const step of steps) {
    if (step.fireAt > now) break;
    if (step.fireAt > knownSince && !isStepDelivered(line, step)) due = step;
  }
  return due;
}

/** The next alarm a line needs: the end of its snooze, or its next undelivered step. */
export function nextAlarm(
  line: ReminderLine,
  settings: Settings,
  now: number,
  zone: ZoneOffset,
  steps: ReminderStep[] = reminderSteps(line, settings, zone),
): PlannedAlarm | null {
  if (!settings.notificationsEnabled) return null;
  if (isSnoozed(line, now)) return { name: wakeAlarmName(line.id), when: line.snoozedUntil! };
  for (const step of steps) {
    if (step.fireAt > now && !isStepDelivered(line, step)) {
      return { name: remindAlarmName(step), when: step.fireAt };
    }
  }
  return null;
}

/**
 * Everything reconcile() needs in one pass over the lines. Same rules as dueStep() and
 * nextAlarm(), written allocation-light with per-run memos (many lines share dates):
 * it runs on every wake and after every write, over up to thousands of lines.
 */
export function planReminders(
  lines: readonly ReminderLine[],
  settings: Settings,
  now: number,
  zone: ZoneOffset,
): ReminderPlan {
  const due: ReminderStep[] = [];
  const alarms: PlannedAlarm[] = [];
  const leads = [...new Set(settings.leadDays)].sort((a, b) => b - a);
  const estimates = new Map<IsoDate, IsoDate>();
  const schedules = new Map<IsoDate, number[]>(); // expiry → fireAt per lead (earliest first)
  for (const line of settings.notificationsEnabled ? lines : []) {
    if (isSnoozed(line, now)) {
      alarms.push({ name: wakeAlarmName(line.id), when: line.snoozedUntil! });
      continue;
    }
    let expiresOn = line.expiresOn;
    const estimated = expiresOn === null;
    if (expiresOn === null) {
      if (line.lastRechargeOn === null) continue;
      expiresOn = estimates.get(line.lastRechargeOn) ?? null;
      if (expiresOn === null) {
        expiresOn = addDays(line.lastRechargeOn, ESTIMATED_VALIDITY_DAYS);
        estimates.set(line.lastRechargeOn, expiresOn);
      }
    }
    let schedule = schedules.get(expiresOn);
    if (!schedule) {
      const expiry = expiresOn;
      schedule = leads.map((lead) =>
        reminderInstant(addDays(expiry, -lead), settings.reminderHour, zone),
      );
      schedules.set(expiresOn, schedule);
    }
    const mark = line.lastReminder;
    // Steps with lead ≥ deliveredLead are done (a later step implies the earlier ones).
    let deliveredLead = mark !== null && mark.expiresOn === expiresOn ? mark.lead : Infinity;
    const knownSince = line.expiryKnownSince ?? 0;
    let dueIndex = -1;
    let i = 0;
    for (; i < leads.length && schedule[i]! <= now; i++) {
      if (schedule[i]! > knownSince && leads[i]! < deliveredLead) dueIndex = i;
    }
    if (dueIndex >= 0) {
      const lead = leads[dueIndex]!;
      due.push({ lineId: line.id, expiresOn, lead, estimated, fireAt: schedule[dueIndex]! });
      deliveredLead = lead;
    }
    for (; i < leads.length; i++) {
      const lead = leads[i]!;
      if (lead < deliveredLead) {
        alarms.push({
          name: remindAlarmName({ lineId: line.id, expiresOn, lead }),
          when: schedule[i]!,
        });
        break;
      }
    }
  }
  alarms.sort((a, b) => a.when - b.when);
  if (alarms.length > MAX_REMINDER_ALARMS) alarms.length = MAX_REMINDER_ALARMS;
  // "Days left" on the badge changes at midnight in Buenos Aires.
  alarms.push({ name: MIDNIGHT_ALARM, when: nextMidnightInBuenosAires(now) });
  return { due, alarms };
}

// ───────────────────────── Badge ─────────────────────────

export interface BadgeState {
  /** '' (nothing), days left as digits, or '!' (expires today / expired). */
  text: string;
  color: string | null;
  /** The most urgent line inside the lead window, for the tooltip. */
  line: {
    id: string;
    displayName: string;
    expiresOn: IsoDate;
    estimated: boolean;
    daysLeft: number;
  } | null;
}

/** One global badge for the most urgent line. */
export function badgeState(
  lines: readonly Line[],
  settings: Pick<Settings, 'leadDays'>,
  now: number,
): BadgeState {
  const window = Math.max(0, ...settings.leadDays);
  const today = todayInBuenosAires(now);
  const daysFromToday = new Map<IsoDate, number>();
  let best: { line: Line; expiry: EffectiveExpiry; daysLeft: number } | null = null;
  for (const line of lines) {
    const expiry = effectiveExpiry(line);
    if (!expiry) continue;
    let daysLeft = daysFromToday.get(expiry.expiresOn);
    if (daysLeft === undefined) {
      daysLeft = daysBetween(today, expiry.expiresOn);
      daysFromToday.set(expiry.expiresOn, daysLeft);
    }
    if (daysLeft > window) continue;
    if (
      best === null ||
      daysLeft < best.daysLeft ||
      (daysLeft === best.daysLeft && best.expiry.estimated && !expiry.estimated)
    ) {
      best = { line, expiry, daysLeft };
    }
  }
  if (!best) return { text: '', color: null, line: null };
  const { daysLeft } = best;
  return {
    text: daysLeft <= 0 ? '!' : String(daysLeft),
    color: daysLeft <= 1 ? BADGE_RED : BADGE_AMBER,
    line: {
      id: best.line.id,
      displayName: lineDisplayName(best.line),
      ...best.expiry,
      daysLeft,
    },
  };
}

// ───────────────────────── Presentation helpers (popup reuses them) ─────────────────────────

export function lineDisplayName(line: Pick<Line, 'label' | 'msisdn' | 'carrier'>): string {
  const label = line.label.trim();
  if (label) return label;
  if (line.msisdn) return `${carrierName(line.carrier)} ${formatMsisdn(line.msisdn)}`;
  return carrierName(line.carrier);
}

function carrierName(id: CarrierId): string {
  return carrierById(id).name;
}

export function lineSummary(line: Line, now: number): LineSummary {
  const expiry = effectiveExpiry(line);
  return {
    id: line.id,
    carrier: line.carrier,
    msisdn: line.msisdn,
    label: line.label,
    displayName: lineDisplayName(line),
    expiresOn: expiry?.expiresOn ?? null,
    estimated: expiry?.estimated ?? false,
    daysLeft: expiry ? daysUntilExpiry(expiry.expiresOn, now) : null,
    balance: line.balance,
    lastRechargeOn: line.lastRechargeOn,
    snoozedUntil: line.snoozedUntil,
  };
}
