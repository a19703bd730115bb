/**
 * Renders the real Overlay component, with its real CSS, in every state, each in its own
 * (open) shadow root, so axe-core can inspect it. The extension mounts the same component
 * in a closed shadow root, which axe cannot enter. Bundled by overlay-a11y.spec.ts.
 */
import { render } from 'preact';
import { Overlay } from '../../components/overlay/Overlay';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { claro } from '../../utils/carriers/claro';
import type { OverlayView } from '../../utils/content/overlay-view';
import type { Reading } from '../../utils/domain/records';

declare global {
  interface Window {
    /** en messages.json, injected by the test. */
    lkMessages: Record<
      string,
      { message: string; placeholders?: Record<string, { content: string }> }
    >;
  }
}

function t(key: string, substitutions?: string | string[]): string {
  const entry = window.lkMessages[key];
  if (!entry) return key;
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i: string) => subs[Number(i) - 1] ?? '');
  });
}

const reading: Reading = {
  carrier: 'claro',
  kind: 'account',
  msisdn: null,
  balance: null,
  expiresOn: null,
  receipt: null,
  notes: ['two candidate expiry dates'],
};

const line = {
  id: 'l1',
  carrier: 'claro' as const,
  msisdn: '+5491134567812',
  label: '',
  displayName: '+54 9 11 3456-7812',
  expiresOn: '2026-12-15',
  estimated: false,
  daysLeft: 5,
  balance: { amount: 1234.56, currency: 'ARS' as const },
  lastRechargeOn: null,
  snoozedUntil: null,
};

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
  estimated: {
    mode: 'saved',
    line: { ...line, estimated: true, daysLeft: 0 },
    balanceChange: null,
    reading: { ...reading, expiresOn: '2026-12-15' },
  },
  unassigned: { mode: 'unassigned', reading },
  unsure: { mode: 'unsure', carrier: 'claro', reading },
  translated: { mode: 'translated' },
  receipt: { mode: 'receipt', amount: 2000, operationId: '000123', duplicate: false },
  checklist: { mode: 'checklist' },
  failed: { mode: 'failed', notCharged: true },
  error: { mode: 'error', message: 'QuotaExceededError' },
};

export function renderAll(): void {
  for (const [name, view] of Object.entries(STATES)) {
    const host = document.createElement('div');
    host.id = `state-${name}`;
    host.style.cssText = 'position:relative;height:320px';
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = overlayCss;
    const container = document.createElement('div');
    shadow.append(style, container);
    render(
      <div class="lk-root" style={{ position: 'absolute' }}>
        <Overlay
          view={view}
          carrier={claro}
          locale="en"
          t={t}
          onDismiss={() => undefined}
          onHideSite={() => undefined}
          onEnterByHand={() => undefined}
          onCopyReport={async () => true}
          collapseAfterMs={3_600_000}
        />
      </div>,
      container,
    );
  }
}

renderAll();
