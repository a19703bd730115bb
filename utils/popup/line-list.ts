/**
 * The popup's list of lines as plain data (the order is utils/domain/line-order.ts): one row's
 * view-model (Line + now + locale + t → the strings a row shows). No browser, no database.
 *
 * Formatting is memoised per popup render (`RowFormatter`): Intl formatters are slow to
 * build (~0.3 ms each) and 500 lines share few distinct dates, so the list stays fast.
 */
import { carrierById } from '../carriers';
import {
  DATE_BCP47_BY_LOCALE,
  cachedFormatter,
  formatDaysLeft,
  formatIsoDate,
  formatMoney,
  formatMsisdn,
  formatRelativeTime,
  joinClauses,
  maskMsisdn,
  urgencyOf,
  type Urgency,
} from '../domain/format';
import type { MessageKey, Translate, UiLocale } from '../domain/i18n';
import { MAX_LINES } from '../domain/bounds';
import { NOTE, canReadingMatchLine, noteCodes } from '../domain/line-rules';
import { effectiveExpiry } from '../domain/reminders';
import type { CarrierId, IsoDate, ListLine, StoredReading } from '../domain/records';
import { daysBetween, todayInBuenosAires } from '../domain/time';

/** The parts of a Line the list needs (schema.ts ListLineSchema; no readings). */
export type { ListLine };

/** What one row shows; every string is already translated and formatted. */
export interface LineRowView {
  id: string;
  carrier: CarrierId;
  carrierName: string;
  carrierColor: string;
  /** The label, else the (maybe masked) number, else the carrier's name. */
  title: string;
  /** The (maybe masked) number when a label is the title; otherwise null. */
  number: string | null;
  expiresOn: IsoDate | null;
  /** The expiry date in the user's language, e.g. `15 Dec 2026` / `2026年12月15日`. */
  expiryDate: string | null;
  /** True when the date is last recharge + 180 days, not a date the carrier showed. */
  estimated: boolean;
  daysLeft: number | null;
  /** "in 5 days" / "5 天后" / "en 5 días"; "expiry unknown" when there is no date. */
  daysLeftText: string;
  /**
   * The expiry as one clause pair, joined the language's way: "Expires 15 Dec 2026, in 5
   * days", "2026年12月15日 到期，5 天后"; "Expiry date unknown" without a date.
   */
  expiryPhrase: string;
  urgency: Urgency;
  /** A word that says the urgency (never colour alone); null when nothing is pressing. */
  urgencyLabel: string | null;
  balance: string | null;
  /**
   * "read 3 hours ago on m-miclaro.claro.com.ar/inicio" (only the path for lines last read
   * before the host was kept); null when no page was ever read for this line.
   */
  lastRead: string | null;
  /** "reminders snoozed until …"; null when not snoozed. */
  snoozed: string | null;
  /**
   * A page date the line did not take because the user's own date says otherwise:
   * "The page says …, keep which?" (line.heldExpiry, not yet answered); null otherwise.
   */
  question: { expiresOn: IsoDate; text: string } | null;
}

export interface RowContext {
  now: number;
  locale: UiLocale;
  t: Translate;
  /** The largest reminder lead (settings.leadDays): inside it a line is "due". */
  leadWindow: number;
  hideNumbers: boolean;
}

// ───────────────────────── Row view-model ─────────────────────────

/** Memoised formatting for one render of the list (same locale, same `now`). */
export interface RowFormatter {
  context: RowContext;
  today: IsoDate;
  date(isoDate: IsoDate): string;
  money(amount: number): string;
  /** Relative time of an ISO instant ("3 hours ago"). */
  ago(isoDateTime: string): string;
  daysLeft(days: number): string;
}

export function createRowFormatter(context: RowContext): RowFormatter {
  const { now, locale, t } = context;
  const dates = new Map<string, string>();
  const amounts = new Map<number, string>();
  const agos = new Map<string, string>();
  const days = new Map<number, string>();
  return {
    context,
    today: todayInBuenosAires(now),
    date(isoDate) {
      let text = dates.get(isoDate);
      if (text === undefined) dates.set(isoDate, (text = formatIsoDate(isoDate, locale)));
      return text;
    },
    money(amount) {
      let text = amounts.get(amount);
      if (text === undefined) amounts.set(amount, (text = formatMoney(amount, locale)));
      return text;
    },
    ago(isoDateTime) {
      // formatRelativeTime's output depends only on the direction and the whole minutes elapsed.
      const elapsed = now - Date.parse(isoDateTime);
      if (!Number.isFinite(elapsed)) return formatRelativeTime(isoDateTime, now, locale);
      const key = `${Math.sign(elapsed)}:${Math.floor(Math.abs(elapsed) / 60_000)}`;
      let text = agos.get(key);
      if (text === undefined) agos.set(key, (text = formatRelativeTime(isoDateTime, now, locale)));
      return text;
    },
    daysLeft(count) {
      let text = days.get(count);
      if (text === undefined) days.set(count, (text = formatDaysLeft(count, locale, t)));
      return text;
    },
  };
}

const URGENCY_LABEL_KEYS: Partial<Record<Urgency, MessageKey>> = {
  expired: 'popupUrgencyExpired',
  today: 'popupUrgencyToday',
  soon: 'popupUrgencySoon',
  due: 'popupUrgencyDue',
};

/** A number as shown: formatted, or masked when the user hides numbers (screenshots). */
export function shownNumber(msisdn: string, hideNumbers: boolean): string {
  return hideNumbers ? maskMsisdn(msisdn) : formatMsisdn(msisdn);
}

export function lineRowView(line: ListLine, format: RowFormatter): LineRowView {
  const { t, leadWindow, hideNumbers, now } = format.context;
  const carrier = carrierById(line.carrier);
  const label = line.label.trim();
  const number = line.msisdn ? shownNumber(line.msisdn, hideNumbers) : null;
  const expiry = effectiveExpiry(line);
  const daysLeft = expiry ? daysBetween(format.today, expiry.expiresOn) : null;
  const urgency = urgencyOf(daysLeft, leadWindow);
  const labelKey = URGENCY_LABEL_KEYS[urgency];
  const lastRead = line.lastReadingAt
    ? readWhere(format.ago(line.lastReadingAt), line.lastReadingHost, line.lastReadingPath, t)
    : null;
  const snoozed =
    line.snoozedUntil !== null && line.snoozedUntil > now
      ? t('popupSnoozedUntil', [formatSnoozeEnd(line.snoozedUntil, format.context.locale)])
      : null;
  return {
    id: line.id,
    carrier: line.carrier,
    carrierName: carrier.name,
    carrierColor: carrier.color,
    title: label || number || carrier.name,
    number: label ? number : null,
    expiresOn: expiry?.expiresOn ?? null,
    expiryDate: expiry ? format.date(expiry.expiresOn) : null,
    estimated: expiry?.estimated ?? false,
    daysLeft,
    daysLeftText: daysLeft === null ? t('popupExpiryUnknown') : format.daysLeft(daysLeft),
    expiryPhrase: expiryPhrase(expiry, daysLeft, format),
    urgency,
    urgencyLabel: labelKey ? t(labelKey) : null,
    balance: line.balance ? format.money(line.balance.amount) : null,
    lastRead,
    snoozed,
    question: heldQuestion(line, format),
  };
}

/** "Expires 15 Dec 2026, in 5 days" (joined the language's way), "Expired on 1 Dec 2026". */
function expiryPhrase(
  expiry: { expiresOn: IsoDate; estimated: boolean } | null,
  daysLeft: number | null,
  format: RowFormatter,
): string {
  const { t, locale } = format.context;
  if (!expiry || daysLeft === null) return t('detailNoExpiry');
  const date = format.date(expiry.expiresOn);
  if (daysLeft < 0 && !expiry.estimated) return t('detailExpiredOn', [date]);
  const key = expiry.estimated ? 'detailExpiresEstimated' : 'detailExpires';
  return joinClauses([t(key, [date]), format.daysLeft(daysLeft)], locale);
}

function heldQuestion(line: ListLine, format: RowFormatter): LineRowView['question'] {
  const held = line.heldExpiry;
  if (!held || held.declined || line.expiresOn === null) return null;
  const text = format.context.t('popupHeldExpiryQuestion', [
    format.date(held.expiresOn),
    format.date(line.expiresOn),
  ]);
  return { expiresOn: held.expiresOn, text };
}

/**
 * "read 3 hours ago on m-miclaro.claro.com.ar/inicio": when, and the page (host and path;
 * never the query string, which is not stored). Records from before the host was kept
 * give only the path; a line with no page gives only when.
 */
export function readWhere(
  ago: string,
  host: string | null | undefined,
  path: string | null,
  t: Translate,
): string {
  if (host) return t('popupLastReadOnPage', [ago, `${host}${path ?? ''}`]);
  if (path) return t('popupLastReadOn', [ago, path]);
  return t('popupLastRead', [ago]);
}

/** When a snooze ends, in the user's own clock: "16 May, 10:00". */
export function formatSnoozeEnd(until: number, locale: UiLocale): string {
  const tag = DATE_BCP47_BY_LOCALE[locale];
  return cachedFormatter(
    `snooze-end:${tag}`,
    () =>
      new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(until));
}

/** The largest lead day: inside this window a line counts as "due" (urgency). */
export function leadWindowOf(leadDays: readonly number[]): number {
  return leadDays.length ? Math.max(...leadDays) : 0;
}

// ───────────────────────── Snooze choices ─────────────────────────

export const SNOOZE_CHOICES_DAYS = [1, 3] as const;

/** The instant a snooze of `days` days ends (the same wall time that many days later). */
export function snoozeUntil(now: number, days: number): string {
  return new Date(now + days * 86_400_000).toISOString();
}

// ───────────────────────── Readings waiting for a line ─────────────────────────

/** How far back the popup looks for readings waiting for a line (older ones are stale). */
export const UNASSIGNED_LOOKBACK_DAYS = 60;
export const UNASSIGNED_LIMIT = 10;

export interface UnassignedView {
  readingId: number;
  carrier: CarrierId;
  carrierName: string;
  carrierColor: string;
  /** "read 3 hours ago on m-miclaro.claro.com.ar/inicio" */
  read: string;
  /** What the page showed: its number or last digits, balance, expiry, receipt. */
  facts: string[];
  /** Why it waits, or why a value of it will not be used. */
  why: string[];
  /** The lines it can be ("this is line X"): same carrier, digits not contradicting; by name. */
  candidates: { lineId: string; name: string }[];
  /** "Add as a new line" makes sense: no line has the number it shows. */
  canAddLine: boolean;
}

/** Explanations of the background's note codes (history and waiting readings). */
export function noteExplanations(
  reading: Pick<StoredReading, 'notes' | 'expiresOn' | 'receipt'>,
  t: Translate,
  date: (isoDate: IsoDate) => string,
): string[] {
  const texts: string[] = [];
  for (const code of noteCodes(reading.notes)) {
    if (code === NOTE.expiryOutOfBounds && reading.expiresOn) {
      texts.push(t('popupWhyExpiryOutOfBounds', [date(reading.expiresOn)]));
    } else if (code === NOTE.receiptDateOutOfBounds && reading.receipt?.date) {
      texts.push(t('popupWhyReceiptDateOutOfBounds', [date(reading.receipt.date)]));
    } else if (code === NOTE.expiryConflict && reading.expiresOn) {
      texts.push(t('popupWhyExpiryConflict', [date(reading.expiresOn)]));
    } else if (code === NOTE.pageLimit) {
      texts.push(t('popupWhyPageLimit'));
    } else if (code === NOTE.lineCap) {
      texts.push(t('popupWhyLineCap', [String(MAX_LINES)]));
    }
  }
  return texts;
}

function lineName(line: ListLine, hideNumbers: boolean): string {
  const label = line.label.trim();
  if (label) return label;
  return line.msisdn ? shownNumber(line.msisdn, hideNumbers) : carrierById(line.carrier).name;
}

/**
 * Every reading waiting for a line, newest first — also when there is no line at all —
 * each with the lines it can be (utils/domain/line-rules.ts canReadingMatchLine).
 */
export function unassignedViews(
  readings: readonly StoredReading[],
  lines: readonly ListLine[],
  format: RowFormatter,
): UnassignedView[] {
  const { t, hideNumbers } = format.context;
  const named = lines
    .map((line) => ({ line, name: lineName(line, hideNumbers) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return readings
    .filter((reading) => reading.lineId === null && reading.id !== undefined)
    .sort((a, b) => (a.readAt < b.readAt ? 1 : a.readAt > b.readAt ? -1 : 0))
    .map((reading) => {
      const carrier = carrierById(reading.carrier);
      const facts: string[] = [];
      if (reading.msisdn) facts.push(shownNumber(reading.msisdn, hideNumbers));
      else if (reading.msisdnTail) facts.push(t('popupNumberEndsIn', [reading.msisdnTail]));
      if (reading.balance) facts.push(t('popupBalanceIs', [format.money(reading.balance.amount)]));
      if (reading.expiresOn) facts.push(t('popupExpiresIs', [format.date(reading.expiresOn)]));
      if (reading.receipt) facts.push(t('popupReceiptIs', [reading.receipt.operationId]));
      const why = noteExplanations(reading, t, format.date);
      if (why.length === 0) why.push(t('popupUnassignedBody'));
      const candidates = named
        .filter(({ line }) => canReadingMatchLine(reading, line))
        .map(({ line, name }) => ({ lineId: line.id, name }));
      return {
        readingId: reading.id!,
        carrier: reading.carrier,
        carrierName: carrier.name,
        carrierColor: carrier.color,
        read: readWhere(format.ago(reading.readAt), reading.host, reading.path, t),
        facts,
        why,
        candidates,
        canAddLine:
          reading.msisdn === null ||
          !lines.some((line) => line.carrier === reading.carrier && line.msisdn === reading.msisdn),
      };
    });
}
