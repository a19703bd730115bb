/**
 * The page's text as a person reads it, as a list of lines: inline pieces are joined
 * (`$` `1.234` `,56` in three elements is one amount), block boundaries start a new line.
 *
 * One recursive pass over the DOM collects text nodes; it skips only what is never
 * displayed by its tag (scripts, form fields…). Whether a piece is seen (./visibility.ts)
 * is decided lazily, and only for lines the engine looks at, with a per-element cache:
 * that keeps a 1 MB page cheap.
 *
 * Two texts come out of a line once its visibility is resolved: `visibleText`, what the
 * eye reads (values and notes come only from it), and `labelText`, which adds text that
 * is rendered for screen readers only (it may name a visible value).
 */
import { collapseSpaces, foldText } from './text';
import { makeVisibilityCheck, parentAcrossShadow, type VisibilityCheck } from './visibility';

/** Tags whose content is never read: code, data, form fields, embedded documents. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'meta',
  'link',
  'input',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'audio',
  'video',
  'img',
  'picture',
]);

/** Tags that start and end a visual line (default display other than inline). */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'button',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'label',
]);

const NON_SPACE = /\S/;

/** A parent with more element children than this is a list whose middle is skipped. */
const LONG_LIST = 200;
/** Items read at the start and at the end of a long list. */
const LIST_HEAD = 40;
const LIST_TAIL = 10;
/** Work budget: nodes visited, and characters taken from one text node. */
const MAX_NODES = 150_000;
const MAX_NODE_TEXT = 5_000;
const MAX_DEPTH = 500;

export interface TextPiece {
  node: Text;
  /** Raw text of the node (or a synthetic separator such as the `,` before `<sup>56</sup>`). */
  data: string;
}

export interface TextLine {
  index: number;
  /** Nearest block element that holds the line. */
  block: Element;
  pieces: TextPiece[];
  /** Collapsed text of every piece (hidden ones included until `ensureVisible` says). */
  text: string;
  /** `foldText(text)`, filled on demand (`foldedLine`). */
  folded: string;
  /** Visibility already resolved. */
  checked: boolean;
  /** False when nothing of the line is seen by the eye (or the line is leaked JSON). */
  visible: boolean;
  /** What the eye reads of the line; set by `ensureVisible`. */
  visibleText: string;
  /** What names things on the line: the visible text plus screen-reader-only text. */
  labelText: string;
}

export interface PageText {
  lines: TextLine[];
  /** How much of an element is seen (cached): shown, clipped (screen readers only) or hidden. */
  visibility: VisibilityCheck;
  /** The work budget ran out before the end of the page. */
  truncated: boolean;
  /** Password inputs met on the way (their values are never read). */
  passwordFields: Element[];
  /**
   * Grid containers met on the way, with their column count (0 when unknown): each grid
   * item is a line of its own, and an item's label may be the item a row above it.
   */
  grids: Map<Element, number>;
  /** Flex columns met on the way: two side by side pair their items row by row. */
  stacks: Set<Element>;
}

/** `<time datetime="2027-01-15">15 ene</time>`: the machine-readable date of the element. */
const TIME_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** Collect the page's lines in document order. */
export function collectLines(doc: Document): PageText {
  const lines: TextLine[] = [];
  let pieces: TextPiece[] = [];
  let raw = '';
  let hasText = false;
  let pendingSpace = false;
  let block: Element = doc.body ?? doc.documentElement;
  let depth = 0;
  const passwordFields: Element[] = [];
  const visibility = makeVisibilityCheck(doc);
  const grids = new Map<Element, number>();
  /** The children being walked are a grid's items (each one its own box). */
  let inGrid = false;
  /** Inside `<pre>`: a newline in the text is a line break. */
  let inPre = false;
  /** The children being walked are stacked by a flex column. */
  let inStack = false;
  const stacks = new Set<Element>();

  const flush = () => {
    pendingSpace = false;
    if (!hasText) {
      if (pieces.length > 0) pieces = [];
      raw = '';
      return;
    }
    const text = collapseSpaces(raw).trim();
    raw = '';
    hasText = false;
    if (text) {
      lines.push({
        index: lines.length,
        block,
        pieces,
        text,
        folded: '',
        checked: false,
        visible: true,
        visibleText: text,
        labelText: text,
      });
    }
    pieces = [];
  };

  const addPiece = (node: Text, text: string) => {
    const piece = pendingSpace ? ' ' + text : text;
    pendingSpace = false;
    pieces.push({ node, data: piece });
    raw += piece;
    hasText = true;
  };

  const walkChildren = (parent: Node) => {
    let seen = 0;
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (budget.nodes-- <= 0) {
        budget.exhausted = true;
        return;
      }
      if (child.nodeType === 1 && ++seen === LIST_HEAD + 1) {
        // The middle of a long list (history, movements) never holds the line's state.
        const resume = longListSkip(parent as ParentNode, child as Element);
        if (resume) {
          flush();
          child = resume;
        }
      }
      visit(child);
    }
  };

  const visit = (node: Node): void => {
    const type = node.nodeType;
    if (type === 3) {
      const data = (node as Text).data;
      if (!NON_SPACE.test(data)) {
        // Indentation: only a separator between inline pieces of a line already started.
        if (hasText) pendingSpace = true;
        return;
      }
      const text = data.length > MAX_NODE_TEXT ? data.slice(0, MAX_NODE_TEXT) : data;
      if (inPre && text.includes('\n')) {
        // Preformatted text (a printed ticket) breaks its lines where the source does.
        const rows = text.split('\n');
        rows.forEach((row, i) => {
          if (i > 0) flush();
          if (NON_SPACE.test(row)) addPiece(node as Text, row);
        });
        return;
      }
      addPiece(node as Text, text);
      return;
    }
    if (type !== 1) return;
    const element = node as Element;
    const tag = element.localName;
    // Browsers' parsers cap nesting near 512; a script can nest deeper to blow the stack.
    if (SKIPPED_TAGS.has(tag) || depth >= MAX_DEPTH) {
      // Never read, but a sign-in form on screen changes what the page is.
      if (tag === 'input' && (element as HTMLInputElement).type === 'password') {
        passwordFields.push(element);
      }
      return;
    }
    if (tag === 'br') {
      flush();
      return;
    }
    if (tag === 'slot') return visitSlot(element as HTMLSlotElement);
    if (tag === 'sup') {
      // `$ 1.234<sup>56</sup>`: superscript cents are the decimal part.
      const last = pieces[pieces.length - 1];
      const supText = element.textContent ?? '';
      if (last && /\d$/.test(last.data) && /^\s*\d{2}\s*$/.test(supText)) {
        pieces.push({ node: last.node, data: ',' });
        raw += ',';
      }
    }
    if (tag === 'time') {
      const date = TIME_DATETIME.exec(element.getAttribute('datetime') ?? '');
      const shown = element.textContent ?? '';
      const first = firstTextNode(element);
      // The printed day is kept when it agrees with the machine-readable date, so a
      // `15 ene` under datetime 2027-01-15 reads as that day of that year.
      if (date && first && new RegExp(`(^|\\D)0?${Number(date[3])}(\\D|$)`).test(shown)) {
        addPiece(first, `${date[3]}/${date[2]}/${date[1]}`);
        return;
      }
    }
    // Only elements that hold several others can lay them out in a grid; a custom element
    // may be drawn as a block. Both are asked of the page's styles (cached per look).
    const holdsSeveral = element.firstElementChild?.nextElementSibling != null;
    const layout =
      holdsSeveral || tag.includes('-') || inGrid ? visibility.layoutOf(element) : null;
    // A `display: contents` row of a grid draws no box: its children are the grid's items.
    const contents = layout?.kind === 'contents';
    const isBlock =
      !contents && (BLOCK_TAGS.has(tag) || inGrid || inStack || layout?.kind === 'block');
    const outerGrid = inGrid;
    const outerStack = inStack;
    const outerPre = inPre;
    if (tag === 'pre') inPre = true;
    if (!(contents && inGrid)) inGrid = layout?.kind === 'grid';
    if (layout?.kind === 'grid') grids.set(element, layout.columns);
    inStack = layout?.kind === 'stack';
    if (inStack) stacks.add(element);
    if (isBlock) flush();
    depth += 1;
    const outerBlock = block;
    if (isBlock) block = element;
    const shadow = (element as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
    const declared = shadow ? null : declarativeShadow(element);
    if (shadow) {
      walkShadow(shadow, element);
    } else if (declared) {
      // A DOM without a shadow-root builder (the Node DOM) shows the template as a browser would.
      walkShadow(declared, element);
    } else if (tag === 'details' && !element.hasAttribute('open')) {
      // A closed <details> shows only its summary.
      for (let child = element.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 1 && (child as Element).localName === 'summary') {
          visit(child);
          break;
        }
      }
    } else if (tag === 'dialog' && !element.hasAttribute('open')) {
      // A dialog that is not open is not rendered.
    } else {
      walkChildren(element);
    }
    depth -= 1;
    inGrid = outerGrid;
    inStack = outerStack;
    inPre = outerPre;
    if (isBlock) {
      flush();
      block = outerBlock;
    }
  };

  /** The host whose shadow tree is being walked: its slots show its children. */
  let host: Element | null = null;

  /** A shadow tree's nodes; each `<slot>` in it shows the host's children assigned to it. */
  const walkShadow = (shadow: ParentNode, shadowHost: Element) => {
    const outerHost = host;
    host = shadowHost;
    for (let child = shadow.firstChild; child; child = child.nextSibling) {
      // The declarative template itself is not content.
      if (child.nodeType === 1 && (child as Element).localName === 'template') continue;
      visit(child);
    }
    host = outerHost;
  };

  const visitSlot = (slot: HTMLSlotElement) => {
    const assigned =
      typeof slot.assignedNodes === 'function' ? slot.assignedNodes() : ([] as Node[]);
    const shown =
      assigned.length > 0 ? assigned : host ? slottedChildren(host, slot.getAttribute('name')) : [];
    if (shown.length === 0) return walkChildren(slot);
    // Slotted nodes belong to the host's own tree: their slots are the outer host's.
    const slotHost = host;
    host = null;
    for (const node of shown) visit(node);
    host = slotHost;
  };

  const budget = { nodes: MAX_NODES, exhausted: false };
  const root = doc.body ?? doc.documentElement;
  if (root) {
    block = root;
    walkChildren(root);
    flush();
  }
  return {
    lines,
    visibility,
    truncated: budget.exhausted,
    passwordFields,
    grids,
    stacks,
  };
}

function firstTextNode(element: Element): Text | null {
  for (let node: Node | null = element.firstChild; node;) {
    if (node.nodeType === 3 && NON_SPACE.test((node as Text).data)) return node as Text;
    node = node.firstChild ?? node.nextSibling ?? nextUp(node, element);
  }
  return null;
}

function nextUp(node: Node, stop: Node): Node | null {
  for (let up = node.parentNode; up && up !== stop; up = up.parentNode) {
    if (up.nextSibling) return up.nextSibling;
  }
  return null;
}

/** `<template shadowrootmode="open">` a parser without shadow-root support left in place. */
function declarativeShadow(element: Element): DocumentFragment | null {
  const first = element.firstElementChild;
  if (!first || first.localName !== 'template') return null;
  const mode = first.getAttribute('shadowrootmode') ?? first.getAttribute('shadowroot');
  if (mode !== 'open') return null;
  return (first as HTMLTemplateElement).content ?? null;
}

/** The host's children a slot named `name` (or the default slot) shows. */
function slottedChildren(host: Element, name: string | null): Node[] {
  const out: Node[] = [];
  for (let child = host.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      const element = child as Element;
      if (element.localName === 'template') continue;
      if ((element.getAttribute('slot') ?? null) === (name || null)) out.push(child);
    } else if (child.nodeType === 3 && !name) out.push(child);
  }
  return out;
}

/**
 * Where to resume in a long list: its last LIST_TAIL items (totals, pagers), when it has
 * more than LONG_LIST items and every skipped one shares the tag of `from`, the item
 * reached (a table's rows, a list's items). Null: read it whole.
 */
function longListSkip(list: ParentNode, from: Element): Element | null {
  let resume = list.lastElementChild;
  for (let i = 1; i < LIST_TAIL && resume; i += 1) resume = resume.previousElementSibling;
  const tag = from.localName;
  let count = LIST_HEAD;
  for (let item: Element | null = from; item && item !== resume; item = item.nextElementSibling) {
    if (item.localName !== tag) return null;
    count += 1;
  }
  return count > LONG_LIST - LIST_TAIL ? resume : null;
}

/**
 * Resolve a line's visibility: what the eye reads of it (`visibleText`), what names
 * things on it (`labelText`, with screen-reader-only text) and whether anything is left
 * to see. Cached on the line; the raw `text` is kept for offsets.
 */
export function ensureVisible(line: TextLine, page: PageText): TextLine {
  if (line.checked) return line;
  line.checked = true;
  let seen = '';
  let labels = '';
  let changed = false;
  for (const piece of line.pieces) {
    const parent = parentAcrossShadow(piece.node);
    const state = parent ? page.visibility(parent) : 'shown';
    if (state === 'hidden') {
      changed = true;
      continue;
    }
    labels += piece.data;
    if (state === 'shown' && page.visibility.textDrawn(piece.node)) seen += piece.data;
    else changed = true;
  }
  line.visibleText = changed ? collapseSpaces(seen).trim() : line.text;
  line.labelText = changed ? collapseSpaces(labels).trim() : line.text;
  line.visible = line.visibleText !== '' && !looksLikeJson(line.visibleText);
  if (!line.visible) line.visibleText = '';
  return line;
}

/** The line's folded text (lower case, no accents), computed once. */
export function foldedLine(line: TextLine): string {
  if (line.folded === '' && line.text !== '') line.folded = foldText(line.text);
  return line.folded;
}

/** Serialized data that leaked into the page as text (`{"saldo": 500, …}`) is not read. */
function looksLikeJson(text: string): boolean {
  const first = text[0];
  if (first !== '{' && first !== '[') return false;
  return /"\s*:/.test(text.slice(0, 200));
}
