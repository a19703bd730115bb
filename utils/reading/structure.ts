/**
 * What the page's structure says about a piece of text, before any word is read:
 * - its **region**: the page's chrome (navigation, menus, footers, link lists, help and
 *   FAQ blocks, chat widgets), a link or button, an outcome place (a heading, an alert or
 *   status region) or the main content;
 * - whether it sits in a **repeated entry**: one row of a history, a feed or a list of
 *   other lines (several siblings of the same shape, each with its own amount and date);
 * - whether it belongs to the **selected line** of a line switcher, or to another line.
 * Every answer is cached per element; each costs a short walk up the tree.
 */
import { foldText } from './text';
import { HISTORY_WORDS } from './vocabulary';
import { parentAcrossShadow } from './visibility';

export interface Region {
  /** Navigation, menu, footer, list of links, help/FAQ, chat: the page's furniture. */
  chrome: boolean;
  /** Inside a link or a button: a thing to click, not a statement. */
  control: boolean;
  /** A heading, an alert or a status region: where a page states an outcome. */
  outcome: boolean;
  /** A heading element (or role=heading). */
  heading: boolean;
}

const CHROME_TAGS = new Set(['nav', 'footer', 'menu']);
const CHROME_ROLES = /^(?:navigation|menu|menubar|contentinfo|tablist|toolbar|search)$/;
const CONTROL_TAGS = new Set(['a', 'button', 'summary', 'label']);
const CONTROL_ROLES = /^(?:link|button|menuitem|menuitemradio|menuitemcheckbox|tab|option)$/;
/** Words in an id or a class that name the page's furniture. */
const CHROME_NAMES =
  /(?:^|[\s_-])(?:nav|navbar|menu|footer|breadcrumbs?|faq|faqs|help|ayuda|chat|chatbot|livechat|cookies?|consent|sidebar-menu|quick-?links|links)(?:$|[\s_-])/i;
/** Headings of help and FAQ blocks. */
const HELP_HEADING =
  /preguntas frecuentes|ayuda|te puede interesar|necesitas ayuda|centro de ayuda|como (?:hago|puedo)|consultas frecuentes|dudas/;
const OUTCOME_ROLES = /^(?:alert|status|alertdialog)$/;

export interface PageStructure {
  region(element: Element): Region;
  /** The value's entry is one of several same-shaped rows (history, feed, other lines). */
  inRepeatedEntry(element: Element): boolean;
  /** 'selected': in the chosen entry of a line switcher; 'other': in another entry. */
  lineEntry(element: Element): 'selected' | 'other' | null;
}

/**
 * `hasValue(text)`: whether a row's text holds an amount or a date; `isRendered(element)`:
 * whether it is on screen at all (hidden tab panels are not rows of anything).
 */
export function makePageStructure(
  hasValue: (text: string) => 'money' | 'date' | 'both' | null,
  isRendered: (element: Element) => boolean,
): PageStructure {
  const regions = new Map<Element, Region>();
  /** parent → signature of its children → whether they are repeated rows. */
  const repeated = new Map<Element, Map<string, boolean>>();
  const entries = new Map<Element, 'selected' | 'other' | null>();

  const region = (element: Element): Region => {
    const cached = regions.get(element);
    if (cached) return cached;
    const parent = parentAcrossShadow(element);
    const above: Region = parent
      ? region(parent)
      : { chrome: false, control: false, outcome: false, heading: false };
    const tag = element.localName;
    const role = element.getAttribute('role') ?? '';
    const heading = /^h[1-6]$/.test(tag) || role === 'heading';
    const ariaLive = element.getAttribute('aria-live');
    const answer: Region = {
      chrome: above.chrome || isChrome(element, tag, role),
      control: above.control || CONTROL_TAGS.has(tag) || CONTROL_ROLES.test(role),
      outcome:
        above.outcome ||
        heading ||
        OUTCOME_ROLES.test(role) ||
        ariaLive === 'assertive' ||
        ariaLive === 'polite',
      heading: above.heading || heading,
    };
    regions.set(element, answer);
    return answer;
  };

  const isChrome = (element: Element, tag: string, role: string): boolean => {
    if (CHROME_TAGS.has(tag) || CHROME_ROLES.test(role)) return true;
    if (tag === 'details') return true;
    const names = `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`;
    if (names.length > 1 && CHROME_NAMES.test(names)) return true;
    if (tag === 'ul' || tag === 'ol' || tag === 'dl' || tag === 'section' || tag === 'div') {
      if ((tag === 'ul' || tag === 'ol') && isLinkList(element)) return true;
      // A block under a help heading ("Preguntas frecuentes", "¿Necesitás ayuda?").
      const first = element.firstElementChild;
      if (first && /^h[1-6]$/.test(first.localName)) {
        return HELP_HEADING.test(foldText(textStart(first, 80)));
      }
    }
    return false;
  };

  /** Most items are one link each: a menu, whatever its tag. */
  const isLinkList = (list: Element): boolean => {
    let items = 0;
    let links = 0;
    for (let item = list.firstElementChild; item && items < 30; item = item.nextElementSibling) {
      items += 1;
      const only = item.firstElementChild;
      if (
        only &&
        only === item.lastElementChild &&
        (only.localName === 'a' || only.localName === 'button') &&
        textStart(item, 120).trim() === textStart(only, 120).trim()
      ) {
        links += 1;
      }
    }
    return items >= 2 && links * 3 >= items * 2;
  };

  /**
   * Several siblings of this element's shape (3 or more, counting it), most of which hold
   * both an amount and a date of their own: the rows of a history or a feed.
   */
  const isRepeatedRow = (element: Element): boolean => {
    const parent = element.parentElement;
    if (!parent || parent.childElementCount < 3) return false;
    // A table's cells are columns of one row, not rows (isListCell in the engine knows tables).
    const tag = element.localName;
    if (tag === 'td' || tag === 'th') return false;
    const mine = shape(element);
    let groups = repeated.get(parent);
    if (!groups) repeated.set(parent, (groups = new Map()));
    const cached = groups.get(mine);
    if (cached !== undefined) return cached;
    // Siblings of the same shape first (cheap); only three or more are worth reading.
    const alike: Element[] = [];
    let looked = 0;
    for (
      let sibling = parent.firstElementChild;
      sibling && looked < 40;
      sibling = sibling.nextElementSibling
    ) {
      looked += 1;
      if (shape(sibling) === mine) alike.push(sibling);
    }
    let same = 0;
    let withBoth = 0;
    if (alike.length >= 3) {
      for (let i = 0; i < alike.length; i += 1) {
        const sibling = alike[i]!;
        if (isRendered(sibling)) {
          same += 1;
          if (hasValue(textStart(sibling, 300)) === 'both') withBoth += 1;
        }
        // Stop once the rest could not make it rows (cells of one row: one value each).
        const mostWithBoth = withBoth + alike.length - 1 - i;
        if (mostWithBoth < 3 || mostWithBoth * 3 < same * 2) break;
      }
    }
    const answer = same >= 3 && withBoth >= 3 && withBoth * 3 >= same * 2;
    // One answer for every sibling of this shape: the next value looks no further.
    groups.set(mine, answer);
    return answer;
  };

  const histories = new Map<Element, boolean>();
  /** A section whose heading names the past ("Movimientos", "Tus recargas anteriores"). */
  const isHistorySection = (element: Element): boolean => {
    let answer = histories.get(element);
    if (answer === undefined) {
      answer = false;
      let child = element.firstElementChild;
      for (let i = 0; child && i < 2; i += 1, child = child.nextElementSibling) {
        const tag = child.localName;
        if (/^h[1-6]$/.test(tag) || child.getAttribute('role') === 'heading' || tag === 'legend') {
          answer = HISTORY_WORDS.test(foldText(textStart(child, 80)));
          break;
        }
      }
      histories.set(element, answer);
    }
    return answer;
  };

  /** Whether `node` itself is an entry of a list or a history (memoised: rows share it). */
  const entryMemo = new Map<Element, boolean>();
  const isEntry = (node: Element): boolean => {
    let answer = entryMemo.get(node);
    if (answer === undefined) {
      answer = (isRepeatedRow(node) && lineEntry(node) !== 'selected') || isHistorySection(node);
      entryMemo.set(node, answer);
    }
    return answer;
  };

  const inRepeatedEntry = (element: Element): boolean => {
    let node: Element | null = element;
    for (let depth = 0; node && depth < 6; depth += 1, node = node.parentElement) {
      if (node.localName === 'body' || node.localName === 'main') return false;
      if (isEntry(node)) return true;
    }
    return false;
  };

  /** parent → signature → the one marked entry among its children of that shape, or null. */
  const switchers = new Map<Element, Map<string, Element | null>>();
  const markedEntryAmong = (parent: Element, mine: string): Element | null => {
    let groups = switchers.get(parent);
    if (!groups) switchers.set(parent, (groups = new Map()));
    if (groups.has(mine)) return groups.get(mine)!;
    // An only child chooses among nothing (wrapper chains: nothing to scan).
    if (parent.childElementCount < 2) {
      groups.set(mine, null);
      return null;
    }
    // Entries of a line switcher each show a line (its number, maybe masked): those first,
    // and only among two or more of them is one looked for as chosen (the costly part).
    const candidates: Element[] = [];
    let lines = 0;
    let looked = 0;
    for (
      let child = parent.firstElementChild;
      child && looked < 40;
      child = child.nextElementSibling
    ) {
      looked += 1;
      if (signature(child) !== mine) continue;
      candidates.push(child);
      if (PHONE_LIKE.test(textStart(child, 200))) lines += 1;
    }
    const marked =
      lines >= 2 ? candidates.filter((entry) => isMarked(entry) || hasMarkedDescendant(entry)) : [];
    // A switcher has one chosen entry among several lines; all or none marked is none.
    const answer = marked.length === 1 ? marked[0]! : null;
    groups.set(mine, answer);
    return answer;
  };

  /**
   * A line switcher: among an element's ancestors (6 at most), one whose siblings of the
   * same shape include exactly one marked as chosen. Inside the marked one: 'selected';
   * inside another: 'other'.
   */
  const lineEntry = (element: Element): 'selected' | 'other' | null => {
    if (entries.has(element)) return entries.get(element)!;
    let answer: 'selected' | 'other' | null = null;
    let node: Element | null = element;
    for (let depth = 0; node && depth < 6 && answer === null; depth += 1) {
      const parent: Element | null = node.parentElement;
      if (!parent || node.localName === 'body' || node.localName === 'main') break;
      const chosen = markedEntryAmong(parent, signature(node));
      if (chosen) answer = chosen === node ? 'selected' : 'other';
      node = parent;
    }
    entries.set(element, answer);
    return answer;
  };

  return { region, inRepeatedEntry, lineEntry };
}

/** Same tag and classes (state classes aside): the mark of one row of many. */
function signature(element: Element): string {
  return `${element.localName}.${(element.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((c) => c && !STATE_CLASS.test(c))
    // BEM modifiers (`movement--credit`) vary between rows of one list.
    .map((c) => c.replace(/--.*$/, ''))
    .sort()
    .join('.')}`;
}

/**
 * A row's shape: its signature and its children's tags. The rows of a feed come from one
 * template; a dashboard's cards share their classes but not their insides.
 */
function shape(element: Element): string {
  let children = '';
  let count = 0;
  for (
    let child = element.firstElementChild;
    child && count < 12;
    child = child.nextElementSibling
  ) {
    children += `${child.localName},`;
    count += 1;
  }
  return `${signature(element)}>${children}`;
}

const STATE_CLASS =
  /^(?:is-|has-)?(?:active|selected|current|checked|open|expanded|focus(?:ed)?|hover)$|--(?:active|selected|current|checked)$/i;

/** A class token that states "chosen": `active`, `is-selected`, `line--current`, `tab_active`. */
const MARKED_TOKEN =
  /^(?:is-)?(?:active|selected|current|checked)$|(?:--|__|[-_])(?:active|selected|current)$/i;
/** A phone number as a switcher's entry shows it: 8 or more digits or mask marks in groups. */
const PHONE_LIKE = /(?:[\d*•●xX][\s().-]?){8,}/;

/** Words that mark the chosen entry of a list of lines. */
const SELECTED_WORDS =
  /linea seleccionada|\bseleccionad[ao]\b|\(actual\)|linea actual|estas viendo/;

/** ARIA state or a conventional class that says "chosen". */
function hasMarkState(node: Element): boolean {
  const current = node.getAttribute('aria-current');
  return (
    node.getAttribute('aria-selected') === 'true' ||
    (current !== null && current !== 'false') ||
    node.getAttribute('aria-checked') === 'true' ||
    node.getAttribute('aria-pressed') === 'true' ||
    (node.getAttribute('class') ?? '').split(/\s+/).some((token) => MARKED_TOKEN.test(token))
  );
}

/** Marked as the chosen one: ARIA state, a conventional class, a checked radio, or words. */
export function isMarked(node: Element): boolean {
  if (hasMarkState(node) || hasCheckedInput(node)) return true;
  const text = textStart(node, 200);
  return text.length > 0 && SELECTED_WORDS.test(foldText(text));
}

/** A mark of choice on one of an entry's first descendants (`<li><button aria-pressed>`). */
function hasMarkedDescendant(entry: Element): boolean {
  return someDescendant(entry, 20, hasMarkState);
}

/** A checked radio or checkbox among the first few descendants (bounded: entries are small). */
function hasCheckedInput(node: Element): boolean {
  return someDescendant(node, 40, (element) => {
    if (element.localName !== 'input') return false;
    const input = element as HTMLInputElement;
    return (
      (input.type === 'radio' || input.type === 'checkbox') &&
      (input.checked || input.hasAttribute('checked'))
    );
  });
}

/** Whether one of an element's first `limit` descendants (depth first) passes `test`. */
function someDescendant(element: Element, limit: number, test: (el: Element) => boolean): boolean {
  let visited = 0;
  const walk = (node: Element): boolean => {
    const children = node.children;
    for (let i = 0; i < children.length && visited < limit; i += 1) {
      const child = children[i]!;
      visited += 1;
      if (test(child) || walk(child)) return true;
    }
    return false;
  };
  return walk(element);
}

/**
 * The first `max` characters of an element's text, reading no further than that (an
 * ancestor's whole textContent on a 1 MB page would be a 1 MB string each time).
 */
export function textStart(element: Element, max: number): string {
  let out = '';
  let visited = 0;
  const walk = (node: Node): void => {
    if (out.length >= max || visited >= 400) return;
    visited += 1;
    if (node.nodeType === 3) {
      out += (node as Text).data;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).localName;
    if (tag === 'script' || tag === 'style' || tag === 'template') return;
    const children = node.childNodes;
    for (let i = 0; i < children.length && out.length < max && visited < 400; i += 1) {
      walk(children[i]!);
    }
  };
  walk(element);
  return out.slice(0, max);
}
