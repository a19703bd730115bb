/**
 * The shapes LineKeeper stores and every runtime shares: values (dates, numbers, money), the
 * reading engine's Reading, the database records, the settings and the list snapshot.
 * Messages are in utils/protocol/messages.ts, the backup file in ./backup-format.ts.
 * `zod/mini` keeps the bundles small (full zod costs ~23 KB gzip per entrypoint and
 * trips web-ext's eval warning); TypeScript types are inferred from these schemas.
 */
import * as z from 'zod/mini';
import { CARRIER_IDS, type CarrierId } from '../carriers';
import { LANGUAGE_CHOICES } from './i18n';
import { isRealCalendarDate } from './time';

/** The registry's carriers (utils/carriers): adding one there is all the records need. */
export const CarrierIdSchema = z.enum(CARRIER_IDS);
export type { CarrierId };

/** A Buenos Aires calendar date, `YYYY-MM-DD`, that exists on the calendar. */
export const IsoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  z.refine((value) => isRealCalendarDate(value), 'no such calendar date'),
);
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Argentine mobile number in E.164 form: +549 + 10 digits (area code + subscriber). */
export const MsisdnSchema = z
  .string()
  .check(z.regex(/^\+549\d{10}$/, 'expected an Argentine mobile number as +549XXXXXXXXXX'));
export type Msisdn = z.infer<typeof MsisdnSchema>;

/**
 * Pesos. A line's balance can be below zero: what is owed after a balance advance
 * (`-$ 120,00` is −120). Amounts paid (receipts, renewals) have their own, positive schemas.
 */
export const MoneySchema = z.object({
  amount: z.number().check(
    z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
    z.gte(-1_000_000),
    z.lte(100_000_000),
  ),
  currency: z.literal('ARS'),
});
export type Money = z.infer<typeof MoneySchema>;

export const PageKindSchema = z.enum(['account', 'receipt', 'none']);
export type PageKind = z.infer<typeof PageKindSchema>;

export const ReceiptSchema = z.object({
  amount: z.number().check(
    z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
    z.gt(0),
    z.lte(100_000_000),
  ),
  currency: z.literal('ARS'),
  operationId: z.string().check(z.minLength(1), z.maxLength(64)),
  date: z.nullable(IsoDateSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** Competing expiry dates, sorted and distinct: 2–3 from the engine, 1–3 once bounds dropped some. */
const expiryChoices = (min: 1 | 2) =>
  z.array(IsoDateSchema).check(
    z.minLength(min),
    z.maxLength(3),
    z.refine(
      (dates) => dates.every((date, i) => i === 0 || dates[i - 1]! < date),
      'expected sorted distinct dates',
    ),
  );

/** What the reading engine made of one page (docs/reading-rules.md). */
/** The last digits a page shows of a masked number (`11 ****-3344` → `3344`). */
export const MsisdnTailSchema = z.string().check(z.regex(/^\d{2,4}$/));

export const ReadingSchema = z.object({
  carrier: z.nullable(CarrierIdSchema),
  kind: PageKindSchema,
  msisdn: z.nullable(MsisdnSchema),
  balance: z.nullable(MoneySchema),
  expiresOn: z.nullable(IsoDateSchema),
  receipt: z.nullable(ReceiptSchema),
  notes: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
  /**
   * When the page shows its line's number masked (`11 ****-3344`): the last digits it
   * shows, so the reading can only land on a line whose number ends with them.
   */
  msisdnTail: z.optional(z.nullable(MsisdnTailSchema)),
  /**
   * When the engine left the expiry null because 2–3 different dates competed for it: those
   * dates, sorted and distinct, for the user to pick one (cs:choose-expiry). Absent otherwise.
   */
  expiryChoices: z.optional(expiryChoices(2)),
});
export type Reading = z.infer<typeof ReadingSchema>;

// ───────────────────────── Stored records (utils/background/db.ts) ─────────────────────────

const MAX_LABEL = 60;
const MAX_NOTE = 500;
const MAX_PATH = 2048;

/** An instant as an ISO 8601 UTC string, e.g. `2026-05-01T13:00:00.000Z`. */
export const IsoDateTimeSchema = z.iso.datetime();
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

/** Epoch milliseconds. */
export const EpochMsSchema = z.int().check(z.gte(0), z.lte(8_640_000_000_000));

/** Our own record ids: short opaque strings (crypto.randomUUID in the worker). */
export const RecordIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'invalid id'));

/** A page path without query string or fragment (those can carry tokens and personal data). */
export const PagePathSchema = z
  .string()
  .check(
    z.maxLength(MAX_PATH),
    z.regex(/^\/[^?#\s]*$/, 'expected a page path starting with / and without ? or #'),
  );

/**
 * A page path as stored (readings, a line's last page): a message's path with every run of
 * 5 or more digits masked as `#` (`/cliente/30123456/consumos` → `/cliente/########/consumos`):
 * such runs are document or account numbers, never what the page is.
 */
export const StoredPathSchema = z
  .string()
  .check(
    z.maxLength(MAX_PATH),
    z.regex(
      /^\/(?:[^?#\s]|#{5,}(?!#))*$/,
      'expected a page path starting with /, without ? and with # only as masked digits',
    ),
  );

/** A host name as the browser reports it for a carrier page, e.g. `m-miclaro.claro.com.ar`. */
export const HostSchema = z
  .string()
  .check(z.maxLength(253), z.regex(/^[a-z0-9.-]+$/, 'expected a lower-case host name'));

export const LabelSchema = z.string().check(z.maxLength(MAX_LABEL));
export const NoteSchema = z.string().check(z.maxLength(MAX_NOTE));

export const LineSourceSchema = z.enum(['page', 'manual']);
export const ExpirySourceSchema = z.enum(['page', 'manual', 'renewal']);

/**
 * Why a reading's value was kept off its line (docs/reading-rules.md, "How a reading lands
 * on a line"): a date outside the plausible range, or a page date far later than the one
 * the user entered (the line then asks which to keep).
 */
export const HoldReasonSchema = z.enum([
  'expiry-out-of-bounds',
  'receipt-date-out-of-bounds',
  'expiry-conflict',
]);
export type HoldReason = z.infer<typeof HoldReasonSchema>;

/**
 * A page's expiry the line did not take because the user's own date says otherwise: the
 * popup asks "keep which?"; `declined` once the user kept theirs (the same date is not
 * asked again).
 */
export const HeldExpirySchema = z.object({
  expiresOn: IsoDateSchema,
  readAt: IsoDateTimeSchema,
  declined: z.boolean(),
});
export type HeldExpiry = z.infer<typeof HeldExpirySchema>;

/** "Reminder step L of expiry E already delivered" (L = days before expiry). */
export const ReminderMarkSchema = z.object({
  expiresOn: IsoDateSchema,
  lead: z.int().check(z.gte(0), z.lte(366)),
});
export type ReminderMark = z.infer<typeof ReminderMarkSchema>;

/**
 * One prepaid line. It needs a carrier plus a number or a label. Everything reconcile()
 * needs lives on this record, so reminders never scan the readings history.
 */
const LineObjectSchema = z.object({
  id: RecordIdSchema,
  carrier: CarrierIdSchema,
  msisdn: z.nullable(MsisdnSchema),
  label: LabelSchema,
  expiresOn: z.nullable(IsoDateSchema),
  expirySource: z.nullable(ExpirySourceSchema),
  /** When LineKeeper learnt the current expiry: reminder steps before this never fire. */
  expiryKnownSince: z.nullable(EpochMsSchema),
  balance: z.nullable(MoneySchema),
  /** The balance before the last change: "balance −$ 150 since your last visit". */
  previousBalance: z.nullable(MoneySchema),
  balanceAt: z.nullable(IsoDateTimeSchema),
  lastReadingAt: z.nullable(IsoDateTimeSchema),
  lastReadingPath: z.nullable(StoredPathSchema),
  /** The host of that page; absent on lines last read before LineKeeper kept it. */
  lastReadingHost: z.optional(z.nullable(HostSchema)),
  /** Fingerprint of the last stored reading: identical readings are not stored twice. */
  lastReadingKey: z.nullable(z.string().check(z.maxLength(4096))),
  source: LineSourceSchema,
  lastRechargeOn: z.nullable(IsoDateSchema),
  snoozedUntil: z.nullable(EpochMsSchema),
  lastReminder: z.nullable(ReminderMarkSchema),
  /** A page expiry waiting for the user's word; absent on lines from before it existed. */
  heldExpiry: z.optional(z.nullable(HeldExpirySchema)),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});

const needsNumberOrLabel = z.refine<{ msisdn: string | null; label: string }>(
  (line) => line.msisdn !== null || line.label.trim() !== '',
  'a line needs a number or a label',
);

export const LineSchema = LineObjectSchema.check(needsNumberOrLabel);
export type Line = z.infer<typeof LineSchema>;

/** One distinct reading, as stored (history). `lineId` null = waiting for the user to place it. */
export const StoredReadingSchema = z.object({
  id: z.optional(z.int().check(z.gte(1))),
  lineId: z.nullable(RecordIdSchema),
  carrier: CarrierIdSchema,
  kind: PageKindSchema,
  msisdn: z.nullable(MsisdnSchema),
  /** The masked number's last digits the page showed; absent on older readings. */
  msisdnTail: z.optional(z.nullable(MsisdnTailSchema)),
  balance: z.nullable(MoneySchema),
  expiresOn: z.nullable(IsoDateSchema),
  /** The page's competing expiries inside the bounds (the user may pick one); absent if none. */
  expiryChoices: z.optional(expiryChoices(1)),
  receipt: z.nullable(ReceiptSchema),
  /** The engine's notes, then the background's own codes (`lk:…`, utils/domain/line-rules.ts). */
  notes: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
  path: StoredPathSchema,
  /** The page's host; absent on readings stored before LineKeeper kept it. */
  host: z.optional(z.nullable(HostSchema)),
  readAt: IsoDateTimeSchema,
  fingerprint: z.string().check(z.maxLength(4096)),
});
export type StoredReading = z.infer<typeof StoredReadingSchema>;

export const RenewalMonthsSchema = z.union([z.literal(1), z.literal(3), z.literal(12)]);
export const PaymentMethodSchema = z.enum([
  'credit-card',
  'debit-card',
  'paypal',
  'wallet',
  'cash',
  'other',
]);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const RenewalAmountSchema = z.number().check(
  z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
  z.gt(0),
  z.lte(100_000_000),
);

/** A recharge: captured from a confirmation page, or recorded by the user. */
export const RenewalSchema = z.object({
  id: RecordIdSchema,
  lineId: z.nullable(RecordIdSchema),
  carrier: CarrierIdSchema,
  date: IsoDateSchema,
  amount: z.nullable(RenewalAmountSchema),
  currency: z.literal('ARS'),
  operationId: z.nullable(z.string().check(z.minLength(1), z.maxLength(64))),
  months: z.nullable(RenewalMonthsSchema),
  paymentMethod: z.nullable(PaymentMethodSchema),
  note: NoteSchema,
  source: z.enum(['receipt', 'manual']),
  createdAt: IsoDateTimeSchema,
});
export type Renewal = z.infer<typeof RenewalSchema>;

export const SettingsSchema = z.object({
  /** Days before expiry to remind (0 = on the day). Default 7, 3, 1, 0. */
  leadDays: z.array(z.int().check(z.gte(0), z.lte(60))).check(
    z.maxLength(10),
    z.refine((days) => new Set(days).size === days.length, 'lead days must not repeat'),
  ),
  /** Hour of the user's own day reminders are delivered at (0–23). */
  reminderHour: z.int().check(z.gte(0), z.lte(23)),
  notificationsEnabled: z.boolean(),
  overlayDisabledCarriers: z.array(CarrierIdSchema).check(z.maxLength(CARRIER_IDS.length)),
  overlayHiddenHosts: z.array(HostSchema).check(z.maxLength(200)),
  /** Hosts where the overlay sits in the bottom-left corner (absent in older data: none). */
  overlayLeftHosts: z.optional(z.array(HostSchema).check(z.maxLength(200))),
  /** The interface language; absent (older data) or 'auto' follows the browser. */
  language: z.optional(z.enum(LANGUAGE_CHOICES)),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  leadDays: [7, 3, 1, 0],
  reminderHour: 10,
  notificationsEnabled: true,
  overlayDisabledCarriers: [],
  overlayHiddenHosts: [],
  language: 'auto',
};

// ───────────────────────── List snapshot (utils/domain/list-snapshot.ts) ─────────────────────────

/** What one row of the popup's list needs from a line (utils/popup/line-list.ts). */
export const ListLineSchema = z
  .pick(LineObjectSchema, {
    id: true,
    carrier: true,
    msisdn: true,
    label: true,
    expiresOn: true,
    lastRechargeOn: true,
    balance: true,
    lastReadingAt: true,
    lastReadingPath: true,
    lastReadingHost: true,
    snoozedUntil: true,
    heldExpiry: true,
  })
  .check(needsNumberOrLabel);
export type ListLine = z.infer<typeof ListLineSchema>;

/** The most lines a snapshot holds: more than the popup's first screenful (LineList). */
export const LIST_SNAPSHOT_MAX_LINES = 20;

/**
 * The popup's first screenful, kept by the background in storage.local after every change
 * so the popup can paint before its database code has loaded. A cache, never the truth:
 * the popup replaces it with what the database holds as soon as it has read it.
 */
export const ListSnapshotSchema = z.object({
  /** The format; a snapshot of any other version is ignored. */
  version: z.literal(1),
  /** How many lines the database holds (the list's heading counts them all). */
  count: z.int().check(z.gte(0)),
  /** settings.leadDays: a line inside the largest lead is "due". */
  leadDays: SettingsSchema.shape.leadDays,
  /**
   * settings.language, so the popup knows the language to paint in from the same read;
   * absent in snapshots written before it existed (the popup then follows the browser).
   */
  language: SettingsSchema.shape.language,
  /** The most urgent lines, in list order (sortLines). */
  lines: z.array(ListLineSchema).check(z.maxLength(LIST_SNAPSHOT_MAX_LINES)),
});
export type ListSnapshot = z.infer<typeof ListSnapshotSchema>;
