/**
 * Read one saved carrier page from the command line:
 *   npm run read-page -- PAGE.html --url URL [--at ISO-8601-time] [--dom chromium|node]
 * Prints the Reading as JSON. Pages saved by a browser ("Save page as…", with a NAME_files/
 * folder) work; their local stylesheets are used to tell hidden elements apart.
 * --dom chromium (the default) reads as the extension does: in headless Chromium, with
 * layout, stylesheets and declarative shadow roots. --dom node reads in happy-dom: faster,
 * but it computes no layout and builds no shadow roots, so it can disagree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reading } from '../utils/domain/records';

const USAGE =
  'usage: npm run read-page -- PAGE.html --url URL [--at ISO-8601-time] [--dom chromium|node]';

interface Arguments {
  file: string;
  url: string;
  at: Date;
  dom: 'chromium' | 'node';
}

function parseArguments(argv: string[]): Arguments {
  let file: string | null = null;
  let url: string | null = null;
  let at: Date | null = null;
  let dom: Arguments['dom'] = 'chromium';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inlineValue] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string?])
      : [arg];
    const value = () => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value (${USAGE})`);
      return next;
    };
    if (flag === '--url') url = value();
    else if (flag === '--at') at = parseInstant(value());
    else if (flag === '--dom') {
      const chosen = value();
      if (chosen !== 'chromium' && chosen !== 'node') {
        throw new Error(`--dom is chromium or node, not ${chosen}`);
      }
      dom = chosen;
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else if (flag.startsWith('-')) throw new Error(`unknown option ${flag} (${USAGE})`);
    else if (file === null) file = arg;
    else throw new Error(`unexpected argument ${arg} (${USAGE})`);
  }
  if (!file) throw new Error(`missing PAGE.html (${USAGE})`);
  if (!url) throw new Error(`missing --url (${USAGE})`);
  try {
    new URL(url);
  } catch {
    throw new Error(`--url is not a URL: ${url}`);
  }
  return { file, url, at: at ?? new Date(), dom };
}

/** ISO 8601 date-time with an offset or Z (a bare date or local time would be ambiguous). */
function parseInstant(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
  const date = new Date(text);
  if (!iso.test(text) || Number.isNaN(date.getTime())) {
    throw new Error(
      `--at is not an ISO-8601 time with an offset (e.g. 2026-11-20T15:30:00-03:00): ${text}`,
    );
  }
  return date;
}

/** The Reading with its keys in the documented order. */
function ordered(reading: Reading) {
  return {
    carrier: reading.carrier,
    kind: reading.kind,
    msisdn: reading.msisdn,
    balance: reading.balance
      ? { amount: reading.balance.amount, currency: reading.balance.currency }
      : null,
    expiresOn: reading.expiresOn,
    receipt: reading.receipt
      ? {
          amount: reading.receipt.amount,
          currency: reading.receipt.currency,
          operationId: reading.receipt.operationId,
          date: reading.receipt.date,
        }
      : null,
    notes: reading.notes,
  };
}

async function main(): Promise<number> {
  let args: Arguments;
  let html: string;
  try {
    args = parseArguments(process.argv.slice(2));
    html = readFileSync(args.file, 'utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`read-page: ${message.split('\n')[0]}\n`);
    return 2;
  }
  const reading =
    args.dom === 'chromium' ? await readInChromium(args, html) : await readInNode(args, html);
  process.stdout.write(`${JSON.stringify(ordered(reading), null, 2)}\n`);
  return 0;
}

async function readInNode(args: Arguments, html: string): Promise<Reading> {
  // Loaded only now: argument errors answer at once, without starting happy-dom.
  const [{ loadPage }, { readPage }] = await Promise.all([
    import('../tests/support/load-page'),
    import('../utils/reading'),
  ]);
  const page = loadPage(html, args.url, { htmlPath: args.file });
  try {
    return readPage(page.document, args.url, args.at);
  } finally {
    await page.close();
  }
}

async function readInChromium(args: Arguments, html: string): Promise<Reading> {
  const { openChromiumReader } = await import('../tests/support/read-in-chromium');
  const folder = path.dirname(path.resolve(args.file));
  const pageDir = new URL('.', args.url).pathname;
  // A saved page's stylesheets, from beside it (NAME_files/…): only .css, never scripts.
  const asset = (url: URL) => {
    if (url.origin !== new URL(args.url).origin || !url.pathname.endsWith('.css')) return null;
    if (!url.pathname.startsWith(pageDir)) return null;
    const relative = decodeURIComponent(url.pathname.slice(pageDir.length));
    const file = path.resolve(folder, relative);
    if (!file.startsWith(folder + path.sep)) return null;
    try {
      return { body: readFileSync(file), contentType: 'text/css' };
    } catch {
      return null;
    }
  };
  const reader = await openChromiumReader();
  try {
    return await reader.read(html, args.url, args.at, asset);
  } finally {
    await reader.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `read-page: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
    );
    process.exit(1);
  },
);
