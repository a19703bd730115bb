/**
 * One builder per page type. Builders record statements only for values of the page's own
 * line that a person sees stated; everything else is decoration or distraction.
 */
import { addDays, daysBetween } from './calendar';
import { axis, freeDate, label, type Ctx } from './context';
import * as d from './distractors';
import {
  chooseBalance,
  chooseExpiryOffset,
  pickNumberFormat,
  planBalance,
  planExpiry,
  planNumber,
  printAbsoluteDate,
  renderPieces,
  type FieldPiece,
} from './fields';
import {
  MASKED_FORMATS,
  money,
  pickMoneyFormat,
  renderDate,
  renderMoney,
  renderNumber,
  type DateFormat,
  type MoneyFormat,
  type NumberFormat,
} from './formats';
import { esc, fill } from './html';
import type { DocParts } from './shells';
import { moneyAmount, type PrintedDate, type PrintedMoney } from './truth';
import {
  BALANCE_LABELS,
  BRAND,
  EXPIRY_LABELS,
  EXPIRY_SENTENCES,
  FAILURE_BODIES,
  FAILURE_HEADINGS,
  FIRST_NAMES,
  LEGAL_SNIPPETS,
  NAV_ITEMS,
  OPERATION_LABELS,
  RECEIPT_AMOUNT_LABELS,
  RECEIPT_DATE_LABELS,
  RECEIPT_HEADINGS,
  RECEIPT_LINE_LABELS,
  RESULT_BALANCE_LABELS,
} from './vocabulary';

type Parts = Omit<DocParts, 'css' | 'lightBlocks' | 'scripts'>;

// ───────────────────────────── common chrome ─────────────────────────────

function header(ctx: Ctx, loggedIn: boolean, extra = ''): string {
  const { shell, rng } = ctx;
  const brand = shell.el('strong', null, esc(BRAND[ctx.carrier]));
  const user = loggedIn
    ? shell.el('span', 'muted', `Hola, ${esc(rng.pick(FIRST_NAMES))}`)
    : shell.el('a', 'button', 'Ingresar', 'href="#"');
  return shell.component('header', shell.el('header', 'header', `${brand} ${user}${extra}`));
}

function nav(ctx: Ctx): string {
  const long = ctx.rng.chance(0.35);
  axis(ctx, 'menus', long ? 'long' : 'short');
  const items = long
    ? [...ctx.rng.shuffle(NAV_ITEMS), ...ctx.rng.sample(NAV_ITEMS, 12).map((t) => `${t} ›`)]
    : ctx.rng.sample(NAV_ITEMS, ctx.rng.int(5, 9));
  return d.navMenu(ctx, items);
}

function footer(ctx: Ctx): string {
  const { shell, rng } = ctx;
  const parts: string[] = [];
  if (rng.chance(0.35)) parts.push(d.alarmingLinks(ctx));
  if (rng.chance(0.5)) parts.push(d.supportNumbers(ctx));
  const legal = rng.chance(0.6);
  axis(ctx, 'legal', legal ? 'on' : 'off');
  if (legal) {
    parts.push(
      rng
        .sample(LEGAL_SNIPPETS, rng.int(2, 5))
        .map((t) => shell.el('p', 'muted', esc(t)))
        .join(''),
    );
  }
  parts.push(
    shell.el(
      'p',
      'muted',
      `© ${2020 + rng.int(5, 7)} ${esc(BRAND[ctx.carrier].replace('Mi ', ''))}. Todos los derechos reservados.`,
    ),
  );
  return shell.el('footer', 'footer', parts.join(''));
}

function overlays(ctx: Ctx): string {
  const cookie = ctx.rng.chance(0.4);
  const chat = ctx.rng.chance(0.3);
  axis(
    ctx,
    'overlays',
    cookie && chat ? 'cookie+chat' : cookie ? 'cookie' : chat ? 'chat' : 'none',
  );
  return `${cookie ? d.cookieBanner(ctx) : ''}${chat ? d.chatWidget(ctx) : ''}`;
}

/** A hidden stale copy, in place or in the light DOM (stylesheet-based hiding). */
function placeHidden(ctx: Ctx, main: string[], what: Parameters<typeof d.hiddenStale>[1]): void {
  const hidden = d.hiddenStale(ctx, what);
  if (hidden.light && ctx.shell.name === 'webcomponents') ctx.lightBlocks.push(hidden.html);
  else main.splice(ctx.rng.int(0, main.length), 0, hidden.html);
}

function heading(ctx: Ctx, text: string): string {
  return ctx.shell.el('h1', null, esc(text));
}

// ───────────────────────────── line selector ─────────────────────────────

const SELECTOR_MARKS = [
  'aria-current',
  'aria-selected',
  'checked-radio',
  'text-marker',
  'select-element',
] as const;

/** Several lines with the page's one marked selected; the others are not the page's line. */
function lineSelector(ctx: Ctx, format: NumberFormat): string {
  const { shell, rng } = ctx;
  const mark = rng.pick(SELECTOR_MARKS);
  axis(ctx, 'x.lineSelector', mark);
  const withValues = rng.chance(0.5);
  if (withValues) axis(ctx, 'x.otherLinesValues', 'on');
  const others = Array.from({ length: rng.int(1, 3) }, () => d.otherNumber(ctx));
  const selectedAt = rng.int(0, others.length);
  const entries = [...others];
  entries.splice(selectedAt, 0, ctx.line);
  const show = (n: typeof ctx.line) => renderNumber(n, format);
  const extra = (n: typeof ctx.line) =>
    withValues && n !== ctx.line
      ? ` <small>Saldo ${d.otherMoney(ctx, 10, 8000)} · Vence ${d.otherDate(ctx, rng.int(3, 120))}</small>`
      : '';
  if (mark !== 'select-element' && !MASKED_FORMATS.has(format))
    ctx.statements.msisdn.push(ctx.line);
  const title = shell.el(
    'h2',
    'cardTitle',
    esc(rng.pick(['Tus líneas', 'Mis líneas', 'Elegí una línea'])),
  );
  switch (mark) {
    case 'aria-current':
      return shell.el(
        'nav',
        'card',
        title +
          shell.el(
            'ul',
            'list',
            entries
              .map(
                (n) =>
                  `<li><a href="#"${n === ctx.line ? ` aria-current="${rng.pick(['page', 'true'])}"` : ''}>${show(n)}</a>${extra(n)}</li>`,
              )
              .join(''),
          ),
        'aria-label="Líneas"',
      );
    case 'aria-selected':
      return shell.el(
        'div',
        'card',
        title +
          `<div role="listbox" aria-label="Líneas">${entries.map((n) => `<div role="option" aria-selected="${n === ctx.line}">${show(n)}${extra(n)}</div>`).join('')}</div>`,
      );
    case 'checked-radio':
      return shell.el(
        'fieldset',
        'card',
        `<legend>${esc(rng.pick(['Tus líneas', 'Elegí una línea']))}</legend>${entries.map((n, i) => `<label><input type="radio" name="linea" value="${i}"${n === ctx.line ? ' checked' : ''}> ${show(n)}</label>${extra(n)}<br>`).join('')}`,
      );
    case 'text-marker': {
      const chip = rng.chance(0.5);
      if (chip) {
        return shell.el(
          'div',
          'card',
          title +
            shell.el(
              'ul',
              'list',
              entries
                .map(
                  (n) =>
                    `<li>${show(n)}${n === ctx.line ? ' <span class="chip">Línea seleccionada</span>' : ''}${extra(n)}</li>`,
                )
                .join(''),
            ),
        );
      }
      return shell.el(
        'div',
        'card',
        `${shell.el('p', 'row', `Línea seleccionada: ${show(ctx.line)}`)}${shell.el('p', 'muted', `Otras líneas: ${others.map((n) => `${show(n)}${extra(n)}`).join(', ')}`)}`,
      );
    }
    case 'select-element':
      return shell.el(
        'div',
        'card',
        `<label for="sel-linea">${esc(rng.pick(['Línea', 'Elegí tu línea']))}</label><select id="sel-linea">${entries.map((n) => `<option${n === ctx.line ? ' selected' : ''}>${renderNumber(n, 'local')}</option>`).join('')}</select>${others.map((n) => extra(n)).join('')}`,
      );
  }
}

// ───────────────────────────── second statements (ambiguity) ─────────────────────────────

function expiryStatement(ctx: Ctx, date: string): string {
  const printed = printAbsoluteDate(ctx, date);
  ctx.statements.expiry.push(printed.printed);
  if (ctx.rng.chance(0.5))
    return ctx.shell.el('p', 'row', fill(ctx.rng.pick(EXPIRY_SENTENCES).text, 'd', printed.html));
  return ctx.shell.el(
    'p',
    'row',
    `${label(ctx, ctx.rng.pick(EXPIRY_LABELS).text)} ${printed.html}`,
  );
}

function balanceStatement(ctx: Ctx, value: PrintedMoney): string {
  ctx.statements.balance.push(value);
  return ctx.shell.el(
    'p',
    'row',
    `${label(ctx, ctx.rng.pick(BALANCE_LABELS).text)}: ${renderMoney(value, pickMoneyFormat(ctx.rng, value, ['ar', 'ar-int', 'split', 'ar-nbsp']))}`,
  );
}

// ───────────────────────────── account (and chooser with state) ─────────────────────────────

function accountDistractors(ctx: Ctx, balance: PrintedMoney | null): string[] {
  const { rng } = ctx;
  const out: string[] = [];
  const pool: Array<[number, () => string]> = [
    [0.3, () => d.promoBalance(ctx)],
    [
      0.12,
      () =>
        balance && !balance.negative
          ? d.saldoTotal(ctx, Math.round(moneyAmount(balance) * 100))
          : '',
    ],
    [0.22, () => d.wallet(ctx)],
    [0.2, () => d.clubPoints(ctx)],
    [0.3, () => d.packs(ctx)],
    [0.2, () => d.promoEnd(ctx)],
    [0.3, () => d.lastRecharge(ctx)],
    [0.12, () => d.cardExpiry(ctx)],
    [0.2, () => d.timestamps(ctx)],
    [0.12, () => d.genericRule(ctx)],
    [0.15, () => d.placeholder(ctx)],
    [0.1, () => d.formFields(ctx)],
    [0.25, () => d.dataBalances(ctx)],
    [0.1, () => (balance && !balance.negative ? d.advance(ctx, null) : '')],
    [0.25, () => d.history(ctx, rng.int(4, 12))],
  ];
  for (const [p, make] of pool) if (rng.chance(p)) out.push(make());
  if (balance?.negative && rng.chance(0.7)) out.push(d.advance(ctx, balance));
  return out.filter(Boolean);
}

function accountPage(ctx: Ctx, chooser: boolean): Parts {
  const { shell, rng } = ctx;
  const numberFormat = pickNumberFormat(ctx);
  const selector = rng.chance(chooser ? 0.05 : 0.2);
  const pieces: FieldPiece[] = [];
  const main: string[] = [];
  let headerExtra = '';

  const selectorHtml = selector ? lineSelector(ctx, numberFormat) : '';
  const numberWhere = rng.weighted(
    selector ? { card: 3, header: 1, none: 4 } : { card: 7, header: 2, none: 1 },
  );
  if (numberWhere === 'card') pieces.push(planNumber(ctx, numberFormat));
  else if (numberWhere === 'header') {
    axis(ctx, 'numberLayout', 'header');
    const piece = planNumber(ctx, numberFormat);
    headerExtra = ` ${shell.el('span', 'muted', piece.layout === 'sentence' ? piece.valueHtml : `${label(ctx, piece.labelText)} ${piece.valueHtml}`)}`;
  } else axis(ctx, 'numberLayout', 'absent');

  const showBalance = rng.chance(chooser ? 0.8 : 0.94);
  let showExpiry = rng.chance(0.86);
  if (!showBalance && !showExpiry) showExpiry = true;
  const ambiguity = rng.weighted({
    none: 82,
    'expiry-two-dates': showExpiry ? 5 : 0,
    'balance-two-values': showBalance ? 3 : 0,
    'expiry-repeated-same': showExpiry ? 6 : 0,
    'balance-repeated-same': showBalance ? 4 : 0,
  });
  axis(ctx, 'ambiguity', ambiguity);

  let balance: PrintedMoney | null = null;
  if (showBalance) {
    const chosen = chooseBalance(ctx);
    balance = chosen.money;
    axis(ctx, 'balanceValue', chosen.kind);
    ctx.usedCents.add(Math.round(moneyAmount(balance) * 100));
    pieces.push(planBalance(ctx, balance));
  } else axis(ctx, 'balanceLayout', 'absent');

  let expiryDate: string | null = null;
  if (showExpiry) {
    const { offset, bucket } = chooseExpiryOffset(ctx);
    expiryDate = addDays(ctx.readingDay, offset);
    ctx.usedDates.add(expiryDate);
    pieces.push(planExpiry(ctx, offset, bucket));
  } else axis(ctx, 'expiryLayout', 'absent');

  // Number first most of the time, like real summaries; balance and expiry in either order.
  const ordered = rng.chance(0.7)
    ? [
        ...pieces.filter((p) => p.field === 'number'),
        ...rng.shuffle(pieces.filter((p) => p.field !== 'number')),
      ]
    : rng.shuffle(pieces);
  const title = rng.pick([
    'Tu línea',
    'Resumen',
    'Mi línea',
    'Saldo y vencimiento',
    'Tu prepago',
    'Estado de tu línea',
  ]);
  const summary = shell.component(
    'line-summary',
    shell.el(
      'section',
      'card',
      `${shell.el('h2', 'cardTitle', esc(title))}${renderPieces(ctx, ordered)}`,
    ),
  );

  let second = '';
  if (ambiguity === 'expiry-two-dates' && expiryDate) {
    const offset = daysBetween(ctx.readingDay, expiryDate) + rng.pick([-1, 1]) * rng.int(5, 60);
    second = expiryStatement(ctx, freeDate(ctx, offset));
  } else if (ambiguity === 'expiry-repeated-same' && expiryDate) {
    second = expiryStatement(ctx, expiryDate);
  } else if (ambiguity === 'balance-two-values' && balance) {
    const cents = Math.round(Math.abs(moneyAmount(balance)) * 100) + rng.int(1, 900) * 100;
    second = balanceStatement(ctx, money(Math.floor(cents / 100), cents % 100));
  } else if (ambiguity === 'balance-repeated-same' && balance) {
    second = balanceStatement(ctx, balance);
  }
  if (second) {
    // The second statement sits in a header widget or a separate card: nothing ranks it.
    if (rng.chance(0.5))
      headerExtra += ` ${shell.el('span', 'muted', second.replace(/^<p/, '<span').replace(/<\/p>$/, '</span>'))}`;
    else main.push(shell.component('notice', shell.el('section', 'card', second)));
  }

  if (chooser) {
    main.unshift(heading(ctx, rng.pick(['Recargá tu línea', 'Recarga online', 'Cargá saldo'])));
    main.push(summary, rechargeAmounts(ctx));
  } else {
    main.unshift(
      heading(
        ctx,
        rng.pick([
          'Inicio',
          'Mi línea',
          'Consumos',
          'Resumen de tu línea',
          `Bienvenido a ${BRAND[ctx.carrier]}`,
        ]),
      ),
    );
    main.push(summary);
  }
  if (selectorHtml) main.splice(rng.int(1, main.length), 0, selectorHtml);

  const distractors = accountDistractors(ctx, balance);
  const aside: string[] = [];
  for (const block of distractors) {
    if (rng.chance(0.6)) main.push(shell.component('widget', block));
    else aside.push(block);
  }
  if (rng.chance(0.3)) {
    placeHidden(ctx, main, { balance: showBalance, expiry: showExpiry, number: rng.chance(0.5) });
  }
  if (ctx.large) {
    axis(ctx, 'size', 'large', true);
    main.push(d.history(ctx, rng.int(8000, 14000)));
  }
  return {
    title: `${BRAND[ctx.carrier]} | ${title}`,
    header: header(ctx, true, headerExtra),
    nav: nav(ctx),
    main: shell.el('main', 'main', main.join('')),
    aside: aside.length ? shell.el('aside', 'section', aside.join('')) : '',
    footer: footer(ctx),
    overlays: overlays(ctx),
  };
}

function rechargeAmounts(ctx: Ctx): string {
  const { shell, rng } = ctx;
  const buttons = rng
    .sample([1500, 2000, 2500, 3000, 4000, 5000, 8000, 10000], rng.int(3, 6))
    .sort((a, b) => a - b)
    .map((a) =>
      shell.el(
        'button',
        'button',
        renderMoney(money(a, 0), rng.pick(['ar-int', 'ar-int-nospace'] as MoneyFormat[])),
        'type="button"',
      ),
    )
    .join(' ');
  return shell.component(
    'amounts',
    shell.el(
      'section',
      'card',
      `${shell.el('h2', 'cardTitle', esc(rng.pick(['¿Cuánto querés recargar?', 'Elegí el monto', 'Monto de la recarga'])))}${buttons}<label>Otro monto <input type="number" min="1500" placeholder="1500"></label>${shell.el('p', 'muted', `Monto mínimo ${renderMoney(money(1500, 0), 'ar-int')}. ${esc(rng.pick(['Pagá con tarjeta de crédito o débito.', 'Podés pagar con Mercado Pago.']))}`)}${shell.el('button', 'button', 'Continuar', 'type="submit"')}`,
    ),
  );
}

/** Recharge page before payment without line data: the number only in a form field. */
function chooserPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  axis(ctx, 'numberLayout', 'input-only');
  const masked = rng.chance(0.4)
    ? shell.el('p', 'muted', `Recargando la línea ${renderNumber(ctx.line, 'masked')}`)
    : '';
  const main = [
    heading(ctx, rng.pick(['Recargá tu línea', 'Recarga online', 'Recargá saldo'])),
    shell.el(
      'section',
      'card',
      `<label>Número de línea <input type="tel" value="${renderNumber(ctx.line, 'plain')}"></label>${masked}`,
    ),
    rechargeAmounts(ctx),
  ];
  if (rng.chance(0.4)) main.push(d.promoEnd(ctx));
  if (rng.chance(0.3)) main.push(d.cardExpiry(ctx));
  return {
    title: `Recargas ${BRAND[ctx.carrier].replace('Mi ', '')}`,
    header: header(ctx, rng.chance(0.5)),
    nav: rng.chance(0.5) ? nav(ctx) : '',
    main: shell.el('main', 'main', main.join('')),
    aside: '',
    footer: footer(ctx),
    overlays: overlays(ctx),
  };
}

// ───────────────────────────── receipts ─────────────────────────────

const OPERATION_ID_FORMATS = [
  'digits',
  'leading-zeros',
  'alnum-upper',
  'alnum-mixed',
  'dashed',
  'hex',
] as const;

function operationId(ctx: Ctx): string {
  const format = ctx.rng.pick(OPERATION_ID_FORMATS);
  axis(ctx, 'receiptIdFormat', format);
  const { rng } = ctx;
  switch (format) {
    case 'digits':
      return String(rng.int(1, 9)) + rng.digits(rng.int(7, 11));
    case 'leading-zeros':
      return '000' + rng.digits(rng.int(5, 8));
    case 'alnum-upper':
      return rng.pick(['TX', 'OP', 'RC', '']) + rng.token(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789');
    case 'alnum-mixed':
      return rng.token(12, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789');
    case 'dashed':
      return `OP-${2026 + rng.int(0, 1)}-${rng.digits(6)}`;
    case 'hex':
      return `${rng.token(8, '0123456789abcdef')}-${rng.token(4, '0123456789abcdef')}`;
  }
}

const RECEIPT_DATE_FORMATS: readonly DateFormat[] = [
  'dd/mm/yyyy',
  'd/m/yyyy',
  'dd-mm-yy',
  'long',
  'abbr',
  'yearless-slash',
];

/** The operation's date and time as printed (or nothing). */
function receiptDate(ctx: Ctx): { html: string; printed: PrintedDate | null } {
  const { rng } = ctx;
  if (rng.chance(0.04)) {
    axis(ctx, 'receiptDate', 'absent');
    return { html: '', printed: null };
  }
  const back = rng.weighted({ same: 80, yesterday: 10, older: 10 });
  const offset = back === 'same' ? 0 : back === 'yesterday' ? -1 : -rng.int(2, 6);
  const date = addDays(ctx.readingDay, offset);
  const format = rng.pick(RECEIPT_DATE_FORMATS);
  const rendered = renderDate(date, format, { timeElement: rng.chance(0.1) });
  const maxMinute = offset === 0 ? Math.max(0, ctx.readingMinute - 1) : 24 * 60 - 1;
  const minute = rng.int(Math.max(0, maxMinute - 600), maxMinute);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const time = rng.pick([
    ` ${hhmm}`,
    ` - ${hhmm} hs`,
    `, ${hhmm}`,
    ` ${hhmm}:${String(rng.int(0, 59)).padStart(2, '0')}`,
  ]);
  axis(ctx, 'receiptDate', `${back}:${format}`);
  return { html: `${rendered.html}${time}`, printed: rendered.printed };
}

function receiptPage(ctx: Ctx, withBalance: boolean): Parts {
  const { shell, rng } = ctx;
  const head = rng.pick(RECEIPT_HEADINGS);
  axis(ctx, 'receiptHeading', head.key);
  const headingWhere = rng.pick(['h1', 'status', 'alert'] as const);
  axis(ctx, 'receiptHeadingIn', headingWhere);
  const headingHtml =
    headingWhere === 'h1'
      ? heading(ctx, head.text)
      : shell.el(
          'div',
          'alert',
          shell.el('strong', null, esc(head.text)),
          `role="${headingWhere}"`,
        );

  const amount = rng.chance(0.85)
    ? money(rng.pick([1500, 2000, 2500, 3000, 4000, 5000, 6000, 10000]), 0)
    : money(rng.int(1500, 20000), rng.chance(0.5) ? 0 : rng.int(1, 99));
  ctx.usedCents.add(Math.round(moneyAmount(amount) * 100));
  const amountFormat = pickMoneyFormat(rng, amount, [
    'ar',
    'ar-nbsp',
    'ar-int',
    'ar-int-nospace',
    'ars-dot-decimal',
    'ars-thousands',
    'split',
    'sup-comma',
  ]);
  axis(ctx, 'receiptAmountFormat', amountFormat);
  const opId = operationId(ctx);
  const opLabel = rng.pick(OPERATION_LABELS);
  axis(ctx, 'receiptIdLabel', opLabel.key);
  const date = receiptDate(ctx);
  ctx.statements.receipt = { amount, operationId: opId, date: date.printed };

  const rows: Array<[string, string]> = [];
  const numberFormat = pickNumberFormat(ctx);
  if (rng.chance(0.85)) {
    axis(ctx, 'numberFormat', numberFormat);
    if (!MASKED_FORMATS.has(numberFormat)) ctx.statements.msisdn.push(ctx.line);
    rows.push([rng.pick(RECEIPT_LINE_LABELS).text, renderNumber(ctx.line, numberFormat)]);
  } else axis(ctx, 'numberLayout', 'absent');
  rows.push([rng.pick(RECEIPT_AMOUNT_LABELS).text, renderMoney(amount, amountFormat)]);
  rows.push([opLabel.text, esc(opId)]);
  if (date.printed) rows.push([rng.pick(RECEIPT_DATE_LABELS).text, date.html]);
  if (rng.chance(0.7)) {
    rows.push([
      'Medio de pago',
      `${rng.pick(['Visa', 'Mastercard', 'Visa Débito', 'Maestro', 'American Express'])} terminada en ${rng.digits(4)}`,
    ]);
  }
  // Competing numbers next to the operation number.
  const competing = rng.chance(0.5)
    ? rng.sample(
        ['factura', 'autorizacion', 'comprobante', 'referencia-pago'] as const,
        rng.int(1, 3),
      )
    : [];
  axis(ctx, 'x.competingIds', competing.length ? [...competing].sort().join('+') : 'none');
  for (const kind of competing) {
    if (kind === 'factura')
      rows.push([
        rng.pick(['Factura', 'Factura B N°']),
        `${rng.chance(0.5) ? 'B ' : ''}000${rng.int(1, 9)}-${rng.digits(8)}`,
      ]);
    if (kind === 'autorizacion')
      rows.push([
        rng.pick(['Código de autorización', 'Autorización', 'Cód. de autorización']),
        rng.digits(6),
      ]);
    if (kind === 'comprobante')
      rows.push([
        rng.pick(['N° de comprobante', 'Comprobante N°', 'Nro. de comprobante']),
        rng.digits(rng.int(6, 10)),
      ]);
    if (kind === 'referencia-pago')
      rows.push([
        rng.pick(['Referencia de pago', 'ID de pago del procesador']),
        rng.token(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'),
      ]);
  }
  const ordered = [rows[0] as [string, string], ...rng.shuffle(rows.slice(1))];
  let resultBalance = '';
  if (withBalance) {
    // After a recharge the resulting balance is at least the amount recharged (less an advance owed).
    const before = rng.chance(0.15) ? -rng.int(50, 500) : rng.chance(0.2) ? 0 : rng.int(1, 6000);
    const cents =
      Math.round(moneyAmount(amount) * 100) + before * 100 + (rng.chance(0.5) ? 0 : rng.int(1, 99));
    const value = money(Math.floor(cents / 100), cents % 100);
    ctx.usedCents.add(cents);
    ctx.statements.balance.push(value);
    const format = pickMoneyFormat(rng, value);
    axis(ctx, 'moneyFormat', format);
    const wording = rng.pick(RESULT_BALANCE_LABELS);
    axis(ctx, 'resultBalance', wording.key);
    resultBalance = shell.el(
      'p',
      'row',
      `${label(ctx, wording.text)}: ${shell.el('strong', 'value', renderMoney(value, format))}`,
    );
  }
  let expiryMention = '';
  if (rng.chance(0.25)) {
    axis(ctx, 'x.receiptExpiry', 'on');
    const date = freeDate(ctx, rng.int(30, 200));
    expiryMention = shell.el(
      'p',
      'muted',
      fill(
        rng.pick(EXPIRY_SENTENCES).text,
        'd',
        printAbsoluteDate(ctx, date, { allowYearless: false }).html,
      ),
    );
  }
  const layout = rng.pick(['dl', 'table', 'rows', 'cards'] as const);
  axis(ctx, 'receiptLayout', layout);
  let details: string;
  if (layout === 'dl')
    details = shell.el(
      'dl',
      null,
      ordered.map(([k, v]) => `<dt>${label(ctx, k)}</dt><dd>${v}</dd>`).join(''),
    );
  else if (layout === 'table')
    details = shell.el(
      'table',
      'table',
      `<tbody>${ordered.map(([k, v]) => `<tr><th scope="row">${label(ctx, k)}</th><td>${v}</td></tr>`).join('')}</tbody>`,
    );
  else if (layout === 'rows')
    details = ordered
      .map(([k, v]) =>
        shell.el(
          'p',
          'row',
          `${shell.el('span', 'label', `${label(ctx, k)}:`)} ${shell.el('span', 'value', v)}`,
        ),
      )
      .join('');
  else
    details = ordered
      .map(([k, v]) =>
        shell.el(
          'div',
          'card',
          `${shell.el('small', 'caption', label(ctx, k))}${shell.el('div', 'value', v)}`,
        ),
      )
      .join('');

  const main: string[] = [
    headingWhere === 'h1'
      ? headingHtml
      : `${heading(ctx, rng.pick(['Recarga', 'Resultado de tu recarga', 'Comprobante']))}${headingHtml}`,
    shell.component(
      'receipt',
      shell.el(
        'section',
        'card',
        `${shell.el('h2', 'cardTitle', esc(rng.pick(['Detalle de la operación', 'Datos de la recarga', 'Detalle'])))}${details}${resultBalance}${expiryMention}`,
      ),
    ),
    shell.el(
      'p',
      'muted',
      esc(
        rng.pick([
          'Te enviamos el comprobante por e-mail.',
          'Guardá este comprobante.',
          'La acreditación puede demorar unos minutos.',
        ]),
      ),
    ),
    `${shell.el('a', 'button', 'Descargar comprobante', 'href="#"')} ${shell.el('a', 'button', 'Volver al inicio', 'href="#"')}`,
  ];
  if (rng.chance(0.3)) main.push(d.promoEnd(ctx));
  if (rng.chance(0.25)) main.push(d.supportNumbers(ctx));
  if (rng.chance(0.25)) {
    placeHidden(ctx, main, { balance: rng.chance(0.5), expiry: rng.chance(0.5), number: true });
  }
  if (ctx.large) {
    axis(ctx, 'size', 'large', true);
    main.push(d.history(ctx, rng.int(8000, 14000)));
  }
  return {
    title: `${head.text} | ${BRAND[ctx.carrier].replace('Mi ', '')}`,
    header: header(ctx, rng.chance(0.5)),
    nav: rng.chance(0.5) ? nav(ctx) : '',
    main: shell.el('main', 'main', main.join('')),
    aside: '',
    footer: footer(ctx),
    overlays: overlays(ctx),
  };
}

// ───────────────────────────── pages with nothing to read ─────────────────────────────

function failedPaymentPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const head = rng.pick(FAILURE_HEADINGS);
  axis(ctx, 'failureHeading', head.key);
  const rows = [
    `Monto: ${renderMoney(money(rng.pick([1500, 2000, 3000, 5000]), 0), 'ar')}`,
    `Fecha: ${renderDate(ctx.readingDay, 'dd/mm/yyyy').html} ${String(Math.floor(ctx.readingMinute / 60)).padStart(2, '0')}:${String(ctx.readingMinute % 60).padStart(2, '0')}`,
    `${rng.pick(['N° de referencia', 'Código de error', 'Referencia'])}: ${rng.pick(['', 'E-', 'REF'])}${rng.digits(6)}`,
  ];
  if (rng.chance(0.5)) rows.push(`Línea: ${renderNumber(ctx.line, 'masked')}`);
  const main = [
    heading(ctx, rng.pick(['Recarga', 'Resultado de tu recarga'])),
    shell.el(
      'div',
      'alert',
      `${shell.el('strong', null, esc(head.text))}${shell.el('p', null, esc(rng.pick(FAILURE_BODIES)))}`,
      `role="${rng.pick(['alert', 'status'])}"`,
    ),
    shell.el('section', 'card', rows.map((r) => shell.el('p', 'row', r)).join('')),
    shell.el('a', 'button', 'Intentá nuevamente', 'href="#"'),
  ];
  if (rng.chance(0.4)) main.push(d.alarmingLinks(ctx));
  if (rng.chance(0.3)) main.push(d.cardExpiry(ctx));
  return chrome(ctx, head.text, main, rng.chance(0.5));
}

function loginPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const example = d.otherNumber(ctx);
  const main = [
    heading(ctx, `Ingresá a ${BRAND[ctx.carrier]}`),
    shell.el(
      'form',
      'card',
      `<label for="u">${esc(rng.pick(['Número de línea', 'Tu número', 'Usuario o número de línea']))}</label><input id="u" type="tel" placeholder="Ej: ${renderNumber(example, 'local')}">${shell.el('small', 'muted', `Ingresá tu número con código de área, sin 0 ni 15. Ej: ${renderNumber(example, rng.pick(['plain', 'local'] as NumberFormat[]))}`)}<label for="p">Contraseña</label><input id="p" type="password" value="secreto123"><a href="#">Olvidé mi contraseña</a> ${shell.el('button', 'button', 'Ingresar', 'type="submit"')}`,
    ),
  ];
  axis(ctx, 'x.placeholder', 'on');
  if (rng.chance(0.6))
    main.push(
      shell.el(
        'aside',
        'card',
        `${esc(rng.pick(['Recargá desde', 'Packs desde']))} ${d.otherMoney(ctx, 1500, 3000, true)} · ${d.packs(ctx)}`,
      ),
    );
  if (rng.chance(0.4)) main.push(d.promoEnd(ctx));
  if (rng.chance(0.5)) main.push(d.supportNumbers(ctx));
  return chrome(ctx, `Ingresá a ${BRAND[ctx.carrier]}`, main, false);
}

function marketingPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const main = [
    heading(
      ctx,
      rng.pick(['Packs y promociones', 'Planes prepagos', 'Recargá y duplicá', 'Novedades']),
    ),
  ];
  main.push(d.packs(ctx), d.promoEnd(ctx));
  if (rng.chance(0.5)) main.push(d.packs(ctx));
  if (rng.chance(0.5)) {
    main.push(
      shell.el(
        'section',
        'card',
        `${shell.el('h2', 'cardTitle', 'Saldo y vencimiento')}${shell.el('p', null, `Con cada recarga de ${d.otherMoney(ctx, 1500, 5000, true)} tu saldo tiene una vigencia de 180 días. Ejemplo: si recargás el ${d.otherDate(ctx, -rng.int(1, 30))}, tu saldo vence el ${d.otherDate(ctx, rng.int(150, 175))}.`)}`,
      ),
    );
  }
  if (rng.chance(0.4)) main.push(d.clubPoints(ctx));
  return chrome(ctx, 'Promociones', main, false);
}

function searchEchoPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const query = rng.pick([
    `recarga exitosa número de operación ${rng.digits(9)}`,
    `comprobante de recarga ${d.otherDate(ctx, -rng.int(0, 10))} saldo ${d.otherMoney(ctx, 500, 5000)}`,
    `mi saldo vence el ${d.otherDate(ctx, rng.int(1, 90))}`,
    `transacción aprobada ${d.otherMoney(ctx, 1500, 5000, true)} ID de transacción ${rng.token(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`,
    `no se acreditó recarga ${renderNumber(d.otherNumber(ctx), 'local')}`,
  ]);
  axis(ctx, 'searchQuery', query.split(' ').slice(0, 2).join('-'));
  const results = rng
    .sample(
      [
        [
          '¿Cómo descargo el comprobante de mi recarga?',
          'Ingresá a Historial de recargas y elegí la operación. El número de operación figura en el detalle.',
        ],
        [
          'Recarga exitosa pero sin saldo',
          'Si la recarga figura como exitosa y no ves el saldo, esperá unos minutos.',
        ],
        [
          '¿Cuándo vence mi saldo?',
          'Cada recarga tiene una vigencia de 180 días desde su acreditación.',
        ],
        [
          'Pago rechazado',
          'Si tu pago fue rechazado, revisá los datos de tu tarjeta e intentá nuevamente.',
        ],
        [
          'Consultá tu saldo',
          'Marcá *444# desde tu línea para conocer tu saldo disponible y su vencimiento.',
        ],
        [
          'Número de transacción',
          'El ID de transacción te identifica la operación ante cualquier reclamo.',
        ],
      ],
      rng.int(3, 6),
    )
    .map(([t, s]) =>
      shell.el(
        'li',
        'listItem',
        `${shell.el('a', null, esc(t as string), 'href="#"')}${shell.el('p', 'muted', esc(s as string))}`,
      ),
    )
    .join('');
  const main = [
    heading(ctx, 'Resultados de búsqueda'),
    shell.el(
      'p',
      null,
      `${esc(rng.pick(['Mostrando resultados para', 'Buscaste:', 'Resultados para']))} «${query}»`,
    ),
    `<form role="search"><input type="search" value="${esc(query.replace(/<[^>]+>/g, ''))}"></form>`,
    shell.el('ol', 'list', results),
  ];
  return chrome(ctx, 'Buscar', main, false);
}

function errorPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const text = rng.pick([
    [
      'Ups, algo salió mal',
      'No pudimos cargar la información de tu línea. Intentá nuevamente más tarde.',
    ],
    ['Error 500', 'Ocurrió un error inesperado.'],
    [
      'Estamos en mantenimiento',
      'Estamos realizando tareas de mantenimiento. Volvé a ingresar en unos minutos.',
    ],
    ['La página que buscás no existe (404)', 'Revisá la dirección o volvé al inicio.'],
    ['Servicio no disponible', 'El servicio no está disponible en este momento.'],
  ]) as [string, string];
  axis(ctx, 'errorKind', text[0].split(' ').slice(0, 2).join('-').toLowerCase());
  const ref = `${ctx.readingDay.replace(/-/g, '')}-${rng.digits(4)}-${rng.digits(4)}`;
  const main = [
    heading(ctx, text[0]),
    shell.el('div', 'alert', esc(text[1]), 'role="alert"'),
    shell.el(
      'p',
      'muted',
      `Referencia del error: ${ref} · ${renderDate(ctx.readingDay, 'dd/mm/yyyy').html} ${String(Math.floor(ctx.readingMinute / 60)).padStart(2, '0')}:${String(ctx.readingMinute % 60).padStart(2, '0')}`,
    ),
    shell.el('a', 'button', 'Volver al inicio', 'href="#"'),
  ];
  return chrome(ctx, text[0], main, rng.chance(0.5));
}

function helpPage(ctx: Ctx): Parts {
  const { shell, rng } = ctx;
  const qa: Array<[string, string]> = [
    [
      '¿Cuándo vence mi saldo?',
      `Cada recarga tiene una vigencia de 180 días. Por ejemplo, si recargaste ${d.otherMoney(ctx, 500, 3000, true)} el ${d.otherDate(ctx, -rng.int(10, 40))}, ese saldo vence el ${d.otherDate(ctx, rng.int(140, 170))}.`,
    ],
    [
      '¿Cómo consulto mi saldo?',
      'Marcá *444# desde tu línea o ingresá a la app. Ahí vas a ver tu saldo disponible y la fecha de vencimiento.',
    ],
    [
      'No se acreditó mi recarga',
      'Si recibiste el mensaje "Recarga exitosa" y no ves el saldo, esperá 15 minutos. Tené a mano el número de operación.',
    ],
    [
      'Pago rechazado',
      'Si ves el mensaje "Pago rechazado" o "No pudimos procesar tu pago", verificá los datos de la tarjeta.',
    ],
    [
      '¿Qué es el saldo promocional?',
      `Es un saldo adicional que no se suma al saldo principal. Ejemplo: Saldo principal ${d.otherMoney(ctx, 100, 900)}, saldo promocional ${d.otherMoney(ctx, 100, 900)}.`,
    ],
    [
      '¿Cómo registro mi línea?',
      `Marcá *234# y seguí los pasos. Ejemplo de número: ${renderNumber(d.otherNumber(ctx), 'local')}.`,
    ],
  ];
  const style = rng.pick(['details', 'dl', 'sections'] as const);
  axis(ctx, 'faqStyle', style);
  const items = rng.shuffle(qa).slice(0, rng.int(3, 6));
  let body: string;
  if (style === 'details')
    body = items
      .map(
        ([q, a], i) =>
          `<details${i === 0 || rng.chance(0.3) ? ' open' : ''}><summary>${esc(q)}</summary><p>${a}</p></details>`,
      )
      .join('');
  else if (style === 'dl')
    body = `<dl>${items.map(([q, a]) => `<dt>${esc(q)}</dt><dd>${a}</dd>`).join('')}</dl>`;
  else
    body = items
      .map(([q, a]) =>
        shell.el(
          'section',
          'card',
          `${shell.el('h2', 'cardTitle', esc(q))}${shell.el('p', null, a)}`,
        ),
      )
      .join('');
  return chrome(ctx, 'Preguntas frecuentes', [heading(ctx, 'Centro de ayuda'), body], false);
}

function chrome(ctx: Ctx, title: string, main: string[], loggedIn: boolean): Parts {
  const { shell, rng } = ctx;
  if (rng.chance(0.2))
    placeHidden(ctx, main, {
      balance: rng.chance(0.5),
      expiry: rng.chance(0.5),
      number: rng.chance(0.5),
    });
  return {
    title: `${title} | ${BRAND[ctx.carrier].replace('Mi ', '')}`,
    header: header(ctx, loggedIn),
    nav: rng.chance(0.7) ? nav(ctx) : '',
    main: shell.el('main', 'main', main.join('')),
    aside: '',
    footer: footer(ctx),
    overlays: overlays(ctx),
  };
}

export function buildParts(ctx: Ctx): Parts {
  switch (ctx.pageType) {
    case 'account':
      return accountPage(ctx, false);
    case 'recharge-chooser-with-state':
      return accountPage(ctx, true);
    case 'recharge-chooser':
      return chooserPage(ctx);
    case 'receipt':
      return receiptPage(ctx, false);
    case 'receipt-with-balance':
      return receiptPage(ctx, true);
    case 'none-failed-payment':
      return failedPaymentPage(ctx);
    case 'none-login':
      return loginPage(ctx);
    case 'none-marketing':
      return marketingPage(ctx);
    case 'none-search-echo':
      return searchEchoPage(ctx);
    case 'none-error':
      return errorPage(ctx);
    case 'none-help-faq':
      return helpPage(ctx);
  }
}
