/**
 * The reading engine's public API: one carrier page (DOM + URL + reading moment) → Reading.
 * Plain TypeScript: runs in a content script and in Node (happy-dom) alike.
 */
import { carrierForUrl } from '../carriers';
import type { Reading } from '../domain/records';
import { emptyReadingFor, readCarrierPage } from './engine';
import { collectLines, ensureVisible } from './visible-text';

export { parseMoney, parseAmount, findMoney } from './money';
export { parseDate, findDates } from './dates';
export { parseMsisdn, findPhones } from './phone';
export { isMachineTranslated } from './engine';
export { collectLines } from './visible-text';

/**
 * The page's visible text, one line per visual line (for page-level signals and reports).
 * Checks every line's visibility, so it costs more than `readPage` on large pages.
 */
export function visibleText(doc: Document): string {
  try {
    const page = collectLines(doc);
    const out: string[] = [];
    for (const line of page.lines) {
      ensureVisible(line, page);
      if (line.visible) out.push(line.visibleText);
    }
    return out.join('\n');
  } catch {
    return '';
  }
}

/** Read one page. Never throws: an internal error gives a `kind: 'none'` reading with a note. */
export function readPage(doc: Document, url: string, now: Date): Reading {
  let carrierId: Reading['carrier'] = null;
  try {
    const carrier = carrierForUrl(url);
    if (!carrier) return emptyReadingFor(null, 'not a carrier page');
    carrierId = carrier.id;
    if (Number.isNaN(now.getTime())) return emptyReadingFor(carrierId, 'invalid reading time');
    const parsedUrl = new URL(url);
    const urlKind = carrier.urlPageKind(parsedUrl);
    if (urlKind === 'login') return emptyReadingFor(carrierId, 'login page');
    return readCarrierPage({ doc, url: parsedUrl, carrier, urlKind, now });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return emptyReadingFor(carrierId, `internal error: ${message.slice(0, 200)}`);
  }
}
