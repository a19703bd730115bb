/**
 * A node:test reporter that prints one closing line, `firefox: N passed, N failed`, for
 * `npm test` to total, and writes `{ passed, failed, skipped }` as JSON to
 * $FIREFOX_SUMMARY_FILE when that is set. Suites are not counted, only the tests in them; a file that fails
 * to load counts as one failure.
 *
 *   node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
 *     --test-reporter=./tests/firefox/summary-reporter.mjs --test-reporter-destination=stdout \
 *     tests/firefox/smoke.test.ts
 */
import { writeFileSync } from 'node:fs';

// Plain JavaScript: node loads reporters before `--import tsx` applies, so no TypeScript.

/**
 * @param {AsyncIterable<{ type: string, data?: { skip?: unknown, todo?: unknown,
 *   details?: { type?: string } } }>} source
 * @returns {AsyncGenerator<string>}
 */
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data?.details?.type === 'suite') continue;
    if (event.data?.skip || event.data?.todo) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    else failed += 1;
  }
  const file = process.env.FIREFOX_SUMMARY_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
  yield `firefox: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
