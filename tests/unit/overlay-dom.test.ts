/**
 * The overlay in plain DOM (utils/content/overlay-dom.ts) under happy-dom: it places the
 * background's text as text, folds and unfolds, keeps its events to itself, and moves.
 * The real browser checks (closed root, hostile CSS, axe) are in tests/e2e/overlay*.spec.ts.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localizerFor } from '../../utils/background/localizer';
import { overlayText } from '../../utils/background/overlay-text';
import { claro } from '../../utils/carriers/claro';
import {
  COLLAPSE_AFTER_MS,
  OVERLAY_TAG,
  createOverlay,
  type OverlayActions,
} from '../../utils/content/overlay-dom';
import type { OverlayView } from '../../utils/content/overlay-view';
import type { OverlayText } from '../../utils/protocol/messages';
import { catalogFor } from '../support/i18n';
import { savedView } from '../support/overlay-samples';

// Five days left, and a page that gave no sure expiry (manual entry is offered).
const saved = savedView({ daysLeft: 5 }, -150, { expiresOn: null });

function textFor(view: OverlayView, locale: 'en' | 'es' = 'en'): OverlayText {
  return overlayText({
    view,
    carrier: claro,
    localizer: localizerFor(locale, catalogFor(locale)),
    corner: 'right',
    leadWindow: 7,
  });
}

// A happy-dom window as the page (the overlay uses the global document, as on a page).
const page = new Window({ url: 'https://m-miclaro.claro.com.ar/consumos' });
const document = page.document as unknown as Document;
const { KeyboardEvent, PointerEvent } = page as unknown as typeof globalThis;

let actions: { [K in keyof OverlayActions]: ReturnType<typeof vi.fn> };
let copied: boolean;

function mount() {
  const overlay = createOverlay({
    css: ':host { all: initial !important; }',
    parent: document.documentElement,
    mode: 'open',
    actions: actions as unknown as OverlayActions,
  });
  const root = () => overlay.host!.shadowRoot!;
  const find = (selector: string) => root().querySelector<HTMLElement>(selector);
  return { overlay, root, find };
}

beforeEach(() => {
  vi.stubGlobal('document', document);
  vi.useFakeTimers();
  copied = true;
  actions = {
    dismiss: vi.fn(),
    hideSite: vi.fn(),
    enterByHand: vi.fn(),
    copyReport: vi.fn(async () => copied),
    move: vi.fn(),
    chooseExpiry: vi.fn(),
    openGlossary: vi.fn(),
  };
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.documentElement.querySelectorAll(OVERLAY_TAG).forEach((host) => host.remove());
});

describe('the DOM overlay', () => {
  it('mounts one host on <html> only when there is something to show', () => {
    const { overlay, find } = mount();
    overlay.show(null);
    expect(overlay.host).toBeNull();
    overlay.show(textFor(saved));
    overlay.show(textFor(saved));
    expect(document.documentElement.querySelectorAll(OVERLAY_TAG)).toHaveLength(1);
    expect(overlay.host?.parentNode).toBe(document.documentElement);
    expect(find('.lk-root')?.lang).toBe('en');
    overlay.show(textFor(saved, 'es'));
    expect(find('.lk-root')?.lang).toBe('es-AR');
    overlay.show(null);
    expect(find('.lk-root')?.textContent).toBe('');
  });

  it('shows the text as text: markup in a string stays characters', () => {
    const { overlay, find } = mount();
    const text = textFor({ mode: 'error', message: '<img src=x onerror=alert(1)>' });
    overlay.show(text);
    expect(find('.lk-muted')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(find('img')).toBeNull();
  });

  it('renders the saved card: title, coloured expiry, balance change, recharge link, labels', () => {
    const { overlay, find } = mount();
    overlay.show(textFor(saved));
    const card = find('section.lk-card.lk-saved')!;
    expect(card.getAttribute('role')).toBe('status');
    expect(card.getAttribute('aria-label')).toBe('LineKeeper');
    expect(find('[data-lk="saved"]')?.textContent).toBe('✓ Saved · +54 9 11 3456-7812');
    expect(find('.lk-expiry')?.className).toBe('lk-expiry lk-urgency-due');
    expect(find('.lk-change')?.textContent).toBe(' (−ARS\u00a0150 since your last visit)');
    const link = find('a.lk-button') as HTMLAnchorElement;
    expect([link.href, link.target, link.rel]).toEqual([claro.rechargeUrl, '_blank', 'noopener']);
    expect(find('[data-lk="dismiss"]')?.getAttribute('aria-label')).toBe('Close for this page');
    expect(find('[data-lk="move"]')?.getAttribute('aria-label')).toBe('Move to the left corner');
    expect(find('[data-lk="expiry-unsure"]')).not.toBeNull();
  });

  it('folds into a pill with the urgency word after a while, and reopens from it', () => {
    const { overlay, find } = mount();
    overlay.show(textFor(saved));
    vi.advanceTimersByTime(COLLAPSE_AFTER_MS - 1);
    expect(find('.lk-card')).not.toBeNull();
    vi.advanceTimersByTime(1);
    const pill = find('.lk-pill')!;
    expect(find('.lk-card')).toBeNull();
    expect(pill.classList.contains('lk-u-soon')).toBe(true);
    expect(pill.textContent).toBe('Renew soon in 5 days');
    expect(pill.getAttribute('aria-label')).toBe('Show LineKeeper: Renew soon, in 5 days');
    pill.click();
    expect(find('.lk-card')).not.toBeNull();
  });

  it('stays open while the pointer is inside; Escape and the minimise button fold it', () => {
    const { overlay, find } = mount();
    overlay.show(textFor(saved));
    find('.lk-card')!.dispatchEvent(new PointerEvent('pointerenter'));
    vi.advanceTimersByTime(COLLAPSE_AFTER_MS * 3);
    expect(find('.lk-card')).not.toBeNull();
    find('.lk-card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(find('.lk-pill')).not.toBeNull();
    find('.lk-pill')!.click();
    find('[data-lk="collapse"]')!.click();
    expect(find('.lk-pill')).not.toBeNull();
  });

  it('keeps keys and clicks from reaching the page', () => {
    const { overlay, find } = mount();
    const heard: string[] = [];
    for (const type of ['keydown', 'keyup', 'click', 'pointerdown']) {
      document.addEventListener(type, () => heard.push(type));
    }
    overlay.show(textFor(saved));
    const button = find('[data-lk="collapse"]')!;
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    button.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', bubbles: true, composed: true }));
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    button.click();
    expect(heard).toEqual([]);
  });

  it('calls its actions: dismiss, hide, enter by hand, copy (with the outcome), move', async () => {
    const { overlay, find } = mount();
    overlay.show(textFor(saved));
    find('[data-lk="dismiss"]')!.click();
    find('[data-lk="hide-site"]')!.click();
    find('[data-lk="enter-by-hand"]')!.click();
    expect(actions.dismiss).toHaveBeenCalledOnce();
    expect(actions.hideSite).toHaveBeenCalledOnce();
    expect(actions.enterByHand).toHaveBeenCalledOnce();

    find('[data-lk="copy-report"]')!.click();
    await vi.waitFor(() =>
      expect(find('[role="status"].lk-muted')?.textContent).toMatch(/^Copied/),
    );
    copied = false;
    find('[data-lk="copy-report"]')!.click();
    await vi.waitFor(() =>
      expect(find('[role="status"].lk-muted')?.textContent).toBe(
        "The browser didn't allow copying. Try again.",
      ),
    );

    const move = find('[data-lk="move"]')!;
    move.click();
    expect(actions.move).toHaveBeenLastCalledWith('left');
    expect(find('.lk-root')?.className).toBe('lk-root lk-left');
    expect(move.getAttribute('aria-label')).toBe('Move to the right corner');
    move.click();
    expect(actions.move).toHaveBeenLastCalledWith('right');
    expect(find('.lk-root')?.className).toBe('lk-root');
  });

  it('starts in the corner the text says', () => {
    const { overlay, find } = mount();
    overlay.show({ ...textFor(saved), corner: 'left' });
    expect(find('.lk-root')?.classList.contains('lk-left')).toBe(true);
  });

  it('shows the checklist closed and the failed steps in order', () => {
    const { overlay, find, root } = mount();
    overlay.show(textFor({ mode: 'checklist' }));
    expect((find('details.lk-checklist') as HTMLDetailsElement).open).toBe(false);
    expect(root().querySelectorAll('details li')).toHaveLength(5);
    overlay.show(textFor({ mode: 'failed', notCharged: true }));
    expect(find('.lk-title')?.className).toBe('lk-title lk-warn');
    expect(find('.lk-note')).not.toBeNull();
    expect(root().querySelectorAll('ol.lk-steps li')).toHaveLength(4);
  });

  it('asks which expiry as a named group of real buttons; a date calls back, Neither closes it', () => {
    const { overlay, find, root } = mount();
    const view = savedView({ expiresOn: null, daysLeft: null }, null, { expiresOn: null });
    overlay.show(
      textFor({ ...view, choice: { readingId: 9, dates: ['2026-12-10', '2027-01-05'] } }),
    );
    const group = find('[data-lk="expiry-choice"]')!;
    expect(group.getAttribute('role')).toBe('group');
    const name = root().getElementById(group.getAttribute('aria-labelledby')!);
    expect(name?.textContent).toBe("Which is your line's expiry?");
    const dates = [...group.querySelectorAll<HTMLButtonElement>('button[data-lk="choose-expiry"]')];
    expect(dates.map((b) => [b.type, b.textContent])).toEqual([
      ['button', '10 Dec 2026'],
      ['button', '5 Jan 2027'],
    ]);
    dates[1]!.click();
    expect(actions.chooseExpiry).toHaveBeenCalledWith(9, '2027-01-05');
    find('[data-lk="choice-neither"]')!.click();
    expect(find('[data-lk="expiry-choice"]')).toBeNull();
    expect(actions.chooseExpiry).toHaveBeenCalledTimes(1);
    overlay.destroy();
  });

  it('links to the glossary from every card, and shows the guidance line', () => {
    const { overlay, find } = mount();
    overlay.show(textFor(savedView({ daysLeft: -2 })));
    find('[data-lk="glossary"]')!.click();
    expect(actions.openGlossary).toHaveBeenCalledTimes(1);
    expect(find('[data-lk="glossary"]')?.textContent).toBe('What do these words mean?');
    expect(find('.lk-body')?.textContent).toContain('Recharge the line now');
    overlay.destroy();
  });

  it('destroy removes the host', () => {
    const { overlay } = mount();
    overlay.show(textFor(saved));
    overlay.destroy();
    expect(document.documentElement.querySelector(OVERLAY_TAG)).toBeNull();
  });
});
