import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { carrierMatchPatterns } from './utils/carriers';

/** Stable id so Firefox keeps the profile's data across updates. */
export const GECKO_ID = 'linekeeper@linekeeper.app';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // A private output folder lets parallel work build without wiping .output under a test run.
  outDir: process.env.LINEKEEPER_OUT_DIR ?? '.output',
  // Explicit imports everywhere: the code says where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // Test builds only (tests/e2e/trust-update.spec.ts): a "newer LineKeeper" with schema v3.
    ...(process.env.LINEKEEPER_TEST_SCHEMA_V3 === '1'
      ? { define: { __LK_TEST_SCHEMA_V3__: 'true' } }
      : {}),
    // Benchmarks only (scripts/bench-page.ts, into a private LINEKEEPER_OUT_DIR): source maps
    // to fold CPU-profile samples back to source files. 'hidden' writes .map files without a
    // sourceMappingURL comment, so the built JavaScript stays byte-identical to the shipped one.
    ...(process.env.LINEKEEPER_SOURCEMAP === '1'
      ? { build: { sourcemap: 'hidden' as const } }
      : {}),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      // Only the background keeps the polyfill: its size delays no page. The content script
      // and the popup call APIs that are promise-based in both browsers (chrome.* in MV3
      // Chrome, browser.* in Firefox): carrier pages pay for every byte of the content
      // script, and the popup's first chunk is on its first-paint path.
      if (entrypoints.some((entrypoint) => entrypoint.type === 'background')) return;
      const alias = viteConfig.resolve?.alias;
      if (Array.isArray(alias)) {
        viteConfig.resolve!.alias = alias.filter((entry) => entry.find !== 'wxt/browser');
      } else if (alias && typeof alias === 'object') {
        delete (alias as Record<string, string>)['wxt/browser'];
      }
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      // Terser packs this bundle ~0.3 KB gzip tighter than the default minifier (oxc).
      viteConfig.build = {
        ...viteConfig.build,
        minify: 'terser',
        terserOptions: { compress: { passes: 3 } },
      };
    },
  },
  manifest: ({ browser }) => ({
    // Test builds only: a higher version to install over the shipped one.
    ...(process.env.LINEKEEPER_VERSION_OVERRIDE
      ? { version: process.env.LINEKEEPER_VERSION_OVERRIDE }
      : {}),
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['alarms', 'notifications', 'storage'],
    host_permissions: carrierMatchPatterns(),
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: {
      default_title: '__MSG_extName__',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
