/**
 * Outcomes and receipts. A page states an outcome only where outcomes are stated: a
 * heading, an alert or status region, the main content; the same words in navigation,
 * menus, link lists, FAQs, chat quick-replies and footers are links, not outcomes. A
 * receipt's operation id is the number labelled operación / transacción (never a
 * comprobante, factura or autorización number); its amount, date and resulting balance
 * are read like an account's values (docs/reading-rules.md, "Receipts").
 */
import { BALANCE_FIELD, formatAmount, judgeMoney } from './account';
import type { ContextFinder } from './context';
import { decide, isStrong, judge, type Candidate, type FieldWords } from './judge';
import { lineOfBlock, stackPartner } from './stacks';
import type { PageStructure } from './structure';
import { foldText } from './text';
import type { FoundValue } from './values';
import { ensureVisible, type PageText, type TextLine } from './visible-text';
import * as words from './vocabulary';
import type { Reading } from '../domain/records';

export interface OutcomeMarkers {
  /** The visible text of the first success statement, or null. */
  success: string | null;
  failure: string | null;
  /** An error or maintenance page. */
  errorPage: boolean;
  /** No failure was seen, or the success message is a heading and the failure's is not. */
  successWins: boolean;
}

const PAST_RECHARGE = /ultimas? recargas?|historial|movimientos|recargas anteriores/;

/** The visible, folded text of a line (empty when nothing of it is seen). */
function seenFolded(line: TextLine, page: PageText): string {
  ensureVisible(line, page);
  return line.visible ? foldText(line.visibleText) : '';
}

/**
 * What a line states: its visible text without the parts that are links, buttons or the
 * page's furniture (`Telecom Argentina · <a>Pago rechazado: ¿qué hago?</a>` states
 * nothing about a payment).
 */
function statedText(line: TextLine, page: PageText, structure: PageStructure): string {
  ensureVisible(line, page);
  if (!line.visible) return '';
  let out = '';
  for (const piece of line.pieces) {
    const element = piece.node.parentElement;
    if (!element || page.visibility(element) !== 'shown') continue;
    const region = structure.region(element);
    if (region.control || region.chrome) continue;
    out += piece.data;
  }
  return foldText(out.replace(/\s+/g, ' ').trim());
}

/** Lines with outcome words looked at, at most (each costs structure and visibility checks). */
const MAX_MARKER_LINES = 60;

/** The first items of a long list and its last fifth, `max` in all, in order. */
export function headAndTail<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const tail = Math.floor(max / 5);
  return [...items.slice(0, max - tail), ...items.slice(items.length - tail)];
}

export function findOutcomeMarkers(
  page: PageText,
  markerLines: number[],
  structure: PageStructure,
  isRechargeFlow: boolean,
): OutcomeMarkers {
  let success: string | null = null;
  let failure: string | null = null;
  let errorPage = false;
  let successIsHeading = false;
  let failureIsHeading = false;
  const lines = page.lines;
  // The words around a statement, from the page's content only (a menu's "Historial de
  // recargas" just above a receipt recalls nothing).
  const neighbour = (i: number) => {
    const other = lines[i];
    if (!other) return '';
    const region = structure.region(other.block);
    return region.chrome || region.control ? '' : seenFolded(other, page);
  };
  // A page states its outcome once, near its start or its end: past a few hundred lines
  // with outcome words it is a feed ("Recarga acreditada" on every row). Bounded work.
  for (const index of headAndTail(markerLines, MAX_MARKER_LINES)) {
    const line = lines[index];
    if (!line) continue;
    const region = structure.region(line.block);
    // Links, buttons, menus, footers, FAQs: things to click or read about, not outcomes;
    // nor is an entry of a feed or a history.
    if (region.chrome || region.control || structure.inRepeatedEntry(line.block)) continue;
    const folded = statedText(line, page, structure);
    if (!folded || folded.length > 220) continue;
    const heading = region.heading || region.outcome;
    if (words.ERROR_PAGE_WORDS.test(folded) && heading) errorPage = true;
    const about = () =>
      isRechargeFlow ||
      words.PAYMENT_WORDS.test(`${neighbour(index - 1)} ${folded} ${neighbour(index + 1)}`);
    const failed = words.FAILURE_WORDS.test(folded) || words.NEGATED_SUCCESS.test(folded);
    if (failed && about()) {
      failure ??= line.visibleText;
      if (heading) failureIsHeading = true;
      continue;
    }
    // `Tu última recarga: acreditada con éxito` on a dashboard recalls a past recharge.
    const recalled = PAST_RECHARGE.test(
      `${neighbour(index - 2)} ${neighbour(index - 1)} ${folded}`,
    );
    if (words.SUCCESS_WORDS.test(folded) && about() && !recalled) {
      success ??= line.visibleText;
      if (heading) successIsHeading = true;
    }
  }
  const successWins =
    success !== null && (failure === null || (successIsHeading && !failureIsHeading));
  return { success, failure, errorPage, successWins };
}

export interface ReceiptReading {
  /** The receipt, when both its amount and its operation id were found. */
  receipt: Reading['receipt'];
  operationLabelSeen: boolean;
  /** Where the amount was read: that figure is not also the balance after the recharge. */
  amountSources: FoundValue[];
  notes: string[];
}

const RECHARGE_AMOUNT_FIELD: FieldWords = {
  positive: words.RECHARGE_AMOUNT_WORDS,
  negative: words.NOT_RECHARGE_AMOUNT_WORDS,
};
const PAID_TOTAL_FIELD: FieldWords = {
  positive: words.PAID_TOTAL_WORDS,
  negative: words.NOT_RECHARGE_AMOUNT_WORDS,
};
const RECEIPT_DATE_FIELD: FieldWords = {
  positive: words.RECEIPT_DATE_WORDS,
  negative: words.NOT_RECEIPT_DATE_WORDS,
};
export const RESULTING_BALANCE_FIELD: FieldWords = {
  positive: words.RESULTING_BALANCE_WORDS,
  negative: words.NOT_RESULTING_BALANCE_WORDS,
};

export function readReceipt(
  values: FoundValue[],
  contextOf: ContextFinder,
  page: PageText,
  receiptLines: number[],
  structure: PageStructure,
): ReceiptReading {
  const notes: string[] = [];
  const judged = judgeMoney(values, contextOf, RECHARGE_AMOUNT_FIELD, true);
  const recharge = judged.filter(isStrong);
  // Without a recharge amount, the total paid: amounts neither named nor ruled out above.
  const total = judged
    .filter((c) => c.verdict === 'weak' && c.source)
    .map((c) => ({ ...c, ...judge(contextOf(c.source!), PAID_TOTAL_FIELD) }))
    .filter(isStrong);
  // Without a name, the one amount a receipt shows that nothing rules out (the big figure
  // under "¡Recarga exitosa!"): a receipt states what was paid.
  const unnamed = judged.filter((c) => c.verdict === 'weak');
  const pool =
    recharge.length > 0 ? recharge : total.length > 0 ? total : unnamed.length === 1 ? unnamed : [];
  const amount = decide(pool, formatAmount, 'receipt amount', notes);

  const { operationId, labelSeen } = findOperationId(page, receiptLines, structure, notes);

  const dates: Candidate<string>[] = [];
  const unlabelled: Candidate<string>[] = [];
  for (const value of values) {
    const date = value.date;
    if (value.kind !== 'date' || !date?.iso) continue;
    const context = contextOf(value);
    const verdict = judge(context, RECEIPT_DATE_FIELD);
    const candidate = { value: date.iso, ...verdict, source: value };
    if (verdict.verdict === 'strong') dates.push(candidate);
    else if (
      verdict.verdict === 'weak' &&
      date.kind !== 'relative' &&
      !words.EXPIRY_WORDS.test(context.before)
    ) {
      unlabelled.push(candidate);
    }
  }
  let date = decide(dates, (iso) => iso, 'receipt date', notes);
  if (dates.length === 0 && new Set(unlabelled.map((c) => c.value)).size === 1) {
    date = unlabelled[0]?.value ?? null;
  }
  // Why the receipt is incomplete, unless a note on competing values already says it.
  if (amount === null && !notes.some((n) => n.startsWith('receipt amount'))) {
    notes.push('receipt: no amount');
  }
  if (operationId === null && !notes.some((n) => n.startsWith('operation id'))) {
    notes.push('receipt: no operation id');
  }
  return {
    receipt:
      amount !== null && operationId !== null
        ? { amount, currency: 'ARS', operationId, date }
        : null,
    operationLabelSeen: labelSeen,
    amountSources: pool.filter((c) => c.value === amount && c.source).map((c) => c.source!),
    notes,
  };
}

/** The balance a receipt states after the recharge (never the amount recharged). */
export function chooseResultingBalance(
  values: FoundValue[],
  contextOf: ContextFinder,
  notes: string[],
): number | null {
  const strong = judgeMoney(values, contextOf, RESULTING_BALANCE_FIELD).filter(isStrong);
  // "Saldo disponible" on a receipt is the balance now; "saldo anterior" is not.
  const balance = judgeMoney(values, contextOf, BALANCE_FIELD).filter(
    (c) => isStrong(c) && c.source && !/recarg|monto|importe/.test(contextOf(c.source).before),
  );
  return decide(
    strong.length > 0 ? strong : balance,
    formatAmount,
    'balance after recharge',
    notes,
  );
}

const ID_TOKEN = /^[A-Za-z0-9](?:[A-Za-z0-9_/.-]*[A-Za-z0-9])?/;

/**
 * The receipt's operation id: the number labelled operación / transacción; when none is
 * shown, the receipt's own number (N° de comprobante). Never an invoice, an authorization
 * or a card's digits. Every visible receipt line is searched (ids need no money or date).
 */
function findOperationId(
  page: PageText,
  receiptLines: number[],
  structure: PageStructure,
  notes: string[],
): { operationId: string | null; labelSeen: boolean } {
  const byOperation = idsLabelled(
    page,
    receiptLines,
    structure,
    words.OPERATION_ID_LABEL,
    /operac|transac/i,
  );
  const found =
    byOperation.ids.length > 0
      ? byOperation
      : idsLabelled(page, receiptLines, structure, words.RECEIPT_NUMBER_LABEL, /comprob/i);
  return {
    operationId: decide(found.ids, (id) => id, 'operation id', notes),
    labelSeen: byOperation.labelSeen || found.labelSeen,
  };
}

function idsLabelled(
  page: PageText,
  receiptLines: number[],
  structure: PageStructure,
  label: RegExp,
  prefilter: RegExp,
): { ids: Candidate<string>[]; labelSeen: boolean } {
  const found: Candidate<string>[] = [];
  let labelSeen = false;
  const lines = page.lines;
  for (const index of receiptLines) {
    const line = lines[index];
    if (!line || !prefilter.test(line.text)) continue;
    // A past recharge's id, listed below the new one, is not this receipt's.
    if (structure.inRepeatedEntry(line.block) || structure.region(line.block).chrome) continue;
    const folded = seenFolded(line, page);
    if (!folded) continue;
    const text = line.visibleText;
    label.lastIndex = 0;
    for (let m = label.exec(folded); m; m = label.exec(folded)) {
      const around = folded.slice(Math.max(0, m.index - 25), m.index + m[0].length);
      if (label === words.OPERATION_ID_LABEL && words.NOT_OPERATION_ID_WORDS.test(around)) continue;
      labelSeen = true;
      let rest = text.slice(m.index + m[0].length);
      const lead = /^[\s:#°º.-]*(?:(?:n[°ºo]|nro|num|numero)\.?[\s:#]*)?/i.exec(rest)?.[0] ?? '';
      rest = rest.slice(lead.length);
      let token = ID_TOKEN.exec(rest)?.[0] ?? null;
      if (!token && rest.trim() === '') {
        // Label and value in two stacks side by side: the value is at the label's row.
        const partner = stackPartner(page, line.block, true);
        const valueLine = partner ? lineOfBlock(page, partner, line) : null;
        if (valueLine) {
          ensureVisible(valueLine, page);
          if (valueLine.visible) token = ID_TOKEN.exec(valueLine.visibleText.trim())?.[0] ?? null;
        }
      }
      if (!token && rest.trim() === '') {
        // Label and value on separate lines.
        for (let j = index + 1; j < lines.length && j <= index + 2; j += 1) {
          const next = lines[j];
          if (!next) break;
          ensureVisible(next, page);
          if (!next.visible) continue;
          token = ID_TOKEN.exec(next.visibleText.replace(/^[\s:#°º]+/, ''))?.[0] ?? null;
          break;
        }
      }
      if (!token || token.length < 3 || token.length > 64) continue;
      // Ids carry digits, or are codes in capitals (`TXGFBEUFVFHU`), never a word.
      if (!/\d/.test(token) && !/^[A-Z]{6,}$/.test(token)) continue;
      if (/^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(token)) continue;
      if (/^\d{1,2}:\d{2}/.test(token)) continue;
      found.push({ value: token, verdict: 'strong', score: 5, why: m[0], source: null });
    }
  }
  return { ids: found, labelSeen };
}
