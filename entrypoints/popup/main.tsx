/**
 * Popup entry: the interface language, the list snapshot (utils/domain/list-snapshot.ts), then the
 * App. This chunk holds only what the first paint needs; the database code follows.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { BCP47_BY_LOCALE, warmFormatters } from '../../utils/domain/format';
import { browserTranslate, translationLocale } from '../../utils/domain/i18n';
import { LIST_SNAPSHOT_KEY, parseListSnapshot } from '../../utils/domain/list-snapshot';
import { App, readHideNumbers } from './App';
import './style.css';

performance.mark('linekeeper:script-start');

// Asked first: the browser reads it while this script goes on. Missing or invalid → null.
const snapshot = browser.storage.local.get(LIST_SNAPSHOT_KEY).then(
  (items) => parseListSnapshot(items[LIST_SNAPSHOT_KEY]),
  () => null,
);

const locale = translationLocale();
document.documentElement.lang = BCP47_BY_LOCALE[locale];
document.title = browserTranslate('extName');

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
warmFormatters(locale);

void snapshot.then((initial) =>
  render(
    <App
      locale={locale}
      t={browserTranslate}
      initialHash={location.hash}
      snapshot={initial}
      hideNumbersAtStart={hideNumbers}
    />,
    document.getElementById('app')!,
  ),
);
