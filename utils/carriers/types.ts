import type { CarrierId } from '../domain/records';

/** What the URL alone says about a carrier page, before its text is read. */
export type UrlPageKind = 'account' | 'recharge' | 'login' | 'other';

/**
 * Everything LineKeeper knows about one carrier. One file per carrier implements this;
 * the registry lists them. Layout hints help the engine but are never the only way in.
 */
export interface CarrierAdapter {
  id: CarrierId;
  /** Brand name as the carrier writes it (not translated). */
  name: string;
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
