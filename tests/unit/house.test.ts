/**
 * House rules a reviewer would otherwise have to check by eye: no source file grows past
 * 600 lines, and no file of the project points outside the repository for its rules.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo';

const MAX_LINES = 600;
const EXCEPTED = new Set<string>();

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

describe('the house', () => {
  const files = trackedFiles();

  it(`keeps every source file of entrypoints, components, utils and scripts within ${MAX_LINES} lines`, () => {
    const long = files
      .filter((file) =>
        /^(entrypoints|components|utils|scripts)\/.*\.(ts|tsx|mjs|js|css)$/.test(file),
      )
      .filter((file) => !EXCEPTED.has(file))
      .map(
        (file) =>
          [file, readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').length] as const,
      )
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no file that sends the reader outside the repository for its rules', () => {
    const outside = files
      .filter(
        (file) =>
          /\.(ts|tsx|mjs|js|css|md|json)$/.test(file) && !file.startsWith('tests/fixtures/'),
      )
      .filter((file) =>
        /(^|[^\w])shared\/docs|\.\.\/shared\//.test(
          readFileSync(path.join(REPO_ROOT, file), 'utf8'),
        ),
      );
    expect(outside).toEqual([]);
  });
});
