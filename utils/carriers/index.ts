/**
 * The carrier registry: adding a carrier means one file beside this one, its fixtures
 * under tests/fixtures/<id>/, and one entry in CARRIERS. Manifest host permissions and
 * content-script matches are derived from here.
 */
import type { CarrierId } from '../domain/records';
import { claro } from './claro';
import { movistar } from './movistar';
import { personal } from './personal';
import type { CarrierAdapter } from './types';

export type { CarrierAdapter, UrlPageKind } from './types';

export const CARRIERS: readonly CarrierAdapter[] = [claro, movistar, personal];

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
