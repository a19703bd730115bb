/**
 * The user's interface language and the translate function, from the browser. Pure code
 * takes `locale` and `t` as arguments; only entrypoints call these.
 */
import { browser } from 'wxt/browser';

export const UI_LOCALES = ['en', 'es', 'zh_CN'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/**
 * A key of our messages.json (English is the default locale and has every key): a misspelt
 * key does not compile. Type-only: no byte of the catalogue reaches any bundle from here.
 */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** `t(key, substitutions)`: chrome.i18n semantics ($1, $2 … placeholders). */
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/** The interface language the user chose in Settings; 'auto' follows the browser. */
export const LANGUAGE_CHOICES = ['auto', ...UI_LOCALES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** The language to speak: the user's choice, else the browser's (a BCP 47 tag). */
export function resolveLocale(choice: LanguageChoice | undefined, browserTag: string): UiLocale {
  return choice && choice !== 'auto' ? choice : uiLocaleFromTag(browserTag);
}

/** Which of our three languages serves a browser language tag (zh-TW too: closer than en). */
export function uiLocaleFromTag(tag: string): UiLocale {
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh_CN';
  if (lower.startsWith('es')) return 'es';
  return 'en';
}

export function browserUiLocale(): UiLocale {
  return uiLocaleFromTag(browser.i18n.getUILanguage());
}

/** The browser's translations; a missing key shows the key, never an empty string. */
export const browserTranslate: Translate = (key, substitutions) =>
  browser.i18n.getMessage(key as never, substitutions) || key;

/**
 * The language the browser actually picked our strings from (each messages.json names its
 * own in `popupLocale`), so dates and amounts match the words around them even when the UI
 * language has no translation of ours; the UI language when that message is missing.
 */
export function translationLocale(): UiLocale {
  const named = browserTranslate('popupLocale');
  return (UI_LOCALES as readonly string[]).includes(named)
    ? (named as UiLocale)
    : browserUiLocale();
}
