/**
 * The one source of truth for every shape LineKeeper stores or passes around.
 * `zod/mini` keeps the bundles small (full zod costs ~23 KB gzip per entrypoint and
 * trips web-ext's eval warning); TypeScript types are inferred from these schemas.
 */
import * as z from 'zod/mini';
import { isRealCalendarDate } from './time';

export const CARRIER_IDS = ['claro', 'movistar', 'personal'] as const;
export const CarrierIdSchema = z.enum(CARRIER_IDS);
export type CarrierId = z.infer<typeof CarrierIdSchema>;

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

export const MoneySchema = z.object({
  amount: z.number().check(
    z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
    z.gte(0),
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

/** What the reading engine made of one page (see shared/docs/reading-rules.md). */
export const ReadingSchema = z.object({
  carrier: z.nullable(CarrierIdSchema),
  kind: PageKindSchema,
  msisdn: z.nullable(MsisdnSchema),
  balance: z.nullable(MoneySchema),
  expiresOn: z.nullable(IsoDateSchema),
  receipt: z.nullable(ReceiptSchema),
  notes: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
});
export type Reading = z.infer<typeof ReadingSchema>;

// ───────────────────────── Stored records (utils/db.ts) ─────────────────────────

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

/** A host name as the browser reports it for a carrier page, e.g. `m-miclaro.claro.com.ar`. */
export const HostSchema = z
  .string()
  .check(z.maxLength(253), z.regex(/^[a-z0-9.-]+$/, 'expected a lower-case host name'));

export const LabelSchema = z.string().check(z.maxLength(MAX_LABEL));
export const NoteSchema = z.string().check(z.maxLength(MAX_NOTE));

export const LineSourceSchema = z.enum(['page', 'manual']);
export const ExpirySourceSchema = z.enum(['page', 'manual', 'renewal']);

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
  lastReadingPath: z.nullable(PagePathSchema),
  /** The host of that page; absent on lines last read before LineKeeper kept it. */
  lastReadingHost: z.optional(z.nullable(HostSchema)),
  /** Fingerprint of the last stored reading: identical readings are not stored twice. */
  lastReadingKey: z.nullable(z.string().check(z.maxLength(4096))),
  source: LineSourceSchema,
  lastRechargeOn: z.nullable(IsoDateSchema),
  snoozedUntil: z.nullable(EpochMsSchema),
  lastReminder: z.nullable(ReminderMarkSchema),
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
  balance: z.nullable(MoneySchema),
  expiresOn: z.nullable(IsoDateSchema),
  receipt: z.nullable(ReceiptSchema),
  notes: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
  path: PagePathSchema,
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

const RenewalAmountSchema = z.number().check(
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
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  leadDays: [7, 3, 1, 0],
  reminderHour: 10,
  notificationsEnabled: true,
  overlayDisabledCarriers: [],
  overlayHiddenHosts: [],
};

// ───────────────────────── List snapshot (utils/list-snapshot.ts) ─────────────────────────

/** What one row of the popup's list needs from a line (utils/line-list.ts). */
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
  /** The most urgent lines, in list order (sortLines). */
  lines: z.array(ListLineSchema).check(z.maxLength(LIST_SNAPSHOT_MAX_LINES)),
});
export type ListSnapshot = z.infer<typeof ListSnapshotSchema>;

/** The export / import file. Version 1 of the backup format. */
export const BackupSchema = z.object({
  format: z.literal('linekeeper-backup'),
  version: z.literal(1),
  exportedAt: IsoDateTimeSchema,
  lines: z.array(LineSchema).check(z.maxLength(10_000)),
  readings: z.array(StoredReadingSchema).check(z.maxLength(1_000_000)),
  renewals: z.array(RenewalSchema).check(z.maxLength(100_000)),
  settings: SettingsSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

// ───────────────────────── Messages (utils/messages.ts) ─────────────────────────
// Named by direction: `cs:*` from the content script on a carrier page, `ui:*` from the
// extension's own pages (popup, options). Only the background writes the database.

const BalanceInputSchema = z.nullable(MoneySchema);

export const CsReadingMessageSchema = z.object({
  type: z.literal('cs:reading'),
  reading: ReadingSchema,
  /** `location.pathname` only: never the query string. */
  path: PagePathSchema,
  readAt: IsoDateTimeSchema,
});

export const CsStatusMessageSchema = z.object({
  type: z.literal('cs:status'),
  path: PagePathSchema,
  /** The number the page shows, when the engine read one. */
  msisdn: z.nullable(MsisdnSchema),
});

/** The overlay's "don't show here again": for this host, or for the whole carrier. */
export const CsHideOverlayMessageSchema = z.object({
  type: z.literal('cs:hide-overlay'),
  scope: z.enum(['host', 'carrier']),
});

/** The overlay's "enter it by hand": open the popup's add-line form with what was read. */
export const AddLinePrefillSchema = z.object({
  carrier: CarrierIdSchema,
  msisdn: z.nullable(MsisdnSchema),
  expiresOn: z.nullable(IsoDateSchema),
  balance: z.nullable(MoneySchema),
});
export type AddLinePrefill = z.infer<typeof AddLinePrefillSchema>;

export const CsOpenAddLineMessageSchema = z.object({
  type: z.literal('cs:open-add-line'),
  prefill: AddLinePrefillSchema,
});

export const UiAddLineMessageSchema = z.object({
  type: z.literal('ui:add-line'),
  carrier: CarrierIdSchema,
  msisdn: z.nullable(MsisdnSchema),
  label: LabelSchema,
  expiresOn: z.nullable(IsoDateSchema),
  balance: BalanceInputSchema,
  lastRechargeOn: z.optional(z.nullable(IsoDateSchema)),
});

export const LinePatchSchema = z.object({
  carrier: z.optional(CarrierIdSchema),
  msisdn: z.optional(z.nullable(MsisdnSchema)),
  label: z.optional(LabelSchema),
  expiresOn: z.optional(z.nullable(IsoDateSchema)),
  balance: z.optional(BalanceInputSchema),
  lastRechargeOn: z.optional(z.nullable(IsoDateSchema)),
});
export type LinePatch = z.infer<typeof LinePatchSchema>;

export const UiUpdateLineMessageSchema = z.object({
  type: z.literal('ui:update-line'),
  lineId: RecordIdSchema,
  patch: LinePatchSchema,
});

export const UiDeleteLineMessageSchema = z.object({
  type: z.literal('ui:delete-line'),
  lineId: RecordIdSchema,
});

/** Undo of ui:delete-line: the reply of the delete carries `trashId`. */
export const UiRestoreLineMessageSchema = z.object({
  type: z.literal('ui:restore-line'),
  trashId: RecordIdSchema,
});

export const UiRecordRenewalMessageSchema = z.object({
  type: z.literal('ui:record-renewal'),
  lineId: RecordIdSchema,
  date: IsoDateSchema,
  amount: z.nullable(RenewalAmountSchema),
  months: z.nullable(RenewalMonthsSchema),
  paymentMethod: z.nullable(PaymentMethodSchema),
  operationId: z.nullable(z.string().check(z.minLength(1), z.maxLength(64))),
  note: NoteSchema,
  /** When set, the line's expiry becomes this date (source: renewal). */
  newExpiresOn: z.nullable(IsoDateSchema),
});

export const UiAssignReadingMessageSchema = z.object({
  type: z.literal('ui:assign-reading'),
  readingId: z.int().check(z.gte(1)),
  lineId: RecordIdSchema,
});

export const UiSnoozeLineMessageSchema = z.object({
  type: z.literal('ui:snooze-line'),
  lineId: RecordIdSchema,
  /** Quiet until this instant, then remind again; null ends the snooze. */
  until: z.nullable(IsoDateTimeSchema),
});

export const UiSaveSettingsMessageSchema = z.object({
  type: z.literal('ui:save-settings'),
  settings: z.partial(SettingsSchema),
});

export const UiImportBackupMessageSchema = z.object({
  type: z.literal('ui:import-backup'),
  /** Parsed JSON of the file; validated in full against BackupSchema before anything changes. */
  backup: z.unknown(),
});

export const UiExportBackupMessageSchema = z.object({
  type: z.literal('ui:export-backup'),
});

/** The popup found the list snapshot out of date: rewrite it from the database. */
export const UiRefreshListSnapshotMessageSchema = z.object({
  type: z.literal('ui:refresh-list-snapshot'),
});

export const CsMessageSchema = z.discriminatedUnion('type', [
  CsReadingMessageSchema,
  CsStatusMessageSchema,
  CsHideOverlayMessageSchema,
  CsOpenAddLineMessageSchema,
]);
export type CsMessage = z.infer<typeof CsMessageSchema>;

export const UiMessageSchema = z.discriminatedUnion('type', [
  UiAddLineMessageSchema,
  UiUpdateLineMessageSchema,
  UiDeleteLineMessageSchema,
  UiRestoreLineMessageSchema,
  UiRecordRenewalMessageSchema,
  UiAssignReadingMessageSchema,
  UiSnoozeLineMessageSchema,
  UiSaveSettingsMessageSchema,
  UiImportBackupMessageSchema,
  UiExportBackupMessageSchema,
  UiRefreshListSnapshotMessageSchema,
]);
export type UiMessage = z.infer<typeof UiMessageSchema>;

export const MessageSchema = z.discriminatedUnion('type', [CsMessageSchema, UiMessageSchema]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];
/**
 * The message of one type. Written as an intersection (not Extract) so that generic code
 * can still read `.type` and callers' `T` is inferred from the literal they pass.
 */
export type MessageOf<T extends MessageType> = Message & { type: T };

// ───────────────────────── Replies ─────────────────────────

export const ErrorReplySchema = z.object({ ok: z.literal(false), error: z.string() });
export type ErrorReply = z.infer<typeof ErrorReplySchema>;

/** What the popup and overlay show for a line. Dates on Argentina's calendar. */
export const LineSummarySchema = z.object({
  id: RecordIdSchema,
  carrier: CarrierIdSchema,
  msisdn: z.nullable(MsisdnSchema),
  label: LabelSchema,
  /** label, else the formatted number, else the carrier's name. */
  displayName: z.string(),
  /** The date shown: the known expiry, else last recharge + 180 days (estimated). */
  expiresOn: z.nullable(IsoDateSchema),
  estimated: z.boolean(),
  /** Days left on Argentina's calendar (0 = today, negative = expired); null when unknown. */
  daysLeft: z.nullable(z.int()),
  balance: z.nullable(MoneySchema),
  lastRechargeOn: z.nullable(IsoDateSchema),
  snoozedUntil: z.nullable(EpochMsSchema),
});
export type LineSummary = z.infer<typeof LineSummarySchema>;

export const ReadingOutcomeSchema = z.enum([
  'saved',
  'unassigned',
  'unchanged',
  'receipt-recorded',
  'receipt-duplicate',
  'ignored',
]);
export type ReadingOutcome = z.infer<typeof ReadingOutcomeSchema>;

export const CsReadingReplySchema = z.object({
  ok: z.literal(true),
  outcome: ReadingOutcomeSchema,
  /** The user switched the overlay off for this carrier or host (the reading is kept all the same). */
  overlayDisabled: z.boolean(),
  /** True when this reading created the line. */
  created: z.boolean(),
  line: z.nullable(LineSummarySchema),
  /** The line's balance before this reading (null when unknown or unchanged). */
  previousBalance: z.nullable(MoneySchema),
  readingId: z.nullable(z.int()),
  renewalId: z.nullable(RecordIdSchema),
});

export const CsStatusReplySchema = z.object({
  ok: z.literal(true),
  carrier: CarrierIdSchema,
  /** The user switched the overlay off for this carrier or for this host. */
  overlayDisabled: z.boolean(),
  line: z.nullable(LineSummarySchema),
  /** The balance before the last change, for "balance −$ 150 since last visit". */
  previousBalance: z.nullable(MoneySchema),
  lastVisitAt: z.nullable(IsoDateTimeSchema),
  /** The latest stored reading of this line from this very page path. */
  savedForPage: z.nullable(
    z.object({
      readAt: IsoDateTimeSchema,
      balance: z.nullable(MoneySchema),
      expiresOn: z.nullable(IsoDateSchema),
    }),
  ),
});

const OkSchema = z.object({ ok: z.literal(true) });
const LineReplySchema = z.object({ ok: z.literal(true), line: LineSummarySchema });

export const ReplySchemas = {
  'cs:reading': CsReadingReplySchema,
  'cs:status': CsStatusReplySchema,
  'cs:hide-overlay': OkSchema,
  'cs:open-add-line': OkSchema,
  'ui:add-line': LineReplySchema,
  'ui:update-line': LineReplySchema,
  'ui:delete-line': z.object({ ok: z.literal(true), trashId: RecordIdSchema }),
  'ui:restore-line': LineReplySchema,
  'ui:record-renewal': z.object({
    ok: z.literal(true),
    renewalId: RecordIdSchema,
    line: LineSummarySchema,
  }),
  'ui:assign-reading': LineReplySchema,
  'ui:snooze-line': LineReplySchema,
  'ui:save-settings': z.object({ ok: z.literal(true), settings: SettingsSchema }),
  'ui:import-backup': z.object({
    ok: z.literal(true),
    counts: z.object({ lines: z.int(), readings: z.int(), renewals: z.int() }),
  }),
  'ui:export-backup': z.object({ ok: z.literal(true), backup: BackupSchema }),
  'ui:refresh-list-snapshot': OkSchema,
} as const satisfies Record<MessageType, unknown>;

export type ReplyOf<T extends MessageType> = z.infer<(typeof ReplySchemas)[T]> | ErrorReply;
export type Reply = { [T in MessageType]: ReplyOf<T> }[MessageType];
