/**
 * Things on a page that look like the line's values and are not (docs/reading-rules.md, "Not the
 * main balance" / "Not the line's expiry" / "Not the operation id"; reading-rules.md,
 * "Never read"). None of them records a statement: the truth never changes.
 */
import { axis, freeCents, freeDate, label, type Ctx } from './context';
import {
  money,
  pickMoneyFormat,
  randomNumber,
  renderDate,
  renderMoney,
  renderNumber,
  type DateFormat,
  type MoneyFormat,
  type NumberFormat,
} from './formats';
import { esc } from './html';
import { e164, type PrintedMoney, type PrintedNumber } from './truth';
import { ALARMING_LINKS, BALANCE_LABELS, EXPIRY_LABELS, NUMBER_LABELS } from './vocabulary';

const PLAIN_MONEY: readonly MoneyFormat[] = [
  'ar',
  'ar-nbsp',
  'ar-int',
  'ar-int-nospace',
  'split',
  'ars-thousands',
];
const PLAIN_DATES: readonly DateFormat[] = [
  'dd/mm/yyyy',
  'd/m/yyyy',
  'long',
  'abbr',
  'dd/mm/yy',
  'yearless-slash',
];

/** An amount for a distractor, never equal to a line value. */
export function otherMoney(ctx: Ctx, min: number, max: number, whole = false): string {
  const cents = freeCents(
    ctx,
    ctx.rng.int(min, max) * 100 + (whole ? 0 : ctx.rng.pick([0, 0, 50, ctx.rng.int(1, 99)])),
  );
  const value = money(Math.floor(cents / 100), cents % 100);
  return renderMoney(value, pickMoneyFormat(ctx.rng, value, PLAIN_MONEY));
}

/** A date for a distractor, `offset` days from the reading day, never a line value. */
export function otherDate(ctx: Ctx, offset: number, formats = PLAIN_DATES): string {
  const date = freeDate(ctx, offset);
  let format = ctx.rng.pick(formats);
  // Yearless distractor dates stay inside the nearest-year window too, so they are plain dates.
  if (format === 'yearless-slash' && Math.abs(offset) > 150) format = 'dd/mm/yyyy';
  return renderDate(date, format).html;
}

/** Another line's number (not the page's). */
export function otherNumber(ctx: Ctx): PrintedNumber {
  let number = randomNumber(ctx.rng);
  while (e164(number) === e164(ctx.line)) number = randomNumber(ctx.rng);
  return number;
}

function li(ctx: Ctx, inner: string): string {
  return ctx.shell.el('li', 'listItem', inner);
}

function card(ctx: Ctx, title: string, inner: string): string {
  return ctx.shell.el('section', 'card', `${ctx.shell.el('h3', 'cardTitle', esc(title))}${inner}`);
}

const WALLET: Record<Ctx['carrier'], string> = {
  claro: 'Claro Pay',
  movistar: 'Mercado Pago',
  personal: 'Personal Pay',
};

const CLUB: Record<Ctx['carrier'], string> = {
  claro: 'Club Claro',
  movistar: 'Club Movistar',
  personal: 'Club Personal',
};

// ───────────────────────────── balance look-alikes ─────────────────────────────

export function promoBalance(ctx: Ctx): string {
  const wording = ctx.rng.pick([
    'Saldo promocional',
    'Bono',
    'Saldo bonificado',
    'Crédito promocional',
    'Bonificación',
  ]);
  axis(ctx, 'x.promoBalance', wording.toLowerCase().replace(/ /g, '-'));
  const expiry = ctx.rng.chance(0.6)
    ? ` ${ctx.shell.el('span', 'muted', `${ctx.rng.pick(['vence el', 'válido hasta', 'vigencia hasta'])} ${otherDate(ctx, ctx.rng.int(2, 40))}`)}`
    : '';
  return ctx.shell.el(
    'div',
    'row',
    `${ctx.shell.el('span', 'label', label(ctx, wording))} ${ctx.shell.el('span', 'value', otherMoney(ctx, 50, 3000))}${expiry}`,
  );
}

export function saldoTotal(ctx: Ctx, mainCents: number): string {
  axis(ctx, 'x.saldoTotal', 'on');
  const promoCents = ctx.rng.int(100, 2000) * 100;
  ctx.usedCents.add(promoCents);
  const totalCents = mainCents + promoCents;
  ctx.usedCents.add(totalCents);
  const total = renderMoney(money(Math.floor(totalCents / 100), totalCents % 100), 'ar');
  const promo = renderMoney(money(promoCents / 100, 0), 'ar');
  return ctx.shell.el(
    'div',
    'card',
    `${ctx.shell.el('div', 'row', `${ctx.shell.el('span', 'label', label(ctx, 'Saldo promocional'))} ${ctx.shell.el('span', 'value', promo)}`)}${ctx.shell.el('div', 'row', `${ctx.shell.el('span', 'label', label(ctx, ctx.rng.pick(['Saldo total', 'Total disponible (saldo + promociones)', 'Saldo total'])))} ${ctx.shell.el('strong', 'value', total)}`)}`,
  );
}

export function wallet(ctx: Ctx): string {
  const name = ctx.rng.chance(0.7) ? WALLET[ctx.carrier] : 'Mercado Pago';
  axis(ctx, 'x.wallet', name.toLowerCase().replace(/ /g, '-'));
  return card(
    ctx,
    name,
    `${ctx.shell.el('p', 'row', `${esc(ctx.rng.pick(['Dinero disponible', 'Saldo en tu cuenta', 'Tenés disponible']))} ${ctx.shell.el('strong', 'value', otherMoney(ctx, 500, 90_000))}`)}${ctx.shell.el('a', 'button', 'Ingresar dinero', 'href="#"')}`,
  );
}

export function clubPoints(ctx: Ctx): string {
  axis(ctx, 'x.clubPoints', 'on');
  const points = `${ctx.rng.int(1, 40)}.${String(ctx.rng.int(0, 999)).padStart(3, '0')}`;
  const expiry = ctx.rng.chance(0.6)
    ? ` · ${esc(ctx.rng.pick(['Tus puntos vencen el', 'Vencen el', 'Válidos hasta el']))} ${otherDate(ctx, ctx.rng.int(20, 300))}`
    : '';
  return ctx.shell.el('p', 'muted', `${esc(CLUB[ctx.carrier])}: ${points} puntos${expiry}`);
}

/** An advance offer, or the advance owed: the same amount as the negative balance, unsigned. */
export function advance(ctx: Ctx, owed: PrintedMoney | null): string {
  axis(ctx, 'x.advance', owed ? 'owed' : 'offer');
  if (owed) {
    const amount = renderMoney({ ...owed, negative: false }, 'ar');
    return ctx.shell.el(
      'p',
      'muted',
      `Usaste un adelanto de saldo de ${amount}. Se descontará de tu próxima recarga.`,
    );
  }
  return ctx.shell.el(
    'p',
    'muted',
    `¿Te quedaste sin saldo? Pedí un adelanto de saldo de hasta ${otherMoney(ctx, 200, 1000, true)}.`,
  );
}

export function dataBalances(ctx: Ctx): string {
  axis(ctx, 'x.dataBalances', 'on');
  const gb = `${ctx.rng.int(0, 9)},${ctx.rng.int(0, 9)} GB`;
  return card(
    ctx,
    ctx.rng.pick(['Tu consumo', 'Internet y minutos', 'Disponible en tu plan']),
    ctx.shell.el(
      'ul',
      'list',
      li(ctx, `Internet: ${gb} disponibles`) +
        li(ctx, `Minutos: ${ctx.rng.int(0, 300)} min`) +
        li(ctx, `SMS: ${ctx.rng.int(0, 100)}`),
    ),
  );
}

// ───────────────────────────── date look-alikes ─────────────────────────────

export function packs(ctx: Ctx): string {
  axis(ctx, 'x.packs', 'on');
  const active = ctx.rng.chance(0.7)
    ? ctx.shell.el(
        'p',
        'row',
        `${esc(ctx.rng.pick(['Pack activo', 'Tu pack', 'Pack de internet']))}: ${ctx.rng.int(1, 10)} GB x ${ctx.rng.pick([1, 7, 15, 30])} días · ${esc(ctx.rng.pick(['válido hasta', 'vence el', 'vigencia hasta']))} ${otherDate(ctx, ctx.rng.int(1, 30))}`,
      )
    : '';
  const offers = Array.from({ length: ctx.rng.int(2, 4) }, () =>
    li(
      ctx,
      `Pack ${ctx.rng.int(1, 20)} GB por ${ctx.rng.pick([7, 15, 30])} días ${ctx.shell.el('strong', 'value', otherMoney(ctx, 500, 9000, true))}`,
    ),
  ).join('');
  return card(
    ctx,
    ctx.rng.pick(['Packs', 'Comprá un pack', 'Tus packs']),
    `${active}${ctx.shell.el('ul', 'list', offers)}`,
  );
}

export function promoEnd(ctx: Ctx): string {
  axis(ctx, 'x.promoEnd', 'on');
  const text = ctx.rng.pick([
    `Recargá ${otherMoney(ctx, 2000, 5000, true)} y duplicá tu saldo. Promo válida hasta el ${otherDate(ctx, ctx.rng.int(5, 60))}.`,
    `Promoción vigente hasta ${otherDate(ctx, ctx.rng.int(5, 60))}: 50% de bonificación en recargas online.`,
    `Hasta el ${otherDate(ctx, ctx.rng.int(5, 60))}, internet ilimitado los fines de semana.`,
  ]);
  return ctx.shell
    .el('div', 'banner', text, 'role="complementary"')
    .replace(/class="[^"]*"/, 'class="promo"');
}

export function lastRecharge(ctx: Ctx): string {
  axis(ctx, 'x.lastRecharge', 'on');
  return ctx.shell.el(
    'p',
    'muted',
    `${label(ctx, ctx.rng.pick(['Última recarga', 'Tu última recarga']))}: ${otherMoney(ctx, 500, 5000, true)} ${ctx.rng.chance(0.5) ? 'el' : '·'} ${otherDate(ctx, -ctx.rng.int(1, 90))}`,
  );
}

export function cardExpiry(ctx: Ctx): string {
  axis(ctx, 'x.cardExpiry', 'on');
  const mm = String(ctx.rng.int(1, 12)).padStart(2, '0');
  const yy = ctx.rng.int(27, 32);
  return ctx.shell.el(
    'p',
    'muted',
    `${esc(ctx.rng.pick(['Tarjeta guardada', 'Medio de pago', 'Tu tarjeta']))}: ${ctx.rng.pick(['Visa', 'Mastercard', 'Cabal', 'Naranja'])} terminada en ${ctx.rng.digits(4)} · ${esc(ctx.rng.pick(['Vence', 'Vto.', 'Vencimiento']))} ${mm}/${yy}`,
  );
}

export function timestamps(ctx: Ctx): string {
  axis(ctx, 'x.timestamps', 'on');
  const when = ctx.rng.pick([
    `Actualizado el ${otherDate(ctx, 0 - ctx.rng.int(1, 3), ['dd/mm/yyyy'])} a las ${ctx.rng.int(10, 23)}:${ctx.rng.int(10, 59)}`,
    `Último acceso: ${otherDate(ctx, -ctx.rng.int(1, 20), ['dd/mm/yyyy', 'long'])}`,
    `Alta de la línea: ${otherDate(ctx, -ctx.rng.int(400, 3000), ['dd/mm/yyyy'])}`,
  ]);
  return ctx.shell.el('p', 'muted', when);
}

export function genericRule(ctx: Ctx): string {
  axis(ctx, 'x.genericRule', 'on');
  return ctx.shell.el(
    'p',
    'muted',
    esc(
      ctx.rng.pick([
        'Recordá: cada recarga vence a los 180 días desde la acreditación.',
        'El saldo de tus recargas tiene una vigencia de 180 días desde su acreditación.',
        'Si tu saldo vence, tu línea queda habilitada solo para recibir llamadas.',
      ]),
    ),
  );
}

// ───────────────────────────── number look-alikes ─────────────────────────────

export function supportNumbers(ctx: Ctx): string {
  axis(ctx, 'x.support', 'on');
  const whatsapp = renderNumber(
    randomNumber(ctx.rng),
    ctx.rng.pick(['intl', 'local', 'paren-015'] as NumberFormat[]),
  );
  return ctx.shell.el(
    'p',
    'muted',
    `${esc(ctx.rng.pick(['¿Necesitás ayuda?', 'Atención al cliente', 'Contacto']))} Llamá al *${ctx.rng.pick(['611', '111', '2000'])} desde tu línea, al 0800-${ctx.rng.digits(3)}-${ctx.rng.digits(4)} o escribinos por WhatsApp al ${whatsapp}.`,
  );
}

export function placeholder(ctx: Ctx): string {
  axis(ctx, 'x.placeholder', 'on');
  const example = renderNumber(
    otherNumber(ctx),
    ctx.rng.pick(['local', 'plain'] as NumberFormat[]),
  );
  return ctx.shell.el(
    'div',
    'card',
    `${ctx.shell.el('label', 'label', esc(ctx.rng.pick(['Recargá otra línea', 'Número a recargar', 'Regalá saldo a otra línea'])), 'for="otra"')}<input id="otra" type="tel" placeholder="Ej: ${example}">${ctx.shell.el('small', 'muted', `Ej: ${example}`)}`,
  );
}

/** Form fields holding values (never read). */
export function formFields(ctx: Ctx): string {
  axis(ctx, 'x.formFields', 'on');
  const amounts = [1500, 2000, 3000, 5000]
    .map((a) => `<option value="${a}">$ ${a}</option>`)
    .join('');
  return card(
    ctx,
    'Recarga rápida',
    `<input type="text" value="${renderNumber(otherNumber(ctx), 'local')}" aria-label="Línea"><select aria-label="Monto">${amounts}</select><input type="text" value="${otherMoney(ctx, 800, 3000).replace(/<[^>]+>/g, '')}" aria-label="Otro monto"><textarea aria-label="Nota">Saldo: $ 9.999,00 vence 01/01</textarea><div contenteditable="true">Vence el 02/02/2027</div>`,
  );
}

// ───────────────────────────── lists, menus, footers ─────────────────────────────

export function history(ctx: Ctx, rows: number): string {
  axis(ctx, 'x.history', rows > 200 ? 'long' : 'short');
  const { rng } = ctx;
  // Feed rows do not reserve their amounts and dates: they are many, and a row that happens
  // to repeat a line value is still a feed row.
  const amount = (min: number, max: number, whole = false) => {
    const value = money(rng.int(min, max), whole ? 0 : rng.pick([0, 50, rng.int(1, 99)]));
    return renderMoney(value, pickMoneyFormat(rng, value, PLAIN_MONEY));
  };
  const day = (offset: number) => renderDate(addDaysIso(ctx.readingDay, offset), 'dd/mm/yyyy').html;
  const kinds = [
    () => `Ajuste de saldo ${amount(10, 9000)}`,
    () => `Recarga ${amount(500, 5000, true)}`,
    () => `Consumo de datos -${amount(5, 300)}`,
    () => `Pack ${rng.int(1, 10)} GB ${amount(500, 4000, true)}`,
    () => `Llamada a ${renderNumber(randomNumber(rng), 'masked')} ${amount(1, 90)}`,
    () => `Vencimiento de pack · ${day(-rng.int(1, 60))}`,
  ];
  const out: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    out.push(
      `<tr><td>${day(-rng.int(0, 365))}</td><td>${(rng.pick(kinds) as () => string)()}</td></tr>`,
    );
  }
  return card(
    ctx,
    rng.pick(['Movimientos', 'Historial', 'Últimos movimientos', 'Actividad reciente']),
    ctx.shell.el(
      'table',
      'table',
      `<thead><tr><th>Fecha</th><th>Detalle</th></tr></thead><tbody>${out.join('')}</tbody>`,
    ),
  );
}

function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A help menu / footer naming outcomes: links, not outcomes. */
export function alarmingLinks(ctx: Ctx): string {
  axis(ctx, 'x.alarmingLinks', 'on');
  const links = ctx.rng
    .sample(ALARMING_LINKS, ctx.rng.int(3, 6))
    .map((t) => li(ctx, ctx.shell.el('a', null, esc(t), 'href="#"')))
    .join('');
  return ctx.shell.el(
    'nav',
    'nav',
    `${ctx.shell.el('h4', null, esc(ctx.rng.pick(['Ayuda', 'Preguntas frecuentes', 'Te puede interesar'])))}${ctx.shell.el('ul', 'list', links)}`,
    'aria-label="Ayuda"',
  );
}

export function navMenu(ctx: Ctx, items: string[]): string {
  const links = items
    .map((t) => li(ctx, ctx.shell.el('a', 'navItem', esc(t), 'href="#"')))
    .join('');
  return ctx.shell.el(
    'nav',
    'nav',
    ctx.shell.el('ul', 'list', links),
    'aria-label="Menú principal"',
  );
}

// ───────────────────────────── hidden stale copies ─────────────────────────────

export const HIDING = [
  'display-none-class',
  'hidden-attr',
  'inline-display-none',
  'opacity0-class',
  'opacity0-inline',
  'visibility-hidden',
  'offscreen',
  'zero-size',
  'closed-details',
  'inactive-tab',
] as const;
export type Hiding = (typeof HIDING)[number];

/** A stale copy of the line summary with other values, not rendered. */
export function hiddenStale(
  ctx: Ctx,
  what: { balance: boolean; expiry: boolean; number: boolean },
): { html: string; light: boolean } {
  const hiding = ctx.rng.pick(HIDING);
  axis(ctx, 'x.hiddenStale', hiding);
  const rows: string[] = [];
  if (what.balance)
    rows.push(`${esc(ctx.rng.pick(BALANCE_LABELS).text)}: ${otherMoney(ctx, 10, 20000)}`);
  if (what.expiry)
    rows.push(`${esc(ctx.rng.pick(EXPIRY_LABELS).text)} ${otherDate(ctx, ctx.rng.int(-20, 150))}`);
  if (what.number || rows.length === 0)
    rows.push(
      `${esc(ctx.rng.pick(NUMBER_LABELS).text)}: ${renderNumber(otherNumber(ctx), 'local')}`,
    );
  const inner = rows.map((r) => ctx.shell.el('p', 'row', r)).join('');
  const { shell } = ctx;
  switch (hiding) {
    case 'display-none-class':
      return { html: `<div class="${shell.hiddenClass}">${inner}</div>`, light: true };
    case 'hidden-attr':
      return { html: `<div hidden>${inner}</div>`, light: false };
    case 'inline-display-none':
      return { html: `<div style="display: none">${inner}</div>`, light: false };
    case 'opacity0-class':
      return { html: `<div class="${shell.fadedClass}">${inner}</div>`, light: true };
    case 'opacity0-inline':
      return { html: `<div style="opacity:0">${inner}</div>`, light: false };
    case 'visibility-hidden':
      return { html: `<div style="visibility:hidden">${inner}</div>`, light: false };
    case 'offscreen':
      return {
        html: `<div style="position:absolute;left:-9999px;top:0">${inner}</div>`,
        light: false,
      };
    case 'zero-size':
      return { html: `<div style="width:0;height:0;overflow:hidden">${inner}</div>`, light: false };
    case 'closed-details':
      return {
        html: `<details><summary>${esc(ctx.rng.pick(['Ver datos anteriores', 'Más información', 'Detalle']))}</summary>${inner}</details>`,
        light: false,
      };
    case 'inactive-tab':
      return {
        html: `<div role="tablist"><button role="tab" aria-selected="true">Resumen</button><button role="tab" aria-selected="false">${esc(ctx.rng.pick(['Otra línea', 'Mes anterior', 'Detalle']))}</button></div><div role="tabpanel" class="tab-pane active"><p>${esc(ctx.rng.pick(['Consultá el detalle de tu línea.', 'Elegí una opción.']))}</p></div><div role="tabpanel" class="tab-pane" aria-hidden="true">${inner}</div>`,
        light: true,
      };
  }
}

// ───────────────────────────── inline state ─────────────────────────────

export function jsonState(ctx: Ctx): string {
  const style = ctx.rng.pick(['application-json', 'window-assign', 'next-data']);
  axis(ctx, 'x.jsonState', style);
  const state = {
    linea: { msisdn: e164(otherNumber(ctx)).slice(1), alias: 'Mi línea' },
    saldo: {
      principal: `$ ${ctx.rng.int(10, 9999)},${ctx.rng.int(10, 99)}`,
      vencimiento: `${ctx.rng.int(1, 28)}/${ctx.rng.int(1, 12)}/2027`,
    },
    ultimaRecarga: { monto: 1500, fecha: '2026-10-01', operacion: ctx.rng.digits(9) },
  };
  const json = JSON.stringify(state);
  if (style === 'application-json')
    return `<script type="application/json" id="initial-state">${json}</script>`;
  if (style === 'next-data')
    return `<script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { pageProps: state } })}</script>`;
  return `<script>window.__INITIAL_STATE__ = ${json};</script>`;
}

// ───────────────────────────── overlays ─────────────────────────────

export function cookieBanner(ctx: Ctx): string {
  const text = ctx.rng.pick([
    'Usamos cookies para mejorar tu experiencia. Al continuar navegando aceptás nuestra política de privacidad.',
    'Este sitio utiliza cookies propias y de terceros. Podés configurarlas o rechazarlas.',
  ]);
  return `<div class="cookie" role="dialog" aria-label="Cookies">${esc(text)} <button>Aceptar</button></div>`;
}

export function chatWidget(ctx: Ctx): string {
  const replies = ctx.rng
    .sample(
      [
        'Consultar saldo',
        'No se acreditó mi recarga',
        'Pago rechazado',
        'Hablar con un asesor',
        'Vencimiento de mi línea',
      ],
      3,
    )
    .map((t) => `<button>${esc(t)}</button>`)
    .join(' ');
  return `<aside class="chat" aria-label="Asistente virtual"><p>${esc(ctx.rng.pick(['Hola, soy Tina, tu asistente virtual. ¿En qué te ayudo?', '¿Necesitás ayuda? Chateá con nosotros.']))}</p>${replies}</aside>`;
}
