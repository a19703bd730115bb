/**
 * The overlay's words, written by the background in the language the user chose in
 * LineKeeper (the localizer), with the popup's date and number styles. The content script
 * gets this object with the reply to its reading and only places it: no catalog, no
 * chrome.i18n call and no Intl formatter is built on the carrier page.
 */
import type { CarrierAdapter } from '../carriers/types';
import type { ExpiryChoice, OverlayView } from '../content/overlay-view';
import { storageErrorKey } from '../domain/error-text';
import {
  BCP47_BY_LOCALE,
  formatDaysLeft,
  formatMoney,
  formatMoneyChange,
  formatMsisdn,
  joinClauses,
  urgencyOf,
  type Urgency,
} from '../domain/format';
import { guidanceText, lineGuidance } from '../domain/guidance';
import type { MessageKey } from '../domain/i18n';
import type {
  LineSummary,
  OverlayCorner,
  OverlayText,
  OverlayUrgency,
  PaymentFailureReason,
} from '../protocol/messages';
import type { Localizer } from './localizer';

export interface OverlayTextInputs {
  view: OverlayView;
  carrier: CarrierAdapter;
  localizer: Localizer;
  /** Where the user put the card on this site. */
  corner: OverlayCorner;
  /** settings.leadDays' largest: inside it a line is "due" (as in the popup's list). */
  leadWindow: number;
}

const CHECKLIST_KEYS: MessageKey[] = [
  'checklistLineAndAmount',
  'checklistDuration',
  'checklistRateAndFees',
  'checklistNoPublicWifi',
  'checklistKeepReceipt',
];

const FAILED_STEP_KEYS: MessageKey[] = [
  'failedStepConnection',
  'failedStepOtherMethod',
  'failedStepWait',
  'failedStepSupport',
];

/** A saved line this close to its expiry (or past it) gets one line of what to do now. */
export const OVERLAY_GUIDANCE_DAYS = 3;

/** The advice that leads the failed card, by the reason the page gave (none if unknown). */
const FAILED_REASON_KEYS: Record<PaymentFailureReason, MessageKey | null> = {
  'card-refused': 'failedReasonCardRefused',
  funds: 'failedReasonFunds',
  connection: 'failedReasonConnection',
  unknown: null,
};

/** The pill's level (its colour) and word, from the popup's finer urgency. */
const PILL_URGENCY: Record<Urgency, [OverlayUrgency, MessageKey | null]> = {
  expired: ['expired', 'popupUrgencyExpired'],
  today: ['urgent', 'popupUrgencyToday'],
  soon: ['urgent', 'popupUrgencySoon'],
  due: ['soon', 'popupUrgencyDue'],
  ok: ['ok', 'overlayUrgencyOk'],
  unknown: ['none', null],
};

type Body = Pick<
  OverlayText,
  | 'title'
  | 'expiry'
  | 'body'
  | 'note'
  | 'balance'
  | 'recharge'
  | 'checklist'
  | 'steps'
  | 'choice'
  | 'guidance'
  | 'unsure'
>;

const EMPTY_BODY: Body = {
  title: null,
  expiry: null,
  body: null,
  note: null,
  balance: null,
  recharge: null,
  checklist: null,
  steps: null,
  choice: null,
  guidance: null,
  unsure: null,
};

/** Everything the card and its folded pill show for `view`, in the localizer's language. */
export function overlayText(input: OverlayTextInputs): OverlayText {
  const { view, carrier, localizer, corner } = input;
  const { t, locale } = localizer;
  const brand = t('extName');
  const daysLeft = view.mode === 'saved' ? view.line.daysLeft : null;
  const [urgency, wordKey] = PILL_URGENCY[urgencyOf(daysLeft, input.leadWindow)];
  const urgencyWord = wordKey ? t(wordKey) : null;
  const pillText = daysLeft === null ? brand : formatDaysLeft(daysLeft, locale, t);
  return {
    mode: view.mode,
    lang: BCP47_BY_LOCALE[locale],
    corner,
    color: carrier.color,
    brand,
    collapseLabel: t('overlayCollapse'),
    dismissLabel: t('overlayDismiss'),
    hideSiteLabel: t('overlayHideSite'),
    moveLeftLabel: t('overlayMoveLeft'),
    moveRightLabel: t('overlayMoveRight'),
    glossaryLabel: t('overlayGlossary'),
    pill: {
      text: pillText,
      urgency,
      urgencyWord,
      label: urgencyWord
        ? t('overlayPillLabel', [joinClauses([urgencyWord, pillText], locale)])
        : t('overlayExpand'),
    },
    ...EMPTY_BODY,
    ...body(input),
  };
}

function body({ view, carrier, localizer, leadWindow }: OverlayTextInputs): Partial<Body> {
  const { t, locale } = localizer;
  switch (view.mode) {
    case 'saved': {
      const { line } = view;
      const expiry = line.expiresOn
        ? joinClauses(
            [
              t(line.estimated ? 'overlayExpiresEstimated' : 'overlayExpires', [
                localizer.formatDate(line.expiresOn),
              ]),
              ...(line.daysLeft !== null ? [formatDaysLeft(line.daysLeft, locale, t)] : []),
            ],
            locale,
          )
        : null;
      return {
        title: {
          text: `${t('overlaySaved')} · ${line.msisdn ? formatMsisdn(line.msisdn) : line.displayName}`,
          mark: 'ok',
        },
        expiry: expiry ? { text: expiry, urgency: urgencyOf(line.daysLeft, leadWindow) } : null,
        // With dates to pick from, the page did show expiries: the question says so.
        body: line.expiresOn || view.choice ? null : t('overlayNoExpiry'),
        balance: line.balance
          ? {
              text: t('overlayBalance', [formatMoney(line.balance.amount, locale)]),
              change:
                view.balanceChange !== null
                  ? t('overlayBalanceChange', [formatMoneyChange(view.balanceChange, locale)])
                  : null,
            }
          : null,
        recharge: { label: t('overlayRechargeNow'), url: carrier.rechargeUrl },
        guidance: guidanceFor(line),
        // "Couldn't read the expiry for sure", and the dates to pick from when there were few.
        choice: choice(view.choice),
        unsure: view.reading.expiresOn === null ? unsure('overlayExpiryUnsure', true) : null,
      };
    }
    case 'unassigned':
      return {
        title: { text: t('overlayUnassignedTitle'), mark: 'none' },
        body: t('overlayUnassignedBody'),
      };
    case 'translated':
      return {
        title: { text: t('overlayTranslatedTitle'), mark: 'none' },
        body: t('overlayTranslatedBody'),
      };
    case 'unsure':
      return {
        title: { text: t('overlayUnsureTitle'), mark: 'none' },
        choice: choice(view.choice),
        unsure: unsure('overlayUnsureBody', false),
      };
    case 'receipt':
      return {
        title: {
          text: [
            t(view.duplicate ? 'overlayReceiptAlreadySaved' : 'overlayReceiptSaved'),
            formatMoney(view.amount, locale),
            t('overlayOperation', [view.operationId]),
          ].join(' · '),
          mark: 'ok',
        },
        body: t('overlayReceiptKeep'),
      };
    case 'checklist':
      return {
        checklist: {
          summary: t('overlayChecklistTitle'),
          items: CHECKLIST_KEYS.map((key) => t(key)),
        },
      };
    case 'failed': {
      const reasonKey = view.reason ? FAILED_REASON_KEYS[view.reason] : null;
      return {
        title: { text: t('overlayFailedTitle'), mark: 'warn' },
        body: reasonKey ? t(reasonKey) : null,
        note: view.notCharged ? t('overlayFailedNotCharged') : null,
        steps: FAILED_STEP_KEYS.map((key) => t(key)),
      };
    }
    case 'error': {
      // A storage failure in the user's language; any other error as the background said it.
      const key = storageErrorKey(view.message);
      return {
        title: { text: t('overlayErrorTitle'), mark: 'warn' },
        body: key ? t(key) : view.message,
      };
    }
  }

  /** What to do now, from the popup's guidance, when the line has expired or nearly has. */
  function guidanceFor(line: LineSummary): string | null {
    if (line.daysLeft === null || line.daysLeft > OVERLAY_GUIDANCE_DAYS) return null;
    const guidance = lineGuidance({
      daysLeft: line.daysLeft,
      estimated: line.estimated,
      carrier: line.carrier,
      leadWindow,
    });
    if (!guidance || !line.expiresOn) return null;
    return guidanceText(guidance, line.carrier, localizer.formatDate(line.expiresOn), t).todo;
  }

  function choice(offered: ExpiryChoice | null | undefined): Body['choice'] {
    if (!offered || offered.dates.length === 0) return null;
    return {
      question: t('overlayChoiceQuestion'),
      readingId: offered.readingId,
      dates: offered.dates.map((iso) => ({ iso, label: localizer.formatDate(iso) })),
      neither: t('overlayChoiceNeither'),
    };
  }

  function unsure(key: MessageKey, expiryOnly: boolean): NonNullable<Body['unsure']> {
    return {
      text: t(key),
      expiryOnly,
      enterByHand: t('overlayEnterByHand'),
      copyReport: t('overlayCopyReport'),
      copied: t('overlayReportCopied'),
      copyFailed: t('overlayReportCopyFailed'),
    };
  }
}
