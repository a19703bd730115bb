/**
 * The carrier registry: adding a carrier means one file beside this one, its fixtures
 * under tests/fixtures/<id>/, and one entry in CARRIERS (CONTRIBUTING.md walks through it).
 * Everything per carrier derives from here: the carrier ids the records accept, manifest
 * host permissions and content-script matches, the popup's links, page-report words.
 */
import { claro } from './claro';
import { movistar } from './movistar';
import { personal } from './personal';
import type { CarrierAdapter } from './types';

export type { CarrierAdapter, UrlPageKind } from './types';
export type { HelpContact } from './help-contacts';

export const CARRIERS = [claro, movistar, personal] as const;

/** A carrier's id: 'claro' | 'movistar' | 'personal' (from the registry). */
export type CarrierId = (typeof CARRIERS)[number]['id'];

/** Every carrier id, in registry order (the records' enum is built from it). */
export const CARRIER_IDS = CARRIERS.map((carrier) => carrier.id) as [CarrierId, ...CarrierId[]];

export function carrierById(id: CarrierId): CarrierAdapter {
  const found = CARRIERS.find((carrier) => carrier.id === id);
  if (!found) throw new Error(`unknown carrier: ${id}`);
  return found;
}

/** The carrier whose own https host this is; null for anything else (look-alikes too). */
export function carrierForUrl(url: string | URL): CarrierAdapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase();
  return (
    CARRIERS.find((carrier) => carrier.hosts.includes(host) || carrier.loginHosts.includes(host)) ??
    null
  );
}

/** Match patterns for every carrier host: `https://host/*`. */
export function carrierMatchPatterns(): string[] {
  return CARRIERS.flatMap((carrier) => carrier.hosts.map((host) => `https://${host}/*`));
}
