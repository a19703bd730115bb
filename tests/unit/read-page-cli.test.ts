import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/read-page.ts');

/** Runs the CLI in a child process. */
function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SCRIPT, ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function savedPage(): string {
  // A page as a browser saves it: NAME.html plus NAME_files/ with its stylesheet.
  const dir = mkdtempSync(path.join(tmpdir(), 'read-page-'));
  mkdirSync(path.join(dir, 'Mi Movistar_files'));
  writeFileSync(path.join(dir, 'Mi Movistar_files', 'app.css'), '.stale { display: none }');
  writeFileSync(
    path.join(dir, 'Mi Movistar.html'),
    `<!doctype html><html><head><link rel="stylesheet" href="Mi%20Movistar_files/app.css">
     <script src="Mi Movistar_files/app.js"></script></head><body>
     <p>Línea: 11 2345-6789</p><p class="stale">Saldo: $ 999,00</p>
     <p>Saldo: $ 1.234,56</p><p>Vence el 15/12/2026</p></body></html>`,
  );
  return path.join(dir, 'Mi Movistar.html');
}

describe('npm run read-page', () => {
  it('prints the reading as JSON in the documented key order', async () => {
    const page = savedPage();
    const { code, stdout } = await run(
      page,
      '--url',
      'https://mi.movistar.com.ar/inicio',
      '--at',
      '2026-11-20T12:00:00-03:00',
      '--dom',
      'node',
    );
    expect(code).toBe(0);
    const reading = JSON.parse(stdout);
    expect(Object.keys(reading)).toEqual([
      'carrier',
      'kind',
      'msisdn',
      'balance',
      'expiresOn',
      'receipt',
      'notes',
    ]);
    expect(reading).toMatchObject({
      carrier: 'movistar',
      kind: 'account',
      msisdn: '+5491123456789',
      balance: { amount: 1234.56, currency: 'ARS' },
      expiresOn: '2026-12-15',
      receipt: null,
    });
  }, 120_000);

  it('reads nothing off the carriers’ hosts', async () => {
    const { code, stdout } = await run(
      savedPage(),
      '--url',
      'https://claro.com.ar.example.net/',
      '--dom',
      'node',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ carrier: null, kind: 'none', balance: null });
  }, 120_000);

  it.each([
    ['a missing file', ['does-not-exist.html', '--url', 'https://mi.movistar.com.ar/']],
    ['no --url', ['page.html']],
    ['a bad --at', ['page.html', '--url', 'https://mi.movistar.com.ar/', '--at', 'mañana']],
    ['an unknown option', ['page.html', '--url', 'https://mi.movistar.com.ar/', '--verbose']],
    ['a bad --url', ['page.html', '--url', 'not a url']],
    ['a bad --dom', ['page.html', '--url', 'https://mi.movistar.com.ar/', '--dom', 'jsdom']],
  ])(
    'fails with one line on stderr for %s',
    async (_case, args) => {
      const { code, stdout, stderr } = await run(...args);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^read-page: /);
    },
    120_000,
  );
});
