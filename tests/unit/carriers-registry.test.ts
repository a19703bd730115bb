import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import {
  CARRIERS,
  carrierById,
  carrierForUrl,
  carrierMatchPatterns,
  type CarrierId,
} from '../../utils/carriers';
import { CARRIER_IDS } from '../../utils/carriers';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

async function manifestFor(browser: 'chrome' | 'firefox') {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('manifest is expected to be a function');
  return await manifest({
    browser,
    manifestVersion: browser === 'chrome' ? 3 : 2,
    mode: 'production',
    command: 'build',
  });
}

interface FixtureSpec {
  url: string;
  expected: { carrier: string | null; kind: string };
}

/**
 * What a carrier must have besides its file and its registry line, as a list of what is
 * missing (empty when complete): fixture pages of every kind with their expected readings,
 * a large page, a look-alike host, and the sample page the demo and e2e tests use.
 */
function missingForCarrier(id: CarrierId): string[] {
  const dir = path.join(FIXTURES, id);
  if (!existsSync(dir)) return [`tests/fixtures/${id}/ (its fixture pages)`];
  const missing: string[] = [];
  const pages = readdirSync(dir).filter((file) => file.endsWith('.html'));
  const specs: { page: string; spec: FixtureSpec; bytes: number }[] = [];
  for (const page of pages) {
    const json = path.join(dir, page.replace(/\.html$/, '.json'));
    if (!existsSync(json)) {
      missing.push(`tests/fixtures/${id}/${page.replace(/\.html$/, '.json')} (expected reading)`);
      continue;
    }
    specs.push({
      page,
      spec: JSON.parse(readFileSync(json, 'utf8')) as FixtureSpec,
      bytes: statSync(path.join(dir, page)).size,
    });
  }
  if (pages.length < 8) missing.push(`at least 8 fixture pages (has ${pages.length})`);
  const own = specs.filter(({ spec }) => spec.expected.carrier === id);
  for (const kind of ['account', 'receipt', 'none']) {
    if (!own.some(({ spec }) => spec.expected.kind === kind)) {
      missing.push(`a fixture of kind "${kind}" on its own hosts`);
    }
  }
  if (!own.some(({ bytes }) => bytes > 1_000_000)) missing.push('a large page (over 1 MB)');
  const carrier = carrierById(id);
  const lookalike = specs.some(({ spec }) => {
    const host = new URL(spec.url).hostname;
    return (
      spec.expected.carrier === null &&
      !carrier.hosts.includes(host) &&
      carrier.hosts.some((real) => host.includes(real.split('.').slice(-3).join('.')))
    );
  });
  if (!lookalike)
    missing.push('a look-alike host fixture (carrier null, a host imitating its own)');
  for (const file of ['account.html', 'account.json']) {
    if (!existsSync(path.join(dir, 'sample', file)))
      missing.push(`tests/fixtures/${id}/sample/${file}`);
  }
  return missing;
}

describe('carrier registry', () => {
  it('registers every carrier id exactly once', () => {
    expect(CARRIERS.map((c) => c.id).sort()).toEqual([...CARRIER_IDS].sort());
  });

  for (const carrier of CARRIERS) {
    describe(carrier.name, () => {
      it('has everything a carrier needs besides its file (says what is missing)', () => {
        expect(missingForCarrier(carrier.id)).toEqual([]);
      });

      it('has its hosts in the manifest host permissions', async () => {
        const manifest = await manifestFor('chrome');
        for (const host of carrier.hosts) {
          expect(manifest.host_permissions).toContain(`https://${host}/*`);
        }
      });

      it('names its portal and brand, and links to its own hosts', () => {
        expect(carrier.portalName.trim()).not.toBe('');
        expect(carrier.brandWords.length).toBeGreaterThan(0);
        expect(carrierForUrl(carrier.portalUrl)?.id).toBe(carrier.id);
      });

      it('recognises its own https hosts and its recharge page', () => {
        for (const host of [...carrier.hosts, ...carrier.loginHosts]) {
          expect(carrierForUrl(`https://${host}/x`)?.id).toBe(carrier.id);
          expect(carrierForUrl(`http://${host}/x`)).toBeNull();
        }
        expect(carrierForUrl(carrier.rechargeUrl)?.id).toBe(carrier.id);
      });

      it('rejects look-alike hosts', () => {
        const [host] = carrier.hosts;
        for (const fake of [
          `https://${host}.example.net/`,
          `https://evil-${host}/`,
          `https://${host!.replace(/\.ar$/, '')}/`,
        ]) {
          expect(carrierForUrl(fake), fake).toBeNull();
        }
      });
    });
  }

  it('asks for exactly the permissions it uses and only the carriers’ https hosts', async () => {
    const manifest = await manifestFor('chrome');
    expect(manifest.permissions).toEqual(['alarms', 'notifications', 'storage']);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(carrierMatchPatterns().sort());
    for (const pattern of manifest.host_permissions ?? [])
      expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });

  it('gives the Firefox build a fixed id and declares that it collects no data', async () => {
    const manifest = await manifestFor('firefox');
    expect(manifest.browser_specific_settings?.gecko?.id).toBe('linekeeper@linekeeper.app');
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({
      required: ['none'],
    });
  });
});
