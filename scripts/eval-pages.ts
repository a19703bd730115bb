/**
 * npm run eval:pages -- DIR [DIR…] [--dom chromium|node] [--details]
 *
 * Scores the reading engine on a folder of labelled pages (fixture-like: NAME.html with
 * NAME.json beside it holding url, at and expected, in any sub-folder), such as a set of
 * pages written by someone who never saw the engine. Field by field: +1 right, 0 null
 * (abstention), −1 wrong. Two totals:
 *  - stated: the fields the page states (carrier, kind and every non-null expected value),
 *    each +1 / 0 / −1, plus −1 for every value read where the page states none;
 *  - all fields: all six fields of every page (a null answered with null is +1).
 * Prints per-page lines only with --details, so a held-out set can be scored without
 * being looked at. --dom chromium (the default) reads in a real Chromium page at the
 * page's URL; --dom node in happy-dom.
 */
import path from 'node:path';
import { FIELDS, fieldVerdict, type FieldName, type Verdict } from '../tests/corpus/score';
import { findLabelledPages, type LabelledPage } from '../tests/support/labelled-pages';
import { loadPage } from '../tests/support/load-page';
import { openChromiumReader } from '../tests/support/read-in-chromium';
import type { Reading } from '../utils/domain/records';
import { readPage } from '../utils/reading';

interface PageResult {
  page: LabelledPage;
  reading: Reading;
  verdicts: Record<FieldName, Verdict>;
}

function show(value: unknown): string {
  return value === null || value === undefined ? 'null' : JSON.stringify(value);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirs: string[] = [];
  let dom: 'chromium' | 'node' = 'chromium';
  let details = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--details') details = true;
    else if (arg === '--dom') {
      const value = args[(i += 1)];
      if (value !== 'chromium' && value !== 'node') throw new Error('--dom: chromium or node');
      dom = value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else dirs.push(arg);
  }
  if (dirs.length === 0) {
    console.error('usage: npm run eval:pages -- DIR [DIR…] [--dom chromium|node] [--details]');
    process.exit(2);
  }
  const pages = dirs.flatMap((dir) => findLabelledPages(path.resolve(dir)));
  const results: PageResult[] = [];
  const started = performance.now();
  if (dom === 'chromium') {
    const reader = await openChromiumReader();
    try {
      for (const page of pages) {
        const reading = await reader.read(page.html, page.url, new Date(page.at));
        results.push({ page, reading, verdicts: verdictsOf(page, reading) });
      }
    } finally {
      await reader.close();
    }
  } else {
    for (const page of pages) {
      const loaded = loadPage(page.html, page.url, { htmlPath: page.htmlPath });
      try {
        const reading = readPage(loaded.document, page.url, new Date(page.at));
        results.push({ page, reading, verdicts: verdictsOf(page, reading) });
      } finally {
        await loaded.close();
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;

  let stated = 0;
  let statedMax = 0;
  let all = 0;
  let wrong = 0;
  let abstained = 0;
  const wrongOnEmptyPages: string[] = [];
  const perField = Object.fromEntries(FIELDS.map((f) => [f, { wrong: 0, abstain: 0 }])) as Record<
    FieldName,
    { wrong: number; abstain: number }
  >;
  for (const { page, verdicts } of results) {
    const nothingToRead = page.expected.kind === 'none';
    for (const field of FIELDS) {
      const verdict = verdicts[field];
      const expected = page.expected[field];
      const point = verdict === 'right' ? 1 : verdict === 'wrong' ? -1 : 0;
      all += point;
      if (verdict === 'wrong') {
        wrong += 1;
        perField[field].wrong += 1;
        if (nothingToRead) wrongOnEmptyPages.push(`${page.name}: ${field}`);
      }
      if (verdict === 'abstain') {
        abstained += 1;
        perField[field].abstain += 1;
      }
      if (expected !== null || field === 'kind') {
        statedMax += 1;
        stated += point;
      } else if (verdict === 'wrong') {
        stated -= 1;
      }
    }
  }
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
  console.log(`pages: ${pages.length} (${dom}, ${seconds.toFixed(1)} s)`);
  console.log(`stated fields: ${stated} / ${statedMax} points = ${pct(stated, statedMax)}`);
  console.log(
    `all fields:    ${all} / ${pages.length * FIELDS.length} = ${pct(all, pages.length * FIELDS.length)}`,
  );
  console.log(
    `wrong values: ${wrong}; abstentions: ${abstained}; wrong values on pages with nothing to read: ${wrongOnEmptyPages.length}`,
  );
  console.log(
    `per field: ${FIELDS.map((f) => `${f} w${perField[f].wrong} a${perField[f].abstain}`).join(', ')}`,
  );
  if (!details) return;
  for (const { page, reading, verdicts } of results) {
    const off = FIELDS.filter((f) => verdicts[f] !== 'right');
    if (off.length === 0) continue;
    console.log(`\n${path.relative(process.cwd(), page.name)}  ${page.url}`);
    for (const field of off) {
      console.log(
        `  ${verdicts[field].padEnd(8)} ${field.padEnd(10)} expected ${show(page.expected[field])}  got ${show(reading[field])}`,
      );
    }
    console.log(`  notes: ${reading.notes.slice(0, 5).join(' | ').slice(0, 400)}`);
  }
}

function verdictsOf(page: LabelledPage, reading: Reading): Record<FieldName, Verdict> {
  return Object.fromEntries(
    FIELDS.map((field) => [field, fieldVerdict(field, page.expected[field], reading[field])]),
  ) as Record<FieldName, Verdict>;
}

main().catch((error: unknown) => {
  console.error(`eval-pages: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
