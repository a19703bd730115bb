/**
 * Our own reading of a `_locales/<lang>/messages.json`, with chrome.i18n's rules, so the
 * background and the popup can speak the language the user chose in LineKeeper rather than
 * the browser's (chrome.i18n cannot switch language at run time). Tests use it over the
 * files on disk; an e2e test checks it gives what Chromium's getMessage gives for every key.
 *
 * The rules, as Chromium applies them: a message's named placeholders (`$DATE$`, any case)
 * are replaced by their `content` when the file is loaded; at lookup, `$1`…`$9` take the
 * substitutions (missing ones are empty), `$$` is a `$`, and a `$` before anything else is
 * dropped with that character.
 */
import type { MessageKey, Translate, UiLocale } from './i18n';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content?: string }>;
}

/** Message key → template with its named placeholders already replaced. */
export type Catalog = ReadonlyMap<string, string>;

/** A parsed messages.json as a catalog; entries that are not messages are skipped. */
export function compileCatalog(file: unknown): Catalog {
  const catalog = new Map<string, string>();
  if (!file || typeof file !== 'object') return catalog;
  for (const [key, value] of Object.entries(file as Record<string, unknown>)) {
    const entry = value as MessageEntry | null;
    if (!entry || typeof entry.message !== 'string') continue;
    const placeholders = new Map<string, string>();
    for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
      placeholders.set(name.toLowerCase(), placeholder?.content ?? '');
    }
    catalog.set(
      key,
      entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? whole : content;
      }),
    );
  }
  return catalog;
}

/** `$1`…`$9` → substitutions, `$$` → `$` (chrome.i18n's substitution rules). */
export function substitute(template: string, substitutions: readonly string[]): string {
  if (!template.includes('$')) return template;
  let out = '';
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i]!;
    if (char !== '$') {
      out += char;
      continue;
    }
    const next = template[i + 1];
    if (next === undefined) break;
    i += 1;
    if (next === '$') {
      out += '$';
      // Each further `$` of a run is kept as one.
      while (template[i + 1] === '$') {
        out += '$';
        i += 1;
      }
    } else if (next >= '1' && next <= '9') {
      out += substitutions[Number(next) - 1] ?? '';
    }
  }
  return out;
}

/** `t` over a catalog; a key it lacks shows as the key, never as an empty string. */
export function catalogTranslator(catalog: Catalog): Translate {
  return (key: MessageKey, substitutions?: string | string[]) => {
    const template = catalog.get(key);
    if (template === undefined) return key;
    const list =
      substitutions === undefined
        ? []
        : Array.isArray(substitutions)
          ? substitutions
          : [substitutions];
    return substitute(template, list);
  };
}

/** Where a language's messages live in the built extension. */
export function catalogPath(locale: UiLocale): string {
  return `/_locales/${locale}/messages.json`;
}

/**
 * Catalogs by language, each read once: `read(path)` returns the parsed JSON of an
 * extension file (the background and the popup pass `fetch(runtime.getURL(path))`). A
 * file that cannot be read gives an empty catalog, so text falls back to message keys
 * rather than breaking the page.
 */
export function makeCatalogCache(read: (path: string) => Promise<unknown>) {
  const loading = new Map<UiLocale, Promise<Catalog>>();
  return (locale: UiLocale): Promise<Catalog> => {
    let catalog = loading.get(locale);
    if (!catalog) {
      catalog = read(catalogPath(locale)).then(compileCatalog, () => new Map<string, string>());
      loading.set(locale, catalog);
    }
    return catalog;
  };
}
