/**
 * Lines → calendar events for the `.ics` export: one all-day event per line on its expiry
 * (the known one, or the estimated one, marked so), with an alarm at the user's largest
 * reminder lead. The UID is derived from the line's id only, so importing a newer export
 * updates the event instead of adding a second one. Pure: `now`, `locale` and `t` come in.
 */
import { carrierById } from '../carriers';
import { formatIsoDate, formatMsisdn } from '../domain/format';
import type { Translate, UiLocale } from '../domain/i18n';
import { buildIcs, type CalendarEvent } from './ics';
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

/** The alarm lead: the largest reminder lead day (0 = on the day when none is set). */
export function calendarAlarmDays(settings: Pick<Settings, 'leadDays'>): number {
  return Math.max(0, ...settings.leadDays);
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
  const lead = calendarAlarmDays(settings);
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
    const alarmDescription =
      lead === 0
        ? t('icsAlarmToday', [name])
        : lead === 1
          ? t('icsAlarmTomorrow', [name])
          : t('icsAlarm', [name, String(lead)]);
    events.push({
      uid: lineEventUid(line.id),
      date: expiry.expiresOn,
      summary,
      description,
      alarmDaysBefore: lead,
      estimated: expiry.estimated,
      alarmDescription,
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
