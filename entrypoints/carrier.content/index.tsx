/**
 * Content script on the carriers' own https sites: reads the page when it has settled
 * (and again on single-page-app route changes), sends the reading to the background, and
 * shows the overlay with the answer. Logic lives in utils/; this file only wires it.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  createShadowRootUi,
  type ShadowRootContentScriptUi,
} from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../../components/overlay/Overlay';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { carrierForUrl, carrierMatchPatterns, type CarrierAdapter } from '../../utils/carriers';
import { browserTranslate, browserUiLocale } from '../../utils/i18n';
import { buildPageReport } from '../../utils/page-report';
import { watchPage } from '../../utils/page-watch';
import {
  overlayViewFor,
  pageSignalsFromText,
  readingHasValues,
  type OverlayView,
} from '../../utils/overlay-view';
import { readPage, visibleText } from '../../utils/reading';
import type { Reading } from '../../utils/schema';

const OVERLAY_TAG = 'linekeeper-overlay';
const DISMISSED_KEY = 'linekeeper.dismissedPaths';

export default defineContentScript({
  matches: carrierMatchPatterns(),
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    const carrier = carrierForUrl(location.href);
    if (!carrier) return;
    const overlay = createOverlayController(ctx, carrier);

    const watch = watchPage({
      read: () => readPage(document, location.href, new Date()),
      send: (reading) => void sendReading(reading).then((view) => overlay.show(view)),
      observe: (callback) => {
        const observer = new MutationObserver((records) => {
          // Our own overlay coming and going is not the page changing.
          if (records.every((record) => overlay.isOwnMutation(record))) return;
          callback();
        });
        observer.observe(document.documentElement, {
          subtree: true,
          childList: true,
          characterData: true,
        });
        return () => observer.disconnect();
      },
      setTimer: (callback, ms) => {
        const id = ctx.setTimeout(callback, ms);
        return () => clearTimeout(id);
      },
    });

    ctx.addEventListener(window, 'wxt:locationchange', () => {
      overlay.show(null);
      watch.restart();
    });
    ctx.onInvalidated(() => watch.stop());

    async function sendReading(reading: Reading): Promise<OverlayView | null> {
      let answer = null;
      let answerError: string | null = null;
      try {
        const reply = await browser.runtime.sendMessage({
          type: 'cs:reading',
          reading,
          path: location.pathname,
          readAt: new Date().toISOString(),
        });
        // The reading is stored either way; the overlay stays away where it was switched off.
        if (reply?.ok && reply.overlayDisabled) return null;
        if (reply?.ok) answer = reply;
        else answerError = reply?.error ?? 'no answer from LineKeeper';
      } catch (error) {
        answerError = error instanceof Error ? error.message : String(error);
      }
      const urlKind = carrier!.urlPageKind(new URL(location.href));
      return overlayViewFor({
        carrier: carrier!.id,
        urlKind,
        reading,
        answer,
        answerError,
        // A page that gave values is an account page or a receipt: no need to scan it again.
        signals: readingHasValues(reading)
          ? { paymentFailed: false, notCharged: false, accountVocabulary: true }
          : pageSignalsFromText(visibleText(document)),
      });
    }
  },
});

interface OverlayController {
  show(view: OverlayView | null): void;
  isOwnMutation(record: MutationRecord): boolean;
}

/** Mounts the overlay lazily (most pages never need it) and keeps exactly one. */
function createOverlayController(
  ctx: ContentScriptContext,
  carrier: CarrierAdapter,
): OverlayController {
  let ui: ShadowRootContentScriptUi<void> | null = null;
  let mounting: Promise<ShadowRootContentScriptUi<void>> | null = null;
  let current: OverlayView | null = null;
  const locale = browserUiLocale();

  const dismissedPaths = (): string[] => {
    try {
      return JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]') as string[];
    } catch {
      return [];
    }
  };

  const draw = () => {
    if (!ui) return;
    if (!current) {
      render(null, ui.uiContainer);
      return;
    }
    render(
      <div class="lk-root">
        <Overlay
          view={current}
          carrier={carrier}
          locale={locale}
          t={browserTranslate}
          onDismiss={() => {
            const paths = [...new Set([...dismissedPaths(), location.pathname])].slice(-50);
            sessionStorage.setItem(DISMISSED_KEY, JSON.stringify(paths));
            controller.show(null);
          }}
          onHideSite={() => {
            void browser.runtime.sendMessage({ type: 'cs:hide-overlay', scope: 'host' });
            controller.show(null);
          }}
          onEnterByHand={() => {
            const reading = current && 'reading' in current ? current.reading : null;
            void browser.runtime.sendMessage({
              type: 'cs:open-add-line',
              prefill: {
                carrier: carrier.id,
                msisdn: reading?.msisdn ?? null,
                expiresOn: reading?.expiresOn ?? null,
                balance: reading?.balance ?? null,
              },
            });
          }}
          onCopyReport={async () => {
            try {
              await navigator.clipboard.writeText(buildPageReport(document, location.href));
              return true;
            } catch {
              return false;
            }
          }}
        />
      </div>,
      ui.uiContainer,
    );
  };

  const mount = async () => {
    mounting ??= createShadowRootUi(ctx, {
      name: OVERLAY_TAG,
      position: 'inline',
      anchor: 'html',
      append: 'last',
      mode: 'closed',
      css: overlayCss,
      isolateEvents: true,
      onMount: () => undefined,
    }).then((created) => {
      // WXT's `:host { all: initial !important }` wins over any page rule (important
      // declarations from inside a shadow tree beat the page's); the card is fixed inside.
      created.mount();
      ui = created;
      ctx.onInvalidated(() => created.remove());
      return created;
    });
    return mounting;
  };

  const controller: OverlayController = {
    show(view) {
      current = view && !dismissedPaths().includes(location.pathname) ? view : null;
      if (current && !ui) void mount().then(draw);
      else draw();
    },
    isOwnMutation(record) {
      const host = ui?.shadowHost;
      if (!host || record.type !== 'childList') return false;
      const nodes = [...record.addedNodes, ...record.removedNodes];
      return nodes.length > 0 && nodes.every((node) => node === host);
    },
  };
  return controller;
}
