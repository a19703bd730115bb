/**
 * Translations for tests: the real `public/_locales/<lang>/messages.json` read with the
 * product's own chrome.i18n rules (utils/domain/catalog.ts; tests/e2e/i18n.spec.ts checks
 * them against Chromium's getMessage). One place for every test that needs `t`.
 */
import { REPO_ROOT } from './repo';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogTranslator, compileCatalog, type Catalog } from '../../utils/domain/catalog';
import {
  resolveLocale,
  type LanguageChoice,
  type Translate,
  type UiLocale,
} from '../../utils/domain/i18n';
import { localizerFor, type Localizer } from '../../utils/background/localizer';

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

/**
 * The background's `localize` over the real catalogs: the chosen language, else `browser`
 * (the language the browser would give our strings in).
 */
export function localizeFromFiles(browser: UiLocale = 'en') {
  return async (choice: LanguageChoice | undefined): Promise<Localizer> => {
    const locale = resolveLocale(choice, browser);
    return localizerFor(locale, catalogFor(locale));
  };
}
