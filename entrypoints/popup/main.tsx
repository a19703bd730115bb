/** Popup entry: the interface language, then the App. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { UI_LOCALES, browserTranslate, browserUiLocale, type UiLocale } from '../../utils/i18n';
import { App } from './App';
import './style.css';

performance.mark('linekeeper:script-start');

const LANG_TAGS: Record<UiLocale, string> = { en: 'en', es: 'es-AR', zh_CN: 'zh-CN' };

/**
 * The language the browser actually picked our strings from (each messages.json names its
 * own): dates and amounts then always match the words around them, even when the browser's
 * UI language has no translation of ours (zh-TW, fr…) and the strings fall back to English.
 */
function translationLocale(): UiLocale {
  const named = browserTranslate('popupLocale');
  return (UI_LOCALES as readonly string[]).includes(named)
    ? (named as UiLocale)
    : browserUiLocale();
}

const locale = translationLocale();
document.documentElement.lang = LANG_TAGS[locale];
document.title = browserTranslate('extName');

// Opened in a tab (the overlay's "enter it by hand", or tests): let the page be fluid.
browser.tabs
  .getCurrent()
  .then((tab) => {
    if (tab) document.documentElement.classList.add('in-tab');
  })
  .catch(() => undefined);

render(
  <App locale={locale} t={browserTranslate} initialHash={location.hash} />,
  document.getElementById('app')!,
);
