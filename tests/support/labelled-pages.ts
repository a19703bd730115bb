/**
 * Labelled pages on disk: NAME.html with NAME.json beside it (url, at, expected), in any
 * sub-folder. The fixtures are such a folder, and so is any set of unseen pages.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Truth } from '../corpus/truth';

export interface LabelledPage {
  name: string;
  htmlPath: string;
  html: string;
  url: string;
  at: string;
  expected: Truth;
}

export function findLabelledPages(dir: string): LabelledPage[] {
  const found: LabelledPage[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      found.push(...findLabelledPages(full));
      continue;
    }
    if (!entry.endsWith('.html')) continue;
    const jsonPath = full.replace(/\.html$/, '.json');
    let spec: { url?: string; at?: string; expected?: Truth };
    try {
      spec = JSON.parse(readFileSync(jsonPath, 'utf8')) as typeof spec;
    } catch {
      continue;
    }
    if (!spec.url || !spec.at || !spec.expected) continue;
    found.push({
      name: full,
      htmlPath: full,
      html: readFileSync(full, 'utf8'),
      url: spec.url,
      at: spec.at,
      expected: spec.expected,
    });
  }
  return found;
}
