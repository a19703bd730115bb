/**
 * Page → Reading, in four steps:
 * 1. the page's visible text as lines (./visible-text.ts), with what its structure says
 *    about each place (./structure.ts: chrome, links, outcome regions, repeated rows,
 *    the selected line);
 * 2. outcomes, only where a page states them (./receipt.ts);
 * 3. the visible values near the words that matter — amounts, dates, numbers — each
 *    with its context (./context.ts);
 * 4. each field decided by scored features with a threshold (./judge.ts, ./account.ts,
 *    ./receipt.ts). Ambiguity is a null plus a note, never a guess.
 * The URL says what the page may be (the carrier file's urlPageKind): account readings
 * only from account pages and recharge pages before payment, receipts only from a
 * recharge's result step, nothing from anything else.
 */
import type { Reading } from '../domain/records';
import type { CarrierAdapter, UrlPageKind } from '../carriers/types';
import { chooseBalance, chooseExpiry, chooseMsisdn, readHints } from './account';
import { isListCell, makeContextFinder } from './context';
import { chooseResultingBalance, findOutcomeMarkers, headAndTail, readReceipt } from './receipt';
import { lineOfBlock, stackPartner } from './stacks';
import { makePageStructure, type PageStructure } from './structure';
import { foldText } from './text';
import {
  findValues,
  resolveOwners,
  VALUE_PREFILTER,
  valueKindsIn,
  type FoundValue,
} from './values';
import { collectLines, ensureVisible, type PageText, type TextLine } from './visible-text';
import * as words from './vocabulary';

// One pass of each pattern over the folded page text finds the lines worth reading; values
// are looked for only there (and on the few lines around), which keeps a 1 MB page with
// thousands of history rows cheap.
const ACCOUNT_TRIGGERS =
  /saldo|credito|venc|\bvto\b|valid|vigen|expira|caduc|hasta|linea|numero|celular|telefono|\bmovil|\bnro|\bcel\b|\btel\b|hola|balance/g;
const MARKER_TRIGGERS =
  /exito|aprob|acredit|recargaste|rechaz|no pud|no fue|no se|error|intent|fallid|\bfallo\b|denegad|listo|confirm|gracias|autoriz|fondos|cancelad|realizad|procesad|comprobante|mantenimiento|encontr|disponible|salio mal|\b[45]0[034]\b/g;
const RECEIPT_TRIGGERS =
  /operac|transac|comprob|monto|importe|total|recarg|fecha|pagaste|abonaste|cargaste|saldo|\bid\b/g;

/** Lines a value may sit on, relative to a keyword line (value above its caption … below). */
/** Lines with account words weighed, at most: the first ones and the last fifth. */
const MAX_TRIGGER_LINES = 100;
const WINDOW_BEFORE = 2;
const WINDOW_AFTER = 4;

interface PageIndex {
  page: PageText;
  folded: string;
  starts: number[];
}

function indexPage(page: PageText): PageIndex {
  const lines = page.lines;
  const starts = new Array<number>(lines.length);
  const texts = new Array<string>(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const text = (lines[i] as TextLine).text;
    starts[i] = offset;
    texts[i] = text;
    offset += text.length + 1;
  }
  return { page, folded: foldText(texts.join('\n')), starts };
}

/** Indices of the lines where `pattern` matches, ascending, each once. */
function linesMatching(index: PageIndex, pattern: RegExp): number[] {
  const found: number[] = [];
  const { folded, starts } = index;
  let lineIndex = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    while (lineIndex + 1 < starts.length && (starts[lineIndex + 1] as number) <= m.index) {
      lineIndex += 1;
    }
    if (found[found.length - 1] !== lineIndex) found.push(lineIndex);
    // Skip to the next line: one hit per line is enough.
    const next = starts[lineIndex + 1];
    if (next === undefined) break;
    pattern.lastIndex = next;
  }
  return found;
}

export interface EngineInput {
  doc: Document;
  url: URL;
  carrier: CarrierAdapter;
  urlKind: UrlPageKind;
  now: Date;
}

/** Nothing read, and why. */
export function emptyReadingFor(carrier: Reading['carrier'], reason: string): Reading {
  return {
    carrier,
    kind: 'none',
    msisdn: null,
    balance: null,
    expiresOn: null,
    receipt: null,
    notes: [reason],
  };
}

/**
 * Chrome's translate bar rewrites the page's words (and dates) in the reader's language and
 * marks the root element: such a page is not read, and the overlay asks for the original.
 */
export function isMachineTranslated(doc: Document): boolean {
  return /\btranslated-(?:ltr|rtl)\b/.test(doc.documentElement?.className ?? '');
}

const ANY_WORD = new RegExp(
  [
    words.BALANCE_WORDS,
    words.NOT_BALANCE_WORDS,
    words.EXPIRY_WORDS,
    words.NOT_EXPIRY_WORDS,
    words.MSISDN_WORDS,
    words.NOT_MSISDN_WORDS,
    // A receipt's labels (`IMPORTE`, `FECHA`) name its values as much as `Saldo` does.
    words.RECHARGE_AMOUNT_WORDS,
    words.PAID_TOTAL_WORDS,
    words.RECEIPT_DATE_WORDS,
  ]
    .map((r) => r.source)
    .join('|'),
);

function hasAnyWord(text: string): boolean {
  return ANY_WORD.test(text);
}

export function readCarrierPage(input: EngineInput): Reading {
  const { doc, carrier, urlKind, now } = input;
  const notes: string[] = [];
  const none = (reason: string): Reading => emptyReadingFor(carrier.id, reason);
  if (urlKind === 'login') return none('login page');
  // The carriers' public sites show offers, examples and search echoes, never a line.
  if (urlKind === 'other') return none('public site page, not the account portal');
  if (isMachineTranslated(doc)) return none('page machine-translated: only the original is read');
  const page = collectLines(doc);
  if (page.truncated) notes.push('page too large: only its start was read');
  if (hasVisibleLoginForm(page)) return none('login form on screen');
  const index = indexPage(page);
  const structure = withTableLists(
    makePageStructure(
      (text) => valueKindsIn(text, now),
      (element) => page.visibility(element) !== 'hidden',
    ),
  );

  const inFlow = urlKind === 'recharge' || urlKind === 'receipt';
  const markers = findOutcomeMarkers(
    page,
    linesMatching(index, MARKER_TRIGGERS),
    structure,
    inFlow,
  );
  const windows = new Uint8Array(page.lines.length);
  // Words inside a history (`vigencia 3 días` on every pack row) open no window.
  markWindows(
    windows,
    // Bounded like the outcome lines: a feed repeats these words on every row.
    headAndTail(linesMatching(index, ACCOUNT_TRIGGERS), MAX_TRIGGER_LINES).filter(
      (i) => !structure.inRepeatedEntry((page.lines[i] as TextLine).block),
    ),
    page,
  );
  const receiptPage = urlKind === 'receipt' && markers.success !== null;
  const receiptLines = receiptPage ? linesMatching(index, RECEIPT_TRIGGERS) : [];
  markWindows(windows, receiptLines, page);
  const { values, valuesByLine } = visibleValues(index, windows, now);
  const contextOf = makeContextFinder(page, valuesByLine, structure, hasAnyWord);

  if (markers.errorPage) return none('error page');
  const hints = readHints(doc, page, carrier, now);
  if (markers.failure && !markers.successWins) {
    // On the account portal, an alert about some payment does not hide the line's state.
    const state =
      urlKind === 'account' ? chooseBalance(values, contextOf, hints.balance, []) : null;
    if (!(state && state.value !== null)) {
      return none(`payment failed: "${markers.failure.slice(0, 80)}"`);
    }
  }

  const msisdn = chooseMsisdn(values, contextOf, notes);
  const reading = (kind: 'account' | 'receipt'): Reading => ({
    carrier: carrier.id,
    kind,
    msisdn: msisdn.value,
    balance: null,
    expiresOn: null,
    receipt: null,
    notes,
    ...(msisdn.value === null && msisdn.tail ? { msisdnTail: msisdn.tail } : {}),
  });

  if (receiptPage) {
    const receipt = readReceipt(values, contextOf, page, receiptLines, structure);
    if (receipt.operationLabelSeen || receipt.receipt) {
      if (!receipt.receipt) notes.push(...receipt.notes);
      const balance = chooseResultingBalance(
        values.filter((value) => !receipt.amountSources.includes(value)),
        contextOf,
        notes,
      );
      // A receipt never sets the expiry.
      return finish({
        ...reading('receipt'),
        balance: balance === null ? null : { amount: balance, currency: 'ARS' },
        receipt: receipt.receipt,
      });
    }
  }

  const balance = chooseBalance(values, contextOf, hints.balance, notes);
  const expiry = chooseExpiry(values, contextOf, hints.expiry, notes);
  if (balance.candidates === 0 && expiry.candidates === 0) return none('no balance or expiry');
  return finish({
    ...reading('account'),
    balance: balance.value === null ? null : { amount: balance.value, currency: 'ARS' },
    expiresOn: expiry.value,
    ...(expiry.choices ? { expiryChoices: expiry.choices } : {}),
  });
}

function finish(reading: Reading): Reading {
  const unique = [...new Set(reading.notes)].map((note) =>
    note.length > 480 ? `${note.slice(0, 477)}…` : note,
  );
  return { ...reading, notes: unique.slice(0, 50) };
}

/** Cells of a table of several data rows are rows of a list too (history, other lines). */
function withTableLists(structure: PageStructure): PageStructure {
  const tables = new Map<Element, boolean>();
  return {
    ...structure,
    // The cheap, memoised question first: most elements are in no list at all.
    inRepeatedEntry: (element) =>
      (structure.inRepeatedEntry(element) || isListCell(element, tables)) &&
      structure.lineEntry(element) !== 'selected',
  };
}

function markWindows(windows: Uint8Array, hits: number[], page: PageText): void {
  const mark = (hit: number) => {
    const from = Math.max(0, hit - WINDOW_BEFORE);
    const to = Math.min(windows.length - 1, hit + WINDOW_AFTER);
    for (let i = from; i <= to; i += 1) windows[i] = 1;
  };
  for (const hit of hits) {
    mark(hit);
    // A label in a stack of labels: its value is at the same row of the stack beside it.
    const line = page.lines[hit];
    const partner = line && page.stacks.size > 0 ? stackPartner(page, line.block, true) : null;
    const valueLine = partner && line ? lineOfBlock(page, partner, line) : null;
    if (valueLine) mark(valueLine.index);
  }
}

/**
 * The values a person sees on the lines near a keyword. Lines are read raw first (cheap);
 * only lines holding a value have their visibility resolved, and a line with hidden parts
 * is read again from its visible text alone.
 */
function visibleValues(
  index: PageIndex,
  windows: Uint8Array,
  now: Date,
): { values: FoundValue[]; valuesByLine: Map<TextLine, FoundValue[]> } {
  const values: FoundValue[] = [];
  const valuesByLine = new Map<TextLine, FoundValue[]>();
  const lines = index.page.lines;
  for (let i = 0; i < lines.length; i += 1) {
    if (!windows[i]) continue;
    const line = lines[i] as TextLine;
    if (!VALUE_PREFILTER.test(line.text)) continue;
    const start = index.starts[i] as number;
    const folded = index.folded.slice(start, start + line.text.length);
    let found = findValues(line, line.text, now, folded);
    if (found.length === 0) continue;
    ensureVisible(line, index.page);
    if (!line.visible) continue;
    if (line.visibleText !== line.text) {
      found = findValues(line, line.visibleText, now);
      if (found.length === 0) continue;
    }
    resolveOwners(line, found);
    valuesByLine.set(line, found);
    values.push(...found);
  }
  return { values, valuesByLine };
}

/**
 * A sign-in form on screen (an SPA may show it at any URL once the session expired): a
 * visible password field in a form that speaks of signing in, not, say, a payment form.
 */
function hasVisibleLoginForm(page: PageText): boolean {
  return page.passwordFields.some((input) => {
    if (page.visibility(input.parentElement ?? input) === 'hidden') return false;
    const visible = (input as Element & { checkVisibility?: () => boolean }).checkVisibility;
    if (typeof visible === 'function' && !visible.call(input)) return false;
    const form = input.closest('form') ?? input.parentElement?.parentElement ?? null;
    const text = foldText((form?.textContent ?? '').slice(0, 2000));
    return /ingres|inici\w* (?:de )?sesion|\bentrar\b|\blog ?in\b|acceder|olvidaste/.test(text);
  });
}
