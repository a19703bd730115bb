/**
 * `npm run bench`: every benchmark of the project, then one table of the promises made
 * in figures: page reading, reconcile, storing a reading, the popup with 500 lines, what
 * carrier pages pay for the content script (bench:page, ~13 minutes of it), and every built
 * JavaScript file against its gzip budget. Timings depend on the machine (the load average
 * is printed); sizes do not, and are also enforced by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './lib/bench-result';
import { REPO_ROOT } from '../tests/support/chromium';
import { formatKb, sizeReport } from './lib/size-report';

const BENCHMARKS = ['bench:read', 'bench:reconcile', 'bench:db-write', 'bench:popup', 'bench:page'];

function run(script: string, env: NodeJS.ProcessEnv): boolean {
  console.log(`\n━━ npm run ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function main(): void {
  if (!run('build', {})) {
    console.error('build failed');
    process.exit(1);
  }
  const resultsFile = path.join(
    mkdtempSync(path.join(tmpdir(), 'linekeeper-bench-')),
    'figures.jsonl',
  );
  const crashed: string[] = [];
  const figureCount = () =>
    existsSync(resultsFile)
      ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).length
      : 0;
  for (const script of BENCHMARKS) {
    const before = figureCount();
    run(script, { LINEKEEPER_BENCH_RESULTS: resultsFile });
    // Keep going: one broken benchmark must not hide the others' figures.
    if (figureCount() === before) crashed.push(script);
  }
  const figures: BenchFigure[] = existsSync(resultsFile)
    ? readFileSync(resultsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as BenchFigure)
    : [];

  const rows: [string, string, string, string][] = figures.map((f) => [
    f.name,
    `${f.value.toFixed(2)} ${f.unit}`,
    `${f.budget} ${f.unit}`,
    f.value <= f.budget ? 'pass' : 'FAIL',
  ]);
  let sizeFailures = 0;
  for (const target of ['chrome-mv3', 'firefox-mv2']) {
    for (const row of sizeReport(path.join(REPO_ROOT, '.output', target))) {
      if (!row.pass) sizeFailures += 1;
      rows.push([
        `${target}/${row.file} (raw ${formatKb(row.raw)}), gzip`,
        formatKb(row.gzip),
        formatKb(row.budget),
        row.pass ? 'pass' : 'FAIL',
      ]);
      if (row.target !== null) {
        rows.push([
          `${target}/${row.file}, gzip, against its goal`,
          formatKb(row.gzip),
          formatKb(row.target),
          row.gzip <= row.target ? 'pass' : 'FAIL (goal)',
        ]);
      }
    }
  }

  const header: [string, string, string, string] = ['figure', 'value', 'budget', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n━━ LineKeeper benchmarks (load average ${loadavg()[0]!.toFixed(2)})\n`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  if (crashed.length) console.log(`\nno figure from: ${crashed.join(', ')}`);
  // Sizes are deterministic: a size over budget fails the command; timings only report.
  process.exitCode = sizeFailures > 0 ? 1 : 0;
}

main();
