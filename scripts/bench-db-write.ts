/**
 * `npm run bench:db-write`: how long the background takes to validate and store one new
 * reading (cs:reading: zod parse, sender check, line update and history insert in one
 * transaction) with 1,000 lines and 50,000 readings already stored. Node with
 * fake-indexeddb; reconcile() after the write is measured by bench:reconcile.
 */
import { carrierById } from '../utils/carriers';
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../utils/background/db';
import { handleMessage } from '../utils/background/dispatch';
import { createPageLimits } from '../utils/background/page-limits';
import { fillBenchDatabase, median } from './lib/bench-data';
import { reportBenchFigure } from './lib/bench-result';
import { localizeFromFiles } from '../tests/support/i18n';
import { ACCOUNT_PAGE } from '../tests/support/page-facts';

const LINES = 1_000;
const READINGS = 50_000;
const RUNS = 200;
const TARGET_MS = 10;
const EXTENSION_ID = 'benchextensionid';

async function main(): Promise<void> {
  const now = Date.now();
  const db = openDatabase(`bench-write-${now}`);
  const lines = await fillBenchDatabase(db, LINES, READINGS, now);
  const sender = { id: EXTENSION_ID };
  const deps = {
    db,
    now: () => now,
    extensionId: EXTENSION_ID,
    extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
    afterWrite: async () => undefined,
    localize: localizeFromFiles(),
    // What one write costs, not what one page may do in a minute (every run is one "page").
    limits: createPageLimits({ lines: Infinity, readings: Infinity }),
  };

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const line = lines[(i * 7) % lines.length]!;
    const message = {
      type: 'cs:reading',
      reading: {
        carrier: line.carrier,
        kind: 'account',
        msisdn: line.msisdn,
        // A new balance each time: a distinct reading, really written.
        balance: { amount: 100_000 + i, currency: 'ARS' },
        expiresOn: line.expiresOn,
        receipt: null,
        notes: [],
      },
      path: '/consumos',
      readAt: new Date(now + i * 1000).toISOString(),
      page: ACCOUNT_PAGE,
    };
    // The sender must be on the line's carrier host: its portal's account page.
    const carrierUrl = new URL('/consumos', carrierById(line.carrier).portalUrl).href;
    const start = performance.now();
    const reply = await handleMessage(
      message,
      { ...sender, url: carrierUrl, tab: { id: 1, url: carrierUrl } },
      deps,
    );
    times.push(performance.now() - start);
    if (!reply.ok) throw new Error(`write refused: ${reply.error}`);
  }
  const stored = await db.readings.count();
  const medianMs = median(times);
  console.log('database write of one reading (cs:reading)');
  console.log(
    `  data: ${LINES} lines, ${READINGS} readings before; ${stored} after ${RUNS} writes`,
  );
  console.log(
    `  median ${medianMs.toFixed(2)} ms, p90 ${[...times].sort((a, b) => a - b)[Math.floor(RUNS * 0.9)]!.toFixed(2)} ms`,
  );
  console.log(`  target: median < ${TARGET_MS} ms → ${medianMs < TARGET_MS ? 'PASS' : 'FAIL'}`);
  reportBenchFigure({
    name: `store one reading, ${LINES} lines + ${READINGS} readings, median`,
    value: medianMs,
    unit: 'ms',
    budget: TARGET_MS,
  });
  db.close();
  if (medianMs >= TARGET_MS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
