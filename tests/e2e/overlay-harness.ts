/**
 * Renders the real overlay (utils/content/overlay-dom.ts), with its real CSS and the text
 * the background's real builder writes (utils/background/overlay-text.ts), in every state
 * and every pill urgency, each in its own OPEN shadow root, so axe-core can inspect it.
 * The extension mounts the same thing in a closed shadow root, which axe cannot enter.
 * Bundled by overlay-a11y.spec.ts.
 */
import overlayCss from '../../components/overlay/overlay.css?inline';
import { localizerFor } from '../../utils/background/localizer';
import { overlayText } from '../../utils/background/overlay-text';
import { claro } from '../../utils/carriers/claro';
import { createOverlay } from '../../utils/content/overlay-dom';
import type { OverlayView } from '../../utils/content/overlay-view';
import { compileCatalog } from '../../utils/domain/catalog';
import type { Reading } from '../../utils/domain/records';
import { SAMPLE_LINE, SAMPLE_READING, savedView } from '../support/overlay-samples';

declare global {
  interface Window {
    /** en messages.json, injected by the test. */
    lkMessages: unknown;
  }
}

// A page that gave no sure values: the "unsure" parts of each card show.
const reading: Reading = {
  ...SAMPLE_READING,
  msisdn: null,
  balance: null,
  expiresOn: null,
  notes: ['two candidate expiry dates'],
};
const line = { ...SAMPLE_LINE, daysLeft: 5 };
const savedWith = (daysLeft: number): OverlayView => savedView({ daysLeft });

export const STATES: Record<string, OverlayView> = {
  saved: {
    mode: 'saved',
    line,
    balanceChange: -150,
    reading: { ...reading, expiresOn: '2026-12-15' },
  },
  savedExpiryUnsure: {
    mode: 'saved',
    line: { ...line, expiresOn: null, daysLeft: null },
    balanceChange: null,
    reading,
  },
  // The page showed two competing expiries: "which is your line's expiry?".
  savedChoice: {
    mode: 'saved',
    line: { ...line, expiresOn: null, daysLeft: null },
    balanceChange: null,
    reading: { ...reading, expiryChoices: ['2026-12-10', '2027-01-05'] },
    choice: { readingId: 7, dates: ['2026-12-10', '2027-01-05'] },
  },
  estimated: {
    mode: 'saved',
    line: { ...line, estimated: true, daysLeft: 0 },
    balanceChange: null,
    reading: { ...reading, expiresOn: '2026-12-15' },
  },
  // Two days left: one line of what to do now.
  savedExpiring: savedWith(2),
  unassigned: { mode: 'unassigned', reading },
  unsure: { mode: 'unsure', carrier: 'claro', reading },
  translated: { mode: 'translated' },
  receipt: { mode: 'receipt', amount: 2000, operationId: '000123', duplicate: false },
  checklist: { mode: 'checklist' },
  failed: { mode: 'failed', notCharged: true, reason: 'card-refused' },
  error: { mode: 'error', message: 'QuotaExceededError' },
};

/** Folded into the pill: one per urgency colour, and one without a date. */
export const PILLS: Record<string, OverlayView> = {
  pillOk: savedWith(30),
  pillSoon: savedWith(5),
  pillUrgent: savedWith(0),
  pillExpired: savedWith(-3),
  pillNone: STATES.unassigned!,
};

export function renderAll(): void {
  const localizer = localizerFor('en', compileCatalog(window.lkMessages));
  const entries = [
    ...Object.entries(STATES).map(([name, view]) => [name, view, false] as const),
    ...Object.entries(PILLS).map(([name, view]) => [name, view, true] as const),
  ];
  for (const [name, view, folded] of entries) {
    const container = document.createElement('div');
    container.id = `state-${name}`;
    container.style.cssText = `position:relative;height:${folded ? 60 : 320}px`;
    document.body.append(container);
    const overlay = createOverlay({
      // In place, not fixed to the viewport: every state gets its own box.
      css: `${overlayCss}\n.lk-root { position: absolute; }`,
      parent: container,
      mode: 'open',
      collapseAfterMs: 3_600_000,
      actions: {
        dismiss: () => undefined,
        hideSite: () => undefined,
        enterByHand: () => undefined,
        copyReport: async () => true,
        move: () => undefined,
        chooseExpiry: () => undefined,
        openGlossary: () => undefined,
      },
    });
    overlay.show(overlayText({ view, carrier: claro, localizer, corner: 'right', leadWindow: 7 }));
    if (folded) {
      overlay.host?.shadowRoot?.querySelector<HTMLElement>('[data-lk="collapse"]')?.click();
    }
  }
}

renderAll();
