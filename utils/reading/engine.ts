/**
 * Page → Reading. Finds values (money, dates, phone numbers) in the visible lines, gives
 * each one its context as a person reads it (the words just before it on the line, a
 * label line or table header above it, a trailing qualifier, the heading of its card),
 * decides what each value is from that context, and keeps a value only when exactly one
 * candidate survives. Ambiguity is a null plus a note, never a guess.
 */
import type { Reading } from '../domain/records';
import type { CarrierAdapter, UrlPageKind } from '../carriers/types';
import { findDates, type DateMatch } from './dates';
import { findMoney, type MoneyMatch } from './money';
import { findPhones, type PhoneMatch } from './phone';
import {
  collectLines,
  ensureVisible,
  foldedLine,
  type PageText,
  type TextLine,
} from './visible-text';
import { foldText } from './text';
import * as words from './vocabulary';

type ValueKind = 'money' | 'date' | 'phone';

interface FoundValue {
  kind: ValueKind;
  line: TextLine;
  start: number;
  end: number;
  money?: MoneyMatch;
  date?: DateMatch;
  phone?: PhoneMatch;
}

interface LineValues {
  line: TextLine;
  values: FoundValue[];
}

/** Where a value sits: the texts that may name it, nearest first. */
interface ValueContext {
  /** Words between the previous value on the line (or the line start) and this one. */
  before: string;
  /** A few words right after the value, up to the next value. */
  after: string;
  /** Labels above it (label line, `dt`, table column header, row header); computed on demand. */
  labels: () => string[];
  /** Headings of the card / section that holds it, nearest first; computed on demand. */
  headings: () => string[];
  /** The value just before it on the same line, when only a few words separate them. */
  previous: FoundValue | null;
  /** The clause before the previous value on the line (negative words only). */
  earlier: string;
  /** The value is one row of a table with several data rows (a history, other lines). */
  inList: () => boolean;
}

type Verdict = 'strong' | 'weak' | 'rejected' | 'unrelated';

interface Candidate<T> {
  value: T;
  verdict: Verdict;
  why: string;
  source: FoundValue | null;
}

const VALUE_PREFILTER = /[\d$]|hoy|ma[nñ]ana|ayer/i;

// One pass of each pattern over the folded page text finds the lines worth reading; values
// are looked for only there (and on the few lines after a label), which keeps a 1 MB page
// with thousands of history rows cheap.
const ACCOUNT_TRIGGERS =
  /saldo|credito|venc|\bvto\b|valid|vigen|expira|caduc|linea|numero|celular|telefono|\bmovil|\bnro|\bcel\b|\btel\b|hola/g;
const MARKER_TRIGGERS =
  /exito|aprob|acredit|recargaste|rechaz|no pud|no fue|no se|error|intent|fallid|\bfallo\b|denegad|listo|confirm|gracias|autoriz|fondos|cancelad|realizaste|procesad/g;
const RECEIPT_TRIGGERS =
  /operac|transac|comprob|ticket|\borden|monto|importe|total|recarg|fecha|pagaste|abonaste|cargaste|saldo|referencia|\bid\b/g;

/** Lines a value may sit on, relative to a label line (value above its caption … three rows below). */
const WINDOW_BEFORE = 1;
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
    while (lineIndex + 1 < starts.length && (starts[lineIndex + 1] as number) <= m.index)
      lineIndex += 1;
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

export function readCarrierPage(input: EngineInput): Reading {
  const { doc, carrier, urlKind, now } = input;
  const notes: string[] = [];
  if (isMachineTranslated(doc)) {
    return emptyReadingFor(carrier.id, 'page machine-translated: only the original is read');
  }
  const page = collectLines(doc);
  if (page.truncated) notes.push('page too large: only its start was read');
  const index = indexPage(page);
  const markers = findOutcomeMarkers(page, linesMatching(index, MARKER_TRIGGERS), urlKind);
  const windows = new Uint8Array(page.lines.length);
  const listTables = new Map<Element, boolean>();
  // Words inside a history table (`vigencia 3 días` on every pack row) open no window:
  // values in such tables are never the line's own.
  const accountHits = linesMatching(index, ACCOUNT_TRIGGERS).filter(
    (i) => !isListCell((page.lines[i] as TextLine).block, listTables),
  );
  markWindows(windows, accountHits);
  let receiptLines: number[] = [];
  if (markers.success) {
    receiptLines = linesMatching(index, RECEIPT_TRIGGERS);
    markWindows(windows, receiptLines);
  }
  const scanned = scanLines(index, windows, now);
  const contextOf = makeContextFinder(page, scanned, listTables);
  const receipt = markers.success ? readReceipt(scanned, contextOf, page, receiptLines) : null;

  const none = (reason: string): Reading => emptyReadingFor(carrier.id, reason);

  const hintValues = readHints(doc, page, carrier, now);
  // On the account portal, an alert about some payment does not hide the line's state.
  const accountBalance =
    urlKind === 'account' ? chooseBalance(scanned, contextOf, hintValues.balance, []) : null;
  if (
    markers.failure &&
    !markers.successWins &&
    !(accountBalance && accountBalance.value !== null)
  ) {
    return none(`payment failed: "${markers.failure.slice(0, 80)}"`);
  }
  // A success word alone (`Hace 3 días recargaste $ 1.500`) is not a receipt: a receipt
  // also names its operation, and only one (several are a history of recharges).
  const isReceipt =
    markers.success !== null &&
    receipt !== null &&
    receipt.operationLabelSeen &&
    !(urlKind === 'account' && receipt.operationIds > 1);
  if (!isReceipt && urlKind === 'recharge') {
    return none('recharge page, no confirmed recharge');
  }
  // The carriers' public sites show offers and examples (`Tu saldo es $ …`), never a line.
  if (!isReceipt && urlKind === 'other') {
    return none('public site page, not the account portal');
  }
  if (hasVisibleLoginForm(page)) return none('login form on screen');

  const balance = isReceipt
    ? chooseResultingBalance(scanned, contextOf, notes)
    : chooseBalance(scanned, contextOf, hintValues.balance, notes);
  const expiry = chooseExpiry(scanned, contextOf, hintValues.expiry, notes);
  const msisdn = chooseMsisdn(scanned, contextOf, notes);

  const reading = (kind: 'account' | 'receipt', found: Reading['receipt']): Reading => ({
    carrier: carrier.id,
    kind,
    msisdn: msisdn.value,
    balance: balance.value === null ? null : { amount: balance.value, currency: 'ARS' },
    expiresOn: expiry.value,
    receipt: found,
    notes: capNotes(notes),
  });
  if (isReceipt && receipt) {
    if (!receipt.receipt) notes.push(...receipt.notes);
    return reading('receipt', receipt.receipt);
  }
  if (balance.candidates === 0 && expiry.candidates === 0) {
    return none('no balance or expiry');
  }
  return reading('account', null);
}

function capNotes(notes: string[]): string[] {
  const unique = [...new Set(notes)].map((note) =>
    note.length > 480 ? `${note.slice(0, 477)}…` : note,
  );
  return unique.slice(0, 50);
}

// ---------------------------------------------------------------------------------------
// Values

function markWindows(windows: Uint8Array, hits: number[]): void {
  for (const hit of hits) {
    const from = Math.max(0, hit - WINDOW_BEFORE);
    const to = Math.min(windows.length - 1, hit + WINDOW_AFTER);
    for (let i = from; i <= to; i += 1) windows[i] = 1;
  }
}

/** Values on the lines near a keyword. Visibility is checked later, for survivors only. */
function scanLines(index: PageIndex, windows: Uint8Array, now: Date): LineValues[] {
  const result: LineValues[] = [];
  const lines = index.page.lines;
  for (let i = 0; i < lines.length; i += 1) {
    if (!windows[i]) continue;
    const line = lines[i] as TextLine;
    if (!VALUE_PREFILTER.test(line.text)) continue;
    if (line.folded === '') {
      const start = index.starts[i] as number;
      line.folded = index.folded.slice(start, start + line.text.length);
    }
    const values = findValues(line, now);
    if (values.length > 0) result.push({ line, values });
  }
  return result;
}

/**
 * A candidate counts only if a person would see it: its line is visible and, when some
 * of the line's pieces are hidden, the value's text is still there without them.
 */
function isSeen(value: FoundValue, page: PageText): boolean {
  const line = ensureVisible(value.line, page);
  if (!line.visible) return false;
  if (line.visibleText === line.text) return true;
  return line.visibleText.includes(line.text.slice(value.start, value.end));
}

function findValues(line: TextLine, now: Date): FoundValue[] {
  const values: FoundValue[] = [];
  // Money first, then dates, then phone numbers: a span already taken is not read again.
  const add = (kind: ValueKind, matches: Array<MoneyMatch | DateMatch | PhoneMatch>) => {
    for (const match of matches) {
      const { start, end } = match;
      if (values.some((taken) => start < taken.end && end > taken.start)) continue;
      values.push({ kind, line, start, end, [kind]: match } as FoundValue);
    }
  };
  if (/[$]|ars|pesos/i.test(line.text)) add('money', findMoney(line.text));
  add('date', findDates(line.text, now, foldedLine(line)));
  if (/\d{2}[^\d]{0,3}\d{2}/.test(line.text)) add('phone', findPhones(line.text));
  return values.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------
// Context

const CLAUSE_BREAK = /[|•·;]| - | – |\. (?=[a-z¿¡])|\? |! /g;

function lastClause(text: string): string {
  let cut = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    cut = m.index + m[0].length;
  }
  const clause = text.slice(cut);
  return clause.length > 70 ? clause.slice(clause.length - 70) : clause;
}

function firstClause(text: string): string {
  CLAUSE_BREAK.lastIndex = 0;
  const m = CLAUSE_BREAK.exec(text);
  const clause = m ? text.slice(0, m.index) : text;
  return clause.slice(0, 40);
}

interface ContextFinder {
  (value: FoundValue): ValueContext;
  /** The value is visible (checked only for values that survived judging). */
  seen(value: FoundValue): boolean;
}

function makeContextFinder(
  page: PageText,
  scanned: LineValues[],
  listTables: Map<Element, boolean>,
): ContextFinder {
  const valuesByLine = new Map<TextLine, FoundValue[]>();
  for (const entry of scanned) valuesByLine.set(entry.line, entry.values);
  const cache = new Map<FoundValue, ValueContext>();

  // Context lines are read as printed; a line already known to be hidden is skipped.
  const nearbyLine = (index: number): TextLine | null => {
    const line = page.lines[index];
    if (!line || (line.checked && !line.visible)) return null;
    return line;
  };

  const find = (value: FoundValue): ValueContext => {
    const cached = cache.get(value);
    if (cached) return cached;
    const line = value.line;
    const siblings = valuesByLine.get(line) ?? [];
    const position = siblings.indexOf(value);
    const previous = position > 0 ? (siblings[position - 1] ?? null) : null;
    const next = siblings[position + 1] ?? null;
    const folded = foldedLine(line);
    const beforeRaw = folded.slice(previous ? previous.end : 0, value.start);
    const before = lastClause(beforeRaw);
    const after = firstClause(folded.slice(value.end, next ? next.start : undefined));
    const earlier = previous ? lastClause(folded.slice(0, previous.start)) : '';

    let structure: { labels: string[]; headings: string[] } | null = null;
    const readStructure = () => {
      structure ??= surroundings(value, before, after);
      return structure;
    };
    const context: ValueContext = {
      before,
      after,
      earlier,
      previous: previous && beforeRaw.length <= 40 && !/[|•·;]/.test(beforeRaw) ? previous : null,
      labels: () => readStructure().labels,
      headings: () => readStructure().headings,
      inList: () => isListCell(line.block, listTables),
    };
    cache.set(value, context);
    return context;
  };
  return Object.assign(find, { seen: (value: FoundValue) => isSeen(value, page) });

  /** Labels, table headers and card headings around a value (the costly part, done lazily). */
  function surroundings(value: FoundValue, before: string, after: string) {
    const line = value.line;
    const labels: string[] = [];
    const headings: string[] = [];
    const ancestors = ancestorChain(line.block);
    const depthOfCommonAncestor = (other: Element): number => {
      for (let node: Element | null = other; node; node = node.parentElement) {
        const depth = ancestors.get(node);
        if (depth !== undefined) return depth;
      }
      return Infinity;
    };

    // Table cells: the column header and the row header name the value. A column of
    // several data rows is a list (history, other lines), never the line's own value.
    const cell = closestCell(line.block);
    let header: string | null = null;
    if (cell) {
      header = columnHeaderText(cell);
      if (header) labels.push(foldText(header));
      const rowHeader = rowHeaderText(cell, header !== null);
      if (rowHeader) labels.push(foldText(rowHeader));
    }

    // Label line: the nearest line above, close in the tree, holding no value of this
    // kind (`<dt>Saldo</dt><dd>$ 500</dd>`, `<span class=label>…` on its own row).
    // Under a column header, the cells to the left are the row's other data, not labels.
    if (header === null && (before.trim().length < 3 || !hasAnyWord(before))) {
      for (let index = line.index - 1, steps = 0; index >= 0 && steps < 3; index -= 1, steps += 1) {
        const above = nearbyLine(index);
        if (!above) continue;
        if (depthOfCommonAncestor(above.block) > 4) break;
        const aboveValues = valuesByLine.get(above) ?? [];
        if (aboveValues.some((v) => v.kind === value.kind)) break;
        const aboveFolded = foldedLine(above);
        if (above.text.length <= 90) labels.push(aboveFolded);
        if (hasAnyWord(aboveFolded)) break;
      }
      // Value above its caption (`$ 500` then `Saldo disponible`).
      if (!labels.some(hasAnyWord) && !hasAnyWord(after)) {
        const below = nearbyLine(line.index + 1);
        if (
          below &&
          below.text.length <= 60 &&
          depthOfCommonAncestor(below.block) <= 2 &&
          !(valuesByLine.get(below) ?? []).length
        ) {
          labels.push(foldedLine(below));
        }
      }
    }

    // Card / section headings: the first line of an enclosing container, above the value.
    let lastDepth = -1;
    for (let index = line.index - 1, steps = 0; index >= 0 && steps < 8; index -= 1, steps += 1) {
      const above = nearbyLine(index);
      if (!above) continue;
      const depth = depthOfCommonAncestor(above.block);
      const container = commonAncestorAt(line.block, depth);
      if (depth === Infinity || isPageRoot(container)) break;
      if (depth <= lastDepth) continue;
      const isHeadingTag =
        /^h[1-6]$/.test(above.block.localName) || above.block.getAttribute('role') === 'heading';
      const earlier = page.lines[index - 1];
      const firstInContainer = !earlier || !container?.contains(earlier.block);
      if ((firstInContainer || isHeadingTag) && above.text.length <= 70) {
        headings.push(foldedLine(above));
        lastDepth = depth;
        if (headings.length >= 3) break;
      }
    }
    return { labels, headings };
  }
}

const ANY_WORD = new RegExp(
  [
    words.BALANCE_WORDS,
    words.NOT_BALANCE_WORDS,
    words.EXPIRY_WORDS,
    words.NOT_EXPIRY_WORDS,
    words.MSISDN_WORDS,
    words.NOT_MSISDN_WORDS,
  ]
    .map((r) => r.source)
    .join('|'),
);

function hasAnyWord(text: string): boolean {
  return ANY_WORD.test(text);
}

function ancestorChain(element: Element): Map<Element, number> {
  const chain = new Map<Element, number>();
  let depth = 0;
  for (let node: Element | null = element; node; node = node.parentElement) {
    chain.set(node, depth);
    depth += 1;
  }
  return chain;
}

function commonAncestorAt(element: Element, depth: number): Element | null {
  let node: Element | null = element;
  for (let i = 0; i < depth && node; i += 1) node = node.parentElement;
  return node;
}

function isPageRoot(element: Element | null): boolean {
  if (!element) return true;
  const tag = element.localName;
  return tag === 'body' || tag === 'html' || tag === 'main';
}

function closestCell(element: Element): Element | null {
  for (
    let node: Element | null = element, i = 0;
    node && i < 4;
    node = node.parentElement, i += 1
  ) {
    if (node.localName === 'td' || node.localName === 'th') return node;
    if (node.localName === 'tr' || node.localName === 'table') return null;
  }
  return null;
}

function cellsOf(row: Element): Element[] {
  return Array.from(row.children).filter((c) => c.localName === 'td' || c.localName === 'th');
}

function columnHeaderText(cell: Element): string | null {
  const row = cell.parentElement;
  if (!row || row.localName !== 'tr') return null;
  const table = row.closest('table');
  if (!table) return null;
  const headerRow = columnHeaderRow(table, 1);
  if (!headerRow || headerRow === row) return null;
  return cellsOf(headerRow)[cellsOf(row).indexOf(cell)]?.textContent?.trim() || null;
}

/** A cell under a column header in a table of several data rows (cached per table). */
function isListCell(block: Element, cache: Map<Element, boolean>): boolean {
  const cell = closestCell(block);
  const table = cell?.closest('table');
  if (!cell || !table) return false;
  let isList = cache.get(table);
  if (isList === undefined) {
    isList = columnHeaderRow(table, 2) !== null && hasSeveralDataRows(table);
    cache.set(table, isList);
  }
  return isList;
}

/**
 * The table's column header row: its `thead` row, or a first row of `th` cells only (at
 * least `minCells` of them).
 */
function columnHeaderRow(table: Element, minCells: number): Element | null {
  const headerRow = table.querySelector('thead tr') ?? table.querySelector('tr');
  if (!headerRow || headerRow.closest('thead')) return headerRow;
  const cells = cellsOf(headerRow);
  return cells.length >= minCells && cells.every((c) => c.localName === 'th') ? headerRow : null;
}

/**
 * More than one row below the header. `table.rows[i]` walks only up to row i, where
 * counting every row (a 7,000-row history) would walk them all.
 */
function hasSeveralDataRows(table: Element): boolean {
  const rows = (table as HTMLTableElement).rows;
  if (!rows) {
    const inHead = table.querySelectorAll('thead tr').length;
    return table.querySelectorAll('tr').length - (inHead || 1) > 1;
  }
  let headerRows = 0;
  while (rows[headerRows]?.parentElement?.localName === 'thead') headerRows += 1;
  return rows[Math.max(headerRows, 1) + 1] !== undefined;
}

/** The row's first cell as its header; under column headers only a `th` is one (a `td` is data). */
function rowHeaderText(cell: Element, underColumnHeader: boolean): string | null {
  const row = cell.parentElement;
  if (!row || row.localName !== 'tr') return null;
  const first = cellsOf(row)[0];
  if (!first || first === cell || (underColumnHeader && first.localName !== 'th')) return null;
  return first.textContent?.trim().slice(0, 80) || null;
}

// ---------------------------------------------------------------------------------------
// Deciding what a value is

interface FieldWords {
  positive: RegExp;
  negative: RegExp;
}

/**
 * The nearest context that speaks decides: the words before the value, a trailing
 * qualifier, the label above, then the card headings. A negative word wins over a
 * positive one in the same place.
 */
function judge(context: ValueContext, fieldWords: FieldWords): { verdict: Verdict; why: string } {
  const { positive, negative } = fieldWords;
  const before = context.before;
  if (context.inList()) return { verdict: 'rejected', why: 'list row' };
  if (negative.test(before)) return { verdict: 'rejected', why: before.trim() };
  // `Reintegro hasta el 30/11 (tope $ 500)`: the clause before the previous value still speaks.
  if (!positive.test(before) && negative.test(context.earlier)) {
    return { verdict: 'rejected', why: context.earlier.trim() };
  }
  const trailing = context.after;
  const qualifier = /^\s*\(?\s*(?:de |en |del |\+ )?(\S+(?: \S+)?)/.exec(trailing)?.[1] ?? '';
  if (qualifier && negative.test(qualifier) && !/^(?:venc|vto|valid|vigen)/.test(qualifier)) {
    return { verdict: 'rejected', why: qualifier };
  }
  if (positive.test(before)) return { verdict: 'strong', why: before.trim() };
  if (qualifier && positive.test(qualifier)) return { verdict: 'strong', why: qualifier };
  // Spanish puts the qualifier after the noun (`Saldo promocional`): a negative wins.
  for (const label of [...context.labels(), ...context.headings()]) {
    if (negative.test(label)) return { verdict: 'rejected', why: label.trim() };
    if (positive.test(label)) return { verdict: 'strong', why: label.trim() };
  }
  return { verdict: 'weak', why: '' };
}

function forEachValue(scanned: LineValues[], kind: ValueKind, visit: (value: FoundValue) => void) {
  for (const entry of scanned)
    for (const value of entry.values) if (value.kind === kind) visit(value);
}

const BALANCE_FIELD: FieldWords = {
  positive: words.BALANCE_WORDS,
  negative: words.NOT_BALANCE_WORDS,
};

/**
 * Every readable, non-negative amount judged for a field (only positive ones for a
 * receipt's amount). A value not seen on screen is kept only when rejected: that it is
 * not the field is still worth a note.
 */
function judgeMoney(
  scanned: LineValues[],
  contextOf: ContextFinder,
  field: FieldWords,
  positiveOnly = false,
): Candidate<number>[] {
  const candidates: Candidate<number>[] = [];
  forEachValue(scanned, 'money', (value) => {
    const amount = value.money?.amount;
    if (amount == null || value.money?.negative || (positiveOnly && amount <= 0)) return;
    const { verdict, why } = judge(contextOf(value), field);
    if (verdict === 'rejected' || contextOf.seen(value)) {
      candidates.push({ value: amount, verdict, why, source: value });
    }
  });
  return candidates;
}

const isStrong = (candidate: Candidate<unknown>) => candidate.verdict === 'strong';

interface Choice<T> {
  value: T | null;
  /** How many values looked like candidates for this field (for page classification). */
  candidates: number;
}

function formatAmount(amount: number): string {
  return `$ ${amount.toLocaleString('es-AR', { maximumFractionDigits: 2 })}`;
}

/** One distinct strong value wins; several distinct ones are a conflict (null + note). */
function decide<T>(
  strong: Candidate<T>[],
  describe: (value: T) => string,
  field: string,
  notes: string[],
  rejected: Candidate<T>[] = [],
): T | null {
  const distinct = new Map<T, Candidate<T>>();
  for (const candidate of strong) {
    if (!distinct.has(candidate.value)) distinct.set(candidate.value, candidate);
  }
  const listed = (candidates: Candidate<T>[]) =>
    candidates
      .slice(0, 4)
      .map((c) => `${describe(c.value)}${c.why ? ` (${c.why.slice(0, 40)})` : ''}`)
      .join(', ');
  if (distinct.size === 1) return strong[0]?.value ?? null;
  if (distinct.size > 1) {
    // A line switcher (cards, tabs) with one entry marked: the other entries' values are
    // other lines'. What is left must agree.
    const kept = withoutUnselectedEntries(strong);
    if (
      kept.length > 0 &&
      new Set(kept.map((c) => c.value)).size === 1 &&
      kept.length < strong.length
    ) {
      notes.push(`${field}: other lines' values ignored`);
      return kept[0]?.value ?? null;
    }
    notes.push(`${field}: ${distinct.size} candidates: ${listed([...distinct.values()])}`);
  } else if (rejected.length > 0) {
    // Nothing named the field, and the values seen were named as something else.
    notes.push(`${field}: none; not it: ${listed(rejected)}`);
  }
  return null;
}

function chooseBalance(
  scanned: LineValues[],
  contextOf: ContextFinder,
  hint: number | null,
  notes: string[],
): Choice<number> {
  const candidates = judgeMoney(scanned, contextOf, BALANCE_FIELD);
  const strong = candidates.filter(isStrong);
  if (hint !== null)
    strong.push({ value: hint, verdict: 'strong', why: 'layout hint', source: null });
  const rejected = candidates.filter((c) => c.verdict === 'rejected');
  const value = decide(strong, formatAmount, 'balance', notes, rejected);
  return { value, candidates: strong.length };
}

const RESULTING_BALANCE_FIELD: FieldWords = {
  positive: words.RESULTING_BALANCE_WORDS,
  negative: words.NOT_RESULTING_BALANCE_WORDS,
};

function chooseResultingBalance(
  scanned: LineValues[],
  contextOf: ContextFinder,
  notes: string[],
): Choice<number> {
  const strong = judgeMoney(scanned, contextOf, RESULTING_BALANCE_FIELD).filter(isStrong);
  const value = decide(strong, formatAmount, 'balance after recharge', notes);
  return { value, candidates: strong.length };
}

const EXPIRY_QUALIFIER: FieldWords = {
  positive: words.LINE_CREDIT_WORDS,
  negative: words.NOT_EXPIRY_WORDS,
};

function chooseExpiry(
  scanned: LineValues[],
  contextOf: ContextFinder,
  hint: string | null,
  notes: string[],
): Choice<string> {
  const strong: Candidate<string>[] = [];
  const weak: Candidate<string>[] = [];
  const rejected: Candidate<string>[] = [];
  forEachValue(scanned, 'date', (value) => {
    const date = value.date;
    if (!date) return;
    const context = contextOf(value);
    // An expiry word must govern the date: right before it, or as its label.
    const governing = expiryWordFor(context, date.kind === 'relative');
    if (!governing) return;
    // `Venció el 24/11`: a date without a year that already passed is this year's, not next.
    const iso =
      date.yearInferred && PAST_EXPIRY.test(context.before.slice(-30)) ? date.pastIso : date.iso;
    if (!iso) {
      notes.push(`expiry: unreadable date "${value.line.text.slice(value.start, value.end)}"`);
      return;
    }
    let { verdict, why } = judge(context, EXPIRY_QUALIFIER);
    // `Saldo promocional $ 200 válido hasta …`: the date belongs to the amount before it.
    if (context.previous?.kind === 'money' && !EXPIRY_QUALIFIER.negative.test(context.before)) {
      const owner = judge(contextOf(context.previous), BALANCE_FIELD);
      if (owner.verdict === 'rejected') ({ verdict, why } = owner);
      else if (owner.verdict === 'strong' && verdict !== 'rejected') ({ verdict, why } = owner);
    }
    const candidate: Candidate<string> = {
      value: iso,
      verdict,
      why: why || governing,
      source: value,
    };
    if (verdict !== 'rejected' && !contextOf.seen(value)) return;
    if (verdict === 'strong') strong.push(candidate);
    else if (verdict === 'weak') weak.push(candidate);
    else rejected.push(candidate);
  });
  if (hint !== null)
    strong.push({ value: hint, verdict: 'strong', why: 'layout hint', source: null });
  const pool = strong.length > 0 ? strong : weak;
  const value = decide(pool, (iso) => iso, 'expiry', notes, rejected);
  return { value, candidates: pool.length };
}

const PAST_EXPIRY = /vencio|vencid[oa]|caduco|expiro/;

/** The expiry word that governs a date, if any (relative dates need it right before them). */
function expiryWordFor(context: ValueContext, relative: boolean): string | null {
  const near = context.before.slice(-30);
  const inBefore = words.EXPIRY_WORDS.exec(relative ? near : context.before);
  if (inBefore) return inBefore[0];
  // A relative word counts only right after its expiry word, or alone under its label.
  if (relative && context.before.trim() !== '') return null;
  if (context.before.trim().length > 25 || context.inList()) return null;
  for (const label of context.labels()) {
    const found = words.EXPIRY_WORDS.exec(label);
    if (found) return found[0];
    if (hasAnyWord(label)) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The line's number

const MSISDN_FIELD: FieldWords = { positive: words.MSISDN_WORDS, negative: words.NOT_MSISDN_WORDS };

function chooseMsisdn(
  scanned: LineValues[],
  contextOf: ContextFinder,
  notes: string[],
): Choice<string> {
  const accepted: Candidate<string>[] = [];
  let masked = 0;
  forEachValue(scanned, 'phone', (value) => {
    const phone = value.phone;
    if (!phone) return;
    if (phone.masked) {
      if (contextOf.seen(value)) masked += 1;
      return;
    }
    if (!phone.msisdn) return;
    const context = contextOf(value);
    const { verdict, why } = judge(context, MSISDN_FIELD);
    if (verdict === 'rejected') return;
    if (verdict === 'weak' && !phone.formatted) return;
    // Example numbers in placeholders and hints (`Ej: 1153394581`).
    if (/\bej\b|ejemplo|por ej/.test(context.before + ' ' + context.labels().join(' '))) return;
    if (!contextOf.seen(value)) return;
    accepted.push({ value: phone.msisdn, verdict, why, source: value });
  });
  const distinct = new Set(accepted.map((c) => c.value));
  if (distinct.size > 1) {
    // A line switcher: the selected one is the page's line.
    const selected = accepted.filter((c) => c.source && markedEntry(c.source.line.block));
    const selectedDistinct = new Set(selected.map((c) => c.value));
    if (selectedDistinct.size === 1) return { value: selected[0]?.value ?? null, candidates: 1 };
    const strong = accepted.filter(isStrong);
    const strongDistinct = new Set(strong.map((c) => c.value));
    if (strongDistinct.size === 1) {
      notes.push(
        `msisdn: ignored ${[...distinct].filter((v) => !strongDistinct.has(v)).join(', ')}`,
      );
      return { value: strong[0]?.value ?? null, candidates: 1 };
    }
    notes.push(`msisdn: ${distinct.size} numbers: ${[...distinct].slice(0, 4).join(', ')}`);
    return { value: null, candidates: distinct.size };
  }
  if (distinct.size === 1) return { value: accepted[0]?.value ?? null, candidates: 1 };
  if (masked > 0) notes.push('msisdn: masked');
  return { value: null, candidates: 0 };
}

/**
 * A line switcher's chosen entry, as ARIA or a conventional state class marks it: the
 * value's block or one of its 4 nearest ancestors.
 */
function markedEntry(element: Element): Element | null {
  for (
    let node: Element | null = element, i = 0;
    node && i < 4;
    node = node.parentElement, i += 1
  ) {
    if (isMarked(node)) return node;
  }
  return null;
}

function isMarked(node: Element): boolean {
  const current = node.getAttribute('aria-current');
  return (
    node.getAttribute('aria-selected') === 'true' ||
    (current !== null && current !== 'false') ||
    node.getAttribute('aria-checked') === 'true' ||
    node.getAttribute('aria-pressed') === 'true' ||
    /(?:^|[\s_-])(?:active|selected|current|is-active|is-selected)(?:$|[\s_-])/i.test(
      node.getAttribute('class') ?? '',
    )
  );
}

/**
 * Candidates minus those inside an entry whose sibling entry is marked as chosen (the
 * other cards of a line switcher). Values outside any switcher are kept.
 */
function withoutUnselectedEntries<T>(candidates: Candidate<T>[]): Candidate<T>[] {
  return candidates.filter((candidate) => {
    const block = candidate.source?.line.block;
    if (!block || markedEntry(block)) return true;
    for (
      let node: Element | null = block, i = 0;
      node?.parentElement && i < 4;
      node = node.parentElement, i += 1
    ) {
      const entry = node;
      const siblings = Array.from(node.parentElement.children);
      if (
        siblings.some(
          (other) => other !== entry && other.localName === entry.localName && isMarked(other),
        )
      )
        return false;
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// Receipts and outcomes

interface OutcomeMarkers {
  success: string | null;
  failure: string | null;
  /** No failure was seen, or the success message is a heading and the failure's is not. */
  successWins: boolean;
}

/** A line's visible text, folded (markers and operation ids must be seen to count). */
function visibleFolded(line: TextLine, page: PageText): string {
  ensureVisible(line, page);
  if (!line.visible) return '';
  return line.visibleText === line.text ? foldedLine(line) : foldText(line.visibleText);
}

const PAST_RECHARGE = /ultimas? recargas?|historial|movimientos|recargas anteriores/;

function findOutcomeMarkers(
  page: PageText,
  markerLines: number[],
  urlKind: UrlPageKind,
): OutcomeMarkers {
  let success: string | null = null;
  let failure: string | null = null;
  let successIsHeading = false;
  let failureIsHeading = false;
  const lines = page.lines;
  for (const index of markerLines) {
    const line = lines[index];
    if (!line) continue;
    const folded = visibleFolded(line, page);
    if (!folded) continue;
    const neighbour = (i: number) => {
      const other = lines[i];
      return other ? foldedLine(other) : '';
    };
    const about = (i: number) => {
      const neighbourhood = `${neighbour(i - 1)} ${folded} ${neighbour(i + 1)}`;
      return urlKind === 'recharge' || words.PAYMENT_WORDS.test(neighbourhood);
    };
    const heading =
      /^h[1-3]$/.test(line.block.localName) || line.block.getAttribute('role') === 'alert';
    const failed = words.FAILURE_WORDS.test(folded) || words.NEGATED_SUCCESS.test(folded);
    if (failed && about(index)) {
      failure ??= line.text;
      if (heading) failureIsHeading = true;
      continue;
    }
    // `Tu última recarga: acreditada con éxito` on a dashboard recalls a past recharge.
    const recalled = PAST_RECHARGE.test(
      `${neighbour(index - 2)} ${neighbour(index - 1)} ${folded}`,
    );
    if (words.SUCCESS_WORDS.test(folded) && about(index) && line.text.length < 200 && !recalled) {
      success ??= line.text;
      if (heading) successIsHeading = true;
    }
  }
  const successWins =
    success !== null && (failure === null || (successIsHeading && !failureIsHeading));
  return { success, failure, successWins };
}

interface ReceiptReading {
  /** The receipt, when both its amount and its operation id were found. */
  receipt: Reading['receipt'];
  operationLabelSeen: boolean;
  /** Distinct operation ids seen on the page. */
  operationIds: number;
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

function readReceipt(
  scanned: LineValues[],
  contextOf: ContextFinder,
  page: PageText,
  receiptLines: number[],
): ReceiptReading {
  const notes: string[] = [];
  const judged = judgeMoney(scanned, contextOf, RECHARGE_AMOUNT_FIELD, true);
  const recharge = judged.filter(isStrong);
  // Without a recharge amount, the total paid: amounts neither named nor ruled out above.
  const total = judged
    .filter((c) => c.verdict === 'weak')
    .map((c) => ({ ...c, ...judge(contextOf(c.source as FoundValue), PAID_TOTAL_FIELD) }))
    .filter(isStrong);
  const amount = decide(
    recharge.length > 0 ? recharge : total,
    formatAmount,
    'receipt amount',
    notes,
  );

  const { operationId, labelSeen, distinct } = findOperationId(page, receiptLines, notes);

  const dates: Candidate<string>[] = [];
  const unlabelled: Candidate<string>[] = [];
  forEachValue(scanned, 'date', (value) => {
    const date = value.date;
    // An operation already happened: a date without a year is the last such day.
    const iso = date?.yearInferred ? date.pastIso : date?.iso;
    if (!date || !iso) return;
    const context = contextOf(value);
    const { verdict, why } = judge(context, RECEIPT_DATE_FIELD);
    if (verdict !== 'rejected' && !contextOf.seen(value)) return;
    if (verdict === 'strong') dates.push({ value: iso, verdict, why, source: value });
    else if (
      verdict === 'weak' &&
      date.kind !== 'relative' &&
      !words.EXPIRY_WORDS.test(context.before)
    ) {
      unlabelled.push({ value: iso, verdict, why, source: value });
    }
  });
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
    operationIds: distinct,
    notes,
  };
}

const ID_TOKEN = /^[A-Za-z0-9](?:[A-Za-z0-9_/.-]*[A-Za-z0-9])?/;

/** Operation ids need no money or date on their line, so every visible line is searched. */
function findOperationId(
  page: PageText,
  receiptLines: number[],
  notes: string[],
): { operationId: string | null; labelSeen: boolean; distinct: number } {
  const found: Candidate<string>[] = [];
  let labelSeen = false;
  const lines = page.lines;
  for (const index of receiptLines) {
    const line = lines[index];
    if (!line || !/operac|transac|comprob|ticket|orden|referencia|\bid\b/i.test(line.text))
      continue;
    const folded = visibleFolded(line, page);
    if (!folded) continue;
    const text = line.visibleText;
    words.OPERATION_ID_LABEL.lastIndex = 0;
    for (
      let m = words.OPERATION_ID_LABEL.exec(folded);
      m;
      m = words.OPERATION_ID_LABEL.exec(folded)
    ) {
      const labelStart = Math.max(0, m.index - 25);
      if (words.NOT_OPERATION_ID_WORDS.test(folded.slice(labelStart, m.index + m[0].length)))
        continue;
      labelSeen = true;
      let restStart = m.index + m[0].length;
      let rest = text.slice(restStart);
      const lead = /^[\s:#°º.-]*(?:(?:n[°ºo]|nro|num|numero)\.?[\s:#]*)?/i.exec(rest)?.[0] ?? '';
      rest = rest.slice(lead.length);
      restStart += lead.length;
      let token = ID_TOKEN.exec(rest)?.[0] ?? null;
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
      if (!token || !/\d/.test(token) || token.length < 3 || token.length > 64) continue;
      if (/^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(token)) continue;
      if (/^\d{1,2}:\d{2}/.test(token)) continue;
      found.push({ value: token, verdict: 'strong', why: m[0], source: null });
    }
  }
  const distinct = new Set(found.map((c) => c.value)).size;
  return { operationId: decide(found, (id) => id, 'operation id', notes), labelSeen, distinct };
}

// ---------------------------------------------------------------------------------------
// Carrier layout hints (optional help, never the only way in)

function readHints(
  doc: Document,
  page: PageText,
  carrier: CarrierAdapter,
  now: Date,
): { balance: number | null; expiry: string | null } {
  const textOf = (selectors: readonly string[] | undefined): string => {
    for (const selector of selectors ?? []) {
      let element: Element | null = null;
      try {
        element = doc.querySelector(selector);
      } catch {
        continue;
      }
      if (!element || page.isElementHidden(element)) continue;
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) return text;
    }
    return '';
  };
  const amounts = findMoney(textOf(carrier.hints?.balance)).filter(
    (m) => m.amount !== null && !m.negative,
  );
  const dates = findDates(textOf(carrier.hints?.expiry), now).filter((d) => d.iso !== null);
  // Exactly one value, or no help.
  return {
    balance: amounts.length === 1 ? (amounts[0]?.amount ?? null) : null,
    expiry: dates.length === 1 ? (dates[0]?.iso ?? null) : null,
  };
}

/**
 * A sign-in form on screen (an SPA may show it at any URL once the session expired): a
 * visible password field in a form that speaks of signing in, not, say, a payment form.
 */
function hasVisibleLoginForm(page: PageText): boolean {
  return page.passwordFields.some((input) => {
    if (page.isElementHidden(input.parentElement ?? input)) return false;
    const visible = (input as Element & { checkVisibility?: () => boolean }).checkVisibility;
    if (typeof visible === 'function' && !visible.call(input)) return false;
    const form = input.closest('form') ?? input.parentElement?.parentElement ?? null;
    const text = foldText((form?.textContent ?? '').slice(0, 2000));
    return /ingres|inici\w* (?:de )?sesion|\bentrar\b|\blog ?in\b|acceder|olvidaste/.test(text);
  });
}
