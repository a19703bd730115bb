/**
 * The background's voice: the language the user chose in LineKeeper (Settings), else the
 * browser's, with its messages read from our own catalog (chrome.i18n cannot switch
 * language at run time) and one date and number style per language, the popup's. Every
 * text the background writes goes through it: badge tooltip, notifications, the overlay's
 * text (the content script only places what it is given).
 */
import { catalogTranslator, type Catalog } from '../domain/catalog';
import { formatCount, formatIsoDate } from '../domain/format';
import { resolveLocale, type LanguageChoice, type Translate, type UiLocale } from '../domain/i18n';

export interface Localizer {
  locale: UiLocale;
  t: Translate;
  /** An Argentina-calendar date as the popup writes it in this language. */
  formatDate(date: string): string;
  /** A count in this language's digits and grouping, as the popup writes it. */
  formatCount(count: number): string;
}

export interface LocalizerDeps {
  /** The user's choice (settings.language). */
  choice(): Promise<LanguageChoice | undefined>;
  /** The browser's UI language tag (browser.i18n.getUILanguage()). */
  browserTag: string;
  /** A language's catalog (makeCatalogCache). */
  catalog(locale: UiLocale): Promise<Catalog>;
}

/** The localizer for the language in force now (catalogs are cached by the caller). */
export async function currentLocalizer(deps: LocalizerDeps): Promise<Localizer> {
  let choice: LanguageChoice | undefined;
  try {
    choice = await deps.choice();
  } catch {
    // An unreadable setting (storage failing) must not silence every message.
    choice = undefined;
  }
  const locale = resolveLocale(choice, deps.browserTag);
  return localizerFor(locale, await deps.catalog(locale));
}

export function localizerFor(locale: UiLocale, catalog: Catalog): Localizer {
  return {
    locale,
    t: catalogTranslator(catalog),
    formatDate: (date) => formatIsoDate(date, locale),
    formatCount: (count) => formatCount(count, locale),
  };
}
