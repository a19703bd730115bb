import type { CarrierId } from './index';

/**
 * What the URL alone says about a carrier page, before its text is read: an account page
 * (the line's state), a recharge flow before payment (may show the line's state), a
 * recharge result (the only place a receipt is read), a sign-in page, or anything else
 * (the public sites' search, help, promotions: nothing is read).
 */
export type UrlPageKind = 'account' | 'recharge' | 'receipt' | 'login' | 'other';

/**
 * Everything LineKeeper knows about one carrier. One file per carrier implements this;
 * the registry (./index.ts) lists them, and everything per carrier derives from there:
 * the ids the records accept, the manifest's hosts, the popup's links, the page report's
 * brand words. Layout hints help the engine but are never the only way in.
 */
export interface CarrierAdapter<Id extends string = CarrierId> {
  id: Id;
  /** Brand name as the carrier writes it (not translated). */
  name: string;
  /** The self-service portal's own name ("Mi Claro"): a brand, not translated. */
  portalName: string;
  /** Words of the brand a page report keeps unmasked (lower case, no accents). */
  brandWords: readonly string[];
  /** Brand colour for the popup and badge accents. */
  color: string;
  /** Exact https hostnames with line data, receipts or recharges: the content script runs here. */
  hosts: readonly string[];
  /** Login-only hosts: recognised as the carrier's (they yield nothing), never injected into. */
  loginHosts: readonly string[];
  /** Where a user tops the line up. */
  rechargeUrl: string;
  /** The self-service portal's home, for first-run links. */
  portalUrl: string;
  /** Classify a page by its URL (host already known to be this carrier's). */
  urlPageKind(url: URL): UrlPageKind;
  /** Element ids / selectors known to hold values on some layouts. Optional help only. */
  hints?: {
    balance?: readonly string[];
    expiry?: readonly string[];
    msisdn?: readonly string[];
  };
}

/** Declares a carrier, keeping its id as a literal type (the registry derives CarrierId). */
export function defineCarrier<const Id extends string>(
  adapter: CarrierAdapter<Id>,
): CarrierAdapter<Id> {
  return adapter;
}
