/**
 * The message protocol between the runtimes: every message the content script (`cs:*`) or
 * an extension page (`ui:*`) sends to the background, and every reply. Only the background
 * writes the database; it parses each message against these schemas before anything else
 * (utils/background/dispatch.ts); a message with a field it does not know is refused too.
 * Reply types follow from the message type (`ReplyOf`).
 */
import * as z from 'zod/mini';
import {
  CarrierIdSchema,
  EpochMsSchema,
  HoldReasonSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  LabelSchema,
  MoneySchema,
  MsisdnSchema,
  NoteSchema,
  PagePathSchema,
  PaymentMethodSchema,
  ReadingSchema,
  RecordIdSchema,
  RenewalAmountSchema,
  RenewalMonthsSchema,
  SettingsSchema,
} from '../domain/records';
import type { UrlPageKind } from '../carriers/types';
import { BackupSchema } from '../domain/backup-format';
// Named by direction: `cs:*` from the content script on a carrier page, `ui:*` from the
// extension's own pages (popup, options). Only the background writes the database.

const BalanceInputSchema = z.nullable(MoneySchema);

export const UrlPageKindSchema = z.enum([
  'account',
  'recharge',
  'receipt',
  'login',
  'other',
] as const satisfies readonly UrlPageKind[]);

/** Why the page says a payment failed, as far as its words tell. */
export const PaymentFailureReasonSchema = z.enum([
  'card-refused',
  'funds',
  'connection',
  'unknown',
]);
export type PaymentFailureReason = z.infer<typeof PaymentFailureReasonSchema>;

/**
 * What only the page itself can tell about the page beyond the reading (utils/content/
 * overlay-view.ts pageSignalsFor): the background decides the overlay from them.
 */
export const PageSignalsSchema = z.strictObject({
  /** The page says a payment / recharge failed. */
  paymentFailed: z.boolean(),
  /** …and that nothing was charged (so paying again does not charge twice). */
  notCharged: z.boolean(),
  /** …and why, when it failed (absent otherwise). */
  failureReason: z.optional(PaymentFailureReasonSchema),
  /** Account vocabulary (saldo, vencimiento…) is on the page. */
  accountVocabulary: z.boolean(),
  /** The browser machine-translated the page (reading/engine.ts isMachineTranslated). */
  translated: z.boolean(),
});
export type PageSignals = z.infer<typeof PageSignalsSchema>;

export const PageFactsSchema = z.strictObject({
  /** The carrier adapter's kind of the page's URL (carrier.urlPageKind). */
  urlKind: UrlPageKindSchema,
  signals: PageSignalsSchema,
});
export type PageFacts = z.infer<typeof PageFactsSchema>;

export const CsReadingMessageSchema = z.strictObject({
  type: z.literal('cs:reading'),
  reading: ReadingSchema,
  /** `location.pathname` only: never the query string. */
  path: PagePathSchema,
  readAt: IsoDateTimeSchema,
  /** What the overlay is decided from besides the reading and the background's answer. */
  page: PageFactsSchema,
});

/** The overlay's "don't show on this site again": for the host of the page that sends it. */
export const CsHideOverlayMessageSchema = z.strictObject({
  type: z.literal('cs:hide-overlay'),
});

/**
 * The overlay's close button: not on this page (path) of this tab again. Kept by the
 * background in storage.session (the page's own storage is the page's to read and write);
 * cs:reading's reply says `dismissed` for the tab and path it comes from.
 */
export const CsDismissOverlayMessageSchema = z.strictObject({
  type: z.literal('cs:dismiss-overlay'),
  /** `location.pathname` only. */
  path: PagePathSchema,
});

/** The overlay's "enter it by hand": open the popup's add-line form with what was read. */
export const AddLinePrefillSchema = z.object({
  carrier: CarrierIdSchema,
  msisdn: z.nullable(MsisdnSchema),
  expiresOn: z.nullable(IsoDateSchema),
  balance: z.nullable(MoneySchema),
});
export type AddLinePrefill = z.infer<typeof AddLinePrefillSchema>;

export const CsOpenAddLineMessageSchema = z.strictObject({
  type: z.literal('cs:open-add-line'),
  prefill: AddLinePrefillSchema,
});

/**
 * The overlay's answer to "which is your line's expiry?": one of the dates the stored
 * reading `readingId` offered (its expiryChoices). The background checks that it is one of
 * them, so a page cannot set any other date; it becomes the user's own (manual) expiry.
 */
export const CsChooseExpiryMessageSchema = z.strictObject({
  type: z.literal('cs:choose-expiry'),
  readingId: z.int().check(z.gte(1)),
  expiresOn: IsoDateSchema,
});

/** The overlay's "what do these words mean?": LineKeeper's glossary (the popup page) in a tab. */
export const CsOpenGlossaryMessageSchema = z.strictObject({
  type: z.literal('cs:open-glossary'),
});

/** Which bottom corner of the viewport the overlay sits in. */
export const OverlayCornerSchema = z.enum(['right', 'left']);
export type OverlayCorner = z.infer<typeof OverlayCornerSchema>;

/**
 * The overlay's "move to the left / right": for the host of the page that sends it, so it
 * stops covering that site's own bottom-corner widgets (cookie bar, chat button).
 */
export const CsMoveOverlayMessageSchema = z.strictObject({
  type: z.literal('cs:move-overlay'),
  corner: OverlayCornerSchema,
});

export const UiAddLineMessageSchema = z.strictObject({
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

export const UiUpdateLineMessageSchema = z.strictObject({
  type: z.literal('ui:update-line'),
  lineId: RecordIdSchema,
  patch: LinePatchSchema,
});

export const UiDeleteLineMessageSchema = z.strictObject({
  type: z.literal('ui:delete-line'),
  lineId: RecordIdSchema,
});

/** Undo of ui:delete-line: the reply of the delete carries `trashId`. */
export const UiRestoreLineMessageSchema = z.strictObject({
  type: z.literal('ui:restore-line'),
  trashId: RecordIdSchema,
});

export const UiRecordRenewalMessageSchema = z.strictObject({
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

export const UiAssignReadingMessageSchema = z.strictObject({
  type: z.literal('ui:assign-reading'),
  readingId: z.int().check(z.gte(1)),
  lineId: RecordIdSchema,
});

/** A waiting reading becomes a line of its own (its number, or a name from its digits). */
export const UiAddLineFromReadingMessageSchema = z.strictObject({
  type: z.literal('ui:add-line-from-reading'),
  readingId: z.int().check(z.gte(1)),
});

/** A waiting reading is deleted (with the receipt it recorded, if nobody has it yet). */
export const UiDiscardReadingMessageSchema = z.strictObject({
  type: z.literal('ui:discard-reading'),
  readingId: z.int().check(z.gte(1)),
});

/**
 * The answer to "the page says …, keep which?" on a line (line.heldExpiry): `expiresOn` is
 * the page's date the question showed, so an answer to an older question is refused.
 */
export const UiResolveExpiryMessageSchema = z.strictObject({
  type: z.literal('ui:resolve-expiry'),
  lineId: RecordIdSchema,
  keep: z.enum(['mine', 'page']),
  expiresOn: IsoDateSchema,
});

export const UiSnoozeLineMessageSchema = z.strictObject({
  type: z.literal('ui:snooze-line'),
  lineId: RecordIdSchema,
  /** Quiet until this instant, then remind again; null ends the snooze. */
  until: z.nullable(IsoDateTimeSchema),
});

export const UiSaveSettingsMessageSchema = z.strictObject({
  type: z.literal('ui:save-settings'),
  settings: z.partial(SettingsSchema),
});

export const UiImportBackupMessageSchema = z.strictObject({
  type: z.literal('ui:import-backup'),
  /** Parsed JSON of the file; validated in full against BackupSchema before anything changes. */
  backup: z.unknown(),
});

export const UiExportBackupMessageSchema = z.strictObject({
  type: z.literal('ui:export-backup'),
});

/** The popup found the list snapshot out of date: rewrite it from the database. */
export const UiRefreshListSnapshotMessageSchema = z.strictObject({
  type: z.literal('ui:refresh-list-snapshot'),
});

export const CsMessageSchema = z.discriminatedUnion('type', [
  CsReadingMessageSchema,
  CsHideOverlayMessageSchema,
  CsDismissOverlayMessageSchema,
  CsOpenAddLineMessageSchema,
  CsMoveOverlayMessageSchema,
  CsChooseExpiryMessageSchema,
  CsOpenGlossaryMessageSchema,
]);
export type CsMessage = z.infer<typeof CsMessageSchema>;

export const UiMessageSchema = z.discriminatedUnion('type', [
  UiAddLineMessageSchema,
  UiUpdateLineMessageSchema,
  UiDeleteLineMessageSchema,
  UiRestoreLineMessageSchema,
  UiRecordRenewalMessageSchema,
  UiAssignReadingMessageSchema,
  UiAddLineFromReadingMessageSchema,
  UiDiscardReadingMessageSchema,
  UiResolveExpiryMessageSchema,
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
  /** Stored on its line, which it left as it was: see `held` (the popup says why). */
  'held',
  /** From a private (incognito) window: nothing was stored. */
  'private',
  /** The page sent more readings than a page may in a minute: nothing was stored. */
  'limited',
]);
export type ReadingOutcome = z.infer<typeof ReadingOutcomeSchema>;

/** The pill's colour and word: how close the line is to lapsing. */
export const OverlayUrgencySchema = z.enum(['ok', 'soon', 'urgent', 'expired', 'none']);
export type OverlayUrgency = z.infer<typeof OverlayUrgencySchema>;

export const OverlayModeSchema = z.enum([
  'saved',
  'unassigned',
  'unsure',
  'translated',
  'receipt',
  'checklist',
  'failed',
  'error',
]);
export type OverlayMode = z.infer<typeof OverlayModeSchema>;

/**
 * Everything the overlay shows, in the user's language, written by the background
 * (utils/background/overlay-text.ts): the content script only places these strings (as
 * text, never as markup) and builds no text, date or number itself. Fields that a mode
 * does not show are null.
 */
export const OverlayTextSchema = z.object({
  mode: OverlayModeSchema,
  /** BCP-47 tag of the text's language, for the card's `lang` attribute. */
  lang: z.string(),
  corner: OverlayCornerSchema,
  /** The carrier's colour (the dot beside the name). */
  color: z.string(),
  brand: z.string(),
  collapseLabel: z.string(),
  dismissLabel: z.string(),
  hideSiteLabel: z.string(),
  /** "Move to the left" and "Move to the right": the button says the other corner. */
  moveLeftLabel: z.string(),
  moveRightLabel: z.string(),
  pill: z.object({
    /** Days left ("in 5 days"), else the brand. */
    text: z.string(),
    urgency: OverlayUrgencySchema,
    /** "Renew soon", "Expired"…; null when there is no date to judge by. */
    urgencyWord: z.nullable(z.string()),
    /** The pill button's accessible name: what it does and the line's state. */
    label: z.string(),
  }),
  /** The card's headline; `mark` adds a ✓ (done) or the warning colour. */
  title: z.nullable(z.object({ text: z.string(), mark: z.enum(['ok', 'warn', 'none']) })),
  /** The saved line's expiry, coloured by its urgency (popup classes: today, soon, due…). */
  expiry: z.nullable(
    z.object({
      text: z.string(),
      urgency: z.enum(['expired', 'today', 'soon', 'due', 'ok', 'unknown']),
    }),
  ),
  /** A muted explanation under the title. */
  body: z.nullable(z.string()),
  /** A stressed note ("nothing was charged"). */
  note: z.nullable(z.string()),
  balance: z.nullable(z.object({ text: z.string(), change: z.nullable(z.string()) })),
  recharge: z.nullable(z.object({ label: z.string(), url: z.string() })),
  checklist: z.nullable(z.object({ summary: z.string(), items: z.array(z.string()) })),
  steps: z.nullable(z.array(z.string())),
  /** What to do now, for a saved line that has expired or expires within 3 days. */
  guidance: z.nullable(z.string()),
  /** "What do these words mean?": opens LineKeeper's glossary (cs:open-glossary). */
  glossaryLabel: z.string(),
  /** "Which is your line's expiry?": the page's competing dates, one button each. */
  choice: z.nullable(
    z.object({
      question: z.string(),
      /** The stored reading the dates come from (cs:choose-expiry's readingId). */
      readingId: z.int(),
      dates: z.array(z.object({ iso: IsoDateSchema, label: z.string() })),
      neither: z.string(),
    }),
  ),
  /** Why the page was not read for sure, with manual entry and the page report. */
  unsure: z.nullable(
    z.object({
      text: z.string(),
      /** The saved line's page gave no sure expiry (data-lk marker for tests). */
      expiryOnly: z.boolean(),
      enterByHand: z.string(),
      copyReport: z.string(),
      copied: z.string(),
      copyFailed: z.string(),
    }),
  ),
});
export type OverlayText = z.infer<typeof OverlayTextSchema>;

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
  /** Why the reading's values were kept off the line (stored all the same); null if not. */
  held: z.nullable(HoldReasonSchema),
  /** The user closed the overlay on this page (path) of this tab: stay away. */
  dismissed: z.boolean(),
  /** What the overlay shows for this reading; null: nothing (also when disabled or dismissed). */
  overlay: z.nullable(OverlayTextSchema),
});

/**
 * A failed cs:reading (storage full, refused): the error card's text when the page gave
 * something worth saving, so the user learns it was not saved, in their language.
 */
export const CsReadingErrorReplySchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  overlay: z.optional(z.nullable(OverlayTextSchema)),
});
export type CsReadingErrorReply = z.infer<typeof CsReadingErrorReplySchema>;

const OkSchema = z.object({ ok: z.literal(true) });
const LineReplySchema = z.object({ ok: z.literal(true), line: LineSummarySchema });

export const ReplySchemas = {
  'cs:reading': CsReadingReplySchema,
  'cs:hide-overlay': OkSchema,
  'cs:dismiss-overlay': OkSchema,
  'cs:open-add-line': OkSchema,
  'cs:move-overlay': OkSchema,
  'cs:open-glossary': OkSchema,
  'cs:choose-expiry': z.object({
    ok: z.literal(true),
    line: LineSummarySchema,
    /** The card for the line with the chosen date (null if no text could be written). */
    overlay: z.nullable(OverlayTextSchema),
  }),
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
  'ui:add-line-from-reading': LineReplySchema,
  'ui:discard-reading': OkSchema,
  'ui:resolve-expiry': LineReplySchema,
  'ui:snooze-line': LineReplySchema,
  'ui:save-settings': z.object({ ok: z.literal(true), settings: SettingsSchema }),
  'ui:import-backup': z.object({
    ok: z.literal(true),
    counts: z.object({ lines: z.int(), readings: z.int(), renewals: z.int() }),
  }),
  'ui:export-backup': z.object({ ok: z.literal(true), backup: BackupSchema }),
  'ui:refresh-list-snapshot': OkSchema,
} as const satisfies Record<MessageType, unknown>;

export type ReplyOf<T extends MessageType> =
  z.infer<(typeof ReplySchemas)[T]> | (T extends 'cs:reading' ? CsReadingErrorReply : ErrorReply);
export type Reply = { [T in MessageType]: ReplyOf<T> }[MessageType];
