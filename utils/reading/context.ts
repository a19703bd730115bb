/**
 * Where a value sits, as a person reads it: the words just before it on its line, a
 * qualifier right after it, the label that belongs to it (the nearest line above or below
 * that shares the closest container with it, a table's column or row header, a
 * screen-reader label), the headings of its card, and what the structure says (chrome,
 * a control, a repeated row, the selected or another line). Labels are associated by the
 * DOM, not by distance in the text: a caption in the value's own card wins over the
 * neighbouring card's, above or below.
 */
import { lineOfBlock, stackPartner } from './stacks';
import { textStart, type PageStructure, type Region } from './structure';
import { foldText } from './text';
import type { FoundValue } from './values';
import { ensureVisible, type PageText, type TextLine } from './visible-text';
import { parentAcrossShadow, type Layout } from './visibility';

export type LabelPlace = 'above' | 'below' | 'column' | 'row' | 'reader';

export interface Label {
  text: string;
  place: LabelPlace;
  /** Steps from the value's block up to the container it shares with the label. */
  distance: number;
}

export interface ValueContext {
  /** Words between the previous value on the line (or the line start) and this one. */
  before: string;
  /** A few words right after the value, up to the next value. */
  after: string;
  /** The value just before it on the same line, when only a few words separate them. */
  previous: FoundValue | null;
  /** The clause before the previous value on the line (negative words only). */
  earlier: string;
  /**
   * The words that open the value's line, before its first value: the line's subject
   * (`Pack 4 GB · $ 2.190 · vence el 01/12`). Negative words only.
   */
  lineHead: string;
  /** The labels that belong to the value, nearest first; computed on demand. */
  labels: () => Label[];
  /** Headings of the card / section that holds it, nearest first; computed on demand. */
  headings: () => string[];
  region: Region;
  /** One of several same-shaped rows: a history, a feed, a list of other lines. */
  repeated: boolean;
  /** In a line switcher: the chosen line's entry, or another line's. */
  entry: 'selected' | 'other' | null;
  /** The value sits under a column header (a table of values). */
  inTable: boolean;
}

const CLAUSE_BREAK = /[|•·;]| - | – | — |\. (?=[a-z¿¡])|\? |! /g;

export function lastClause(text: string): string {
  let cut = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    cut = m.index + m[0].length;
  }
  const clause = text.slice(cut);
  return clause.length > 70 ? clause.slice(clause.length - 70) : clause;
}

/**
 * The words right after a value, up to the next clause. When the value opens its line
 * (`$ 850,00 — saldo disponible`, `11/12/26 · vigencia del saldo`), a separator right
 * after it introduces its label, so the clause beyond it counts.
 */
function firstClause(text: string, valueOpensLine: boolean): string {
  CLAUSE_BREAK.lastIndex = 0;
  const m = CLAUSE_BREAK.exec(text);
  if (!m) return text.slice(0, 40);
  if (text.slice(0, m.index).trim() === '' && (valueOpensLine || /[-–—]/.test(m[0]))) {
    return firstClause(text.slice(m.index + m[0].length), false);
  }
  return text.slice(0, m.index).slice(0, 40);
}

/** `vence el`, `vencen:`, `válido hasta`: a clause of at most two words, no subject named. */
function isBareVerb(clause: string): boolean {
  const words = clause.replace(/[^a-z0-9ñ ]+/g, ' ').trim();
  return words !== '' && words.split(/\s+/).length <= 2;
}

export interface ContextFinder {
  (value: FoundValue): ValueContext;
}

/** `anyWord(text)`: whether a text holds any of the words the fields are judged by. */
export function makeContextFinder(
  page: PageText,
  valuesByLine: Map<TextLine, FoundValue[]>,
  structure: PageStructure,
  anyWord: (text: string) => boolean,
): ContextFinder {
  const cache = new Map<FoundValue, ValueContext>();
  const foldedVisible = new Map<TextLine, string>();
  const gridCache = new Map<Element, GridLayout>();

  /** A neighbouring line as a person reads it (hidden lines give nothing). */
  const readable = (index: number): { line: TextLine; folded: string } | null => {
    const line = page.lines[index];
    if (!line) return null;
    ensureVisible(line, page);
    if (!line.labelText) return null;
    let folded = foldedVisible.get(line);
    if (folded === undefined) foldedVisible.set(line, (folded = foldText(line.labelText)));
    return { line, folded };
  };

  /** The grid's items, and the line each one shows (lines near `from`, inside the grid). */
  const gridLayout = (grid: Element, from: TextLine): GridLayout => {
    const items = gridItems(grid, page.visibility.layoutOf);
    const position = new Map(items.map((item, at) => [item, at]));
    const lineOf = new Map<Element, TextLine>();
    const take = (index: number): boolean => {
      const line = page.lines[index];
      if (!line || !grid.contains(line.block)) return false;
      for (
        let node: Element | null = line.block;
        node && node !== grid;
        node = node.parentElement
      ) {
        if (position.has(node)) {
          if (!lineOf.has(node)) lineOf.set(node, line);
          break;
        }
      }
      return true;
    };
    // Bounded: a grid of hundreds of rows is a list, read near the value only.
    for (let i = from.index, n = 0; n < 800 && take(i); i -= 1, n += 1);
    for (let i = from.index + 1, n = 0; n < 800 && take(i); i += 1, n += 1);
    return { items, position, lineOf };
  };

  return (value: FoundValue): ValueContext => {
    const cached = cache.get(value);
    if (cached) return cached;
    const line = value.line;
    const siblings = valuesByLine.get(line) ?? [];
    const position = siblings.indexOf(value);
    const previous = position > 0 ? (siblings[position - 1] ?? null) : null;
    const next = siblings[position + 1] ?? null;
    const folded = foldText(value.text);
    const beforeRaw = folded.slice(previous ? previous.end : 0, value.start);
    const before = lastClause(beforeRaw);
    const after = firstClause(
      folded.slice(value.end, next ? next.start : undefined),
      beforeRaw.trim() === '',
    );
    // The clause before the previous value; with none, a bare verb's subject in the clause
    // before it (`39.372 puntos · vencen el 22/04`: the points expire, not the line).
    const earlier = previous
      ? lastClause(folded.slice(0, previous.start))
      : isBareVerb(before)
        ? lastClause(
            beforeRaw.slice(0, beforeRaw.length - before.length).replace(/[\s|•·;.!?—–-]+$/, ''),
          )
        : '';
    const firstValue = siblings[0];
    const lineHead =
      firstValue && firstValue !== value ? folded.slice(0, firstValue.start).slice(0, 60) : '';
    const block = line.block;
    const cell = closestCell(block);

    let labels: Label[] | null = null;
    let headings: string[] | null = null;
    const context: ValueContext = {
      before,
      after,
      earlier,
      lineHead,
      previous: previous && beforeRaw.length <= 40 && !/[|•·;]/.test(beforeRaw) ? previous : null,
      labels: () => (labels ??= findLabels()),
      headings: () => (headings ??= findHeadings()),
      region: structure.region(value.owner),
      repeated: structure.inRepeatedEntry(value.owner),
      entry: structure.lineEntry(value.owner),
      inTable: cell !== null && columnHeaderText(cell) !== null,
    };
    cache.set(value, context);
    return context;

    function findLabels(): Label[] {
      const found: Label[] = [];
      // Screen-reader text on the value's own line (an icon's hidden name, say).
      // Not when that text states a figure of its own (`Saldo anterior $ 1.960` read out
      // beside a shown `$ 960`): it names that figure.
      const figures = (text: string) => text.match(/\d[\d.,]*/g)?.length ?? 0;
      if (
        line.labelText !== line.visibleText &&
        line.labelText.length <= 120 &&
        figures(line.labelText) === figures(line.visibleText)
      ) {
        found.push({ text: foldText(line.labelText), place: 'reader', distance: 0 });
      }
      // Table cells: the column header and the row header name the value.
      let header: string | null = null;
      if (cell) {
        header = columnHeaderText(cell);
        if (header) found.push({ text: foldText(header), place: 'column', distance: 0 });
        const rowHeader = rowHeaderText(cell, header !== null);
        if (rowHeader) found.push({ text: foldText(rowHeader), place: 'row', distance: 0 });
      }
      // Under a column header, the cells around are the row's other data, not labels.
      if (header !== null) return found;
      // A name given to the value's element or its card (`title`, `aria-label`): icons
      // and KPI tiles name their value that way.
      const named = attributeLabel(value.owner);
      if (named) found.push({ text: foldText(named), place: 'reader', distance: 0 });
      // A grid item's label is the item a row above it (or left of it in a two-column grid),
      // like a column header: it names the value even when the value's cell has words.
      const gridLabel = labelInGrid(line) ?? labelInStacks(line);
      if (gridLabel) {
        found.push(gridLabel);
        return found;
      }
      if (before.trim().length >= 3 && anyWord(before)) return found;
      const ancestors = ancestorChain(block);
      const distanceTo = (other: Element): number => {
        for (let node: Element | null = other; node; node = parentAcrossShadow(node)) {
          const depth = ancestors.get(node);
          if (depth !== undefined) return depth;
        }
        return Infinity;
      };
      const nearby: Label[] = [];
      const look = (from: number, step: 1 | -1, steps: number, place: LabelPlace) => {
        for (let i = from, n = 0; n < steps; i += step, n += 1) {
          const neighbour = readable(i);
          if (!neighbour) continue;
          const distance = distanceTo(neighbour.line.block);
          if (distance > 5) break;
          const theirs = valuesByLine.get(neighbour.line) ?? [];
          // Another value of the same kind: a value line, not a label; nothing beyond it.
          if (theirs.some((v) => v.kind === value.kind)) break;
          if (neighbour.line.labelText.length <= 90) {
            nearby.push({ text: neighbour.folded, place, distance });
          }
          if (anyWord(neighbour.folded)) break;
        }
      };
      look(line.index - 1, -1, 3, 'above');
      look(line.index + 1, 1, 2, 'below');
      // The label that shares the value's closest container is its own; a caption above
      // wins a tie (Spanish puts the label first).
      const speaking = nearby.filter((label) => anyWord(label.text));
      const closest = Math.min(...speaking.map((label) => label.distance));
      const own = speaking.filter((label) => label.distance === closest);
      // In a list of label/value pairs the line below is the next pair's label: a caption
      // below counts only when nothing above, as close, names the value.
      const above = own.filter((label) => label.place === 'above');
      found.push(...(above.length > 0 ? above : own));
      found.sort(
        (a, b) =>
          a.distance - b.distance || (a.place === 'above' ? -1 : b.place === 'above' ? 1 : 0),
      );
      // A row header is also the line above its cell: one label, counted once.
      return found.filter((label, i) => found.findIndex((l) => l.text === label.text) === i);
    }

    /**
     * A grid item's label: in a browser, the nearest item with words to its left on its
     * row or above it in its column (however the CSS placed them); without layout, the
     * item a row above in source order.
     */
    function labelInGrid(valueLine: TextLine): Label | null {
      const item = valueLine.block;
      let grid = item.parentElement;
      // Through a `display: contents` row, the grid is one level further up.
      if (grid && !page.grids.has(grid)) grid = grid.parentElement;
      if (!grid || !page.grids.has(grid)) return null;
      let layout = gridCache.get(grid);
      if (!layout) gridCache.set(grid, (layout = gridLayout(grid, valueLine)));
      const labelOf = (other: Element | undefined): Label | null => {
        const found = other ? layout.lineOf.get(other) : undefined;
        const candidate = found ? readable(found.index) : null;
        if (!candidate) return null;
        const theirs = valuesByLine.get(candidate.line) ?? [];
        if (theirs.some((v) => v.kind === value.kind) || !anyWord(candidate.folded)) return null;
        return { text: candidate.folded, place: 'above', distance: 1 };
      };
      const columns = page.grids.get(grid) ?? 0;
      if (page.visibility.hasLayout) {
        const box = item.getBoundingClientRect();
        // Among the few rows of items around this one (`order` may move a label after its
        // value in the markup); bounded, so a grid of thousands of cards costs the same
        // per value as a small one.
        const at = layout.position.get(item) ?? 0;
        const reach = 4 * Math.max(columns, 2) + 4;
        const near = layout.items.slice(Math.max(0, at - reach), at + reach + 1);
        let best: { label: Label; gap: number } | null = null;
        for (const other of near) {
          if (other === item || !layout.lineOf.has(other)) continue;
          const r = other.getBoundingClientRect();
          const rowShare = Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top);
          const columnShare = Math.min(r.right, box.right) - Math.max(r.left, box.left);
          // Left on its row only in a label | value grid: in a wider one, the cell on the
          // left is another column's.
          const onRow =
            columns <= 2 &&
            rowShare >= Math.min(r.height, box.height) / 2 &&
            r.right <= box.left + 2;
          // In its column: under most of the label, and under no other item of the label's
          // row (an item across the whole grid is under no single column).
          const inColumn =
            columnShare >= Math.min(r.width, box.width) / 2 &&
            r.bottom <= box.top + 2 &&
            !near.some((next) => {
              if (next === other || next === item) return false;
              const n = next.getBoundingClientRect();
              const sameRow = Math.min(n.bottom, r.bottom) - Math.max(n.top, r.top) > 0;
              const under = Math.min(n.right, box.right) - Math.max(n.left, box.left);
              return sameRow && under > Math.min(n.width, box.width) / 2;
            });
          if (!onRow && !inColumn) continue;
          const gap = onRow ? box.left - r.right : box.top - r.bottom;
          if (best && gap >= best.gap) continue;
          const label = labelOf(other);
          if (label) best = { label, gap };
        }
        return best?.label ?? null;
      }
      const at = layout.position.get(item) ?? -1;
      return columns >= 2 && at >= columns ? labelOf(layout.items[at - columns]) : null;
    }

    /** A value in the second of two stacks: its label is the first stack's item at its row. */
    function labelInStacks(valueLine: TextLine): Label | null {
      const labelItem = stackPartner(page, valueLine.block, false);
      const found = labelItem ? lineOfBlock(page, labelItem, valueLine) : null;
      const candidate = found ? readable(found.index) : null;
      if (!candidate || !anyWord(candidate.folded)) return null;
      return { text: candidate.folded, place: 'above', distance: 1 };
    }

    function findHeadings(): string[] {
      const out: string[] = [];
      const ancestors = ancestorChain(block);
      let lastDepth = -1;
      for (let index = line.index - 1, steps = 0; index >= 0 && steps < 8; index -= 1, steps += 1) {
        const above = readable(index);
        if (!above) continue;
        let depth = Infinity;
        for (let node: Element | null = above.line.block; node; node = parentAcrossShadow(node)) {
          const d = ancestors.get(node);
          if (d !== undefined) {
            depth = d;
            break;
          }
        }
        const container = ancestorAt(block, depth);
        if (depth === Infinity || isPageRoot(container)) break;
        if (depth <= lastDepth) continue;
        const tag = above.line.block.localName;
        const isHeading =
          /^h[1-6]$/.test(tag) || above.line.block.getAttribute('role') === 'heading';
        // A menu beside the content (`<aside>`, `<nav>`) titles nothing.
        if (!isHeading && structure.region(above.line.block).chrome) continue;
        // A grid's first item is a cell among cells, not the grid's title.
        if (container && page.grids.has(container) && !isHeading) continue;
        // A wrapper around the whole page (an app's root `div`) titles nothing: its first
        // line is the site's bar.
        const pageStart = page.lines[0]?.block;
        if (!isHeading && pageStart && container && holds(container, pageStart)) break;
        // A caption right above another value is that value's label, not the card's title.
        const nextLine = page.lines[index + 1];
        if (!isHeading && index + 1 !== line.index && nextLine && valuesByLine.has(nextLine)) {
          continue;
        }
        const earlierLine = page.lines[index - 1];
        const firstInContainer = !earlierLine || !container || !holds(container, earlierLine.block);
        if ((firstInContainer || isHeading) && above.line.labelText.length <= 70) {
          out.push(above.folded);
          lastDepth = depth;
          if (out.length >= 3) break;
        }
      }
      return out;
    }
  };
}

/**
 * `title` / `aria-label` of the value's element or of a small box around it (two levels
 * up at most, holding little more than the value): a section's name is not a label.
 */
function attributeLabel(element: Element): string | null {
  let node: Element | null = element;
  for (let i = 0; node && i < 3; i += 1, node = node.parentElement) {
    if (i > 0) {
      // A box of a few elements around little text (checked in that order: cheap first).
      if (node.childElementCount > 6) break;
      if (textStart(node, 300).replace(/\s+/g, ' ').length > 80) break;
    }
    const name = node.getAttribute('aria-label') ?? node.getAttribute('title');
    if (name && name.length <= 60 && !/\d{3}/.test(name)) return name;
  }
  return null;
}

interface GridLayout {
  items: Element[];
  /** Each item's place in `items`. */
  position: Map<Element, number>;
  lineOf: Map<Element, TextLine>;
}

/**
 * A grid's items in order: its children, and the children of its `display: contents` rows
 * (the first 400: a longer grid is a list, whose labels are its header row).
 */
function gridItems(grid: Element, layoutOf: (element: Element) => Layout): Element[] {
  const items: Element[] = [];
  for (
    let child = grid.firstElementChild;
    child && items.length < 400;
    child = child.nextElementSibling
  ) {
    if (layoutOf(child).kind === 'contents') items.push(...Array.from(child.children));
    else items.push(child);
  }
  return items;
}

/** `container.contains(node)` across shadow roots (a card's shadow tree is in the card). */
function holds(container: Element, node: Element): boolean {
  for (let at: Element | null = node; at; at = parentAcrossShadow(at)) {
    if (at === container) return true;
  }
  return false;
}

function ancestorChain(element: Element): Map<Element, number> {
  const chain = new Map<Element, number>();
  let depth = 0;
  for (let node: Element | null = element; node; node = parentAcrossShadow(node)) {
    chain.set(node, depth);
    depth += 1;
  }
  return chain;
}

function ancestorAt(element: Element, depth: number): Element | null {
  let node: Element | null = element;
  for (let i = 0; i < depth && node; i += 1) node = parentAcrossShadow(node);
  return node;
}

function isPageRoot(element: Element | null): boolean {
  if (!element) return true;
  const tag = element.localName;
  return tag === 'body' || tag === 'html' || tag === 'main';
}

/**
 * The data cell a value sits in: a `td`/`th` at most two levels up. A layout table's cell
 * holds whole sections of a page, not a value: a sectioning element on the way stops it.
 */
export function closestCell(element: Element): Element | null {
  for (
    let node: Element | null = element, i = 0;
    node && i < 3;
    node = node.parentElement, i += 1
  ) {
    const tag = node.localName;
    if (tag === 'td' || tag === 'th') return node;
    if (tag === 'tr' || tag === 'table' || SECTIONING.has(tag)) return null;
  }
  return null;
}

const SECTIONING = new Set([
  'section',
  'main',
  'article',
  'form',
  'aside',
  'nav',
  'header',
  'footer',
  'ul',
  'ol',
  'dl',
]);

/** A table's own rows (not those of tables nested in its cells), the first four. */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (
    let child = table.firstElementChild;
    child && rows.length < 4;
    child = child.nextElementSibling
  ) {
    if (child.localName === 'tr') rows.push(child);
    else if (/^t(?:head|body|foot)$/.test(child.localName)) {
      for (
        let row = child.firstElementChild;
        row && rows.length < 4;
        row = row.nextElementSibling
      ) {
        if (row.localName === 'tr') rows.push(row);
      }
    }
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return Array.from(row.children).filter((c) => c.localName === 'td' || c.localName === 'th');
}

function columnHeaderText(cell: Element): string | null {
  const row = cell.parentElement;
  if (!row || row.localName !== 'tr') return null;
  const table =
    row.parentElement?.localName === 'table' ? row.parentElement : row.parentElement?.parentElement;
  if (!table || table.localName !== 'table') return null;
  const headerRow = columnHeaderRow(table, 1);
  if (!headerRow || headerRow === row) return null;
  return cellsOf(headerRow)[cellsOf(row).indexOf(cell)]?.textContent?.trim() || null;
}

/**
 * The table's column header row: its `thead` row, or a first row of `th` cells only (at
 * least `minCells` of them).
 */
function columnHeaderRow(table: Element, minCells: number): Element | null {
  const headerRow = ownRows(table)[0];
  if (!headerRow) return null;
  if (headerRow.parentElement?.localName === 'thead') return headerRow;
  const cells = cellsOf(headerRow);
  return cells.length >= minCells && cells.every((c) => c.localName === 'th') ? headerRow : null;
}

/** The row's first cell as its header; under column headers only a `th` is one (a `td` is data). */
function rowHeaderText(cell: Element, underColumnHeader: boolean): string | null {
  const row = cell.parentElement;
  if (!row || row.localName !== 'tr') return null;
  const first = cellsOf(row)[0];
  if (!first || first === cell || (underColumnHeader && first.localName !== 'th')) return null;
  return first.textContent?.trim().slice(0, 80) || null;
}

/** A cell under a column header in a table of several data rows (cached per table). */
export function isListCell(block: Element, cache: Map<Element, boolean>): boolean {
  const cell = closestCell(block);
  const row = cell?.parentElement;
  const table =
    row?.parentElement?.localName === 'table'
      ? row.parentElement
      : row?.parentElement?.parentElement;
  if (!cell || !table || table.localName !== 'table') return false;
  let isList = cache.get(table);
  if (isList === undefined) {
    isList = columnHeaderRow(table, 2) !== null && hasSeveralDataRows(table);
    cache.set(table, isList);
  }
  return isList;
}

/**
 * More than one row below the header. `table.rows[i]` walks only up to row i, where
 * counting every row (a 7,000-row history) would walk them all.
 */
function hasSeveralDataRows(table: Element): boolean {
  const rows = ownRows(table);
  let headerRows = 0;
  while (rows[headerRows]?.parentElement?.localName === 'thead') headerRows += 1;
  return rows[Math.max(headerRows, 1) + 1] !== undefined;
}
