/**
 * Translations for tests: the real `public/_locales/<lang>/messages.json` read with the
 * product's own chrome.i18n rules (utils/domain/catalog.ts; tests/e2e/i18n.spec.ts checks
 * them against Chromium's getMessage). One place for every test that needs `t`.
 */
import { REPO_ROOT } from './repo';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogTranslator, compileCatalog, type Catalog } from '../../utils/domain/catalog';
import type { Translate, UiLocale } from '../../utils/domain/i18n';

const catalogs = new Map<UiLocale, Catalog>();

/** The compiled catalog of one of our languages, read once. */
export function catalogFor(locale: UiLocale): Catalog {
  let catalog = catalogs.get(locale);
  if (!catalog) {
    const file = path.join(REPO_ROOT, 'public/_locales', locale, 'messages.json');
    catalog = compileCatalog(JSON.parse(readFileSync(file, 'utf8')));
    catalogs.set(locale, catalog);
  }
  return catalog;
}

/**
 * `t` in one of our languages, as chrome.i18n would answer it; a key the language lacks
 * fails the test (the product would show the bare key).
 */
export function translatorFor(locale: UiLocale): Translate {
  const catalog = catalogFor(locale);
  const t = catalogTranslator(catalog);
  return (key, substitutions) => {
    if (!catalog.has(key)) throw new Error(`no message ${key} in ${locale}`);
    return t(key, substitutions);
  };
}

/** `t` that shows the key and its substitutions (`key(a|b)`): for tests of which text is chosen. */
export const keyTranslator: Translate = (key, substitutions) => {
  const list = substitutions === undefined ? [] : [substitutions].flat();
  return list.length ? `${key}(${list.join('|')})` : key;
};
