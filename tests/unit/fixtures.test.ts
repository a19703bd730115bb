/**
 * Every fixture page under tests/fixtures/<carrier>/NAME.html, read at its URL and moment,
 * checked field by field against NAME.json. Fields listed in `ambiguous` must be null and
 * explained in the notes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPage, type LoadedPage } from '../support/load-page';
import { readPage } from '../../utils/reading';
import { ReadingSchema, type Reading } from '../../utils/domain/records';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const FIELDS = ['carrier', 'kind', 'msisdn', 'balance', 'expiresOn', 'receipt'] as const;

/** How a note names each field (the engine writes "field: why"). */
const NOTE_NAMES: Record<(typeof FIELDS)[number], RegExp> = {
  carrier: /carrier/,
  kind: /kind|page/,
  msisdn: /^msisdn:/m,
  balance: /^balance:/m,
  expiresOn: /^expiry:/m,
  receipt: /receipt|operation id/,
};

interface FixtureSpec {
  url: string;
  at: string;
  description?: string;
  expected: Pick<Reading, (typeof FIELDS)[number]>;
  ambiguous?: Array<(typeof FIELDS)[number]>;
}

function fixtureNames(): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(FIXTURES, dir.name))
        .filter(
          (file) =>
            file.endsWith('.html') &&
            existsSync(path.join(FIXTURES, dir.name, file.replace(/\.html$/, '.json'))),
        )
        .map((file) => `${dir.name}/${file.replace(/\.html$/, '')}`),
    )
    .sort();
}

const names = fixtureNames();

it('has fixtures to check', () => {
  expect(names.length).toBeGreaterThan(0);
});

describe.each(names)('%s', (name) => {
  const htmlPath = path.join(FIXTURES, `${name}.html`);
  const spec = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as FixtureSpec;
  let loaded: LoadedPage | null = null;
  let reading: Reading;

  // Pages over 1 MB take happy-dom several seconds to parse.
  beforeAll(() => {
    loaded = loadPage(readFileSync(htmlPath, 'utf8'), spec.url, { htmlPath });
    reading = readPage(loaded.document, spec.url, new Date(spec.at));
  }, 180_000);

  afterAll(async () => {
    await loaded?.close();
  });

  it('is a valid Reading', () => {
    expect(ReadingSchema.safeParse(reading).success).toBe(true);
  });

  it.each(FIELDS)('%s', (field) => {
    expect(reading[field], `notes: ${JSON.stringify(reading.notes)}`).toEqual(spec.expected[field]);
  });

  if (spec.ambiguous?.length) {
    it.each(spec.ambiguous)('%s is null and explained (ambiguous)', (field) => {
      expect(reading[field]).toBeNull();
      // The note names the field it explains (notes are "field: why").
      expect(reading.notes.join('\n')).toMatch(NOTE_NAMES[field]);
    });
  }
});
