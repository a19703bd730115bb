/**
 * What the overlay should say on a carrier page, decided from plain inputs: the URL's
 * page kind, the engine's reading, the background's answer and a few phrases on the page.
 * Pure, so every state is unit-tested without a browser. The page gathers its signals
 * here (pageSignalsFor) and sends them with the reading; the background decides the view
 * (overlayViewFor) and writes its text (utils/background/overlay-text.ts), so no catalog
 * and no Intl formatter is ever built on the page.
 */
import type { UrlPageKind } from '../carriers/types';
import { foldText } from '../reading/text';
import { FAILURE_WORDS, NEGATED_SUCCESS, PAYMENT_WORDS } from '../reading/vocabulary';
import type { CarrierId, IsoDate, Money, Reading } from '../domain/records';
import type {
  LineSummary,
  PageSignals,
  PaymentFailureReason,
  ReadingOutcome,
} from '../protocol/messages';

export type { PageSignals };

const NOT_CHARGED =
  /\bno (se (realizo|efectuo|hizo|te hizo) (ningun|el|un) (cargo|debito|cobro)|se (debito|cobro|desconto)|te (cobramos|debitamos))|sin cargo(s)? (a|en) tu (tarjeta|cuenta)/;
// Why a payment failed, most telling first: a refusal often also says "intentá nuevamente".
const CARD_REFUSED = /\b(rechazad[oa]s?|rechazo|denegad[oa]s?|no autorizad[oa]s?)\b/;
const NO_FUNDS = /fondos insuficientes|saldo insuficiente en (tu|la) tarjeta/;
const CONNECTION = /\bconexion\b|tiempo de espera|intent(a|e)(lo)? nuevamente/;

const ACCOUNT_VOCABULARY = /\b(saldo|vencimiento|vence|vigencia|valido hasta|credito disponible)\b/;

/** Whether the engine took anything from the page. */
export function readingHasValues(reading: Reading): boolean {
  return (
    reading.msisdn !== null ||
    reading.balance !== null ||
    reading.expiresOn !== null ||
    reading.receipt !== null
  );
}

/**
 * What the overlay needs to know about the page beyond the reading. The page's text is
 * asked for only when it can say something: a page that gave values is an account page or
 * a receipt, and a translated page no longer speaks Spanish.
 */
export function pageSignalsFor(
  reading: Reading,
  translated: boolean,
  pageText: () => string,
): PageSignals {
  if (readingHasValues(reading)) {
    return { paymentFailed: false, notCharged: false, accountVocabulary: true, translated };
  }
  if (translated) {
    return { paymentFailed: false, notCharged: false, accountVocabulary: false, translated };
  }
  return pageSignalsFromText(pageText());
}

/** Looks for the phrases the overlay reacts to in the page's visible text. */
export function pageSignalsFromText(visibleText: string): PageSignals {
  const text = foldText(visibleText);
  // The engine's own failure vocabulary, tied to a payment word as the engine does.
  const paymentFailed =
    (FAILURE_WORDS.test(text) || NEGATED_SUCCESS.test(text)) && PAYMENT_WORDS.test(text);
  return {
    paymentFailed,
    notCharged: NOT_CHARGED.test(text),
    ...(paymentFailed ? { failureReason: failureReasonOf(text) } : {}),
    accountVocabulary: ACCOUNT_VOCABULARY.test(text),
    translated: false,
  };
}

function failureReasonOf(folded: string): PaymentFailureReason {
  if (CARD_REFUSED.test(folded)) return 'card-refused';
  if (NO_FUNDS.test(folded)) return 'funds';
  if (CONNECTION.test(folded)) return 'connection';
  return 'unknown';
}

export interface ReadingAnswer {
  outcome: ReadingOutcome;
  line: LineSummary | null;
  previousBalance: Money | null;
}

/** The page's competing expiries the user may pick from, in the stored reading `readingId`. */
export interface ExpiryChoice {
  readingId: number;
  dates: IsoDate[];
}

export type OverlayView =
  | {
      mode: 'saved';
      line: LineSummary;
      /** New balance minus the one stored before; null when unknown or unchanged. */
      balanceChange: number | null;
      /** What this page gave: when it held no sure expiry, the overlay offers manual entry. */
      reading: Reading;
      /** The page's competing expiries, when the user may pick one. */
      choice?: ExpiryChoice | null;
    }
  | { mode: 'unassigned'; reading: Reading }
  | { mode: 'unsure'; carrier: CarrierId; reading: Reading; choice?: ExpiryChoice | null }
  /** An account page the browser translated: nothing is read until the original is back. */
  | { mode: 'translated' }
  | { mode: 'receipt'; amount: number; operationId: string; duplicate: boolean }
  | { mode: 'checklist' }
  | { mode: 'failed'; notCharged: boolean; reason?: PaymentFailureReason }
  | { mode: 'error'; message: string };

export interface OverlayInputs {
  carrier: CarrierId;
  urlKind: UrlPageKind;
  reading: Reading;
  /** The background's answer to this reading; null when it could not be asked. */
  answer: ReadingAnswer | null;
  /** Why the background refused or failed to store the reading (e.g. storage full). */
  answerError: string | null;
  signals: PageSignals;
  /** The competing expiries the background kept for this reading (within bounds), if any. */
  choice?: ExpiryChoice | null;
}

/**
 * What replaces the overlay's current view (or its text, which has the same `mode`) after
 * a new reading of the same page. The browser translating a page that was already read and
 * saved takes nothing back: the saved line stays on screen.
 */
export function nextOverlayView<V extends { mode: string }>(
  current: V | null,
  next: V | null,
): V | null {
  return next?.mode === 'translated' && current?.mode === 'saved' ? current : next;
}

/** The overlay for this page, or null when it should stay out of the way. */
export function overlayViewFor(input: OverlayInputs): OverlayView | null {
  const { reading, answer, signals, urlKind } = input;
  const offered = input.choice ? { choice: input.choice } : {};
  if (urlKind === 'login') return null;
  if (signals.paymentFailed && reading.kind !== 'receipt') {
    const reason = signals.failureReason;
    return { mode: 'failed', notCharged: signals.notCharged, ...(reason ? { reason } : {}) };
  }
  if (input.answerError && readingHasValues(reading))
    return { mode: 'error', message: input.answerError };
  if (reading.kind === 'receipt' && reading.receipt) {
    if (answer?.outcome !== 'receipt-recorded' && answer?.outcome !== 'receipt-duplicate') {
      return null;
    }
    return {
      mode: 'receipt',
      amount: reading.receipt.amount,
      operationId: reading.receipt.operationId,
      duplicate: answer.outcome === 'receipt-duplicate',
    };
  }
  if (urlKind === 'recharge') return { mode: 'checklist' };
  if (answer?.outcome === 'unassigned') return { mode: 'unassigned', reading };
  if (
    answer?.line &&
    (answer.outcome === 'saved' || answer.outcome === 'unchanged') &&
    reading.kind === 'account'
  ) {
    const previous = answer.previousBalance?.amount;
    const current = answer.line.balance?.amount;
    const balanceChange =
      previous !== undefined && current !== undefined && previous !== current
        ? Math.round((current - previous) * 100) / 100
        : null;
    return {
      mode: 'saved',
      line: answer.line,
      balanceChange,
      reading,
      ...offered,
    };
  }
  // Its vocabulary is no longer Spanish, so this comes first. (A translated recharge page
  // keeps its checklist, which matters more while paying.)
  if (urlKind === 'account' && signals.translated) return { mode: 'translated' };
  if (urlKind === 'account' && signals.accountVocabulary) {
    return { mode: 'unsure', carrier: input.carrier, reading, ...offered };
  }
  return null;
}
