/**
 * Every fixture page read where the extension reads it: in Chromium, at its URL, with
 * stylesheets, layout and declarative shadow roots (the unit tier reads the same pages in
 * happy-dom, which has no layout). Grids, flex stacks and shadow-root headings are only
 * decided here. Each stated field must come out exactly as the page's JSON says.
 */
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { FIELDS } from '../corpus/score';
import { REPO_ROOT } from '../support/repo';
import { findLabelledPages } from '../support/labelled-pages';
import { openChromiumReader, type ChromiumReader } from '../support/read-in-chromium';

const pages = findLabelledPages(path.join(REPO_ROOT, 'tests/fixtures'));
let reader: ChromiumReader;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  reader = await openChromiumReader();
});
test.afterAll(async () => {
  await reader.close();
});

test('the fixtures are found', () => {
  expect(pages.length).toBeGreaterThan(40);
});

for (const page of pages) {
  const name = path.relative(path.join(REPO_ROOT, 'tests/fixtures'), page.htmlPath);
  test(`reads ${name} in Chromium as labelled`, async () => {
    const reading = await reader.read(page.html, page.url, new Date(page.at));
    const got = Object.fromEntries(FIELDS.map((field) => [field, reading[field]]));
    const expected = Object.fromEntries(FIELDS.map((field) => [field, page.expected[field]]));
    expect(got, reading.notes.join(' | ')).toEqual(expected);
  });
}
