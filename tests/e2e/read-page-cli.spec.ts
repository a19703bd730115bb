/**
 * `npm run read-page` reads as the extension does by default: in headless Chromium, where
 * declarative shadow roots are built, layout is computed and a saved page's own stylesheet
 * (served from beside it) hides what it hides. `--dom node` stays as the fast option.
 */
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/repo';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/read-page.ts'), ...args],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

test('reads in Chromium by default: shadow-root values and the saved stylesheet count', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'read-page-chromium-'));
  mkdirSync(path.join(dir, 'Mi Claro_files'));
  writeFileSync(path.join(dir, 'Mi Claro_files', 'site.css'), '.old { display: none }');
  const page = path.join(dir, 'Mi Claro.html');
  writeFileSync(
    page,
    `<!doctype html><html><head><link rel="stylesheet" href="Mi%20Claro_files/site.css"></head>
     <body><h1>Mi línea 11 5555-2215</h1>
     <p class="old">Saldo: $ 999,00</p>
     <mc-balance><template shadowrootmode="open"><p>Saldo disponible: $ 1.480,00</p>
       <p>Vence el 20/01/2027</p></template></mc-balance></body></html>`,
  );
  const args = [
    page,
    '--url',
    'https://m-miclaro.claro.com.ar/inicio',
    '--at',
    '2026-12-03T10:00:00-03:00',
  ];
  const chromium = await run(...args);
  expect(chromium.stderr).toBe('');
  expect(JSON.parse(chromium.stdout)).toMatchObject({
    carrier: 'claro',
    kind: 'account',
    msisdn: '+5491155552215',
    balance: { amount: 1480, currency: 'ARS' },
    expiresOn: '2027-01-20',
  });
  // The fast Node DOM stays available and, on a page without layout questions, agrees.
  const node = await run(...args, '--dom', 'node');
  expect(JSON.parse(node.stdout)).toEqual(JSON.parse(chromium.stdout));
});
