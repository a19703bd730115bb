/**
 * The link between the overlay's "enter it by hand" and the popup's add-line form: the
 * background opens this page, the popup's form reads its hash (utils/popup/line-form.ts
 * prefillFromHash).
 */
import type { AddLinePrefill } from './messages';

/**
 * Where the popup's add-line form opens with a prefill (the popup reads the hash):
 * `/popup.html#/add?carrier=claro&msisdn=%2B549…&expiresOn=2026-12-15&balance=1234.56`.
 */
/** The popup page opened on its glossary (entrypoints/popup/App.tsx routes `#glossary`). */
export const GLOSSARY_PAGE_PATH = '/popup.html#glossary';

export function addLinePagePath(prefill: AddLinePrefill): string {
  const query = new URLSearchParams({ carrier: prefill.carrier });
  if (prefill.msisdn) query.set('msisdn', prefill.msisdn);
  if (prefill.expiresOn) query.set('expiresOn', prefill.expiresOn);
  if (prefill.balance) query.set('balance', String(prefill.balance.amount));
  return `/popup.html#/add?${query.toString()}`;
}
