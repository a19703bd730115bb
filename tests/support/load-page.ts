/**
 * HTML string + URL → a happy-dom Document, for the fixture test, the read-page CLI and
 * the benchmark. No script runs and nothing is fetched; stylesheets saved beside the page
 * (a browser's "Save page as…" `NAME_files/` folder) are inlined so CSS-hidden elements
 * stay hidden.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';

export interface LoadedPage {
  document: Document;
  window: Window;
  /** Release happy-dom's timers and caches. */
  close(): Promise<void>;
}

export interface LoadPageOptions {
  /** Path of the HTML file on disk: relative stylesheet links are looked up beside it. */
  htmlPath?: string;
}

export function loadPage(html: string, url: string, options: LoadPageOptions = {}): LoadedPage {
  const window = new Window({
    url: safeUrl(url),
    width: 1280,
    height: 900,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: false,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  if (options.htmlPath) inlineLocalStylesheets(document, options.htmlPath);
  return {
    document,
    window,
    close: async () => {
      await window.happyDOM.abort();
      window.close();
    },
  };
}

/** happy-dom needs a valid URL; the reading engine gets the real one separately. */
function safeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return 'about:blank';
  }
}

/** Replace `<link rel=stylesheet href="local.css">` with a `<style>` holding the file. */
function inlineLocalStylesheets(document: Document, htmlPath: string): void {
  const folder = path.dirname(path.resolve(htmlPath));
  for (const link of Array.from(document.querySelectorAll('link[rel~="stylesheet" i][href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    let file: string;
    try {
      file = path.resolve(folder, decodeURIComponent(href.split(/[?#]/)[0] ?? ''));
    } catch {
      continue;
    }
    if (!file.startsWith(folder + path.sep)) continue;
    try {
      if (!existsSync(file) || !statSync(file).isFile()) continue;
      const style = document.createElement('style');
      style.textContent = readFileSync(file, 'utf8');
      const media = link.getAttribute('media');
      if (media) style.setAttribute('media', media);
      link.replaceWith(style);
    } catch {
      // An unreadable stylesheet only loses hidden-element detection; keep going.
    }
  }
}
