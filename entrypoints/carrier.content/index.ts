/**
 * Content script on the carriers' own https sites: reads the page when it has settled
 * (and again on single-page-app route changes), sends the reading with what only the page
 * can tell (its URL's kind, a few phrases, whether the browser translated it), and shows
 * the overlay text the background answers with. Logic lives in utils/; this file only
 * wires it. Every carrier page pays for this bundle: no framework, no catalog, no Intl,
 * no synchronous extension call (type-only imports from the schemas).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { carrierForUrl, carrierMatchPatterns } from '../../utils/carriers';
import { buildPageReport } from '../../utils/content/page-report';
import { watchPage } from '../../utils/content/page-watch';
import { createOverlay } from '../../utils/content/overlay-dom';
import { nextOverlayView, pageSignalsFor } from '../../utils/content/overlay-view';
import { isMachineTranslated, readPage, visibleText } from '../../utils/reading';
import type { Reading } from '../../utils/domain/records';
import type { OverlayText } from '../../utils/protocol/messages';
import { send } from '../../utils/protocol/send';

export default defineContentScript({
  matches: carrierMatchPatterns(),
  runAt: 'document_idle',
  main(ctx) {
    const carrier = carrierForUrl(location.href);
    if (!carrier) return;
    // What is on screen, and the reading it came from (for "enter it by hand").
    let current: { text: OverlayText; reading: Reading } | null = null;
    // The user closed the overlay on this path of this tab: the background keeps it
    // (cs:dismiss-overlay) and says so with every reading's reply.
    let dismissed = false;

    // Mounted on the first card shown (most pages never need one), and only once.
    const overlay = createOverlay({
      css: overlayCss,
      parent: document.documentElement,
      actions: {
        dismiss: () => {
          dismissed = true;
          void send({ type: 'cs:dismiss-overlay', path: location.pathname });
          show(null);
        },
        hideSite: () => {
          void send({ type: 'cs:hide-overlay' });
          show(null);
        },
        enterByHand: () => {
          const reading = current?.reading;
          void send({
            type: 'cs:open-add-line',
            prefill: {
              carrier: carrier.id,
              msisdn: reading?.msisdn ?? null,
              expiresOn: reading?.expiresOn ?? null,
              balance: reading?.balance ?? null,
            },
          });
        },
        copyReport: () =>
          navigator.clipboard.writeText(buildPageReport(document, location.href)).then(
            () => true,
            () => false,
          ),
        move: (corner) => void send({ type: 'cs:move-overlay', corner }),
        openGlossary: () => void send({ type: 'cs:open-glossary' }),
        chooseExpiry: (readingId, expiresOn) =>
          void send({ type: 'cs:choose-expiry', readingId, expiresOn }).then((reply) => {
            // The card turns into the line's, saved with the chosen date.
            if (reply.ok && reply.overlay && current) show({ ...current, text: reply.overlay });
          }),
      },
    });

    const show = (next: { text: OverlayText; reading: Reading } | null) => {
      current = next && !dismissed ? next : null;
      overlay.show(current?.text ?? null);
    };

    const sendReading = async (reading: Reading) => {
      const reply = await send({
        type: 'cs:reading',
        reading,
        path: location.pathname,
        readAt: new Date().toISOString(),
        page: {
          urlKind: carrier.urlPageKind(new URL(location.href)),
          signals: pageSignalsFor(reading, isMachineTranslated(document), () =>
            visibleText(document),
          ),
        },
      });
      // The reading is stored either way; the overlay stays away where it was switched off
      // (the reply's overlay is null then). No answer at all: nothing is shown.
      if (reply.ok) dismissed = reply.dismissed;
      const text = reply.overlay ?? null;
      const next = nextOverlayView(current?.text ?? null, text);
      if (next !== current?.text) show(next && { text: next, reading });
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
      [...record.addedNodes, ...record.removedNodes].every((node) => node === overlay.host);

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
      overlay.destroy();
    });
  },
});
