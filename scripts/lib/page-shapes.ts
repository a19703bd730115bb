/**
 * Carrier account pages of about 1 MB in five shapes, for scripts/bench-page.ts: what a
 * page costs with LineKeeper's content script depends on how its bytes are laid out, not
 * only on how many there are. Deterministic: a seeded PRNG, no clock, no network; the same
 * name gives the same bytes on every run (the `live` page's script is deterministic too,
 * but when its timers fire is up to the browser).
 *
 * Every page opens with a real line summary (number, balance, expiry) near the top, so the
 * extension reads something and shows its overlay; the bulk follows:
 *   - table: one long consumption-history <table>;
 *   - list:  one long <ul> of movements;
 *   - cards: a single-page-app dashboard, then a feed of ~3,000 activity cards (nested
 *            divs grouped by day, no ul/table, no parent with more than ~40 children);
 *   - deep:  framework-style wrapper chains hundreds of levels deep around the content,
 *            with many sibling rows at the bottom of each chain;
 *   - live:  a dashboard whose inline script keeps changing it every 100–300 ms (a ticking
 *            clock, a growing feed, a data counter), so the DOM never goes quiet.
 */

export const GENERATED_SHAPES = ['table', 'list', 'cards', 'deep', 'live'] as const;
export type GeneratedShapeName = (typeof GENERATED_SHAPES)[number];

export interface ShapePage {
  url: string;
  html: string;
  /** What the summary card says: the reading the extension should take. */
  expected: { msisdn: string; balance: number; expiresOn: string };
}

/** About 1 MB: each shape adds bulk until its HTML is at least this long (in bytes). */
export const SHAPE_BYTES = 1_000_000;

/** mulberry32: small, fast, and the same sequence on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Argentine money text: 1234.5 → "1.234,50". */
function ars(amount: number): string {
  const [int, dec] = amount.toFixed(2).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${dec}`;
}

const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

/** Masked numbers as carriers print them in histories. */
function maskedNumber(rand: () => number): string {
  const area = pick(rand, ['11', '11', '11', '351', '341', '221', '261', '381']);
  const last = pad(Math.floor(rand() * 100));
  return area === '11' ? `11 ${1 + Math.floor(rand() * 8)}***-**${last}` : `${area} ***-**${last}`;
}

/** Moments walking back from 2026-11-30 23:59 (UTC arithmetic on wall-clock values). */
function* momentsBack(rand: () => number, meanMinutes: number) {
  let t = Date.UTC(2026, 10, 30, 23, 59);
  for (;;) {
    t -= Math.floor(rand() * 2 * meanMinutes) * 60_000;
    const d = new Date(t);
    yield {
      date: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
      time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
      weekday: ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'][
        d.getUTCDay()
      ]!,
    };
  }
}

/** A movement of a prepaid line: title, detail, signed amount text. */
function movement(rand: () => number): { title: string; detail: string; amount: string } {
  const r = rand();
  if (r < 0.12) {
    return {
      title: 'Recarga',
      detail: `Tarjeta •••• ${pad(Math.floor(rand() * 10_000), 4)} · Operación ${pad(Math.floor(rand() * 1e9), 9)}`,
      amount: `+ $ ${ars(pick(rand, [1500, 2000, 3000, 5000]))}`,
    };
  }
  if (r < 0.3) {
    const gb = pick(rand, [1, 2, 4, 6]);
    return {
      title: `Pack ${gb} GB`,
      detail: `Vigencia ${pick(rand, [3, 7, 15, 30])} días desde la compra`,
      amount: `- $ ${ars(gb * 590)}`,
    };
  }
  if (r < 0.65) {
    return {
      title: 'Llamada saliente',
      detail: `A ${maskedNumber(rand)} · ${1 + Math.floor(rand() * 14)} min`,
      amount: `- $ ${ars(Math.round(rand() * 9000) / 100)}`,
    };
  }
  if (r < 0.85) {
    return { title: 'SMS', detail: `A ${maskedNumber(rand)}`, amount: `- $ ${ars(18)}` };
  }
  return { title: 'Internet por día', detail: 'Pase diario', amount: `- $ ${ars(220)}` };
}

function document(title: string, lang: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${css}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Appends pieces from `next()` until `parts` holds at least `bytes` bytes (UTF-8). */
function fill(parts: string[], bytes: number, next: () => string): void {
  let size = Buffer.byteLength(parts.join(''));
  while (size < bytes) {
    const piece = next();
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
}

/** Bytes still to fill once the page's fixed frame (head, summary, footer) is counted. */
const bulkBytes = (frame: string) => SHAPE_BYTES - Buffer.byteLength(frame);

// ------------------------------------------------------------------ table (Claro)
function table(): ShapePage {
  const rand = prng(0x7ab1e);
  const moments = momentsBack(rand, 150);
  const summary = `<section class="_summary_w8d1" aria-label="Resumen de la línea">
    <p>Línea <strong>11 4381-2207</strong></p>
    <p>Saldo disponible <strong>$&nbsp;3.456,78</strong></p>
    <p>Vence el <strong>14/09/2027</strong></p>
  </section>`;
  const head = `<div id="root"><header class="_header_x1"><strong>Mi Claro</strong> <nav><a href="/inicio">Inicio</a> <a href="/consumos/detalle" aria-current="page">Consumos</a> <a href="/recargas">Recargas</a></nav></header>
<main>
  ${summary}
  <section aria-label="Detalle de consumos">
    <h2>Detalle de consumos</h2>
    <table class="_table_q3">
      <thead><tr><th>Fecha</th><th>Hora</th><th>Concepto</th><th>Detalle</th><th>Importe</th></tr></thead>
      <tbody>
`;
  const tail = `      </tbody>
    </table>
    <button type="button">Ver más</button>
  </section>
</main>
<footer><p>AMX Argentina S.A. · *611 · 0800-123-0611</p></footer></div>`;
  const css = `body{margin:0;font-family:Roboto,Arial,sans-serif;background:#f5f5f5}
._header_x1{background:#da291c;color:#fff;padding:12px 20px}
._summary_w8d1{background:#fff;margin:16px;padding:16px;border-radius:12px}
._table_q3{width:100%;border-collapse:collapse;font-size:13px;background:#fff}
._table_q3 td,._table_q3 th{padding:4px 8px;border-bottom:1px solid #eee}
._n{text-align:right}`;
  const frame = document('Detalle de consumos | Mi Claro', 'es-AR', css, head + tail);
  const rows: string[] = [];
  fill(rows, bulkBytes(frame), () => {
    const { date, time } = moments.next().value!;
    const m = movement(rand);
    return `<tr class="_r"><td>${date}</td><td>${time}</td><td>${m.title}</td><td>${m.detail}</td><td class="_n">${m.amount}</td></tr>\n`;
  });
  return {
    url: 'https://m-miclaro.claro.com.ar/consumos/detalle',
    html: document('Detalle de consumos | Mi Claro', 'es-AR', css, head + rows.join('') + tail),
    expected: { msisdn: '+5491143812207', balance: 3456.78, expiresOn: '2027-09-14' },
  };
}

// ------------------------------------------------------------------ list (Movistar)
function list(): ShapePage {
  const rand = prng(0x1157);
  const moments = momentsBack(rand, 200);
  const head = `<div id="app" class="mv-page">
  <header class="mv-header" data-v-7f2a=""><span>movistar</span> <a href="/inicio">Inicio</a> <a href="/movimientos" aria-current="page">Movimientos</a></header>
  <section class="mv-summary" aria-label="Resumen">
    <div class="mv-summary__row"><span>Línea</span> <strong>(011) 15-5127-3348</strong></div>
    <div class="mv-summary__row"><span>Crédito disponible</span> <strong>$ 5.210,40</strong></div>
    <div class="mv-summary__row"><span>Vencimiento del crédito:</span> <strong>22/10/2027</strong></div>
  </section>
  <section aria-label="Movimientos">
    <h1>Tus movimientos</h1>
    <ul class="mv-moves">
`;
  const tail = `    </ul>
  </section>
  <footer>Telefónica Móviles Argentina S.A. · *611</footer>
</div>`;
  const css = `.mv-summary{background:#fff;border-radius:12px;padding:16px;margin:12px}
.mv-moves{list-style:none;padding:0;margin:0 12px}
.mv-move{display:grid;grid-template-columns:110px 1fr auto;gap:2px 10px;padding:8px;border-bottom:1px solid #eef}
.mv-move__amount{text-align:right}`;
  const frame = document('Movimientos | Mi Movistar', 'es', css, head + tail);
  const items: string[] = [];
  fill(items, bulkBytes(frame), () => {
    const { date, time } = moments.next().value!;
    const m = movement(rand);
    return `<li class="mv-move" data-v-7f2a=""><span class="mv-move__date">${date} ${time}</span><span class="mv-move__title">${m.title}</span><span class="mv-move__detail">${m.detail}</span><span class="mv-move__amount">${m.amount}</span></li>\n`;
  });
  return {
    url: 'https://mi.movistar.com.ar/movimientos',
    html: document('Movimientos | Mi Movistar', 'es', css, head + items.join('') + tail),
    expected: { msisdn: '+5491151273348', balance: 5210.4, expiresOn: '2027-10-22' },
  };
}

/** One activity card of a feed: nested divs only. */
function activityCard(rand: () => number, time: string, scope: string): string {
  const m = movement(rand);
  return `<div class="act" ${scope}><div class="act__icon i${m.title.length % 5}"></div><div class="act__body" ${scope}><div class="act__title">${m.title}</div><div class="act__meta"><span>${time}</span> · <span>${m.detail}</span></div></div><div class="act__amount" ${scope}>${m.amount}</div></div>`;
}

/** The top of a single-page-app home: line, split balance, expiry, widgets. */
function dashboard(scope: string, line: string, int: string, cents: string, expiry: string) {
  return `<div class="app-bar" ${scope}><button ${scope} aria-label="Menú">≡</button><span ${scope}>Mi Personal</span><span class="app-bar__badge" ${scope}>3</span></div>
  <main class="home" ${scope}>
    <section class="card card--line" ${scope}><p class="card__caption" ${scope}>Hola 👋</p><h1 class="card__line" ${scope}>${line}</h1><span class="chip" ${scope}>Prepago</span></section>
    <section class="card card--balance" ${scope}>
      <h2 class="card__caption" ${scope}>Tu saldo</h2>
      <div class="card__amount" ${scope}><span ${scope}>$</span><span ${scope}>${int}</span><span class="card__cents" ${scope}>,${cents}</span></div>
      <p class="card__caption" ${scope}>Vence el <b ${scope}>${expiry}</b></p>
      <div class="card__actions" ${scope}><a href="/recargar" ${scope}>Recargar</a> <a href="/packs" ${scope}>Packs</a></div>
    </section>
    <section class="card card--data" ${scope}><h2 ${scope}>Internet</h2><p ${scope}>Te quedan <b class="data-left" ${scope}>3,1 GB</b> de tu pack</p><div class="bar" ${scope}><div class="bar__fill" style="width:62%" ${scope}></div></div></section>
    <section class="card card--promos" ${scope}><h2 ${scope}>Para vos</h2><div class="promo" ${scope}>Duplicá tus GB recargando desde la app</div><div class="promo" ${scope}>Club Personal: 2x1 en cines</div></section>`;
}

const DASHBOARD_CSS = `body{margin:0;font-family:Roboto,sans-serif;background:#f4f6fb}
.app-bar{background:linear-gradient(90deg,#00a3e0,#6c2bd9);color:#fff;padding:14px 18px}
.card{background:#fff;margin:14px;border-radius:18px;padding:18px}
.card__amount{font-size:36px;font-weight:800}
.bar{height:6px;background:#eee}.bar__fill{height:6px;background:#00a3e0}
.day{margin:8px 14px}.day__title{font-weight:700;padding:8px 0}
.act{display:flex;gap:10px;background:#fff;border-radius:10px;padding:8px;margin:4px 0}
.act__icon{width:28px;height:28px;border-radius:50%;background:#dbeafe}
.act__body{flex:1}.act__meta{color:#6b7280;font-size:12px}.act__amount{font-weight:600}`;

// ------------------------------------------------------------------ cards (Personal)
function cards(): ShapePage {
  const rand = prng(0xca4d5);
  const moments = momentsBack(rand, 60);
  const scope = 'data-v-3e1f9a=""';
  const head = `<div id="app" data-v-app="">
  ${dashboard(scope, '11 6120-4455', '2.874', '35', '03/08/2027')}
    <section class="feed" ${scope}><h2 ${scope}>Tu actividad</h2>
`;
  const tail = `    </section>
  </main>
</div>`;
  const frame = document('Mi Personal | Inicio', 'es-AR', DASHBOARD_CSS, head + tail);
  const days: string[] = [];
  let cardCount = 0;
  let first = moments.next().value!;
  fill(days, bulkBytes(frame), () => {
    // A day of activity: 10–40 cards under one heading (no parent with a long list).
    const count = 10 + Math.floor(rand() * 31);
    const day = first;
    const cardsOfDay: string[] = [];
    for (let i = 0; i < count; i++) {
      cardsOfDay.push(activityCard(rand, i === 0 ? day.time : moments.next().value!.time, scope));
    }
    cardCount += count;
    first = moments.next().value!;
    return `<div class="day" ${scope}><div class="day__title" ${scope}>${day.weekday} ${day.date}</div><div class="day__cards" ${scope}>${cardsOfDay.join('')}</div></div>\n`;
  });
  if (cardCount < 2_800) throw new Error(`cards: only ${cardCount} cards`);
  return {
    url: 'https://autogestion.personal.com.ar/inicio',
    html: document('Mi Personal | Inicio', 'es-AR', DASHBOARD_CSS, head + days.join('') + tail),
    expected: { msisdn: '+5491161204455', balance: 2874.35, expiresOn: '2027-08-03' },
  };
}

// ------------------------------------------------------------------ deep (Claro)
/** Depth of the provider/layout wrappers above the summary card. */
const DEEP_OUTER = 120;

function deep(): ShapePage {
  const rand = prng(0xdee9);
  const moments = momentsBack(rand, 90);
  const wrappers = ['div', 'div', 'div', 'section', 'span', 'div'];
  const open = (depth: number, kind: string) =>
    Array.from({ length: depth }, (_, i) => {
      const tag = wrappers[i % wrappers.length]!;
      return `<${tag} class="${kind}-${i % 17}">`;
    }).join('');
  const close = (depth: number) =>
    Array.from(
      { length: depth },
      (_, i) => `</${wrappers[(depth - 1 - i) % wrappers.length]}>`,
    ).join('');
  const summary = `<div class="summary"><p>Línea <strong>11 5092-7716</strong></p><p>Saldo disponible <strong>$ 1.948,20</strong></p><p>Vence el <strong>30/06/2027</strong></p></div>`;
  const head = `<div id="root">${open(DEEP_OUTER, 'p')}<header><strong>Mi Claro</strong></header>${summary}<h2>Tu actividad</h2>`;
  const tail = `${close(DEEP_OUTER)}</div>`;
  const css = `body{margin:0;font-family:Roboto,sans-serif}.summary{background:#fff;padding:12px}
.row{display:flex;gap:8px;padding:2px 8px}.row span{white-space:nowrap}`;
  const frame = document('Mi línea | Mi Claro', 'es-AR', css, head + tail);
  const blocks: string[] = [];
  fill(blocks, bulkBytes(frame), () => {
    // A chain of 150–350 wrappers (inside the 120 above: rows 270–476 deep, within the
    // reading engine's walk limit of 500 and Blink's parser limit of 512), then 20–60
    // sibling rows.
    const depth = 150 + Math.floor(rand() * 201);
    const rowCount = 20 + Math.floor(rand() * 41);
    const rows: string[] = [];
    for (let i = 0; i < rowCount; i++) {
      const { date, time } = moments.next().value!;
      const m = movement(rand);
      rows.push(
        `<div class="row"><span><span>${date}</span> <span>${time}</span></span><span><b>${m.title}</b></span><span>${m.detail}</span><span>${m.amount}</span></div>`,
      );
    }
    return `${open(depth, 'w')}${rows.join('')}${close(depth)}\n`;
  });
  return {
    url: 'https://miclaro.claro.com.ar/mi-linea',
    html: document('Mi línea | Mi Claro', 'es-AR', css, head + blocks.join('') + tail),
    expected: { msisdn: '+5491150927716', balance: 1948.2, expiresOn: '2027-06-30' },
  };
}

// ------------------------------------------------------------------ live (Movistar)
/**
 * The page's own script: every 100–300 ms (a seeded sequence) it ticks a clock, adds one
 * activity card at the top of the feed (a new day group every 30 cards) and now and then
 * changes the data counter. It never stops.
 */
const LIVE_SCRIPT = `(() => {
  let a = 0x11fe >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const clock = document.getElementById('clock');
  const feed = document.getElementById('feed');
  const dataLeft = document.querySelector('.data-left');
  let seconds = 12 * 3600;
  let added = 0;
  let group = null;
  const titles = ['Llamada saliente', 'SMS', 'Internet por día', 'Pack 1 GB'];
  const tick = () => {
    seconds += 1;
    const hh = String(Math.floor(seconds / 3600) % 24).padStart(2, '0');
    const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
    const ss = String(seconds % 60).padStart(2, '0');
    clock.textContent = 'Actualizado ' + hh + ':' + mm + ':' + ss;
    if (added % 30 === 0) {
      group = document.createElement('div');
      group.className = 'day';
      group.innerHTML = '<div class="day__title">Hoy</div><div class="day__cards"></div>';
      feed.prepend(group);
    }
    const card = document.createElement('div');
    card.className = 'act';
    card.innerHTML = '<div class="act__icon"></div><div class="act__body"><div class="act__title">' +
      titles[Math.floor(rand() * titles.length)] + '</div><div class="act__meta"><span>' + hh + ':' + mm +
      '</span></div></div><div class="act__amount">- $ ' + (10 + Math.floor(rand() * 90)) + ',00</div>';
    group.lastChild.prepend(card);
    added += 1;
    if (rand() < 0.2) dataLeft.textContent = (1 + rand() * 3).toFixed(1).replace('.', ',') + ' GB';
    setTimeout(tick, 100 + Math.floor(rand() * 201));
  };
  setTimeout(tick, 100);
})();`;

function live(): ShapePage {
  const rand = prng(0x11fe);
  const moments = momentsBack(rand, 60);
  const scope = 'data-v-5c1e0f=""';
  const head = `<div id="app" data-v-app="">
  ${dashboard(scope, '(011) 15-6730-1182', '6.015', '90', '11/11/2027').replace('Mi Personal', 'Mi Movistar')}
    <p class="clock" id="clock" ${scope}>Actualizado 12:00:00</p>
    <section class="feed" id="feed" ${scope}>
`;
  const tail = `    </section>
  </main>
</div>
<script>${LIVE_SCRIPT}</script>`;
  const frame = document('Mi Movistar | Inicio', 'es', DASHBOARD_CSS, head + tail);
  const days: string[] = [];
  fill(days, bulkBytes(frame), () => {
    const count = 10 + Math.floor(rand() * 31);
    const day = moments.next().value!;
    const cardsOfDay = Array.from({ length: count }, () =>
      activityCard(rand, moments.next().value!.time, scope),
    );
    return `<div class="day" ${scope}><div class="day__title" ${scope}>${day.weekday} ${day.date}</div><div class="day__cards" ${scope}>${cardsOfDay.join('')}</div></div>\n`;
  });
  return {
    url: 'https://mi.movistar.com.ar/inicio',
    html: document('Mi Movistar | Inicio', 'es', DASHBOARD_CSS, head + days.join('') + tail),
    expected: { msisdn: '+5491167301182', balance: 6015.9, expiresOn: '2027-11-11' },
  };
}

const GENERATORS: Record<GeneratedShapeName, () => ShapePage> = {
  table,
  list,
  cards,
  deep,
  live,
};

export function generateShape(name: GeneratedShapeName): ShapePage {
  return GENERATORS[name]();
}
