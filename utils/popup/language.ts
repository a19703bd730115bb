/**
 * The popup's interface language: the one the settings choose, else the browser's. When
 * it is the language chrome.i18n already answers in, the popup uses chrome.i18n (nothing
 * to load, the first paint as fast as ever); otherwise it reads that language's own
 * messages.json with chrome.i18n's rules (utils/domain/catalog.ts), since chrome.i18n
 * cannot switch language at run time.
 */
import { catalogTranslator, type Catalog } from '../domain/catalog';
import {
  resolveLocale,
  type LanguageChoice,
  type MessageKey,
  type Translate,
  type UiLocale,
} from '../domain/i18n';

export interface PopupLanguage {
  locale: UiLocale;
  t: Translate;
}

/** The language a choice resolves to, and whether the browser's own strings serve it. */
export function languagePlan(
  choice: LanguageChoice | undefined,
  browserLocale: UiLocale,
): { locale: UiLocale; fromBrowser: boolean } {
  const locale = resolveLocale(choice, browserLocale);
  return { locale, fromBrowser: locale === browserLocale };
}

export interface LanguageSources {
  /** The language chrome.i18n answers in (translationLocale()). */
  browserLocale: UiLocale;
  /** chrome.i18n's translate function. */
  browserT: Translate;
  /** A language's catalog (makeCatalogCache over the extension's files). */
  catalog(locale: UiLocale): Promise<Catalog>;
}

/**
 * The popup's language for a choice: at once (no promise) when the browser's strings serve
 * it, so the common case adds nothing to the first paint; else once its catalog is read.
 */
export function popupLanguage(
  choice: LanguageChoice | undefined,
  sources: LanguageSources,
): PopupLanguage | Promise<PopupLanguage> {
  const { locale, fromBrowser } = languagePlan(choice, sources.browserLocale);
  if (fromBrowser) return { locale, t: sources.browserT };
  return sources.catalog(locale).then((catalog) => ({ locale, t: catalogTranslator(catalog) }));
}

/** The language names in the settings, each in its own language (never translated). */
export const LANGUAGE_NAME_KEYS: Record<UiLocale, MessageKey> = {
  zh_CN: 'languageNameZhCN',
  es: 'languageNameEs',
  en: 'languageNameEn',
};

/** The order the choices are offered in: following the browser, then each language. */
export const LANGUAGE_CHOICE_ORDER: readonly LanguageChoice[] = ['auto', 'zh_CN', 'es', 'en'];
