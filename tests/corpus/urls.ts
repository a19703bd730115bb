/**
 * URLs per carrier and page type, by the patterns docs/domain.md and docs/reading-rules.md describe: account portals
 * for line data, recharge result steps for receipts, public-site paths for marketing /
 * search / help, and the login hosts.
 */
import type { Rng } from './prng';
import type { CarrierId, PageType } from './truth';

export interface PageUrl {
  url: string;
  /** Which family of hosts/paths it belongs to (recorded as an axis). */
  family: string;
}

function token(rng: Rng): string {
  return rng.token(
    rng.int(12, 24),
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  );
}

const ACCOUNT: Record<CarrierId, Array<(rng: Rng) => PageUrl>> = {
  claro: [
    (rng) => ({
      url: `https://m-miclaro.claro.com.ar/${rng.pick(['', 'inicio', 'home', 'consumos', 'mi-linea', 'saldo', '#/inicio', '#/consumos'])}`,
      family: 'claro-spa',
    }),
    (rng) => ({
      url: `https://miclaro.claro.com.ar/web/guest/${rng.pick(['mi-consumo', 'verLinea', 'mi-consumo?p_p_id=MiConsumoPortlet&p_p_lifecycle=0'])}`,
      family: 'claro-liferay',
    }),
  ],
  movistar: [
    (rng) => ({
      url: `https://mi.movistar.com.ar/${rng.pick(['', 'inicio', 'consumos', 'mi-linea/saldo', 'prepago/resumen'])}`,
      family: 'movistar-mi',
    }),
    (rng) => ({
      url: `https://www.movistar.com.ar/micuenta${rng.pick(['', '/', '/saldo', '/inicio'])}`,
      family: 'movistar-micuenta',
    }),
  ],
  personal: [
    (rng) => ({
      url: `https://autogestion.personal.com.ar/${rng.pick(['', 'inicio', 'mis-consumos', 'linea/saldo', 'prepago'])}`,
      family: 'personal-spa',
    }),
    (rng) => ({
      url: `https://autogestion.personal.com.ar/individuos/${rng.pick(['inicio_tarjeta.aspx', 'consumos_tarjeta.aspx', 'saldo_tarjeta.aspx'])}`,
      family: 'personal-aspx',
    }),
  ],
};

/** Result steps of a recharge flow (public site or inside the portal). */
const RECHARGE_RESULT: Record<CarrierId, Array<(rng: Rng) => PageUrl>> = {
  claro: [
    (rng) => ({
      url: `https://www.claro.com.ar/personas/${rng.pick(['recarga-online', 'recargas', 'recarga'])}/${rng.pick(['comprobante', 'confirmacion', 'resultado'])}?tx=${token(rng)}`,
      family: 'claro-public-recarga',
    }),
    (rng) => ({
      url: `https://m-miclaro.claro.com.ar/recargas/${rng.pick(['comprobante', 'confirmacion', 'success'])}`,
      family: 'claro-spa-recarga',
    }),
  ],
  movistar: [
    (rng) => ({
      url: `https://www.movistar.com.ar/${rng.pick(['recarga-con-tarjeta-de-credito', 'recarga', 'recargas'])}/${rng.pick(['resultado', 'comprobante', 'success', 'confirmacion'])}?token=${token(rng)}`,
      family: 'movistar-public-recarga',
    }),
    (rng) => ({
      url: `https://mi.movistar.com.ar/recargas/${rng.pick(['comprobante', 'resultado'])}/${rng.digits(8)}`,
      family: 'movistar-mi-recarga',
    }),
  ],
  personal: [
    (rng) => ({
      url: `https://recargas.personal.com.ar/pay/${rng.pick(['success', 'resultado', 'comprobante', 'confirmacion'])}?token=${token(rng)}`,
      family: 'personal-recargas',
    }),
    (rng) => ({
      url: `https://autogestion.personal.com.ar/recargas/${rng.pick(['comprobante', 'resultado', 'confirmacion'])}?op=${token(rng)}`,
      family: 'personal-spa-recarga',
    }),
  ],
};

/** Recharge pages before payment (phone / amount steps). */
const RECHARGE_START: Record<CarrierId, Array<(rng: Rng) => PageUrl>> = {
  claro: [
    (rng) => ({
      url: `https://www.claro.com.ar/personas/${rng.pick(['recarga-online', 'recargas', 'recarga/monto'])}`,
      family: 'claro-public-recarga',
    }),
    () => ({ url: 'https://m-miclaro.claro.com.ar/recargas', family: 'claro-spa-recarga' }),
  ],
  movistar: [
    (rng) => ({
      url: `https://www.movistar.com.ar/${rng.pick(['recarga-con-tarjeta-de-credito', 'recarga', 'recargas/monto'])}`,
      family: 'movistar-public-recarga',
    }),
    () => ({ url: 'https://mi.movistar.com.ar/recargas', family: 'movistar-mi-recarga' }),
  ],
  personal: [
    (rng) => ({
      url: `https://recargas.personal.com.ar/${rng.pick(['phone', 'pay/amount'])}`,
      family: 'personal-recargas',
    }),
    () => ({ url: 'https://autogestion.personal.com.ar/recargas', family: 'personal-spa-recarga' }),
  ],
};

const LOGIN: Record<CarrierId, Array<(rng: Rng) => PageUrl>> = {
  claro: [
    (rng) => ({
      url: `https://ingreso.claro.com.ar/auth/realms/claro/protocol/openid-connect/auth?client_id=miclaro&response_type=code&state=${token(rng)}`,
      family: 'claro-keycloak',
    }),
  ],
  movistar: [
    (rng) => ({
      url: `https://mi.movistar.com.ar/${rng.pick(['login', 'ingresar'])}`,
      family: 'movistar-login',
    }),
  ],
  personal: [
    (rng) => ({
      url: `https://sso.personal.com.ar/openid/authorize?client_id=autogestion&state=${token(rng)}`,
      family: 'personal-sso',
    }),
    () => ({ url: 'https://sesion.personal.com.ar/', family: 'personal-sesion' }),
    () => ({ url: 'https://autogestion.personal.com.ar/login/', family: 'personal-login' }),
  ],
};

const PUBLIC_HOST: Record<CarrierId, string> = {
  claro: 'https://www.claro.com.ar/personas',
  movistar: 'https://www.movistar.com.ar',
  personal: 'https://www.personal.com.ar',
};

function publicUrl(rng: Rng, carrier: CarrierId, kind: 'marketing' | 'search' | 'help'): PageUrl {
  const base = PUBLIC_HOST[carrier];
  if (kind === 'marketing') {
    return {
      url: `${base}/${rng.pick(['planes', 'promociones', 'packs', 'prepago', 'novedades/recarga-y-duplica'])}`,
      family: `${carrier}-public-marketing`,
    };
  }
  if (kind === 'search') {
    const q = rng.pick([
      'recarga exitosa',
      'vencimiento saldo',
      'comprobante operacion',
      'pago rechazado',
    ]);
    return {
      url: `${base}/${rng.pick(['buscar', 'busqueda', 'search'])}?q=${encodeURIComponent(q).replace(/%20/g, '+')}`,
      family: `${carrier}-public-search`,
    };
  }
  return {
    url: `${base}/${rng.pick(['ayuda', 'ayuda/recargas', 'ayuda/preguntas-frecuentes', 'centro-de-ayuda/saldo-y-vencimiento'])}`,
    family: `${carrier}-public-help`,
  };
}

export function urlFor(rng: Rng, carrier: CarrierId, pageType: PageType): PageUrl {
  const pickFrom = (table: Record<CarrierId, Array<(rng: Rng) => PageUrl>>) =>
    rng.pick(table[carrier])(rng);
  switch (pageType) {
    case 'account':
      return pickFrom(ACCOUNT);
    case 'receipt':
    case 'receipt-with-balance':
    case 'none-failed-payment':
      return pickFrom(RECHARGE_RESULT);
    case 'recharge-chooser':
    case 'recharge-chooser-with-state':
      return pickFrom(RECHARGE_START);
    case 'none-login':
      return pickFrom(LOGIN);
    case 'none-marketing':
      return publicUrl(rng, carrier, 'marketing');
    case 'none-search-echo':
      return publicUrl(rng, carrier, 'search');
    case 'none-help-faq':
      return publicUrl(rng, carrier, 'help');
    case 'none-error':
      // An error page may sit on any host: the portal or the public site.
      return rng.chance(0.6)
        ? { ...pickFrom(ACCOUNT), family: `${carrier}-error-on-portal` }
        : {
            url: `${PUBLIC_HOST[carrier]}/${rng.pick(['error', '404', 'mantenimiento'])}`,
            family: `${carrier}-error-public`,
          };
  }
}
