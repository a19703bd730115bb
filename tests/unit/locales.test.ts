/**
 * The three locale files: the same keys everywhere (a key missing in one language would
 * show as the bare key), every named placeholder defined, and the manifest's strings
 * within what Chrome's store accepts (name 75, short name 12 recommended, description
 * 132 characters).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LOCALES } from '../../utils/domain/i18n';
import { REPO_ROOT } from '../support/repo';

type LocaleFile = Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;

function localeFile(locale: string): LocaleFile {
  return JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as LocaleFile;
}

const english = localeFile('en');

describe.each(UI_LOCALES)('%s messages.json', (locale) => {
  const file = localeFile(locale);

  it('has exactly the keys of the English file', () => {
    expect(Object.keys(file).sort()).toEqual(Object.keys(english).sort());
  });

  it('defines every named placeholder its messages use, with the same substitutions', () => {
    for (const [key, entry] of Object.entries(file)) {
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) =>
        m[1]!.toLowerCase(),
      );
      const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
      for (const name of used) expect(defined, `${locale} ${key}: $${name}$`).toContain(name);
      const contents = (e: LocaleFile[string] | undefined) =>
        Object.values(e?.placeholders ?? {})
          .map((p) => p.content)
          .sort();
      expect(contents(entry), `${locale} ${key}`).toEqual(contents(english[key]));
    }
  });

  it('keeps the manifest strings within the store limits', () => {
    expect(file.extName!.message.length).toBeLessThanOrEqual(75);
    expect(file.extShortName!.message.length).toBeLessThanOrEqual(12);
    expect(file.extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});
