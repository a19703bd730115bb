/**
 * npm run eval:reading -- --pages 2000 [--seed 1] [--dom node|chromium|both] [--worst 15]
 *                         [--write DIR] [--large] [--start N]
 *
 * Reads a generated, labelled page corpus (tests/corpus) with the reading engine and scores
 * every field: +1 right (a null truth answered with null included), 0 abstention (null
 * where the truth has a value), −1 wrong (a different value, or a value where the truth
 * is null). The maximum is one point per field scored (6 × pages). Prints the overall
 * figures, each field's wrong values and abstentions, wrong values on pages with nothing
 * to read, a breakdown per axis value and per carrier, the worst pages and the timing.
 *
 *  --dom node      happy-dom documents (tests/support/load-page.ts), the default
 *  --dom chromium  the engine bundled with esbuild (IIFE) and run in one headless Chromium
 *                  tab per run: page.setContent, then evaluate (CHROMIUM_PATH or /usr/bin/chromium)
 *  --dom both      both, scored separately, plus where the two DOMs disagree
 *  --write DIR     saves every page as DIR/<carrier>/<id>.html + .json (fixture-like)
 *  --large         allows large pages (long histories up to ~1 MB, ~1.5 % of pages)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { generateCorpus, type CorpusPage } from '../tests/corpus';
import { GATE_PAGES, GATE_SEED, GATES } from '../tests/corpus/gates';
import {
  FIELDS,
  pct,
  sameValue,
  scoreReading,
  summarise,
  type PageScore,
  type ReadingLike,
  type Summary,
} from '../tests/corpus/score';
import { readPage } from '../utils/reading';
import { loadPage } from '../tests/support/load-page';
import { CHROMIUM_FLAGS, chromiumPath } from '../tests/support/chromium';
import { bundleReadingEngine } from '../tests/support/read-in-chromium';

interface Options {
  pages: number;
  seed: number;
  start: number;
  dom: 'node' | 'chromium' | 'both';
  worst: number;
  write: string | null;
  large: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    pages: 2000,
    seed: 1,
    start: 0,
    dom: 'node',
    worst: 15,
    write: null,
    large: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[(i += 1)];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const int = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg}: not a whole number: ${text}`);
      return n;
    };
    switch (arg) {
      case '--pages':
        options.pages = int(value());
        break;
      case '--seed':
        options.seed = int(value());
        break;
      case '--start':
        options.start = int(value());
        break;
      case '--worst':
        options.worst = int(value());
        break;
      case '--dom': {
        const dom = value();
        if (dom !== 'node' && dom !== 'chromium' && dom !== 'both')
          throw new Error(`--dom: node, chromium or both, not ${dom}`);
        options.dom = dom;
        break;
      }
      case '--write':
        options.write = value();
        break;
      case '--large':
        options.large = true;
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: npm run eval:reading -- --pages N [--seed S] [--dom node|chromium|both] [--worst K] [--write DIR] [--large] [--start N]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

// ───────────────────────────── reading ─────────────────────────────

function pickFields(reading: ReadingLike): ReadingLike {
  return {
    carrier: reading.carrier,
    kind: reading.kind,
    msisdn: reading.msisdn,
    balance: reading.balance,
    expiresOn: reading.expiresOn,
    receipt: reading.receipt,
    notes: reading.notes,
  };
}

async function readAllInNode(
  pages: CorpusPage[],
): Promise<{ readings: ReadingLike[]; ms: number }> {
  const readings: ReadingLike[] = [];
  const start = performance.now();
  for (const page of pages) {
    const loaded = loadPage(page.html, page.url);
    try {
      readings.push(pickFields(readPage(loaded.document, page.url, new Date(page.at))));
    } finally {
      await loaded.close();
    }
  }
  return { readings, ms: performance.now() - start };
}

async function readAllInChromium(
  pages: CorpusPage[],
): Promise<{ readings: ReadingLike[]; ms: number; launchMs: number }> {
  const launchStart = performance.now();
  const engine = await bundleReadingEngine();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const readings: ReadingLike[] = [];
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.route('**/*', (route) => route.abort());
    const launchMs = performance.now() - launchStart;
    const start = performance.now();
    for (const page of pages) {
      await tab.setContent(page.html, { waitUntil: 'load' });
      await tab.addScriptTag({ content: engine });
      // A string, not a function: the page must not depend on the bundler's helpers.
      const reading = (await tab.evaluate(
        `(() => { const r = LineKeeperReading.readPage(document, ${JSON.stringify(page.url)}, new Date(${JSON.stringify(page.at)})); return JSON.parse(JSON.stringify(r)); })()`,
      )) as ReadingLike;
      readings.push(pickFields(reading));
    }
    return { readings, ms: performance.now() - start, launchMs };
  } finally {
    await browser.close();
  }
}

// ───────────────────────────── report ─────────────────────────────

const fmtPct = (n: number) => `${n.toFixed(2)} %`;
const pad = (text: string | number, width: number) => String(text).padEnd(width);
const padLeft = (text: string | number, width: number) => String(text).padStart(width);

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('operationId' in v)
      return `{${v.amount} ${v.currency} op=${JSON.stringify(v.operationId)} date=${v.date}}`;
    if ('amount' in v) return `${v.amount} ${v.currency}`;
  }
  return String(value);
}

function printSummary(label: string, summary: Summary): void {
  console.log(`\n══ ${label} ══`);
  console.log(
    `points: ${summary.points} / ${summary.max} = ${fmtPct(summary.pointsPct)}   wrong fields: ${summary.wrong} (${fmtPct(summary.wrongPct)})   abstentions: ${summary.abstain} (${fmtPct((100 * summary.abstain) / summary.max)})`,
  );
  console.log(
    `pages with nothing to read: ${summary.nothingPages}; wrong values on them: ${summary.wrongOnNothing} field(s) on ${summary.pagesWrongOnNothing} page(s)`,
  );
  console.log(
    `\n${pad('field', 11)}${padLeft('right', 7)}${padLeft('abstain', 9)}${padLeft('wrong', 7)}${padLeft('wrong@null', 12)}${padLeft('truth≠null', 12)}`,
  );
  for (const field of FIELDS) {
    const t = summary.perField[field];
    console.log(
      `${pad(field, 11)}${padLeft(t.right, 7)}${padLeft(t.abstain, 9)}${padLeft(t.wrong, 7)}${padLeft(t.wrongOnNullTruth, 12)}${padLeft(t.truthValue, 12)}`,
    );
  }
  const carriers = summary.perAxis.get('carrier');
  if (carriers) {
    console.log('\nper carrier:');
    for (const [value, t] of [...carriers].sort()) {
      console.log(
        `  ${pad(value, 10)} pages ${padLeft(t.pages, 5)}  points ${padLeft(fmtPct(pct(t)), 9)}  wrong ${padLeft(t.wrong, 4)}  abstain ${padLeft(t.abstain, 4)}`,
      );
    }
  }
  console.log(
    '\nper axis value (pages, points %, wrong, abstain); each axis sorted weakest first:',
  );
  const keys = [...summary.perAxis.keys()].sort(
    (a, b) => (a.startsWith('x.') ? 1 : 0) - (b.startsWith('x.') ? 1 : 0) || a.localeCompare(b),
  );
  for (const key of keys) {
    const values = [...(summary.perAxis.get(key) ?? new Map())].sort(
      (a, b) => pct(a[1]) - pct(b[1]),
    );
    const cells = values.map(
      ([value, t]) => `${value} ${t.pages}p ${pct(t).toFixed(1)}% w${t.wrong} a${t.abstain}`,
    );
    console.log(`  ${key}: ${cells.join(' | ')}`);
  }
  const flat: Array<[string, ReturnType<typeof pct>, number, number]> = [];
  for (const [key, values] of summary.perAxis) {
    for (const [value, t] of values)
      if (t.pages >= 10) flat.push([`${key}=${value}`, pct(t), t.pages, t.wrong]);
  }
  flat.sort((a, b) => a[1] - b[1]);
  console.log('\nweakest axis values (≥ 10 pages):');
  for (const [name, p, pages, wrong] of flat.slice(0, 25)) {
    console.log(
      `  ${pad(name, 48)} ${padLeft(p.toFixed(2), 6)} %  pages ${padLeft(pages, 4)}  wrong ${wrong}`,
    );
  }
}

function printWorst(scores: PageScore[], pages: Map<string, CorpusPage>, count: number): void {
  if (count === 0) return;
  const worst = [...scores]
    .filter((s) => s.points < FIELDS.length)
    .sort((a, b) => a.points - b.points || b.wrong - a.wrong)
    .slice(0, count);
  console.log(`\nworst ${worst.length} pages:`);
  for (const score of worst) {
    const page = pages.get(score.id);
    const axes = Object.entries(score.axes)
      .filter(([k]) => !['size', 'labelCase', 'menus', 'legal', 'overlays'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(
      `\n• ${score.id}  points ${score.points}  ${page?.url ?? ''}  at ${page?.at ?? ''}`,
    );
    console.log(`  axes: ${axes}`);
    for (const field of FIELDS) {
      if (score.verdicts[field] === 'right') continue;
      console.log(
        `  ${pad(score.verdicts[field], 8)} ${pad(field, 10)} expected ${show(score.expected[field])}  got ${show(score.got[field])}`,
      );
    }
    if (score.got.notes?.length)
      console.log(`  notes: ${score.got.notes.slice(0, 4).join(' | ').slice(0, 300)}`);
  }
}

function printWrongOnNothing(scores: PageScore[]): void {
  const wrong = scores.filter((s) => s.hasNothingToRead && s.wrong > 0);
  if (!wrong.length) return;
  console.log(`\nwrong values on pages with nothing to read (${wrong.length} pages):`);
  for (const score of wrong.slice(0, 20)) {
    const fields = FIELDS.filter((f) => score.verdicts[f] === 'wrong')
      .map((f) => `${f}=${show(score.got[f])}`)
      .join(', ');
    console.log(
      `  ${score.id} [${score.axes.shell}${score.axes['x.hiddenStale'] ? `, hidden ${score.axes['x.hiddenStale']}` : ''}] ${fields}`,
    );
  }
}

function printGates(summary: Summary): void {
  const checks = [
    [
      `no wrong value on pages with nothing to read`,
      summary.wrongOnNothing <= GATES.maxWrongOnNothing,
      `${summary.wrongOnNothing}`,
    ],
    [
      `wrong fields ≤ ${GATES.maxWrongFieldPct} %`,
      summary.wrongPct <= GATES.maxWrongFieldPct,
      fmtPct(summary.wrongPct),
    ],
    [
      `points ≥ ${GATES.minPointsPct} %`,
      summary.pointsPct >= GATES.minPointsPct,
      fmtPct(summary.pointsPct),
    ],
  ] as const;
  console.log(
    `\ngates (as in tests/unit/reading-corpus.test.ts, there on ${GATE_PAGES} pages of seed ${GATE_SEED}): ` +
      checks.map(([name, ok, actual]) => `${ok ? 'ok' : 'FAIL'} ${name} (${actual})`).join('; '),
  );
}

function printDisagreements(
  pages: CorpusPage[],
  node: ReadingLike[],
  browser: ReadingLike[],
): void {
  const perField = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<
    (typeof FIELDS)[number],
    number
  >;
  const examples: string[] = [];
  const byAxis = new Map<string, number>();
  let pagesDisagreeing = 0;
  pages.forEach((page, i) => {
    const a = node[i] as ReadingLike;
    const b = browser[i] as ReadingLike;
    const fields = FIELDS.filter((f) => !sameValue(f, a[f], b[f]));
    if (!fields.length) return;
    pagesDisagreeing += 1;
    for (const f of fields) perField[f] += 1;
    for (const key of ['shell', 'shadow', 'x.hiddenStale', 'moneyFormat']) {
      const value = page.axes[key];
      if (value) byAxis.set(`${key}=${value}`, (byAxis.get(`${key}=${value}`) ?? 0) + 1);
    }
    if (examples.length < 12) {
      examples.push(
        `  ${page.id} [shell=${page.axes.shell}${page.axes.shadow ? ` shadow=${page.axes.shadow}` : ''}${page.axes['x.hiddenStale'] ? ` hidden=${page.axes['x.hiddenStale']}` : ''}] ` +
          fields
            .map(
              (f) =>
                `${f}: node ${show(a[f])} / chromium ${show(b[f])} / truth ${show(page.truth[f])}`,
            )
            .join('; '),
      );
    }
  });
  console.log(
    `\n══ node vs chromium ══\npages where the two DOMs disagree: ${pagesDisagreeing} of ${pages.length}`,
  );
  console.log(`per field: ${FIELDS.map((f) => `${f} ${perField[f]}`).join(', ')}`);
  console.log(
    `most frequent axis values among them: ${[...byAxis]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${k} (${n})`)
      .join(', ')}`,
  );
  if (examples.length) console.log(examples.join('\n'));
}

function writePages(dir: string, pages: CorpusPage[], readings: ReadingLike[] | null): void {
  pages.forEach((page, i) => {
    const folder = path.join(dir, page.axes.carrier ?? 'other');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${page.id}.html`), page.html);
    const spec = {
      url: page.url,
      at: page.at,
      description: `Generated corpus page (${page.axes.pageType}, shell ${page.axes.shell}).`,
      expected: page.truth,
      hasNothingToRead: page.hasNothingToRead,
      axes: page.axes,
      ...(readings ? { read: readings[i] } : {}),
    };
    writeFileSync(path.join(folder, `${page.id}.json`), `${JSON.stringify(spec, null, 2)}\n`);
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const genStart = performance.now();
  const pages = generateCorpus({
    seed: options.seed,
    count: options.pages,
    start: options.start,
    large: options.large,
  });
  const genMs = performance.now() - genStart;
  const bytes = pages.reduce((sum, p) => sum + p.html.length, 0);
  const nothing = pages.filter((p) => p.hasNothingToRead).length;
  console.log(
    `corpus: ${pages.length} pages (seed ${options.seed}${options.start ? `, from ${options.start}` : ''}), ${nothing} with nothing to read, ` +
      `${(bytes / 1e6).toFixed(1)} MB, largest ${(Math.max(...pages.map((p) => p.html.length)) / 1024).toFixed(0)} KB; generated in ${(genMs / 1000).toFixed(2)} s`,
  );
  const byId = new Map(pages.map((p) => [p.id, p]));
  const timings: string[] = [`generate ${(genMs / 1000).toFixed(2)} s`];
  let nodeReadings: ReadingLike[] | null = null;
  let browserReadings: ReadingLike[] | null = null;

  if (options.dom !== 'chromium') {
    const { readings, ms } = await readAllInNode(pages);
    nodeReadings = readings;
    timings.push(
      `node read ${(ms / 1000).toFixed(2)} s (${(ms / pages.length).toFixed(1)} ms/page, parse included)`,
    );
  }
  if (options.dom !== 'node') {
    const { readings, ms, launchMs } = await readAllInChromium(pages);
    browserReadings = readings;
    timings.push(
      `chromium read ${(ms / 1000).toFixed(2)} s (${(ms / pages.length).toFixed(1)} ms/page, setContent included) + bundle/launch ${(launchMs / 1000).toFixed(2)} s`,
    );
  }

  const reportFor = (label: string, readings: ReadingLike[]) => {
    const scores = pages.map((page, i) => scoreReading(page, readings[i] as ReadingLike));
    const summary = summarise(scores);
    printSummary(label, summary);
    printWrongOnNothing(scores);
    printWorst(scores, byId, options.worst);
    printGates(summary);
  };
  if (nodeReadings) reportFor('DOM: node (happy-dom)', nodeReadings);
  if (browserReadings) reportFor('DOM: chromium', browserReadings);
  if (nodeReadings && browserReadings) printDisagreements(pages, nodeReadings, browserReadings);
  if (options.write) {
    writePages(options.write, pages, nodeReadings ?? browserReadings);
    console.log(`\nwrote ${pages.length} pages to ${options.write}`);
  }
  console.log(`\ntiming: ${timings.join('; ')}`);
}

main().catch((error: unknown) => {
  console.error(
    `eval-reading: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
