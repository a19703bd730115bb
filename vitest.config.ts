import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Two tiers (CONTRIBUTING.md): `unit` needs nothing but the source (npm run test:unit, on a
 * fresh clone); `build` checks the built extension in .output/ (npm run test:build, after
 * npm run build). `npm test` runs both, in that order around the build.
 */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // Each file gets its own module graph: fake browser and IndexedDB never leak across files.
    isolate: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
