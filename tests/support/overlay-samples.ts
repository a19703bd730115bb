/**
 * One Claro line as the overlay sees it: the page's reading, the background's summary and
 * the "saved" view built from them. Shared by the overlay's unit tests and its axe harness.
 */
import type { OverlayView } from '../../utils/content/overlay-view';
import type { Reading } from '../../utils/domain/records';
import type { LineSummary } from '../../utils/protocol/messages';

export const SAMPLE_READING: Reading = {
  carrier: 'claro',
  kind: 'account',
  msisdn: '+5491134567812',
  balance: { amount: 1234.56, currency: 'ARS' },
  expiresOn: '2026-12-15',
  receipt: null,
  notes: [],
};

export const SAMPLE_LINE: LineSummary = {
  id: 'l1',
  carrier: 'claro',
  msisdn: '+5491134567812',
  label: '',
  displayName: '+54 9 11 3456-7812',
  expiresOn: '2026-12-15',
  estimated: false,
  daysLeft: 19,
  balance: { amount: 1234.56, currency: 'ARS' },
  lastRechargeOn: null,
  snoozedUntil: null,
};

/** The "saved" view of the sample line, with `line` and `reading` changed as given. */
export function savedView(
  line: Partial<LineSummary> = {},
  balanceChange: number | null = null,
  reading: Partial<Reading> = {},
): Extract<OverlayView, { mode: 'saved' }> {
  return {
    mode: 'saved',
    line: { ...SAMPLE_LINE, ...line },
    balanceChange,
    reading: { ...SAMPLE_READING, ...reading },
  };
}
