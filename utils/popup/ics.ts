/**
 * Calendar export (RFC 5545): one all-day event per line's expiry, with one reminder per
 * lead day (7, 3, 1 days before and on the day, as the user chose). Written for what Google, Apple and Outlook calendars actually accept: CRLF
 * line endings, lines folded at 75 octets, escaped text, a stable UID per line (importing
 * again updates the event instead of adding a second one), all-day dates with DTEND the
 * next day. Pure: the clock comes in as `now`, and the same input gives the same bytes.
 */

export interface CalendarEvent {
  /** Stable per line, e.g. `line-<id>@linekeeper`: the calendar's key for updates. */
  uid: string;
  /** The expiry day, `YYYY-MM-DD` (Argentina's calendar). */
  date: string;
  summary: string;
  description?: string;
  /** The calendar's alerts, one VALARM each (largest lead first, as given). */
  alarms: readonly IcsAlarm[];
  /** Date guessed from the last recharge: exported as STATUS:TENTATIVE. */
  estimated?: boolean;
}

export interface IcsAlarm {
  /** Whole days before the event the calendar should alert (0 = at the start of the day). */
  daysBefore: number;
  /** The alert's text; defaults to the event's summary (DISPLAY alarms require one). */
  description?: string;
}

export interface IcsOptions {
  /** Becomes every event's DTSTAMP (when this export was made). */
  now: Date | number;
  /** PRODID, e.g. `-//LineKeeper//LineKeeper 0.1.0//EN`. */
  productId: string;
  /** Optional calendar name (X-WR-CALNAME, read by Google and Apple). */
  calendarName?: string;
}

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

const utf8 = new TextEncoder();

/**
 * Makes a string safe to put in a TEXT value before escaping: any line break becomes `\n`,
 * other control characters (not allowed in TEXT, RFC 5545 §3.3.11) are dropped, so are
 * the Unicode line separators U+2028, U+2029 and U+0085 (some importers break a line at
 * them, outside any escaping), and lone UTF-16 surrogates, which UTF-8 cannot encode,
 * become U+FFFD.
 */
export function cleanIcsText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^]/g, (char) => (isForbiddenControl(char) ? '' : char))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** C0 controls except tab and line feed, DEL, NEL and the Unicode line/paragraph separators. */
function isForbiddenControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    code === 0x7f ||
    code === 0x85 ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash first, then `;` `,` and line breaks. */
export function escapeIcsText(text: string): string {
  return cleanIcsText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/**
 * Folds one content line into physical lines of at most 75 UTF-8 octets, joined by CRLF
 * and a single space (which counts toward the next line's 75). Splits only between code
 * points, never inside a multi-byte character: some calendars show mojibake otherwise.
 */
export function foldIcsLine(line: string): string {
  const physicalLines: string[] = [];
  let current = '';
  let currentOctets = 0;
  // Units are code points, except that an escape (`\,`, `\n` …) stays on one line: unfolding
  // makes a split legal, but some importers unescape before they unfold.
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const octets = utf8.encode(unit).length;
    if (currentOctets + octets > MAX_LINE_OCTETS) {
      physicalLines.push(current);
      current = ' ';
      currentOctets = 1;
    }
    current += unit;
    currentOctets += octets;
  }
  physicalLines.push(current);
  return physicalLines.join(CRLF);
}

/** `YYYY-MM-DD` → [year, month, day], or an error for a date that is not on the calendar. */
function parseCalendarDate(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = (match?.slice(1).map(Number) ?? [0, 0, 0]) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(year, month - 1, day);
  if (!match || asUtc.getUTCMonth() !== month - 1 || asUtc.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(isoDate)}`);
  }
  return [year, month, day];
}

/** An ICS DATE (`YYYYMMDD`) for a date, shifted by `plusDays` (month and year ends, leap days). */
function icsDate(isoDate: string, plusDays = 0): string {
  const [year, month, day] = parseCalendarDate(isoDate);
  const shifted = new Date(0);
  shifted.setUTCFullYear(year, month - 1, day + plusDays);
  return shifted.toISOString().slice(0, 10).replace(/-/g, '');
}

/** An ICS UTC DATE-TIME (`YYYYMMDDTHHMMSSZ`), seconds truncated. */
function icsUtcDateTime(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('`now` is not a valid instant');
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The alarm's offset from the event's start (midnight of the expiry day, local time).
 * Zero is written `PT0S`, the form every calendar accepts for "at the start".
 */
function alarmTrigger(daysBefore: number): string {
  if (!Number.isInteger(daysBefore) || daysBefore < 0) {
    throw new RangeError(`alarmDaysBefore must be a whole number ≥ 0, got ${daysBefore}`);
  }
  return daysBefore === 0 ? 'PT0S' : `-P${daysBefore}D`;
}

function eventLines(event: CalendarEvent, dtstamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART;VALUE=DATE:${icsDate(event.date)}`,
    // All-day events end (exclusively) the next day: a one-day event.
    `DTEND;VALUE=DATE:${icsDate(event.date, 1)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
  ];
  if (event.description !== undefined && event.description !== '') {
    lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`);
  }
  lines.push(
    `STATUS:${event.estimated ? 'TENTATIVE' : 'CONFIRMED'}`,
    // The day stays "free": an expiry is a deadline, not a meeting that blocks the day.
    'TRANSP:TRANSPARENT',
  );
  for (const alarm of event.alarms) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeIcsText(alarm.description ?? event.summary)}`,
      `TRIGGER:${alarmTrigger(alarm.daysBefore)}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/**
 * The whole `.ics` file as a string (encode it as UTF-8 to save). Events keep their input
 * order. Throws on an invalid date, a negative alarm, two alarms of one event on the same
 * day, or two events with the same UID (a calendar would keep only one of them).
 */
export function buildIcs(events: readonly CalendarEvent[], options: IcsOptions): string {
  const seenUids = new Set<string>();
  for (const event of events) {
    if (event.uid === '') throw new RangeError('an event needs a UID');
    if (seenUids.has(event.uid)) throw new RangeError(`duplicate UID: ${event.uid}`);
    seenUids.add(event.uid);
    const days = event.alarms.map((alarm) => alarm.daysBefore);
    if (new Set(days).size !== days.length) {
      throw new RangeError(`two alarms on the same day: ${event.uid}`);
    }
  }
  const dtstamp = icsUtcDateTime(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeIcsText(options.productId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.calendarName !== undefined && options.calendarName !== '') {
    lines.push(`X-WR-CALNAME:${escapeIcsText(options.calendarName)}`);
  }
  for (const event of events) lines.push(...eventLines(event, dtstamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
