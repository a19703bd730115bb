#!/usr/bin/env node
// `npm test`: everything a change must pass, in order, with one closing line that totals
// the test runners (Vitest's unit and build tiers, Playwright in Chromium, node:test in
// Firefox). Every step runs even when an earlier one fails, so one run shows all
// that is wrong; the exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = 'test-results';
mkdirSync(RESULTS, { recursive: true });
for (const file of ['unit.json', 'build.json', 'e2e.json', 'firefox.json']) {
  rmSync(`${RESULTS}/${file}`, { force: true });
}

// Fast checks first (no build needed), then the build and what checks the built extension.
const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit']],
  ['eslint', 'npx', ['eslint', '.']],
  ['prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  [
    'unit tests',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${RESULTS}/unit.json`,
    ],
  ],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['web-ext lint (Firefox build)', 'npm', ['run', '--silent', 'lint:firefox']],
  [
    'build tests (manifests, sizes)',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'build',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${RESULTS}/build.json`,
    ],
  ],
  [
    'e2e tests (Chromium)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_FILE: `${RESULTS}/e2e.json` },
  ],
  [
    'Firefox smoke tests (firefox-esr)',
    'npm',
    ['run', '--silent', 'test:firefox'],
    { FIREFOX_SUMMARY_FILE: `${RESULTS}/firefox.json` },
  ],
];

const failedSteps = [];
for (const [name, command, args, env] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`✔ ${name} (${seconds} s)`);
  else {
    console.log(`✖ ${name} failed (${seconds} s)`);
    failedSteps.push(name);
  }
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
const unit = readJson(`${RESULTS}/unit.json`);
const buildTier = readJson(`${RESULTS}/build.json`);
const e2e = readJson(`${RESULTS}/e2e.json`);
const buildPassed = buildTier?.numPassedTests ?? 0;
const buildFailed = buildTier ? buildTier.numFailedTests : 1;
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit ? unit.numFailedTests : 1;
const e2ePassed = e2e?.stats?.expected ?? 0;
const e2eFailed = e2e ? (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) : 1;
const firefox = readJson(`${RESULTS}/firefox.json`);
const firefoxPassed = firefox?.passed ?? 0;
const firefoxFailed = firefox ? firefox.failed : 1;
const skipped =
  (unit?.numPendingTests ?? 0) +
  (buildTier?.numPendingTests ?? 0) +
  (e2e?.stats?.skipped ?? 0) +
  (firefox?.skipped ?? 0);

console.log(`\nunit: ${unitPassed} passed, ${unitFailed} failed`);
console.log(`build: ${buildPassed} passed, ${buildFailed} failed`);
console.log(`e2e: ${e2ePassed} passed, ${e2eFailed} failed`);
console.log(`firefox: ${firefoxPassed} passed, ${firefoxFailed} failed`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
// A failed check (types, lint, build) counts as one failure: it is one.
const failedChecks = failedSteps.filter((name) => !name.includes('tests')).length;
const totalFailed = unitFailed + buildFailed + e2eFailed + firefoxFailed + failedChecks;
const totalPassed = unitPassed + buildPassed + e2ePassed + firefoxPassed;
console.log(`tests: ${totalPassed} passed, ${totalFailed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
