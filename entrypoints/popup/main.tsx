/**
 * Popup entry: the list snapshot (utils/domain/list-snapshot.ts) with the language setting
 * in it, then the App in that language. This chunk holds only what the first paint needs;
 * the database code follows.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { makeCatalogCache } from '../../utils/domain/catalog';
import { BCP47_BY_LOCALE, warmFormatters } from '../../utils/domain/format';
import { browserTranslate, translationLocale } from '../../utils/domain/i18n';
import { LIST_SNAPSHOT_KEY, parseListSnapshot } from '../../utils/domain/list-snapshot';
import type { ListSnapshot } from '../../utils/domain/records';
import {
  popupLanguage,
  type LanguageSources,
  type PopupLanguage,
} from '../../utils/popup/language';
import { App, readHideNumbers } from './App';
import './style.css';
import './views.css';

performance.mark('linekeeper:script-start');

// Asked first: the browser reads it while this script goes on. Missing or invalid → null.
const snapshot = browser.storage.local.get(LIST_SNAPSHOT_KEY).then(
  (items) => parseListSnapshot(items[LIST_SNAPSHOT_KEY]),
  () => null,
);

const languages: LanguageSources = {
  browserLocale: translationLocale(),
  browserT: browserTranslate,
  // Another language than the browser's: our own messages.json, read once.
  catalog: makeCatalogCache((path) =>
    fetch(browser.runtime.getURL(path as '/popup.html')).then((response) => response.json()),
  ),
};

// Opened in a tab (the overlay's "enter it by hand", or tests): let the page be fluid.
browser.tabs
  .getCurrent()
  .then((tab) => {
    if (tab) document.documentElement.classList.add('in-tab');
  })
  .catch(() => undefined);

// Done while the snapshot is on its way: the first localStorage read waits for the browser
// too, and Intl formatters are slow to build in a fresh page.
const hideNumbers = readHideNumbers();
warmFormatters(languages.browserLocale);

function paint(initial: ListSnapshot | null, language: PopupLanguage) {
  document.documentElement.lang = BCP47_BY_LOCALE[language.locale];
  document.title = language.t('extName');
  render(
    <App
      language={language}
      languages={languages}
      initialHash={location.hash}
      snapshot={initial}
      hideNumbersAtStart={hideNumbers}
    />,
    document.getElementById('app')!,
  );
}

void snapshot.then((initial) => {
  // The browser's language: at once. Another one chosen in Settings: once its file is read.
  const language = popupLanguage(initial?.language, languages);
  if (language instanceof Promise) void language.then((chosen) => paint(initial, chosen));
  else paint(initial, language);
});
