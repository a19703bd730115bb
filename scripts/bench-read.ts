/**
 * npm run bench:read — how fast the reading engine is, and how it compares with a generic
 * date parser. Not a test: prints a table.
 *
 *  1. Per fixture: median readPage time in Node (happy-dom document) and in Chromium
 *     (the engine bundled with esbuild into an IIFE, page loaded with setContent).
 *  2. Side by side: chrono-node's Spanish parser on the page's visible text, taking its
 *     first date after an expiry word (or its first date), against the fixture's expiry.
 *  3. Linearity: Chromium time for synthetic 0.25 / 0.5 / 1 / 2 MB pages.
 *
 * Chromium: /usr/bin/chromium or CHROMIUM_PATH.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as chrono from 'chrono-node';
import { chromium, type Page } from 'playwright-core';
import { reportBenchFigure } from './lib/bench-result';
import { loadPage } from '../tests/support/load-page';
import { readPage, visibleText } from '../utils/reading';
import { CHROMIUM_FLAGS, chromiumPath } from '../tests/support/chromium';
import { bundleReadingEngine } from '../tests/support/read-in-chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
interface Fixture {
  name: string;
  html: string;
  htmlPath: string;
  url: string;
  at: string;
  expiresOn: string | null;
}

function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(FIXTURES, dir.name)).sort()) {
      if (!file.endsWith('.html')) continue;
      const htmlPath = path.join(FIXTURES, dir.name, file);
      const jsonPath = htmlPath.replace(/\.html$/, '.json');
      if (!existsSync(jsonPath)) continue;
      const spec = JSON.parse(readFileSync(jsonPath, 'utf8'));
      fixtures.push({
        name: `${dir.name}/${file.replace(/\.html$/, '')}`,
        html: readFileSync(htmlPath, 'utf8'),
        htmlPath,
        url: spec.url,
        at: spec.at,
        expiresOn: spec.expected?.expiresOn ?? null,
      });
    }
  }
  return fixtures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function runsFor(bytes: number): number {
  return bytes > 500_000 ? 21 : bytes > 50_000 ? 31 : 101;
}

function timeInNode(run: () => unknown, runs: number): number {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const EXPIRY_WORD = /venc|v[aá]lid[oa]s? hasta|vigen|expira|caduc/i;

/** chrono-node's pick: the first date after the first expiry word, else the first date. */
function chronoExpiry(text: string, at: Date): { iso: string | null; ms: number } {
  const start = performance.now();
  const results = chrono.es.parse(text, at);
  const ms = performance.now() - start;
  const keyword = EXPIRY_WORD.exec(text);
  const after = keyword ? results.find((r) => r.index >= keyword.index) : undefined;
  const chosen = after ?? results[0];
  if (!chosen) return { iso: null, ms };
  const y = chosen.start.get('year');
  const m = chosen.start.get('month');
  const d = chosen.start.get('day');
  if (y == null || m == null || d == null) return { iso: null, ms };
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, ms };
}

/** Median readPage time inside Chromium (the page's own realm, real computed styles). */
async function timeInChromium(
  page: Page,
  engine: string,
  html: string,
  url: string,
  at: string,
  runs: number,
) {
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: engine });
  // A string, not a function: the page must not depend on the bundler's helpers.
  return (await page.evaluate(`(() => {
    const read = () => LineKeeperReading.readPage(document, ${JSON.stringify(url)}, new Date(${JSON.stringify(at)}));
    const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    let start = performance.now();
    const reading = read();
    const first = performance.now() - start; // what a page pays: one read, JIT cold
    for (let i = 0; i < 5; i += 1) read(); // warm-up: time the optimised engine, not the JIT
    const times = [];
    for (let i = 0; i < ${runs}; i += 1) {
      start = performance.now();
      read();
      times.push(performance.now() - start);
    }
    // The floor: visiting every node once from script, doing nothing with it. Any reader
    // that looks at the whole page pays at least this.
    let nodes = 0;
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        nodes += 1;
        if (child.nodeType === 1) walk(child);
      }
    };
    const walks = [];
    for (let i = 0; i < ${runs}; i += 1) {
      nodes = 0;
      start = performance.now();
      walk(document.documentElement);
      walks.push(performance.now() - start);
    }
    return { first, median: median(times), floor: median(walks), nodes, expiresOn: reading.expiresOn };
  })()`)) as {
    first: number;
    median: number;
    floor: number;
    nodes: number;
    expiresOn: string | null;
  };
}

/**
 * A carrier page padded to `bytes`. `history`: half movement rows in one list, half inline
 * app-state script (what real 1 MB account pages are made of). `cards`: nested cards of
 * eight items, so no list is long enough to skip and every node is read (the worst case).
 */
function syntheticPage(bytes: number, shape: 'history' | 'cards'): string {
  const summary = `<section><h2>Tu saldo</h2><p>Saldo disponible: $ 1.234,56</p><p>Vence el 15/12/2026</p>
    <p>Línea: 11 2345-6789</p></section>`;
  const row = (i: number) =>
    `<div class="mv"><span>${(i % 28) + 1}/10/2026 1${i % 10}:${10 + (i % 50)}</span><span>Llamada saliente</span>` +
    `<span>221 ***-**${10 + (i % 89)}</span><span>$ ${(i % 90) + 10},${10 + (i % 89)}</span></div>\n`;
  const card = (i: number) =>
    `<article class="c${i % 7}"><h4>Beneficio ${i}</h4><ul>${Array.from(
      { length: 8 },
      (_, k) => `<li><span>Consumo ${k}</span> <b>${(i + k) % 90} MB</b></li>`,
    ).join('')}</ul></article>\n`;
  const parts: string[] = [
    '<!doctype html><html><head><title>Mi Movistar</title></head><body><main>',
    summary,
  ];
  let size = parts.join('').length;
  let i = 0;
  if (shape === 'cards') {
    // Groups of 50 cards: no parent has more than 50 children.
    while (size < bytes) {
      const group = `<div class="g">${Array.from({ length: 50 }, () => card(i++)).join('')}</div>`;
      parts.push(group);
      size += group.length;
    }
    parts.push('</main></body></html>');
    return parts.join('');
  }
  while (size < bytes / 2) {
    const piece = row(i++);
    parts.push(piece);
    size += piece.length;
  }
  const state = JSON.stringify({
    rows: Array.from({ length: 50 }, (_, k) => ({ id: k, saldo: '$ 999,99', vence: '01/01/2027' })),
  });
  parts.push('</main><script type="application/json" id="__STATE__">');
  while (size < bytes) {
    parts.push(state);
    size += state.length;
  }
  parts.push('</script></body></html>');
  return parts.join('');
}

function pad(text: string | number, width: number): string {
  return String(text).padEnd(width);
}

async function main() {
  const fixtures = loadFixtures();
  const engine = await bundleReadingEngine();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  await page.route('**/*', (route) => route.abort());

  console.log(`engine bundle: ${(engine.length / 1024).toFixed(1)} KB minified\n`);
  console.log(
    [
      pad('fixture', 36),
      pad('KB', 7),
      pad('node ms', 9),
      pad('chromium ms', 12),
      pad('text+chrono', 12),
      pad('chrono', 8),
      pad('ratio', 7),
      pad('engine', 8),
      'chrono',
    ].join(''),
  );
  // Chromium first, for every page: happy-dom's work (and its garbage) in this process
  // would otherwise compete with the browser for the machine's cores while it is timed.
  const chromiumMedians = new Map<string, number>();
  for (const fixture of fixtures) {
    const result = await timeInChromium(
      page,
      engine,
      fixture.html,
      fixture.url,
      fixture.at,
      runsFor(fixture.html.length),
    );
    chromiumMedians.set(fixture.name, result.median);
  }
  let engineRight = 0;
  let engineWrong = 0;
  let chronoRight = 0;
  let chronoWrong = 0;
  const verdict = (got: string | null, want: string | null) =>
    got === want ? 'right' : got === null ? 'null' : 'WRONG';
  for (const fixture of fixtures) {
    const at = new Date(fixture.at);
    const loaded = loadPage(fixture.html, fixture.url, { htmlPath: fixture.htmlPath });
    const runs = runsFor(fixture.html.length);
    const nodeMs = timeInNode(() => readPage(loaded.document, fixture.url, at), runs);
    const reading = readPage(loaded.document, fixture.url, at);
    // chrono-node needs the page's visible text: time the extraction with it (fair) and alone.
    const chronoRuns: number[] = [];
    const withTextRuns: number[] = [];
    let chronoIso: string | null = null;
    for (let i = 0; i < Math.min(runs, 9); i += 1) {
      const start = performance.now();
      const text = visibleText(loaded.document);
      const result = chronoExpiry(text, at);
      withTextRuns.push(performance.now() - start);
      chronoRuns.push(result.ms);
      chronoIso = result.iso;
    }
    await loaded.close();
    const chronoMs = median(chronoRuns);
    const withTextMs = median(withTextRuns);
    const browserResult = { median: chromiumMedians.get(fixture.name) ?? NaN };
    if (fixture.html.length > 1_000_000) {
      reportBenchFigure({
        name: `read ${fixture.name} (${(fixture.html.length / 1e6).toFixed(1)} MB, Chromium median)`,
        value: browserResult.median,
        unit: 'ms',
        budget: 3,
      });
    }
    const engineVerdict = verdict(reading.expiresOn, fixture.expiresOn);
    const chronoVerdict = verdict(chronoIso, fixture.expiresOn);
    if (engineVerdict === 'right') engineRight += 1;
    if (engineVerdict === 'WRONG') engineWrong += 1;
    if (chronoVerdict === 'right') chronoRight += 1;
    if (chronoVerdict === 'WRONG') chronoWrong += 1;
    console.log(
      [
        pad(fixture.name, 36),
        pad((fixture.html.length / 1024).toFixed(0), 7),
        pad(nodeMs.toFixed(2), 9),
        pad(browserResult.median.toFixed(2), 12),
        pad(withTextMs.toFixed(2), 12),
        pad(chronoMs.toFixed(2), 8),
        pad(`${(withTextMs / Math.max(nodeMs, 0.001)).toFixed(1)}x`, 7),
        pad(engineVerdict, 8),
        chronoVerdict,
      ].join(''),
    );
  }
  console.log(
    `\nexpiry vs fixture JSON (${fixtures.length} pages): engine ${engineRight} right, ${engineWrong} wrong; ` +
      `chrono-node ${chronoRight} right, ${chronoWrong} wrong (node: happy-dom; text+chrono = visibleText + chrono.es.parse; ratio = (text+chrono) / engine, both in Node)`,
  );

  console.log(
    '\nlinearity, Chromium median: "history" = summary + one long movement list + inline app state;' +
      '\n"cards" = the same summary + nested cards, no long list anywhere (every node is read)',
  );
  console.log(
    [
      pad('page', 10),
      pad('size', 8),
      pad('nodes', 8),
      pad('first ms', 10),
      pad('median ms', 11),
      pad('ms per MB', 11),
      'floor ms (bare walk of every node)',
    ].join(''),
  );
  for (const shape of ['history', 'cards'] as const) {
    for (const megabytes of [0.25, 0.5, 1, 2]) {
      const html = syntheticPage(megabytes * 1024 * 1024, shape);
      const result = await timeInChromium(
        page,
        engine,
        html,
        'https://mi.movistar.com.ar/inicio',
        '2026-11-20T12:00:00-03:00',
        15,
      );
      if (result.expiresOn !== '2026-12-15') throw new Error(`${shape} ${megabytes} MB misread`);
      console.log(
        [
          pad(shape, 10),
          pad(`${megabytes} MB`, 8),
          pad(result.nodes, 8),
          pad(result.first.toFixed(2), 10),
          pad(result.median.toFixed(2), 11),
          pad((result.median / megabytes).toFixed(2), 11),
          result.floor.toFixed(2),
        ].join(''),
      );
      if (megabytes === 1) {
        reportBenchFigure({
          name: `read a synthetic 1 MB ${shape} page (Chromium median)`,
          value: result.median,
          unit: 'ms',
          budget: 3,
        });
      }
    }
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(`bench-read: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
