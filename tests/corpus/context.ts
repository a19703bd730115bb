/**
 * The state one page is built with: its random stream, shell, recorded axes, the visible
 * statements truth.ts reads, and the pieces of the document collected along the way.
 */
import { addDays, type IsoDate } from './calendar';
import { esc, splitText, upper, type SplitMode } from './html';
import type { Rng } from './prng';
import type { Shell } from './shells';
import type { CarrierId, PageType, PrintedNumber, Statements } from './truth';

export interface Ctx {
  rng: Rng;
  shell: Shell;
  carrier: CarrierId;
  pageType: PageType;
  /** Buenos Aires date of the reading moment. */
  readingDay: IsoDate;
  /** Minutes after midnight (Buenos Aires) of the reading moment. */
  readingMinute: number;
  axes: Record<string, string>;
  statements: Statements;
  /** The page's own line. */
  line: PrintedNumber;
  /** How label words are cut into inline pieces. */
  split: SplitMode;
  upperLabels: boolean;
  /** Extra stylesheet rules. */
  css: string[];
  /** Blocks that rely on the document stylesheet to hide: kept out of shadow roots. */
  lightBlocks: string[];
  scripts: string[];
  /** Large-page option allowed for this page. */
  large: boolean;
  /** Dates and amounts (in cents) the line's own values use: distractors avoid them. */
  usedDates: Set<IsoDate>;
  usedCents: Set<number>;
}

/** Records an axis value (the first value set for a key wins unless `overwrite`). */
export function axis(ctx: Ctx, key: string, value: string, overwrite = false): void {
  if (overwrite || !(key in ctx.axes)) ctx.axes[key] = value;
}

/** A label's HTML: case and split noise applied. */
export function label(ctx: Ctx, text: string): string {
  const shown = ctx.upperLabels ? upper(text) : text;
  return splitText(shown, ctx.split, ctx.rng);
}

/** A date `offset` days from the reading day that no line value uses. */
export function freeDate(ctx: Ctx, offset: number): IsoDate {
  let date = addDays(ctx.readingDay, offset);
  while (ctx.usedDates.has(date)) date = addDays(date, 3);
  ctx.usedDates.add(date);
  return date;
}

/** An amount in cents that no line value uses. */
export function freeCents(ctx: Ctx, cents: number): number {
  let value = cents;
  while (ctx.usedCents.has(value)) value += 1700;
  ctx.usedCents.add(value);
  return value;
}

/** Plain text, escaped (no noise). */
export function text(value: string): string {
  return esc(value);
}
