/**
 * The corpus generator: `generatePage(seed, index)` builds one labelled carrier page from
 * independent axes; `generateCorpus({ seed, count })` builds many. Deterministic: the same
 * (seed, index) always gives the same page, on any machine.
 */
import { addDays, buenosAiresInstant, type IsoDate } from './calendar';
import type { Ctx } from './context';
import { jsonState } from './distractors';
import { randomNumber } from './formats';
import { type SplitMode } from './html';
import { buildParts } from './pages';
import { mixSeed, Rng } from './prng';
import { Shell, SHELLS, type ShellName } from './shells';
import { computeTruth, emptyStatements, type CarrierId, type PageType, type Truth } from './truth';
import { urlFor } from './urls';

export interface CorpusPage {
  id: string;
  url: string;
  /** The reading moment, ISO 8601 with the Buenos Aires offset (-03:00). */
  at: string;
  html: string;
  truth: Truth;
  /** Every choice the page was composed from: axis → value. */
  axes: Record<string, string>;
  /** kind none: nothing on the page may be read as a value. */
  hasNothingToRead: boolean;
}

export interface GenerateOptions {
  /** Allow large pages (a long history up to ~1 MB) on about 1.5 % of account / receipt pages. */
  large?: boolean;
}

export interface CorpusOptions extends GenerateOptions {
  seed: number;
  count: number;
  /** First page index (default 0). */
  start?: number;
}

const PAGE_TYPE_WEIGHTS: Record<PageType, number> = {
  account: 44,
  receipt: 11,
  'receipt-with-balance': 6,
  'recharge-chooser': 3,
  'recharge-chooser-with-state': 5,
  'none-login': 5,
  'none-marketing': 5,
  'none-search-echo': 5,
  'none-error': 5,
  'none-help-faq': 5,
  'none-failed-payment': 6,
};

const LARGE_SHARE = 0.015;

/** The reading day: spread over 2026–2027, with extra weight around the turn of the year. */
function readingDay(rng: Rng): IsoDate {
  if (rng.chance(0.35))
    return addDays(rng.chance(0.5) ? '2026-11-15' : '2027-11-15', rng.int(0, 76));
  return addDays('2026-01-01', rng.int(0, 729));
}

function readingMinute(rng: Rng): { minute: number; clock: string } {
  const clock = rng.weighted({ day: 76, 'late-night': 12, 'after-midnight': 12 });
  if (clock === 'late-night') return { minute: 23 * 60 + rng.int(0, 59), clock };
  if (clock === 'after-midnight') return { minute: rng.int(0, 59), clock };
  return { minute: rng.int(8 * 60, 21 * 60 + 59), clock };
}

function shellFor(rng: Rng, family: string): ShellName {
  if (family === 'personal-aspx' && rng.chance(0.75)) return 'aspnet';
  if (family === 'claro-liferay' && rng.chance(0.75)) return 'liferay';
  const modern = SHELLS.filter((s) => s !== 'aspnet' && s !== 'liferay');
  return rng.chance(0.06) ? rng.pick(['aspnet', 'liferay'] as const) : rng.pick(modern);
}

const PREFIX: Record<CarrierId, string> = { claro: 'mc', movistar: 'mm', personal: 'mp' };

export function generatePage(
  seed: number,
  index: number,
  options: GenerateOptions = {},
): CorpusPage {
  const rng = new Rng(mixSeed(seed, index));
  // A separate stream decides large pages, so the option changes only the pages it enlarges.
  const large =
    (options.large ?? false) && new Rng(mixSeed(seed ^ 0x5bd1e995, index)).chance(LARGE_SHARE);

  const carrier = rng.pick(['claro', 'movistar', 'personal'] as const);
  const pageType = rng.weighted(PAGE_TYPE_WEIGHTS);
  const day = readingDay(rng);
  const { minute, clock } = readingMinute(rng);
  const at = buenosAiresInstant(day, Math.floor(minute / 60), minute % 60, rng.int(0, 59));
  const { url, family } = urlFor(rng, carrier, pageType);
  const shell = new Shell(shellFor(rng, family), rng, PREFIX[carrier]);
  const split = rng.weighted<SplitMode>({
    none: 70,
    'word-spans': 12,
    'char-spans': 10,
    'char-custom-elements': 8,
  });
  const ctx: Ctx = {
    rng,
    shell,
    carrier,
    pageType,
    readingDay: day,
    readingMinute: minute,
    axes: {
      carrier,
      pageType,
      urlFamily: family,
      shell: shell.name,
      clock,
      splitLabels: split,
      size: 'normal',
    },
    statements: emptyStatements(),
    line: randomNumber(rng),
    split,
    upperLabels: rng.chance(0.1),
    css: [],
    lightBlocks: [],
    scripts: [],
    large: large && (pageType === 'account' || pageType.startsWith('receipt')),
    usedDates: new Set(),
    usedCents: new Set(),
  };
  if (shell.shadowMode) ctx.axes.shadow = shell.shadowMode;
  ctx.axes.labelCase = ctx.upperLabels ? 'upper' : 'as-is';

  const parts = buildParts(ctx);
  if (rng.chance(0.25)) ctx.scripts.push(jsonState(ctx));
  const html = shell.document({
    ...parts,
    css: ctx.css,
    lightBlocks: ctx.lightBlocks.join(''),
    scripts: ctx.scripts.join(''),
  });
  const truth = computeTruth(url, pageType, ctx.statements, day);
  return {
    id: `s${seed}-${String(index).padStart(5, '0')}-${carrier}-${pageType}`,
    url,
    at,
    html,
    truth,
    axes: ctx.axes,
    hasNothingToRead: truth.kind === 'none',
  };
}

export function generateCorpus(options: CorpusOptions): CorpusPage[] {
  const start = options.start ?? 0;
  return Array.from({ length: options.count }, (_, i) =>
    generatePage(options.seed, start + i, options),
  );
}
