import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { CARRIERS, carrierForUrl, carrierMatchPatterns } from '../../utils/carriers';
import { CARRIER_IDS } from '../../utils/domain/records';

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

describe('carrier registry', () => {
  it('registers every carrier id exactly once', () => {
    expect(CARRIERS.map((c) => c.id).sort()).toEqual([...CARRIER_IDS].sort());
  });

  for (const carrier of CARRIERS) {
    describe(carrier.name, () => {
      it('has at least 8 fixture pages, each with its expected reading', () => {
        const dir = path.join(FIXTURES, carrier.id);
        expect(existsSync(dir), `missing tests/fixtures/${carrier.id}/`).toBe(true);
        const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
        expect(pages.length).toBeGreaterThanOrEqual(8);
        for (const page of pages) {
          expect(existsSync(path.join(dir, page.replace(/\.html$/, '.json'))), page).toBe(true);
        }
      });

      it('has its hosts in the manifest host permissions', async () => {
        const manifest = await manifestFor('chrome');
        for (const host of carrier.hosts) {
          expect(manifest.host_permissions).toContain(`https://${host}/*`);
        }
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
