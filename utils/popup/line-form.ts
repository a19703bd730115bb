/**
 * Validation of the popup's forms (add a line, edit a line, mark as renewed): raw input
 * strings → either the message to send or field errors. Error values are i18n keys, so
 * the component only translates. Dates, numbers and amounts are checked with the same
 * schemas and parsers the background and the reading engine use.
 */
import type { MessageKey, Translate } from '../domain/i18n';
import { CARRIER_IDS } from '../carriers';
import { parseAmount } from '../reading/money';
import { parseMsisdn } from '../reading/phone';
import {
  IsoDateSchema,
  LabelSchema,
  MoneySchema,
  NoteSchema,
  PaymentMethodSchema,
  type CarrierId,
  type IsoDate,
  type Money,
  type PaymentMethod,
} from '../domain/records';
import {
  AddLinePrefillSchema,
  type AddLinePrefill,
  type LinePatch,
  type MessageOf,
} from '../protocol/messages';
import { todayInBuenosAires } from '../domain/time';
import { MAX_AMOUNT, isExpiryInBounds, rechargeRange } from '../domain/bounds';
import { dateEntryText, parseDateEntry } from './date-entry';

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

export type FormResult<F extends string, T> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

// ───────────────────────── Field parsers ─────────────────────────

/**
 * Optional date field, day first (utils/popup/date-entry.ts): '' → null; else a real
 * date or an error key.
 */
export function parseDateField(raw: string): { value: IsoDate | null } | { error: MessageKey } {
  const entry = parseDateEntry(raw);
  if ('error' in entry) return entry;
  return entry.value === null || IsoDateSchema.safeParse(entry.value).success
    ? entry
    : { error: 'formErrDate' };
}

/**
 * The whole pesos an amount written with digits stands for, however it is grouped
 * (`999999999999`, `100.000.001`, `1234567890,50`), or null when it is not digits at all:
 * tells "too large" apart from "not an amount".
 */
export function amountMagnitude(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const integer = compact.replace(/[.,]\d{1,2}$/, '').replace(/[.,]/g, '');
  return Number(integer);
}

/**
 * Optional money field as people type it: `1234.56`, `1.234,56`, `$ 1.234`. '' → null.
 * A minus sign is refused with its own message (a balance or payment is never negative),
 * and so is an amount above what any record holds (MAX_AMOUNT).
 */
export function parseAmountField(raw: string): { value: number | null } | { error: MessageKey } {
  const text = raw.replace(/^\s*(?:ARS|\$)\s*/i, '').trim();
  if (text === '') return { value: null };
  if (/^[-−–]/.test(text)) return { error: 'formErrAmountNegative' };
  const magnitude = amountMagnitude(text);
  if (magnitude !== null && magnitude > MAX_AMOUNT) return { error: 'formErrAmountTooLarge' };
  const amount = parseAmount(text);
  if (amount === null) return { error: 'formErrAmount' };
  if (amount > MAX_AMOUNT) return { error: 'formErrAmountTooLarge' };
  return { value: amount };
}

/** Optional phone field in any usual Argentine form → E.164 (`+549…`); '' → null. */
export function parseNumberField(raw: string): { value: string | null } | { error: MessageKey } {
  const text = raw.trim();
  if (text === '') return { value: null };
  const msisdn = parseMsisdn(text);
  return msisdn ? { value: msisdn } : { error: 'formErrNumber' };
}

function isCarrierId(value: string): value is CarrierId {
  return (CARRIER_IDS as readonly string[]).includes(value);
}

// ───────────────────────── Add / edit a line ─────────────────────────

export interface LineFormValues {
  carrier: string;
  msisdn: string;
  label: string;
  expiresOn: string;
  balance: string;
}

export type LineFormField = keyof LineFormValues;

export interface ValidLine {
  carrier: CarrierId;
  msisdn: string | null;
  label: string;
  expiresOn: IsoDate | null;
  balance: Money | null;
}

export const EMPTY_LINE_FORM: LineFormValues = {
  carrier: '',
  msisdn: '',
  label: '',
  expiresOn: '',
  balance: '',
};

/**
 * `bounds`: check the expiry against the dates every source is held to (utils/domain/
 * bounds.ts) as of `now`; a date the line already had (`storedExpiry`) is left alone.
 */
export function validateLineForm(
  values: LineFormValues,
  bounds?: { now: number; storedExpiry?: IsoDate | null },
): FormResult<LineFormField, ValidLine> {
  const errors: FieldErrors<LineFormField> = {};
  const carrier = values.carrier;
  if (!isCarrierId(carrier)) errors.carrier = 'formErrCarrier';

  const number = parseNumberField(values.msisdn);
  if ('error' in number) errors.msisdn = number.error;

  const label = values.label.trim();
  if (!LabelSchema.safeParse(label).success) errors.label = 'formErrLabelLong';

  const expiry = parseDateField(values.expiresOn);
  if ('error' in expiry) errors.expiresOn = expiry.error;
  else if (
    bounds &&
    expiry.value !== null &&
    expiry.value !== bounds.storedExpiry &&
    !isExpiryInBounds(expiry.value, todayInBuenosAires(bounds.now))
  ) {
    errors.expiresOn = 'formErrExpiryRange';
  }

  const balance = parseAmountField(values.balance);
  if ('error' in balance) errors.balance = balance.error;
  else if (balance.value !== null && !MoneySchema.safeParse(money(balance.value)).success) {
    errors.balance = 'formErrAmount';
  }

  // A line needs something to recognise it by.
  if (!errors.msisdn && !errors.label && label === '' && values.msisdn.trim() === '') {
    errors.msisdn = 'formErrNumberOrLabel';
  }

  if (Object.keys(errors).length > 0 || !isCarrierId(carrier)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      carrier,
      msisdn: 'value' in number ? number.value : null,
      label,
      expiresOn: 'value' in expiry ? expiry.value : null,
      balance: 'value' in balance && balance.value !== null ? money(balance.value) : null,
    },
  };
}

/**
 * An expiry before today on Argentina's calendar that the line did not already have: the
 * form asks "is that right?" before saving it (the line would show as expired at once).
 */
export function needsPastExpiryConfirmation(
  expiresOn: IsoDate | null,
  storedExpiry: IsoDate | null,
  now: number,
): boolean {
  return expiresOn !== null && expiresOn !== storedExpiry && expiresOn < todayInBuenosAires(now);
}

function money(amount: number): Money {
  return { amount, currency: 'ARS' };
}

export function addLineMessage(line: ValidLine): MessageOf<'ui:add-line'> {
  return { type: 'ui:add-line', ...line };
}

/** Only the fields that changed, so an edit never overwrites what it did not touch. */
export function lineUpdatePatch(
  before: Pick<ValidLine, keyof ValidLine>,
  after: ValidLine,
): LinePatch {
  const patch: LinePatch = {};
  if (after.carrier !== before.carrier) patch.carrier = after.carrier;
  if (after.msisdn !== before.msisdn) patch.msisdn = after.msisdn;
  if (after.label !== before.label.trim()) patch.label = after.label;
  if (after.expiresOn !== before.expiresOn) patch.expiresOn = after.expiresOn;
  if ((after.balance?.amount ?? null) !== (before.balance?.amount ?? null)) {
    patch.balance = after.balance;
  }
  return patch;
}

/** A stored line as form input strings (for the edit form). */
export function lineFormValues(line: ValidLine): LineFormValues {
  return {
    carrier: line.carrier,
    msisdn: line.msisdn ?? '',
    label: line.label,
    expiresOn: dateEntryText(line.expiresOn),
    balance: line.balance ? amountInput(line.balance.amount) : '',
  };
}

/** An amount as the user would type it back: `1234.56`, `2000`. */
export function amountInput(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

// ───────────────────────── Prefill from the URL hash ─────────────────────────

/**
 * The add form's prefill from the popup page's hash, as the background writes it
 * (utils/protocol/add-line-link.ts)::
 * `#/add?carrier=claro&msisdn=%2B5491123456789&expiresOn=2026-12-15&balance=1234.56`.
 * Invalid values are dropped one by one (the rest still prefill); null when the hash does
 * not ask for the form.
 */
export function prefillFromHash(hash: string): LineFormValues | null {
  const text = hash.replace(/^#/, '');
  if (!/^\/add(\?|$)/.test(text)) return null;
  const params = new URLSearchParams(text.slice(text.indexOf('?') + 1 || text.length));
  const fields: Partial<Record<keyof AddLinePrefill, unknown>> = {
    carrier: params.get('carrier'),
    msisdn: params.get('msisdn'),
    expiresOn: params.get('expiresOn'),
    balance: params.get('balance'),
  };
  const shape = AddLinePrefillSchema.shape;
  const carrier = shape.carrier.safeParse(fields.carrier);
  const msisdn = typeof fields.msisdn === 'string' ? parseMsisdn(fields.msisdn) : null;
  const expiresOn = shape.expiresOn.safeParse(fields.expiresOn);
  const balance = parseAmountField(String(fields.balance ?? ''));
  return {
    carrier: carrier.success ? carrier.data : '',
    msisdn: msisdn ?? '',
    label: '',
    expiresOn: expiresOn.success && expiresOn.data ? dateEntryText(expiresOn.data) : '',
    balance: 'value' in balance && balance.value !== null ? amountInput(balance.value) : '',
  };
}

// ───────────────────────── Mark as renewed ─────────────────────────

export const RENEWAL_MONTHS = [1, 3, 12] as const;
export type RenewalMonths = (typeof RENEWAL_MONTHS)[number];
export const PAYMENT_METHODS = PaymentMethodSchema.options as readonly PaymentMethod[];

export interface RenewalFormValues {
  date: string;
  amount: string;
  months: string;
  paymentMethod: string;
  operationId: string;
  note: string;
  updateExpiry: boolean;
  newExpiresOn: string;
}

export type RenewalFormField = Exclude<keyof RenewalFormValues, 'updateExpiry'>;

/** `date` plus whole calendar months; a day that does not exist becomes the month's last. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface ExpirySuggestions {
  /** Today (Argentina) + months. */
  fromToday: IsoDate;
  /** Current expiry + months: only when the line has a known expiry that has not passed. */
  fromExpiry: IsoDate | null;
  /** What the form proposes first: extending a running expiry, else counting from today. */
  suggested: IsoDate;
}

/**
 * The new expiry a renewal of `months` suggests. A carrier usually adds the validity to
 * the current expiry when the line is still running, and counts from today once it lapsed.
 */
export function expirySuggestions(
  currentExpiry: IsoDate | null,
  months: RenewalMonths,
  now: number,
): ExpirySuggestions {
  const today = todayInBuenosAires(now);
  const fromToday = addMonths(today, months);
  const fromExpiry =
    currentExpiry !== null && currentExpiry >= today ? addMonths(currentExpiry, months) : null;
  return { fromToday, fromExpiry, suggested: fromExpiry ?? fromToday };
}

export function initialRenewalForm(currentExpiry: IsoDate | null, now: number): RenewalFormValues {
  return {
    date: dateEntryText(todayInBuenosAires(now)),
    amount: '',
    months: '1',
    paymentMethod: '',
    operationId: '',
    note: '',
    updateExpiry: true,
    newExpiresOn: dateEntryText(expirySuggestions(currentExpiry, 1, now).suggested),
  };
}

export function validateRenewalForm(
  values: RenewalFormValues,
  lineId: string,
  now: number,
): FormResult<RenewalFormField, MessageOf<'ui:record-renewal'>> {
  const errors: FieldErrors<RenewalFormField> = {};
  const today = todayInBuenosAires(now);
  const recharge = rechargeRange(today);

  const date = parseDateField(values.date);
  if ('error' in date) errors.date = date.error;
  else if (date.value === null) errors.date = 'formErrRequired';
  // The user may be a day ahead of Argentina (Shanghai): allow Argentina's tomorrow.
  else if (date.value > recharge.to) errors.date = 'formErrFutureDate';
  else if (date.value < recharge.from) errors.date = 'formErrRechargeTooOld';

  const amount = parseAmountField(values.amount);
  if ('error' in amount) errors.amount = amount.error;
  else if (amount.value !== null && amount.value <= 0) errors.amount = 'formErrAmountZero';

  let months: RenewalMonths | null = null;
  if (values.months !== '') {
    const asNumber = Number(values.months);
    if ((RENEWAL_MONTHS as readonly number[]).includes(asNumber)) {
      months = asNumber as RenewalMonths;
    } else {
      errors.months = 'formErrMonths';
    }
  }

  let paymentMethod: PaymentMethod | null = null;
  if (values.paymentMethod !== '') {
    const parsed = PaymentMethodSchema.safeParse(values.paymentMethod);
    if (parsed.success) paymentMethod = parsed.data;
    else errors.paymentMethod = 'formErrPaymentMethod';
  }

  const operationId = values.operationId.trim();
  if (operationId.length > 64) errors.operationId = 'formErrOperationId';

  const note = values.note.trim();
  if (!NoteSchema.safeParse(note).success) errors.note = 'formErrNoteLong';

  let newExpiresOn: IsoDate | null = null;
  if (values.updateExpiry) {
    const expiry = parseDateField(values.newExpiresOn);
    if ('error' in expiry) errors.newExpiresOn = expiry.error;
    else if (expiry.value === null) errors.newExpiresOn = 'formErrRequired';
    else if (expiry.value < today) errors.newExpiresOn = 'formErrExpiryPast';
    else if (!isExpiryInBounds(expiry.value, today)) errors.newExpiresOn = 'formErrExpiryRange';
    else newExpiresOn = expiry.value;
  }

  if (Object.keys(errors).length > 0 || !('value' in date) || date.value === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      type: 'ui:record-renewal',
      lineId,
      date: date.value,
      amount: 'value' in amount ? amount.value : null,
      months,
      paymentMethod,
      operationId: operationId === '' ? null : operationId,
      note,
      newExpiresOn,
    },
  };
}

// ───────────────────────── Settings ─────────────────────────

/** The lead-day choices offered as checkboxes (plus any others already saved). */
export const LEAD_DAY_CHOICES = [30, 14, 7, 3, 1, 0] as const;

/** A reminder day in words: "on the day", "1 day before", "7 days before". */
export function leadDayLabel(day: number, t: Translate): string {
  if (day === 0) return t('popupLeadOnDay');
  if (day === 1) return t('popupLeadOneDay');
  return t('popupLeadNDays', [String(day)]);
}

/** Toggles one lead day; the result is sorted latest-first and never repeats a day. */
export function toggleLeadDay(current: readonly number[], day: number, on: boolean): number[] {
  const set = new Set(current);
  if (on) set.add(day);
  else set.delete(day);
  return [...set].sort((a, b) => b - a);
}

/** The hidden-hosts list without `host` ("show the overlay there again"). */
export function withoutHost(hosts: readonly string[], host: string): string[] {
  return hosts.filter((candidate) => candidate !== host);
}
