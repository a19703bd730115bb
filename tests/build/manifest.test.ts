/**
 * Least privilege, pinned on the BUILT manifests (what the stores and browsers see), not
 * on wxt.config: exact permissions, only the carriers' https hosts, no web-accessible
 * resources, the default CSP, and content scripts only on the carriers' hosts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carrierMatchPatterns } from '../../utils/carriers';

const OUT_DIR = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.LINEKEEPER_OUT_DIR ?? '.output',
);
// The registry is the one list of carrier hosts (utils/carriers): the built manifests must ask
// for exactly those, whatever else changes.
const PINNED_HOSTS = [...carrierMatchPatterns()].sort();

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown;
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  content_scripts?: { matches: string[]; all_frames?: boolean; world?: string }[];
}

function built(target: string): Manifest {
  const file = path.join(OUT_DIR, target, 'manifest.json');
  if (!existsSync(file))
    throw new Error(`no built manifest at ${file}: build first (npm run build)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

describe.each([
  ['chrome-mv3', 3],
  ['firefox-mv2', 2],
] as const)('%s manifest', (target, version) => {
  const manifest = built(target);

  it('is the expected manifest version', () => {
    expect(manifest.manifest_version).toBe(version);
  });

  it('asks for exactly alarms, notifications, storage (+ the carrier hosts on MV2)', () => {
    const expected = ['alarms', 'notifications', 'storage', ...(version === 2 ? PINNED_HOSTS : [])];
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...expected].sort());
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
  });

  it('has host access to the carriers’ https hosts only', () => {
    const hosts =
      version === 3
        ? manifest.host_permissions
        : manifest.permissions?.filter((p) => p.includes('://'));
    expect([...(hosts ?? [])].sort()).toEqual(PINNED_HOSTS);
    if (version === 2) expect(manifest.host_permissions).toBeUndefined();
    const everything = JSON.stringify(manifest);
    expect(everything).not.toContain('<all_urls>');
    expect(everything).not.toMatch(/"(\*|http):\/\//);
  });

  it('exposes no web-accessible resources, keeps the default CSP, accepts no outside messages', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('injects its content script on the carrier hosts only, top frame, isolated world', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const [script] = manifest.content_scripts!;
    expect([...script!.matches].sort()).toEqual(PINNED_HOSTS);
    expect(script!.all_frames).toBeUndefined();
    expect(script!.world).toBeUndefined();
  });
});
