/**
 * What the path of a carrier page says it is, by the patterns the carriers' recharge
 * flows share (the exact paths change with every redesign): a recharge flow's result step
 * (comprobante, confirmación, resultado, success…, or a transaction token in the query) is
 * where receipts are read; its other steps may show the line's state (an amount chooser
 * with the balance), never a receipt.
 */
import type { UrlPageKind } from './types';

/** A path that belongs to a recharge flow. */
export const RECHARGE_PATH = /recarg/i;

const RESULT_STEP =
  /(?:^|[/_.-])(?:comprobantes?|confirmaci[oó]n|confirmacion|confirmada|resultado|result|success|exito|exitosa|aprobad[ao]|finalizad[ao]|gracias|recibo|voucher|status|estado)(?:$|[/_.-])/i;
const RESULT_QUERY =
  /(?:^|&)(?:token|tx|txn|tid|op|operacion|operation|transaction|transaccion|payment_id|collection_id|order_?id|status)=/i;

/** The step of a recharge flow a URL is at: its result (a receipt may be read) or before. */
export function rechargeStep(url: URL): Extract<UrlPageKind, 'recharge' | 'receipt'> {
  return RESULT_STEP.test(url.pathname) || RESULT_QUERY.test(url.search.slice(1))
    ? 'receipt'
    : 'recharge';
}

/**
 * Pages that inform rather than show a line: help, news, promotions, search, legal. They
 * may speak of recharges ("/ayuda/recargas", "/novedades/recarga-y-duplica") and print
 * example amounts and dates, never the user's own.
 */
export const INFORMATION_PATH =
  /(?:^|\/)(?:ayuda|help|faq|preguntas[\w-]*|error(?:es)?|mantenimiento|maintenance|404|500|503|novedades|noticias|news|blog|promociones?|promos?|ofertas?|beneficios|buscar|busqueda|search|legales?|terminos[\w-]*|condiciones|planes|tienda|catalogo|contacto|institucional|prensa)(?:\/|$|[-_.])/i;

/** Sign-in pages: they carry example numbers and prices, never a line. */
export const LOGIN_PATH = /login|ingreso|signin|iniciar-sesion/i;
