/**
 * The page's text as a person reads it, as a list of lines: inline pieces are joined
 * (`$` `1.234` `,56` in three elements is one amount), block boundaries start a new line.
 *
 * One recursive pass over the DOM collects text nodes; it skips only what is never
 * displayed by its tag (scripts, form fields…). Whether a piece is hidden (attributes,
 * inline or stylesheet CSS) is decided lazily, and only for lines the engine looks at,
 * with a per-element cache: that keeps a 1 MB page cheap.
 */
import { collapseSpaces, foldText } from './text';

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
  /** False when every piece is hidden (or the line is leaked JSON). */
  visible: boolean;
  /** The text without hidden pieces; set by `ensureVisible`. */
  visibleText: string;
}

export interface PageText {
  lines: TextLine[];
  /** Decide visibility of one element (cached). */
  isElementHidden: (element: Element) => boolean;
  /** The work budget ran out before the end of the page. */
  truncated: boolean;
  /** Password inputs met on the way (their values are never read). */
  passwordFields: Element[];
}

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
      });
    }
    pieces = [];
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
      const piece = pendingSpace ? ' ' + text : text;
      pendingSpace = false;
      pieces.push({ node: node as Text, data: piece });
      raw += piece;
      hasText = true;
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
    if (tag === 'sup') {
      // `$ 1.234<sup>56</sup>`: superscript cents are the decimal part.
      const last = pieces[pieces.length - 1];
      const supText = element.textContent ?? '';
      if (last && /\d$/.test(last.data) && /^\s*\d{2}\s*$/.test(supText)) {
        pieces.push({ node: last.node, data: ',' });
        raw += ',';
      }
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    depth += 1;
    const outerBlock = block;
    if (isBlock) block = element;
    const shadow = (element as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
    if (shadow) {
      walkShadow(shadow);
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
    if (isBlock) {
      flush();
      block = outerBlock;
    }
  };

  const walkShadow = (shadow: ShadowRoot) => {
    for (let child = shadow.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && (child as Element).localName === 'slot') {
        const slot = child as HTMLSlotElement;
        const assigned = typeof slot.assignedNodes === 'function' ? slot.assignedNodes() : [];
        if (assigned.length > 0) for (const node of assigned) visit(node);
        else walkChildren(slot);
      } else {
        visit(child);
      }
    }
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
    isElementHidden: makeHiddenCheck(doc),
    truncated: budget.exhausted,
    passwordFields,
  };
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
 * Hidden = an attribute says so (`hidden`, `aria-hidden="true"`, `inert`), it is editable
 * (form input), an inline or stylesheet rule hides it, or any ancestor is hidden.
 * Uses the browser's own `checkVisibility` when there is one (real computed styles).
 */
function makeHiddenCheck(doc: Document): (element: Element) => boolean {
  const view = doc.defaultView as (Window & typeof globalThis) | null;

  const hiddenHere = (element: Element): boolean => {
    if (element.hasAttribute('hidden')) return true;
    if (element.getAttribute('aria-hidden') === 'true') return true;
    if (element.hasAttribute('inert')) return true;
    const editable = element.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    const style = element.getAttribute('style');
    return Boolean(style && /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)/i.test(style));
  };

  const hiddenByStyle = (element: Element): boolean => {
    const checker = (element as Element & { checkVisibility?: (options?: object) => boolean })
      .checkVisibility;
    if (typeof checker === 'function') {
      try {
        return !checker.call(element, { visibilityProperty: true, checkVisibilityCSS: true });
      } catch {
        // fall through to computed style
      }
    }
    try {
      const style = view?.getComputedStyle?.(element);
      return style?.display === 'none' || style?.visibility === 'hidden';
    } catch {
      return false;
    }
  };

  /** `isHidden` for an element, or (when `deep`) for any of its ancestors; cached. */
  const cachedCheck = (isHidden: (element: Element) => boolean, deep: boolean) => {
    const cache = new Map<Element, boolean>();
    const check = (element: Element): boolean => {
      let hidden = cache.get(element);
      if (hidden === undefined) {
        const parent = parentAcrossShadow(element);
        hidden = isHidden(element) || (deep && parent !== null && check(parent));
        cache.set(element, hidden);
      }
      return hidden;
    };
    return check;
  };

  // Attribute checks walk up with a cache; the style check (which already covers
  // ancestors in `checkVisibility`) runs once per element that passed them.
  const hiddenByAttributes = cachedCheck(hiddenHere, true);
  // Without checkVisibility, `display:none` on an ancestor does not show in a child's
  // computed style: check the ancestors too.
  const hiddenByStyleDeep = cachedCheck(
    hiddenByStyle,
    typeof (doc.documentElement as Element & { checkVisibility?: unknown })?.checkVisibility !==
      'function',
  );

  return (element: Element) => hiddenByAttributes(element) || hiddenByStyleDeep(element);
}

/** The parent element, or the shadow host for a node at the top of a shadow tree. */
function parentAcrossShadow(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode as (Node & { host?: Element }) | null;
  return root && root.host ? root.host : null;
}

/**
 * Resolve a line's visibility: its text without hidden pieces (`visibleText`) and whether
 * anything is left. Cached on the line; the raw `text` is kept for context.
 */
export function ensureVisible(line: TextLine, page: PageText): TextLine {
  if (line.checked) return line;
  line.checked = true;
  let visibleRaw = '';
  let changed = false;
  for (const piece of line.pieces) {
    const parent = parentAcrossShadow(piece.node);
    if (parent && page.isElementHidden(parent)) changed = true;
    else visibleRaw += piece.data;
  }
  line.visibleText = changed ? collapseSpaces(visibleRaw).trim() : line.text;
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
