import AxeBuilder from '@axe-core/playwright';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/chromium';
import { expect, test } from './fixtures';

async function harnessScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'tests/e2e/overlay-harness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    loader: { '.css': 'text' },
    plugins: [
      {
        name: 'inline-css',
        setup(builder) {
          builder.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
            path: path.resolve(args.resolveDir, args.path.replace(/\?inline$/, '')),
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every overlay state passes axe-core (${colorScheme})`, async ({ context }) => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>Overlay states</title></head><body><main><h1>Overlay states</h1></main></body></html>',
    );
    const messages = readFileSync(path.join(REPO_ROOT, 'public/_locales/en/messages.json'), 'utf8');
    await page.evaluate((json) => {
      (window as unknown as { lkMessages: unknown }).lkMessages = JSON.parse(json);
    }, messages);
    await page.addScriptTag({ content: await harnessScript() });
    await expect(page.locator('#state-saved').getByText('Recharge now')).toBeVisible();
    // The folded pills say how urgent the line is, in words as well as colour.
    await expect(page.locator('#state-pillExpired').getByRole('button')).toHaveText(
      /Expired.*expired 3 days ago/,
    );
    await expect(page.locator('#state-pillSoon').getByRole('button')).toHaveAccessibleName(
      'Show LineKeeper: Renew soon, in 5 days',
    );
    // The expiry question is a named group of real buttons (axe checks it with the rest).
    const question = page
      .locator('#state-savedChoice')
      .getByRole('group', { name: "Which is your line's expiry?" });
    await expect(question.getByRole('button')).toHaveText(['10 Dec 2026', '5 Jan 2027', 'Neither']);
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
}
