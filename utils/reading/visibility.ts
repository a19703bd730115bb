/**
 * Whether a person sees an element's text. Three answers:
 * - `shown`: rendered where the eye can read it;
 * - `clipped`: rendered for assistive technology only (clipped to a pixel, or placed far
 *   outside the page: the "screen-reader only" pattern). It may name a visible value, but
 *   it is never a value itself;
 * - `hidden`: not rendered (`hidden`, `display: none`, `visibility: hidden`, `opacity: 0`,
 *   a closed dialog, a form field or editable region, a box of no size that clips).
 * Rendered `aria-hidden="true"` text is seen by the eye, so it is `shown`.
 *
 * In a browser the answer comes from computed styles and layout. Without layout (the Node
 * DOM the tests use) it comes from computed styles alone, with the usual CSS patterns for
 * zero-size and off-screen boxes. Every answer is cached per element.
 */

export type Visibility = 'shown' | 'clipped' | 'hidden';

/** Text typed into the page is never read (as with form inputs). */
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
/** How far up a browser looks for the clipping that makes text 'clipped'. */
const NEAR_ANCESTORS = 8;

/** Beyond this far outside the page, a box is "placed far outside" (screen-reader only). */
const FAR_OUTSIDE_PX = 1000;
/** A clipping box this small shows nothing readable. */
const TINY_PX = 2;

type StyleSource = (element: Element) => CSSStyleDeclaration | null;

export interface VisibilityCheck {
  (element: Element): Visibility;
  /** True when the document has layout (a real browser): geometry is trusted. */
  readonly hasLayout: boolean;
  /**
   * With layout: whether this text node draws any glyph inside every box that clips it
   * (a carousel's slide moved out of its window, a collapsed accordion panel). Without
   * layout: always true (the element checks above are all there is).
   */
  textDrawn(node: Text): boolean;
  /**
   * How an element lays out its children, cached per look (tag, classes, inline style):
   * `grid` with its column count (0 when unknown), `block` for a custom element drawn as a
   * block, else `inline`. Pages repeat the same few looks, so a 1 MB page asks the
   * browser a few hundred times at most.
   */
  layoutOf(element: Element): Layout;
}

export type Layout =
  | { kind: 'grid'; columns: number }
  | { kind: 'block' }
  | { kind: 'inline' }
  /** `display: contents`: no box of its own; its children are its parent's items. */
  | { kind: 'contents' }
  /** A flex column: its children are stacked, each one a line. */
  | { kind: 'stack' };

const INLINE: Layout = { kind: 'inline' };
const BLOCK: Layout = { kind: 'block' };
const CONTENTS: Layout = { kind: 'contents' };
const STACK: Layout = { kind: 'stack' };
const BLOCK_DISPLAY = /^(?:block|flex|grid|list-item|table|flow-root)/;

/**
 * Columns of a `grid-template-columns` value: a browser's resolved track list
 * (`260px 120px`), or an author's (`1fr auto`, `repeat(3, 1fr)`). 0 when not countable
 * (`repeat(auto-fill, …)` without layout).
 */
export function countGridColumns(value: string): number {
  const tracks = value.replace(/\[[^\]]*\]/g, ' ').trim();
  if (!tracks || tracks === 'none') return 0;
  let count = 0;
  let depth = 0;
  let token = '';
  const close = () => {
    const repeat = /^repeat\(\s*(\d+)\s*,(.*)\)$/.exec(token);
    if (repeat) count += Number(repeat[1]) * countGridColumns(repeat[2] ?? '');
    else if (/^repeat\(/.test(token)) count = NaN;
    else if (token) count += 1;
    token = '';
  };
  for (const char of tracks) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth === 0 && /\s/.test(char)) close();
    else token += char;
  }
  close();
  return Number.isFinite(count) ? count : 0;
}

/** The parent element, or the shadow host for a node at the top of a shadow tree. */
export function parentAcrossShadow(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode as (Node & { host?: Element }) | null;
  return root && root.host ? root.host : null;
}

export function makeVisibilityCheck(doc: Document): VisibilityCheck {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const root = doc.documentElement;
  const rootRect = root?.getBoundingClientRect?.();
  const hasLayout = Boolean(rootRect && (rootRect.width > 0 || rootRect.height > 0));
  // A real browser computes styles fast; a DOM without layout (the tests' Node DOM) gets a
  // small cascade of the few properties that hide things, built once.
  const styleOf: StyleSource = hasLayout
    ? (element) => {
        try {
          return view?.getComputedStyle?.(element) ?? null;
        } catch {
          return null;
        }
      }
    : makeSmallCascade(doc);
  const cache = new Map<Element, Visibility>();
  const layouts = new Map<string, Layout>();
  const layoutOf = (element: Element): Layout => {
    const key = `${element.localName} ${element.getAttribute('class') ?? ''} ${element.getAttribute('style') ?? ''}`;
    let layout = layouts.get(key);
    if (layout === undefined) {
      let style: CSSStyleDeclaration | null = null;
      try {
        style = styleOf(element);
      } catch {
        style = null;
      }
      const display = style?.display ?? '';
      if (/grid/.test(display)) {
        layout = { kind: 'grid', columns: countGridColumns(style?.gridTemplateColumns ?? '') };
      } else if (display === 'contents') layout = CONTENTS;
      else if (/flex/.test(display) && /column/.test(style?.flexDirection ?? '')) layout = STACK;
      else layout = BLOCK_DISPLAY.test(display) ? BLOCK : INLINE;
      layouts.set(key, layout);
    }
    return layout;
  };

  const own = (element: Element): Visibility => {
    if (element.hasAttribute('hidden') && element.localName !== 'slot') return 'hidden';
    const editable = element.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return 'hidden';
    if (element.localName === 'dialog' && !element.hasAttribute('open')) return 'hidden';
    try {
      return byComputedStyle(element);
    } catch {
      // A DOM that cannot compute this element's style (pathological nesting): attributes only.
      return 'shown';
    }
  };

  const byComputedStyle = (element: Element): Visibility => {
    const style = styleOf(element);
    if (!style) {
      const inline = element.getAttribute('style') ?? '';
      return /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)/i.test(
        inline,
      )
        ? 'hidden'
        : 'shown';
    }
    if (style.display === 'none') return 'hidden';
    if (style.visibility === 'hidden' || style.visibility === 'collapse') return 'hidden';
    if (style.opacity !== '' && Number(style.opacity) === 0) return 'hidden';
    if (style.contentVisibility === 'hidden') return 'hidden';
    return hasLayout ? byLayout(element, style) : byStyle(style);
  };

  /** A box that clips its content to (almost) nothing, or sits far outside the page. */
  const byLayout = (element: Element, style: CSSStyleDeclaration): Visibility => {
    const clips =
      style.overflow !== 'visible' || style.clip !== 'auto' || style.clipPath !== 'none';
    if (!clips && style.position !== 'absolute' && style.position !== 'fixed') return 'shown';
    const rect = element.getBoundingClientRect();
    if (clips && (rect.width <= TINY_PX || rect.height <= TINY_PX)) {
      // Zero size with nothing visible at all is not rendered; a pixel is the SR pattern.
      return rect.width === 0 && rect.height === 0 ? 'hidden' : 'clipped';
    }
    if (/^rect\(\s*0/.test(style.clip) || /inset\(\s*50%/.test(style.clipPath)) return 'clipped';
    const scrollX = view?.scrollX ?? 0;
    const scrollY = view?.scrollY ?? 0;
    if (
      rect.right + scrollX < -FAR_OUTSIDE_PX / 10 ||
      rect.bottom + scrollY < -FAR_OUTSIDE_PX / 10 ||
      rect.left + scrollX > Math.max(root?.scrollWidth ?? 0, 1) + FAR_OUTSIDE_PX
    ) {
      return 'clipped';
    }
    return 'shown';
  };

  /** Without layout: the common CSS patterns for the same boxes. */
  const byStyle = (style: CSSStyleDeclaration): Visibility => {
    const clip = style.clip ?? '';
    const clipPath = style.clipPath ?? '';
    if (/^rect\(\s*0/.test(clip) || /inset\(\s*50%/.test(clipPath)) return 'clipped';
    const clips = (style.overflow ?? '') !== '' && style.overflow !== 'visible';
    const px = (value: string) => (/^-?[\d.]+px$/.test(value) ? parseFloat(value) : NaN);
    const width = px(style.width);
    const height = px(style.height);
    if (clips && (width === 0 || height === 0)) {
      return width === 0 && height === 0 ? 'hidden' : 'clipped';
    }
    if (clips && width <= 1 && height <= 1) return 'clipped';
    if (style.position === 'absolute' || style.position === 'fixed') {
      const left = px(style.left);
      const top = px(style.top);
      if (left <= -FAR_OUTSIDE_PX / 10 || top <= -FAR_OUTSIDE_PX / 10) return 'clipped';
    }
    const transform = style.transform ?? '';
    if (/translate[XY]?\(\s*-\d{4,}px/.test(transform)) return 'clipped';
    return 'shown';
  };

  // In a browser, whether anything hides an element is one native call
  // (checkVisibility walks the flat tree's ancestors itself); only the clipping that makes
  // text 'clipped' (screen-reader-only boxes, off-screen copies) is looked for in script,
  // on the element and its nearest ancestors. Deep wrapper chains then cost one call per
  // element asked about, not a computed style for every ancestor.
  const native =
    hasLayout &&
    typeof (root as { checkVisibility?: unknown } | null)?.checkVisibility === 'function';
  const ownCache = new Map<Element, Visibility>();
  const ownCached = (element: Element): Visibility => {
    let mine = ownCache.get(element);
    if (mine === undefined) ownCache.set(element, (mine = own(element)));
    return mine;
  };
  const nativeCheck = (element: Element): Visibility => {
    let answer: Visibility = 'shown';
    const drawn = (
      element as Element & { checkVisibility(options: Record<string, boolean>): boolean }
    ).checkVisibility({
      opacityProperty: true,
      visibilityProperty: true,
      checkOpacity: true,
      checkVisibilityCSS: true,
    });
    if (!drawn || element.closest(EDITABLE)) answer = 'hidden';
    else {
      let node: Element | null = element;
      for (let depth = 0; node && depth < NEAR_ANCESTORS; depth += 1) {
        const mine = ownCached(node);
        if (mine === 'hidden') {
          answer = 'hidden';
          break;
        }
        if (mine === 'clipped') answer = 'clipped';
        node = parentAcrossShadow(node);
      }
    }
    cache.set(element, answer);
    return answer;
  };

  const check = (element: Element): Visibility => {
    const cached = cache.get(element);
    if (cached !== undefined) return cached;
    if (native) return nativeCheck(element);
    const parent = parentAcrossShadow(element);
    const inherited = parent ? check(parent) : 'shown';
    let answer: Visibility;
    if (inherited === 'hidden') answer = 'hidden';
    else {
      const mine = own(element);
      answer = mine === 'hidden' ? 'hidden' : inherited === 'clipped' ? 'clipped' : mine;
    }
    cache.set(element, answer);
    return answer;
  };
  const clipRect = new Map<Element, DOMRect | null>();
  /** The box an element clips its content to, or null when it clips nothing. */
  const clipBoxOf = (element: Element): DOMRect | null => {
    if (clipRect.has(element)) return clipRect.get(element)!;
    const style = styleOf(element);
    const box =
      style && (style.overflow !== 'visible' || style.contain.includes('paint'))
        ? element.getBoundingClientRect()
        : null;
    clipRect.set(element, box);
    return box;
  };

  const textDrawn = (node: Text): boolean => {
    if (!hasLayout) return true;
    const range = doc.createRange();
    range.selectNodeContents(node);
    const rects = range.getClientRects();
    if (rects.length === 0) return false;
    let { left, top, right, bottom } = range.getBoundingClientRect();
    if (right - left <= 0 || bottom - top <= 0) return false;
    // Up to the page, every clipping ancestor shrinks the box; nothing left = not drawn.
    let depth = 0;
    for (
      let el = parentAcrossShadow(node);
      el && depth < 40;
      el = parentAcrossShadow(el), depth++
    ) {
      if (el === doc.body || el === root) break;
      const clip = clipBoxOf(el);
      if (!clip) continue;
      left = Math.max(left, clip.left);
      top = Math.max(top, clip.top);
      right = Math.min(right, clip.right);
      bottom = Math.min(bottom, clip.bottom);
      if (right - left < 1 || bottom - top < 1) return false;
    }
    return true;
  };

  return Object.assign(check, { hasLayout, textDrawn, layoutOf });
}

/** The properties that can hide text or lay text out in a grid, as a small cascade reads them. */
const HIDING_PROPERTIES = [
  'display',
  'grid-template-columns',
  'flex-direction',
  'visibility',
  'opacity',
  'overflow',
  'clip',
  'clip-path',
  'position',
  'left',
  'top',
  'width',
  'height',
  'transform',
  'content-visibility',
] as const;

interface SmallRule {
  selector: string;
  declarations: [string, string][];
}

/**
 * Without layout: the stylesheet rules that set a hiding property, matched per element in
 * source order (later wins; inline style last). Specificity and inheritance are left out:
 * the checks walk up the ancestors anyway, and pages rarely fight over these properties.
 */
function makeSmallCascade(doc: Document): StyleSource {
  const rules: SmallRule[] = [];
  const collect = (list: CSSRuleList | undefined) => {
    for (const rule of Array.from(list ?? [])) {
      const nested = (rule as CSSGroupingRule).cssRules;
      if (nested && !(rule as CSSStyleRule).selectorText) {
        collect(nested);
        continue;
      }
      const styleRule = rule as CSSStyleRule;
      if (!styleRule.selectorText || !styleRule.style) continue;
      const declarations: [string, string][] = [];
      for (const property of HIDING_PROPERTIES) {
        const value = styleRule.style.getPropertyValue(property);
        if (value) declarations.push([property, value.trim()]);
      }
      if (declarations.length > 0) rules.push({ selector: styleRule.selectorText, declarations });
    }
  };
  try {
    for (const sheet of Array.from(doc.styleSheets ?? [])) collect(sheet.cssRules);
  } catch {
    // An unreadable sheet hides nothing we can know of.
  }
  return (element) => {
    const values = new Map<string, string>();
    for (const rule of rules) {
      let matches = false;
      try {
        matches = element.matches(rule.selector);
      } catch {
        matches = false;
      }
      if (matches) for (const [property, value] of rule.declarations) values.set(property, value);
    }
    const inline = (element as HTMLElement).style;
    if (inline) {
      for (const property of HIDING_PROPERTIES) {
        const value = inline.getPropertyValue?.(property);
        if (value) values.set(property, value.trim());
      }
    }
    const get = (property: string, fallback: string) => values.get(property) ?? fallback;
    return {
      display: get('display', ''),
      visibility: get('visibility', 'visible'),
      opacity: get('opacity', '1'),
      overflow: get('overflow', 'visible'),
      clip: get('clip', 'auto'),
      clipPath: get('clip-path', 'none'),
      position: get('position', 'static'),
      left: get('left', 'auto'),
      top: get('top', 'auto'),
      width: get('width', 'auto'),
      height: get('height', 'auto'),
      transform: get('transform', 'none'),
      contentVisibility: get('content-visibility', 'visible'),
      gridTemplateColumns: get('grid-template-columns', 'none'),
      flexDirection: get('flex-direction', 'row'),
      contain: '',
    } as unknown as CSSStyleDeclaration;
  };
}
