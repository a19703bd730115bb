/**
 * The line's own fields (number, balance, expiry): what value, printed how, worded how, laid
 * out how. Planning a visible field records its statement for truth.ts; rendering never
 * adds statements.
 */
import { daysBetween, type IsoDate } from './calendar';
import { axis, label, type Ctx } from './context';
import {
  dateFrom,
  DATE_FORMATS,
  MASKED_FORMATS,
  money,
  pickMoneyFormat,
  renderDate,
  renderMoney,
  renderNumber,
  renderRelative,
  YEARLESS_FORMATS,
  yearlessAllowed,
  type DateFormat,
  type MoneyFormat,
  type NumberFormat,
  type RenderedDate,
} from './formats';
import { esc, fill, splitText } from './html';
import type { PrintedMoney } from './truth';
import {
  BALANCE_LABELS,
  BALANCE_SENTENCES,
  EXPIRY_LABELS,
  EXPIRY_LABELS_FOR_RELATIVE,
  EXPIRY_PAST_SENTENCES,
  EXPIRY_RELATIVE_SENTENCES,
  EXPIRY_SENTENCES,
  NUMBER_LABELS,
  NUMBER_SENTENCES,
  type Wording,
} from './vocabulary';

export const LAYOUTS = [
  'label-before',
  'label-after',
  'label-above',
  'table',
  'dl',
  'card-caption',
  'value-caption-below',
] as const;
export type Layout = (typeof LAYOUTS)[number] | 'sentence';
export type FieldName = 'number' | 'balance' | 'expiry';

/** One field ready to lay out. */
export interface FieldPiece {
  field: FieldName;
  layout: Layout;
  labelText: string;
  /** The value's HTML (for sentence layout: the whole sentence). */
  valueHtml: string;
}

const ASPNET_IDS: Record<FieldName, string> = {
  number: 'lblLinea',
  balance: 'lblSaldo',
  expiry: 'lblVencimiento',
};

function chooseLayout(ctx: Ctx): Layout {
  if (ctx.shell.name === 'aspnet') {
    return ctx.rng.weighted({ 'label-before': 3, table: 4, 'label-above': 1, dl: 1 });
  }
  return ctx.rng.weighted({
    'label-before': 5,
    'label-after': 2,
    'label-above': 4,
    table: 2,
    dl: 2,
    'card-caption': 3,
    'value-caption-below': 2,
  });
}

/**
 * On pages whose labels are cut into pieces, a plain-text value is sometimes cut the same
 * way (counter animations print one element per character).
 */
function splitValue(ctx: Ctx, field: FieldName, html: string): string {
  if (ctx.split === 'none' || html.includes('<') || html.includes('&') || !ctx.rng.chance(0.3)) {
    return html;
  }
  axis(ctx, `${field}Split`, ctx.split);
  return splitText(html, ctx.split, ctx.rng);
}

/** Wraps a value so carrier-specific hooks (ASP.NET ids, Movistar's #balance) exist. */
function hook(ctx: Ctx, field: FieldName, raw: string): string {
  const html = splitValue(ctx, field, raw);
  if (ctx.shell.name === 'aspnet') {
    const container = ctx.carrier === 'personal' ? 'ContenedorAutogestion' : 'MainContent';
    return `<span id="ctl00_${container}_${ASPNET_IDS[field]}">${html}</span>`;
  }
  if (field === 'balance' && ctx.axes.urlFamily === 'movistar-micuenta') {
    return `<span id="balance">${html}</span>`;
  }
  return html;
}

// ───────────────────────────── number ─────────────────────────────

export function pickNumberFormat(ctx: Ctx): NumberFormat {
  return ctx.rng.weighted({
    local: 25,
    'paren-015': 14,
    intl: 14,
    'intl-compact': 5,
    plain: 8,
    'trunk-015': 6,
    masked: 14,
    'masked-partial': 4,
  });
}

/** The page's line number as a field; a statement unless masked. */
export function planNumber(ctx: Ctx, format = pickNumberFormat(ctx)): FieldPiece {
  axis(ctx, 'numberFormat', format);
  if (!MASKED_FORMATS.has(format)) ctx.statements.msisdn.push(ctx.line);
  const value = hook(ctx, 'number', renderNumber(ctx.line, format));
  if (ctx.rng.chance(0.15)) {
    const wording = ctx.rng.pick(NUMBER_SENTENCES);
    axis(ctx, 'numberWording', wording.key);
    axis(ctx, 'numberLayout', 'sentence');
    return {
      field: 'number',
      layout: 'sentence',
      labelText: '',
      valueHtml: fill(wording.text, 'n', value),
    };
  }
  const wording = ctx.rng.pick(NUMBER_LABELS);
  const layout = chooseLayout(ctx);
  axis(ctx, 'numberWording', wording.key);
  axis(ctx, 'numberLayout', layout);
  return { field: 'number', layout, labelText: wording.text, valueHtml: value };
}

// ───────────────────────────── balance ─────────────────────────────

export function chooseBalance(ctx: Ctx): { money: PrintedMoney; kind: string } {
  const kind = ctx.rng.weighted({ zero: 6, negative: 4, small: 10, typical: 74, large: 6 });
  switch (kind) {
    case 'zero':
      return { money: money(0, 0), kind };
    case 'negative':
      return {
        money: money(
          ctx.rng.pick([50, 80, 100, 120, 150, 200, 300, 500]),
          ctx.rng.chance(0.7) ? 0 : ctx.rng.int(1, 99),
          true,
        ),
        kind,
      };
    case 'small':
      return { money: money(ctx.rng.int(0, 99), ctx.rng.int(1, 99)), kind };
    case 'large':
      return {
        money: money(ctx.rng.int(20_000, 250_000), ctx.rng.chance(0.5) ? 0 : ctx.rng.int(1, 99)),
        kind,
      };
    default:
      return {
        money: money(ctx.rng.int(100, 19_999), ctx.rng.chance(0.35) ? 0 : ctx.rng.int(1, 99)),
        kind,
      };
  }
}

/** The main balance as a field; always a statement. */
export function planBalance(
  ctx: Ctx,
  value: PrintedMoney,
  options: { format?: MoneyFormat; labels?: Wording[]; allowSentence?: boolean } = {},
): FieldPiece {
  const format = options.format ?? pickMoneyFormat(ctx.rng, value);
  axis(ctx, 'moneyFormat', format);
  ctx.statements.balance.push(value);
  const html = hook(ctx, 'balance', renderMoney(value, format));
  if ((options.allowSentence ?? true) && !value.negative && ctx.rng.chance(0.15)) {
    const wording = ctx.rng.pick(BALANCE_SENTENCES);
    axis(ctx, 'balanceWording', wording.key);
    axis(ctx, 'balanceLayout', 'sentence');
    return {
      field: 'balance',
      layout: 'sentence',
      labelText: '',
      valueHtml: fill(wording.text, 'v', html),
    };
  }
  const wording = ctx.rng.pick(options.labels ?? BALANCE_LABELS);
  const layout = chooseLayout(ctx);
  axis(ctx, 'balanceWording', wording.key);
  axis(ctx, 'balanceLayout', layout);
  return { field: 'balance', layout, labelText: wording.text, valueHtml: html };
}

// ───────────────────────────── expiry ─────────────────────────────

const NOUN_EXPIRY_LABELS = new Set([
  'vencimiento',
  'fecha-de-vencimiento',
  'vencimiento-del-saldo',
  'vencimiento-del-credito',
  'vigencia-del-saldo',
]);

export function chooseExpiryOffset(ctx: Ctx): { offset: number; bucket: string } {
  const bucket = ctx.rng.weighted({
    today: 4,
    tomorrow: 4,
    near: 10,
    normal: 58,
    far: 12,
    past: 12,
  });
  switch (bucket) {
    case 'today':
      return { offset: 0, bucket };
    case 'tomorrow':
      return { offset: 1, bucket };
    case 'near':
      return { offset: ctx.rng.int(2, 10), bucket };
    case 'far':
      return { offset: ctx.rng.int(121, 200), bucket };
    case 'past':
      return { offset: -ctx.rng.int(1, 60), bucket };
    default:
      return { offset: ctx.rng.int(11, 120), bucket };
  }
}

/** A printed absolute date: any format, yearless only inside the safe window. */
export function printAbsoluteDate(
  ctx: Ctx,
  date: IsoDate,
  options: { allowYearless?: boolean; formats?: readonly DateFormat[] } = {},
): RenderedDate & { format: string } {
  let formats = [...(options.formats ?? DATE_FORMATS)];
  const yearlessOk = (options.allowYearless ?? true) && yearlessAllowed(date, ctx.readingDay);
  if (!yearlessOk) formats = formats.filter((f) => !YEARLESS_FORMATS.has(f));
  // Yearless forms are frequent on real portals but should not swamp the sample.
  let format = ctx.rng.pick(formats);
  if (YEARLESS_FORMATS.has(format) && ctx.rng.chance(0.35)) format = ctx.rng.pick(formats);
  const timeElement = ctx.rng.chance(0.1);
  const rendered = renderDate(date, format, {
    timeElement,
    ordinalFirst: ctx.rng.chance(0.5),
    capitalise: ctx.rng.chance(0.3),
  });
  return { ...rendered, format: timeElement ? `time:${format}` : format };
}

/** The line's expiry as a field; always a statement. */
export function planExpiry(ctx: Ctx, offset: number, bucket: string): FieldPiece {
  const date = dateFrom(ctx.readingDay, offset);
  axis(ctx, 'expiryWhen', bucket);
  const relative = offset >= 0 && offset <= 30 && ctx.rng.chance(offset <= 1 ? 0.55 : 0.2);
  let rendered: RenderedDate;
  if (relative) {
    rendered = renderRelative(offset, ctx.rng);
    axis(ctx, 'dateFormat', 'relative');
  } else {
    const printed = printAbsoluteDate(ctx, date);
    rendered = printed;
    axis(ctx, 'dateFormat', printed.format);
    if (printed.printed.kind === 'absolute' && printed.printed.year === null) {
      axis(ctx, 'yearless', daysBetween(ctx.readingDay, date) < 0 ? 'past' : 'future');
    }
  }
  ctx.statements.expiry.push(rendered.printed);
  const value = hook(ctx, 'expiry', rendered.html);
  let sentence: Wording | null = null;
  let labels: Wording[] = EXPIRY_LABELS;
  if (relative) {
    if (ctx.rng.chance(0.7)) sentence = ctx.rng.pick(EXPIRY_RELATIVE_SENTENCES);
    else labels = EXPIRY_LABELS_FOR_RELATIVE;
  } else if (offset < 0) {
    if (ctx.rng.chance(0.5)) sentence = ctx.rng.pick(EXPIRY_PAST_SENTENCES);
    else
      labels = EXPIRY_LABELS.filter((w) =>
        /^(vencimiento|fecha-de-vencimiento|vencimiento-del-saldo)$/.test(w.key),
      );
  } else if (ctx.rng.chance(0.22)) {
    sentence = ctx.rng.pick(EXPIRY_SENTENCES);
  }
  if (sentence) {
    axis(ctx, 'expiryWording', sentence.key);
    axis(ctx, 'expiryLayout', 'sentence');
    const slot = relative ? 'r' : 'd';
    return {
      field: 'expiry',
      layout: 'sentence',
      labelText: '',
      valueHtml: fill(sentence.text, slot, value),
    };
  }
  const layout = chooseLayout(ctx);
  // After or under the value only a noun reads right ("15/12/2026 · vencimiento del saldo").
  if (layout === 'label-after' || layout === 'value-caption-below') {
    labels = labels.filter((w) => NOUN_EXPIRY_LABELS.has(w.key));
  }
  const wording = ctx.rng.pick(labels);
  axis(ctx, 'expiryWording', wording.key);
  axis(ctx, 'expiryLayout', layout);
  // A relative value after a label reads "Vencimiento: mañana": capitalise in cells.
  return { field: 'expiry', layout, labelText: wording.text, valueHtml: value };
}

// ───────────────────────────── layout ─────────────────────────────

function lowerFirst(text: string): string {
  return text ? text[0]?.toLowerCase() + text.slice(1) : text;
}

function renderOne(ctx: Ctx, piece: FieldPiece): string {
  const { shell, rng } = ctx;
  const labelHtml = label(ctx, piece.labelText);
  switch (piece.layout) {
    case 'sentence':
      return shell.el('p', 'row', piece.valueHtml);
    case 'label-before': {
      // "Vence el 15/12" takes no colon; "Saldo: $ 850" may.
      const colon = /( el| hasta)$/i.test(piece.labelText) ? '' : ':';
      return rng.chance(0.5)
        ? shell.el(
            'p',
            'row',
            `${shell.el('span', 'label', `${labelHtml}${colon}`)} ${shell.el('strong', 'value', piece.valueHtml)}`,
          )
        : shell.el(
            'div',
            'row',
            `${shell.el('span', 'label', labelHtml)} ${shell.el('span', 'value', piece.valueHtml)}`,
          );
    }
    case 'label-after': {
      const sep = rng.pick([' — ', ' · ', ' ', ' - ']);
      const after = ctx.upperLabels
        ? labelHtml
        : label({ ...ctx, upperLabels: false }, lowerFirst(piece.labelText));
      return shell.el(
        'p',
        'row',
        `${shell.el('strong', 'value', piece.valueHtml)}${sep}${shell.el('span', 'muted', after)}`,
      );
    }
    case 'label-above':
      return shell.el(
        'div',
        null,
        `${shell.el('div', 'label', labelHtml)}${shell.el('div', 'value', piece.valueHtml)}`,
      );
    case 'card-caption':
      return shell.el(
        'div',
        'card',
        `${shell.el('small', 'caption', label({ ...ctx, upperLabels: ctx.upperLabels || rng.chance(0.4) }, piece.labelText))}${shell.el('div', 'bigValue', piece.valueHtml)}`,
      );
    case 'value-caption-below':
      return shell.el(
        'div',
        'card',
        `${shell.el('div', 'bigValue', piece.valueHtml)}${shell.el('div', 'caption', labelHtml)}`,
      );
    default:
      throw new Error(`grouped layout ${piece.layout} rendered alone`);
  }
}

function renderTable(ctx: Ctx, pieces: FieldPiece[]): string {
  const { shell, rng } = ctx;
  const extra = rng.chance(0.4)
    ? rng.pick([
        ['Plan', 'Prepago'],
        ['Tipo', 'Tarjeta'],
        ['Plan', 'Prepago Libre'],
      ])
    : null;
  const heads = pieces.map((p) => shell.el('th', null, label(ctx, p.labelText)));
  const cells = pieces.map((p) => shell.el('td', null, p.valueHtml));
  if (extra) {
    heads.push(shell.el('th', null, esc(extra[0] as string)));
    cells.push(shell.el('td', null, esc(extra[1] as string)));
  }
  return shell.el(
    'table',
    'table',
    `<thead><tr>${heads.join('')}</tr></thead><tbody><tr>${cells.join('')}</tr></tbody>`,
  );
}

function renderDl(ctx: Ctx, pieces: FieldPiece[]): string {
  const { shell } = ctx;
  return shell.el(
    'dl',
    null,
    pieces
      .map(
        (p) =>
          `${shell.el('dt', 'label', label(ctx, p.labelText))}${shell.el('dd', 'value', p.valueHtml)}`,
      )
      .join(''),
  );
}

/** Lays out the pieces in order; table and definition-list pieces share one table / dl. */
export function renderPieces(ctx: Ctx, pieces: FieldPiece[]): string {
  const out: string[] = [];
  let tableDone = false;
  let dlDone = false;
  for (const piece of pieces) {
    if (piece.layout === 'table') {
      if (!tableDone)
        out.push(
          renderTable(
            ctx,
            pieces.filter((p) => p.layout === 'table'),
          ),
        );
      tableDone = true;
    } else if (piece.layout === 'dl') {
      if (!dlDone)
        out.push(
          renderDl(
            ctx,
            pieces.filter((p) => p.layout === 'dl'),
          ),
        );
      dlDone = true;
    } else {
      out.push(renderOne(ctx, piece));
    }
  }
  return out.join('');
}
