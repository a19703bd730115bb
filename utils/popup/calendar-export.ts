/**
 * Lines → calendar events for the `.ics` export: one all-day event per line on its expiry
 * (the known one, or the estimated one, marked so), with an alarm at each of the user's
 * reminder days. The UID is derived from the line's id only, so importing a newer export
 * updates the event instead of adding a second one. An export goes stale when an expiry
 * changes (a renewal): what was exported is remembered, so the popup can say so. Pure:
 * `now`, `locale` and `t` come in.
 */
import { carrierById } from '../carriers';
import { formatIsoDate, formatMsisdn, joinList } from '../domain/format';
import type { Translate, UiLocale } from '../domain/i18n';
import { buildIcs, type CalendarEvent, type IcsAlarm } from './ics';
import { leadDayLabel } from './line-form';
import { effectiveExpiry } from '../domain/reminders';
import type { Line, Settings } from '../domain/records';

export const CALENDAR_FILE_NAME = 'linekeeper-renewals.ics';
export const CALENDAR_MIME_TYPE = 'text/calendar';
export const DEFAULT_PRODUCT_ID = '-//LineKeeper//LineKeeper//EN';

type CalendarLine = Pick<
  Line,
  'id' | 'carrier' | 'msisdn' | 'label' | 'expiresOn' | 'lastRechargeOn'
>;

/** The calendar's key for a line's event: the same for every export of that line. */
export function lineEventUid(lineId: string): string {
  return `line-${lineId}@linekeeper`;
}

/** The alarms' days: every reminder lead day, largest first (on the day when none is set). */
export function calendarAlarmDays(settings: Pick<Settings, 'leadDays'>): number[] {
  const days = [...new Set(settings.leadDays)].filter((day) => day >= 0).sort((a, b) => b - a);
  return days.length > 0 ? days : [0];
}

/** "7 days before, 3 days before, 1 day before, on the day" for the export's hint. */
export function calendarAlarmDaysText(
  settings: Pick<Settings, 'leadDays'>,
  locale: UiLocale,
  t: Translate,
): string {
  return joinList(
    calendarAlarmDays(settings).map((day) => leadDayLabel(day, t)),
    locale,
  );
}

function lineName(line: CalendarLine): string {
  const label = line.label.trim();
  const carrier = carrierById(line.carrier).name;
  if (label) return label;
  return line.msisdn ? `${carrier} ${formatMsisdn(line.msisdn)}` : carrier;
}

/** One event per line with a known or estimated expiry, earliest expiry first. */
export function calendarEvents(
  lines: readonly CalendarLine[],
  settings: Pick<Settings, 'leadDays'>,
  locale: UiLocale,
  t: Translate,
): CalendarEvent[] {
  const leads = calendarAlarmDays(settings);
  const events: CalendarEvent[] = [];
  for (const line of lines) {
    const expiry = effectiveExpiry(line);
    if (!expiry) continue;
    const name = lineName(line);
    const carrier = carrierById(line.carrier).name;
    // Chinese brackets are full width and need no space before them.
    const gap = locale === 'zh_CN' ? '' : ' ';
    const summary = t('icsSummary', [name]) + (expiry.estimated ? gap + t('icsEstimated') : '');
    let description = t('icsDescription', [name, carrier]);
    if (expiry.estimated && line.lastRechargeOn) {
      description += `\n${t('icsDescriptionEstimated', [formatIsoDate(line.lastRechargeOn, locale)])}`;
    }
    const alarms: IcsAlarm[] = leads.map((lead) => ({
      daysBefore: lead,
      description:
        lead === 0
          ? t('icsAlarmToday', [name])
          : lead === 1
            ? t('icsAlarmTomorrow', [name])
            : t('icsAlarm', [name, String(lead)]),
    }));
    events.push({
      uid: lineEventUid(line.id),
      date: expiry.expiresOn,
      summary,
      description,
      alarms,
      estimated: expiry.estimated,
    });
  }
  // Stable order: by date, then by UID, so the same data gives the same file.
  return events.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0,
  );
}

/** The `.ics` file's text, or null when no line has an expiry to put in a calendar. */
export function buildCalendarFile(
  lines: readonly CalendarLine[],
  settings: Pick<Settings, 'leadDays'>,
  now: number,
  locale: UiLocale,
  t: Translate,
  productId: string = DEFAULT_PRODUCT_ID,
): { text: string; events: number } | null {
  const events = calendarEvents(lines, settings, locale, t);
  if (events.length === 0) return null;
  return {
    text: buildIcs(events, { now, productId, calendarName: t('extName') }),
    events: events.length,
  };
}

// ───────────────────────── Staleness ─────────────────────────

/** What an export put in the calendar: when, and each event's date by UID. */
export interface CalendarExportRecord {
  exportedAt: number;
  dates: Record<string, string>;
}

/** The record of an export of these events at `now` (kept by the popup in localStorage). */
export function calendarExportRecord(
  events: readonly Pick<CalendarEvent, 'uid' | 'date'>[],
  now: number,
): CalendarExportRecord {
  return {
    exportedAt: now,
    dates: Object.fromEntries(events.map((event) => [event.uid, event.date])),
  };
}

/** A stored record, or null when it is missing or not one (another version, edited by hand). */
export function parseCalendarExportRecord(value: unknown): CalendarExportRecord | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Partial<CalendarExportRecord>;
  if (typeof record.exportedAt !== 'number' || !Number.isFinite(record.exportedAt)) return null;
  if (!record.dates || typeof record.dates !== 'object') return null;
  const dates = Object.entries(record.dates);
  if (!dates.every(([, date]) => typeof date === 'string')) return null;
  return {
    exportedAt: record.exportedAt,
    dates: Object.fromEntries(dates) as Record<string, string>,
  };
}

/**
 * How many lines' events differ from what the last export put in the calendar: a changed
 * expiry (a renewal), a line added with a date, or one whose event is gone. 0: up to date.
 */
export function calendarChangesSince(
  record: CalendarExportRecord,
  events: readonly Pick<CalendarEvent, 'uid' | 'date'>[],
): number {
  const now = new Map(events.map((event) => [event.uid, event.date]));
  let changed = 0;
  for (const [uid, date] of now) if (record.dates[uid] !== date) changed += 1;
  for (const uid of Object.keys(record.dates)) if (!now.has(uid)) changed += 1;
  return changed;
}
