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
