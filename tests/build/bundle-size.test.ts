import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GZIP_BUDGETS, formatKb, sizeReport } from '../../scripts/lib/size-report';

const ROOT = path.resolve(import.meta.dirname, '../..');

// `npm test` builds before running unit tests; on its own, run `npm run build` first.
// A private build folder (LINEKEEPER_OUT_DIR, as in wxt.config.ts) is checked instead when set.
const OUT_DIR = path.resolve(ROOT, process.env.LINEKEEPER_OUT_DIR ?? '.output');

describe.each(['chrome-mv3', 'firefox-mv2'])('bundle sizes of the %s build', (target) => {
  const buildDir = path.join(OUT_DIR, target);

  it('exists (run "npm run build" first)', () => {
    expect(existsSync(path.join(buildDir, 'manifest.json'))).toBe(true);
  });

  it('keeps every JavaScript file within its gzip budget', () => {
    const rows = sizeReport(buildDir);
    expect(rows.map((r) => r.file)).toEqual(expect.arrayContaining(Object.keys(GZIP_BUDGETS)));
    for (const row of rows) {
      expect(
        row.gzip,
        `${row.file}: ${formatKb(row.gzip)} gzip > ${formatKb(row.budget)}`,
      ).toBeLessThanOrEqual(row.budget);
    }
  });
});
