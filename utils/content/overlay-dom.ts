/**
 * The in-page companion on carrier sites, in plain DOM: a quiet card in a bottom corner
 * that says what LineKeeper saved, or helps at the moment of paying; it folds itself into
 * a small pill after a few seconds unless the pointer or focus is inside it.
 *
 * It places the text the background wrote (OverlayText) and builds none: every string is
 * set as text (textContent, Element.append of strings), never parsed as markup. It lives in
 * a closed shadow root under its own element on <html>, so the page can neither style it
 * (overlay.css resets the host with `all: initial !important`) nor hear the keys and
 * clicks that land on it. No framework: every carrier page pays for this script.
 */
import type { OverlayCorner, OverlayText } from '../protocol/messages';

export const OVERLAY_TAG = 'linekeeper-overlay';
export const COLLAPSE_AFTER_MS = 8_000;

/** Events stopped at the shadow root, so the page's own handlers never see them. */
const ISOLATED_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
];

export interface OverlayActions {
  /** The close button: not on this page again. */
  dismiss(): void;
  /** "Don't show on this site". */
  hideSite(): void;
  /** "Enter it by hand": the popup's add-line form with what was read. */
  enterByHand(): void;
  /** Copies the masked page report; resolves to whether the clipboard took it. */
  copyReport(): Promise<boolean>;
  /** The card was moved to `corner` on this site. */
  move(corner: OverlayCorner): void;
  /** "Which is your line's expiry?": the user picked `date` among the reading's choices. */
  chooseExpiry(readingId: number, date: string): void;
  /** "What do these words mean?": LineKeeper's glossary in a tab. */
  openGlossary(): void;
}

export interface OverlayOptions {
  /** overlay.css, inlined. */
  css: string;
  actions: OverlayActions;
  /** Where the host element goes (document.documentElement on carrier pages). */
  parent: Element;
  /** 'closed' on carrier pages; the accessibility harness opens it for axe-core. */
  mode?: ShadowRootMode;
  collapseAfterMs?: number;
}

export interface Overlay {
  /** Shows a fresh, unfolded card for `text`, or nothing (null). */
  show(text: OverlayText | null): void;
  /** The host element once mounted: the page watcher ignores its coming and going. */
  readonly host: Element | null;
  /** Removes everything (the extension was updated or unloaded). */
  destroy(): void;
}

type Child = Node | string | null;

/** An element with a class and children; strings become text nodes. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children.filter((child): child is Node | string => child !== null));
  return node;
}

/** A button with its `data-lk` marker (tests and the copy status find them by it). */
function button(className: string, marker: string, onClick: () => void, ...children: Child[]) {
  const node = el('button', className, ...children);
  node.type = 'button';
  node.dataset.lk = marker;
  node.addEventListener('click', onClick);
  return node;
}

/** An icon button: its name is its label, its glyph is decoration. */
function iconButton(marker: string, label: string, glyph: string, onClick: () => void) {
  const node = button('lk-icon', marker, onClick, glyph);
  node.setAttribute('aria-label', label);
  node.title = label;
  return node;
}

function dot(color: string): HTMLElement {
  const node = el('span', 'lk-dot');
  node.style.background = color;
  node.setAttribute('aria-hidden', 'true');
  return node;
}

export function createOverlay(options: OverlayOptions): Overlay {
  const { actions } = options;
  let host: HTMLElement | null = null;
  let root: HTMLElement | null = null;
  let text: OverlayText | null = null;
  let corner: OverlayCorner = 'right';
  let card: HTMLElement | null = null;
  let pill: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Pointer or focus inside the card: it stays open.
  let pointerInside = false;
  let focusInside = false;

  const mount = (): HTMLElement => {
    if (root) return root;
    host = document.createElement(OVERLAY_TAG);
    const shadow = host.attachShadow({ mode: options.mode ?? 'closed' });
    for (const type of ISOLATED_EVENTS) {
      shadow.addEventListener(type, (event) => event.stopPropagation());
    }
    const style = el('style', '', options.css);
    root = el('div', 'lk-root');
    root.addEventListener('focusin', () => (focusInside = true));
    root.addEventListener('focusout', (event) => {
      focusInside = root?.contains(event.relatedTarget as Node | null) ?? false;
      if (!focusInside) armCollapse();
    });
    shadow.append(style, root);
    options.parent.append(host);
    return root;
  };

  const armCollapse = () => {
    clearTimeout(timer);
    if (!card?.isConnected) return;
    timer = setTimeout(() => {
      if (!pointerInside && !focusInside) swap(false);
    }, options.collapseAfterMs ?? COLLAPSE_AFTER_MS);
  };

  /** Shows the card (open) or the pill; focus inside follows to the one shown. */
  const swap = (open: boolean) => {
    if (!root || !card || !pill) return;
    const hadFocus = focusInside;
    clearTimeout(timer);
    pointerInside = focusInside = false;
    root.replaceChildren(open ? card : pill);
    if (hadFocus) (open ? card.querySelector('button') : pill)?.focus();
    if (open) armCollapse();
  };

  const place = () => {
    if (!root || !text) return;
    root.className = corner === 'left' ? 'lk-root lk-left' : 'lk-root';
    root.lang = text.lang;
  };

  const show = (next: OverlayText | null) => {
    clearTimeout(timer);
    text = next;
    pointerInside = focusInside = false;
    if (!next) {
      card = pill = null;
      root?.replaceChildren();
      return;
    }
    corner = next.corner;
    const shown = mount();
    card = renderCard(next);
    pill = renderPill(next);
    place();
    shown.replaceChildren(card);
    armCollapse();
  };

  const renderPill = (t: OverlayText): HTMLElement => {
    const node = button('lk-pill', 'expand', () => swap(true), dot(t.color));
    if (t.pill.urgencyWord) {
      node.classList.add(`lk-u-${t.pill.urgency}`);
      node.append(el('span', 'lk-word', t.pill.urgencyWord), ' ');
    }
    node.append(el('span', '', t.pill.text));
    node.setAttribute('aria-label', t.pill.label);
    return node;
  };

  const renderCard = (t: OverlayText): HTMLElement => {
    const moveLabel = () => (corner === 'left' ? t.moveRightLabel : t.moveLeftLabel);
    const moveGlyph = () => (corner === 'left' ? '→' : '←');
    const move = iconButton('move', moveLabel(), moveGlyph(), () => {
      corner = corner === 'left' ? 'right' : 'left';
      move.setAttribute('aria-label', moveLabel());
      move.title = moveLabel();
      move.textContent = moveGlyph();
      place();
      actions.move(corner);
    });
    const node = el(
      'section',
      `lk-card lk-${t.mode}`,
      el(
        'div',
        'lk-head',
        dot(t.color),
        el('strong', 'lk-brand', t.brand),
        move,
        iconButton('collapse', t.collapseLabel, '–', () => swap(false)),
        iconButton('dismiss', t.dismissLabel, '×', actions.dismiss),
      ),
      el('div', 'lk-body', ...renderBody(t)),
      el(
        'div',
        'lk-foot',
        button('lk-link', 'glossary', actions.openGlossary, t.glossaryLabel),
        ' · ',
        button('lk-link', 'hide-site', actions.hideSite, t.hideSiteLabel),
      ),
    );
    node.setAttribute('role', 'status');
    node.setAttribute('aria-label', t.brand);
    node.addEventListener('pointerenter', () => {
      pointerInside = true;
      clearTimeout(timer);
    });
    node.addEventListener('pointerleave', () => {
      pointerInside = false;
      armCollapse();
    });
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') swap(false);
    });
    return node;
  };

  const renderBody = (t: OverlayText): Child[] => {
    const title = t.title && el('p', t.title.mark === 'warn' ? 'lk-title lk-warn' : 'lk-title');
    if (title && t.title) {
      if (t.title.mark === 'ok') {
        const ok = el('span', 'lk-ok', '✓');
        ok.setAttribute('aria-hidden', 'true');
        title.append(ok, ' ');
      }
      title.append(t.title.text);
      title.dataset.lk = t.mode;
    }
    const balance =
      t.balance &&
      el(
        'p',
        '',
        t.balance.text,
        t.balance.change && el('span', 'lk-change', ` (${t.balance.change})`),
      );
    let recharge: HTMLElement | null = null;
    if (t.recharge) {
      const link = el('a', 'lk-button', t.recharge.label);
      link.href = t.recharge.url;
      link.target = '_blank';
      link.rel = 'noopener';
      recharge = el('p', 'lk-actions', link);
    }
    return [
      title,
      t.expiry && el('p', `lk-expiry lk-urgency-${t.expiry.urgency}`, t.expiry.text),
      t.body && el('p', 'lk-muted', t.body),
      t.note && el('p', 'lk-note', t.note),
      t.guidance && el('p', 'lk-note', t.guidance),
      balance,
      recharge,
      t.checklist &&
        el(
          'details',
          'lk-checklist',
          el('summary', '', t.checklist.summary),
          el('ul', '', ...t.checklist.items.map((item) => el('li', '', item))),
        ),
      t.steps && el('ol', 'lk-steps', ...t.steps.map((step) => el('li', '', step))),
      t.choice && renderChoice(t.choice),
      ...(t.unsure ? renderUnsure(t.unsure) : []),
    ];
  };

  /** The page's competing expiries: one real button each, and "Neither" to close the question. */
  const renderChoice = (choice: NonNullable<OverlayText['choice']>): HTMLElement => {
    const question = el('p', 'lk-title', choice.question);
    question.id = 'lk-choice-question';
    const neither = button(
      'lk-button lk-secondary',
      'choice-neither',
      () => {
        group.remove();
        if (focusInside) card?.querySelector('button')?.focus();
      },
      choice.neither,
    );
    const dates = choice.dates.map((date) => {
      const node = button(
        'lk-button',
        'choose-expiry',
        () => actions.chooseExpiry(choice.readingId, date.iso),
        date.label,
      );
      node.dataset.date = date.iso;
      return node;
    });
    const group = el('div', 'lk-choice', question, el('p', 'lk-actions', ...dates, neither));
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', question.id);
    group.dataset.lk = 'expiry-choice';
    return group;
  };

  /** Why the page was not read for sure, manual entry, the page report and how copying went. */
  const renderUnsure = (unsure: NonNullable<OverlayText['unsure']>): Child[] => {
    const why = el('p', 'lk-muted', unsure.text);
    if (unsure.expiryOnly) why.dataset.lk = 'expiry-unsure';
    // Present (empty) from the start, so screen readers announce the outcome when it comes.
    const status = el('p', 'lk-muted');
    status.setAttribute('role', 'status');
    const copy = () =>
      void actions.copyReport().then((copied) => {
        status.textContent = copied ? unsure.copied : unsure.copyFailed;
      });
    return [
      why,
      el(
        'p',
        'lk-actions',
        button('lk-button', 'enter-by-hand', actions.enterByHand, unsure.enterByHand),
        button('lk-button lk-secondary', 'copy-report', copy, unsure.copyReport),
      ),
      status,
    ];
  };

  return {
    show,
    get host() {
      return host;
    },
    destroy() {
      clearTimeout(timer);
      host?.remove();
      host = root = card = pill = text = null;
    },
  };
}
