/**
 * The house ESLint rules against unsafe HTML and eval must keep reporting: each forbidden
 * construct, linted in memory with the project's own eslint.config.js, is flagged.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, file = 'utils/__lint_probe__.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const FORBIDDEN: [string, string, RegExp][] = [
  [
    'innerHTML =',
    'export function f(el: Element, s: string) { el.innerHTML = s; }',
    /no-restricted-syntax: No innerHTML/,
  ],
  [
    'outerHTML =',
    'export function f(el: Element, s: string) { el.outerHTML = s; }',
    /no-restricted-syntax: No innerHTML\/outerHTML/,
  ],
  [
    'insertAdjacentHTML',
    "export function f(el: Element, s: string) { el.insertAdjacentHTML('beforeend', s); }",
    /no-restricted-syntax: No insertAdjacentHTML/,
  ],
  [
    'dangerouslySetInnerHTML',
    'export const A = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;',
    /no-restricted-syntax: No dangerouslySetInnerHTML/,
  ],
  [
    'document.write',
    'export function f(s: string) { document.write(s); }',
    /no-restricted-syntax: No document.write/,
  ],
  ['eval', 'export function f(s: string) { return eval(s); }', /^no-eval:/],
  [
    'new Function',
    "export function f(s: string) { return new Function('x', s); }",
    /^no-new-func:/,
  ],
  [
    'setTimeout(string)',
    "export function f() { setTimeout('alert(1)', 10); }",
    /^no-implied-eval:|implied-eval/,
  ],
];

describe('unsafe HTML and eval are lint errors', () => {
  // Loading the typescript-eslint config takes seconds the first time.
  beforeAll(() => ruleIds('export {};'), 60_000);

  it.each(FORBIDDEN)('%s is reported', async (_name, code, expected) => {
    const messages = await ruleIds(code);
    expect(
      messages.some((m) => expected.test(m)),
      messages.join('\n'),
    ).toBe(true);
  });

  it('safe DOM building is not reported (control)', async () => {
    const messages = await ruleIds(
      "export function f(el: Element, s: string) { const p = document.createElement('p'); p.textContent = s; el.append(p); }",
    );
    expect(messages).toEqual([]);
  });
});

/** Code that runs on carrier pages: where the fence applies (eslint.config.js PAGE_CODE). */
const PAGE_FILES = [
  'entrypoints/carrier.content/__probe__.ts',
  'components/overlay/__probe__.tsx',
  'utils/reading/__probe__.ts',
  'utils/content/__probe__.ts',
];

const FENCED: [string, string][] = [
  ['Dexie', "import { Dexie } from 'dexie'; export const d = Dexie;"],
  ['a zod value', "import * as z from 'zod/mini'; export const s = z.string();"],
  [
    'a schema value',
    "import { LineSchema } from '@@/utils/domain/records'; export const s = LineSchema;",
  ],
  [
    'background code',
    "import { openDatabase } from '@@/utils/background/db'; export const o = openDatabase;",
  ],
  [
    'popup code',
    "import { parseBackupFile } from '@@/utils/popup/backup-file'; export const p = parseBackupFile;",
  ],
  [
    'translations or Intl formatting (the background writes the overlay text)',
    "import { formatMoney } from '@@/utils/domain/format'; export const f = formatMoney;",
  ],
  [
    'message schemas',
    "import { CsMessageSchema } from '@@/utils/protocol/messages'; export const m = CsMessageSchema;",
  ],
];

const ALLOWED_ON_PAGES: [string, string][] = [
  [
    'types of the records',
    "import type { Line } from '@@/utils/domain/records'; export type L = Line;",
  ],
  ['zod types', "import type * as z from 'zod/mini'; export type S = z.ZodMiniString;"],
  [
    'page-safe domain code',
    "import { addDays } from '@@/utils/domain/time'; export const a = addDays;",
  ],
  ['the typed send', "import { send } from '@@/utils/protocol/send'; export const s = send;"],
];

describe('the page fence: carrier-page code imports no database, zod value, background or popup', () => {
  beforeAll(() => ruleIds('export {};'), 60_000);

  describe.each(PAGE_FILES)('in %s', (file) => {
    it.each(FENCED)('%s is reported', async (_name, code) => {
      const messages = await ruleIds(code, file);
      expect(
        messages.some((m) => m.startsWith('@typescript-eslint/no-restricted-imports')),
        messages.join('\n'),
      ).toBe(true);
    });
    it.each(ALLOWED_ON_PAGES)('%s is allowed', async (_name, code) => {
      expect(await ruleIds(code, file)).toEqual([]);
    });
  });

  it('does not apply to the background (control)', async () => {
    expect(await ruleIds(FENCED[0]![1], 'utils/background/__probe__.ts')).toEqual([]);
  });
});
