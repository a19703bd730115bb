/**
 * Content script on the carriers' own https sites: reads the page when it has settled
 * (and again on single-page-app route changes), sends the reading to the background, and
 * shows the overlay with the answer. Logic lives in utils/; this file only wires it.
 * Every carrier page pays for this bundle: keep it small (type-only imports from schema;
 * classic JSX, as in the overlay, so preact/jsx-runtime stays out).
 */
/* @jsxRuntime classic */
/* @jsx h */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- h: the JSX factory
import { h, render } from 'preact';
import {
  createShadowRootUi,
  type ShadowRootContentScriptUi,
} from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../../components/overlay/Overlay';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { carrierForUrl, carrierMatchPatterns } from '../../utils/carriers';
import { browserTranslate, translationLocale } from '../../utils/domain/i18n';
import { buildPageReport } from '../../utils/content/page-report';
import { watchPage } from '../../utils/content/page-watch';
import {
  nextOverlayView,
  overlayViewFor,
  pageSignalsFor,
  type OverlayView,
} from '../../utils/content/overlay-view';
import { isMachineTranslated, readPage, visibleText } from '../../utils/reading';
import type { Reading } from '../../utils/domain/records';
import { send } from '../../utils/protocol/send';

export default defineContentScript({
  matches: carrierMatchPatterns(),
  runAt: 'document_idle',
  // No cssInjectionMode 'ui': the overlay's CSS is inlined (`css` below), and 'ui' would make
  // every mount first fetch a content-scripts/carrier.css that is never built.
  main(ctx) {
    const carrier = carrierForUrl(location.href);
    if (!carrier) return;
    const locale = translationLocale();
    // The overlay is mounted lazily (most pages never need it), and only once.
    let ui: ShadowRootContentScriptUi<void> | undefined;
    let mounting: Promise<unknown> | undefined;
    let current: OverlayView | null = null;
    // The user closed the overlay on this path of this tab: the background keeps it
    // (cs:dismiss-overlay) and says so with every reading's reply.
    let dismissed = false;

    const draw = () =>
      ui &&
      render(
        current && (
          <div class="lk-root">
            <Overlay
              view={current}
              carrier={carrier}
              locale={locale}
              t={browserTranslate}
              onDismiss={() => {
                dismissed = true;
                void send({ type: 'cs:dismiss-overlay', path: location.pathname });
                show(null);
              }}
              onHideSite={() => {
                void send({ type: 'cs:hide-overlay' });
                show(null);
              }}
              onEnterByHand={() => {
                const reading = current && 'reading' in current ? current.reading : null;
                void send({
                  type: 'cs:open-add-line',
                  prefill: {
                    carrier: carrier.id,
                    msisdn: reading?.msisdn ?? null,
                    expiresOn: reading?.expiresOn ?? null,
                    balance: reading?.balance ?? null,
                  },
                });
              }}
              onCopyReport={() =>
                navigator.clipboard.writeText(buildPageReport(document, location.href)).then(
                  () => true,
                  () => false,
                )
              }
            />
          </div>
        ),
        ui.uiContainer,
      );

    const show = (view: OverlayView | null) => {
      current = view && !dismissed ? view : null;
      if (!current || ui) return void draw();
      mounting ??= createShadowRootUi(ctx, {
        name: 'linekeeper-overlay',
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
        draw();
      });
    };

    const sendReading = async (reading: Reading) => {
      const reply = await send({
        type: 'cs:reading',
        reading,
        path: location.pathname,
        readAt: new Date().toISOString(),
      });
      // The reading is stored either way; the overlay stays away where it was switched off.
      if (reply.ok) dismissed = reply.dismissed;
      if (reply.ok && reply.overlayDisabled) return show(null);
      const answer = reply.ok ? reply : null;
      const answerError = reply.ok ? null : reply.error;
      show(
        nextOverlayView(
          current,
          overlayViewFor({
            carrier: carrier.id,
            urlKind: carrier.urlPageKind(new URL(location.href)),
            reading,
            answer,
            answerError,
            signals: pageSignalsFor(reading, isMachineTranslated(document), () =>
              visibleText(document),
            ),
          }),
        ),
      );
    };

    const watch = watchPage({
      read: () => readPage(document, location.href, new Date()),
      send: (reading) => void sendReading(reading),
      observe: (callback) => {
        const observer = new MutationObserver((records) => {
          // Our own overlay coming and going is not the page changing.
          if (!records.every((record) => record.type === 'childList' && isOwnHost(record))) {
            callback();
          }
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

    /** A childList record that only adds or removes the overlay's host (never empty). */
    const isOwnHost = (record: MutationRecord) =>
      [...record.addedNodes, ...record.removedNodes].every((node) => node === ui?.shadowHost);

    ctx.addEventListener(window, 'wxt:locationchange', () => {
      show(null);
      watch.restart();
    });
    // Chrome's translate and its "Show original" flip a class on <html>: the page in its
    // other language is read afresh, even after the watcher has given up on it.
    let translated = isMachineTranslated(document);
    const languageObserver = new MutationObserver(() => {
      if (isMachineTranslated(document) === translated) return;
      translated = !translated;
      watch.restart();
    });
    languageObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class'],
    });
    ctx.onInvalidated(() => {
      languageObserver.disconnect();
      watch.stop();
    });
  },
});
