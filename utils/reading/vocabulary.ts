/**
 * The words that decide what a value is, as Argentine carrier pages write them. All
 * patterns run on folded text (lower case, no accents, ñ → n). See docs/reading-rules.md.
 */

/** A label that names the line's main balance. */
export const BALANCE_WORDS = /saldo|credito|\bbalance\b/;

/** Money that is not the main balance: promos, totals, wallets, points, prices, top-ups. */
export const NOT_BALANCE_WORDS =
  /promo|bonif|bono\b|bonos\b|regal|obsequio|otras lineas|otra linea|adelant|prestamo|prestado|total|\bpay\b|billetera|wallet|cuenta digital|mercado pago|puntos|\bpts\b|club|pack|paquete|\bplan\b|abono|precio|cuesta|costo|valor|recarg|pagar|pagaste|\bpago|factura|\bdeuda|consum|gastaste|minimo|desde|cargo|impuesto|\biva\b|descuento|ahorr|cashback|reintegro|limite|anterior|transfer|cuota|internet|\bdatos\b|roaming|comision|oferta|beneficio|premio|cupon|tarifa|\bpor dia|diario|semanal|mensual|\/mes|vencido|a favor de|reserva|congelad|minutos|\bsms\b|\bgb\b|\bmb\b|pendiente|acumulad|tarjeta|posterior|resultante|despues|luego de|tope|devolv|ajuste|movimiento|debito automatico/;

/** Words that make a date the expiry of something. */
export const EXPIRY_WORDS =
  /venc|\bvto\b|valid[oa]s? hasta|validez|vigen|expira|caduc|activ[oa] hasta|disponible hasta|habilitad[oa] hasta|usar(?:lo)? hasta|usar tu (?:saldo|credito) hasta/;

/** Dates that are not the line's expiry: packs, promos, recharges, sign-up, cards, timestamps. */
export const NOT_EXPIRY_WORDS =
  /pack|paquete|bundle|combo|promo|otras lineas|otra linea|oferta|beneficio|bonif|bono\b|bonos\b|regalo|internet|\bdatos\b|\bgb\b|\bmb\b|minutos|\bsms\b|whatsapp|roaming|recarg|\balta\b|activacion|acceso|ingreso|actualiz|consulta|tarjeta|factura|emision|nacimiento|operacion|transaccion|fecha y hora|club|puntos|\bplan\b|abono|cuota|\bpago|suscrip|seguro|equipo|contrato|\bdni\b|adelant|prestamo|desde|sorteo|cupon|descuento|reserva|envio|pedido|turno|generad|impres|referencia|error|sesion|conexion/;

/** A date qualifier that points at the line's credit (makes an expiry candidate strong). */
export const LINE_CREDIT_WORDS = /saldo|credito|\blinea\b|tu numero|tu chip/;

/** The line's number. */
export const MSISDN_WORDS =
  /linea|numero|celular|telefono|\bmovil\b|\bnro\b|\bcel\b|\btel\b|hola|gestionando|estas viendo/;

/** Phone numbers that are not the page's line. */
export const NOT_MSISDN_WORDS =
  /operacion|transaccion|comprobante|factura|\bdni\b|documento|cuil|cuit|cliente|cuenta|tarjeta|autoriz|atencion|soporte|ayuda|whats ?app|llam|contact|\bej\b|ejemplo|emergencia|asistencia|consulta|\bfijo\b|reclamo|denuncia|0800|\botras?\b|agregar|sumar|referencia|codigo|\bpin\b|\bpuk\b|imei|\bsim\b|serie|orden|pedido|ticket|tramite|gestion\b|escribinos|comunicate|\bfax\b|oficina|sucursal|vendedor|portabilidad|tu amigo|regal|transferi|\bdestino\b|compartir|\bcomparti/;

/** A recharge went through (past tense: `cuando se acredite` is a promise, not a receipt). */
export const SUCCESS_WORDS =
  /exitos[ao]|aprobad[ao]|se acredito|se acreditaron|fue acreditad|acreditamos|recarga acreditada|acreditada con exito|recargaste|\blisto\b|realizaste|con exito|se realizo correctamente|recarga realizada|fue procesad[ao]|pago recibido|gracias por tu recarga|confirmamos tu|recarga confirmada|pago confirmado|comprobante de (?:tu |la )?recarga/;

/** Negated success (`no fue aprobada`) counts as a failure. */
export const NEGATED_SUCCESS =
  /\bno (?:fue |pudo ser |ha sido |se )?(?:aprobad|acredit|realiz|procesad|confirmad)/;

/** A payment or recharge failed. */
export const FAILURE_WORDS =
  /rechazad|no pudimos|no fue posible|no se pudo|no pudo|intenta(?:lo)? (?:nuevamente|de nuevo|mas tarde|otra vez)|volve a intentar|volver a intentar|fallid|\bfallo\b|denegad|no autorizad|no aprobad|no se realizo|no se acredito|fondos insuficientes|sin fondos|operacion cancelada|pago cancelado|hubo un (?:error|problema)|ocurrio un error|error (?:en|al procesar|de pago|en el pago)/;

/** Words that tie a success / failure message to a payment (and not to, say, loading a widget). */
export const PAYMENT_WORDS =
  /pago|recarga|transaccion|operacion|tarjeta|compra|cobro|acredit|debito|credito/;

/** The page is an error or maintenance page: it states nothing about the line. */
export const ERROR_PAGE_WORDS =
  /\berror (?:4\d\d|5\d\d)\b|^\W*(?:404|500|503)(?:\s*$|\s*[-–—|:·]\s)|pagina no (?:encontrada|existe|disponible)|no encontramos (?:la pagina|lo que)|(?:servicio|sitio|portal|mi \w+) no (?:esta )?disponible|mantenimiento|estamos (?:trabajando|actualizando)|algo salio mal|ups,? algo|no pudimos cargar|intenta(?:lo)? mas tarde|sesion (?:expirada|vencida|finalizada|caducada)/;

/**
 * The label of a receipt's operation id: the number labelled operación, transacción or
 * código / ID of either (never comprobante, factura or autorización).
 */
export const OPERATION_ID_LABEL =
  /(?:(?:numero|nro\.?|n[o]\.?|num\.?|id|codigo|cod\.?|identificador)\s*(?:de\s*(?:la\s*)?)?(?:operacion|transaccion)|(?:operacion|transaccion)(?:\s*(?:n[o]\.?|nro\.?|numero|#|id))?)/g;

/** The receipt's own number: the operation id when no operación / transacción number is shown. */
export const RECEIPT_NUMBER_LABEL =
  /(?:(?:numero|nro\.?|n[o]\.?)\s*(?:de\s*)?comprobante|comprobante\s*(?:n[o]\.?|nro\.?|numero|#))/g;

/** Labels that look like an operation id's but name something else. */
export const NOT_OPERATION_ID_WORDS =
  /factura|autoriz|tarjeta|\bcuit\b|\bcuil\b|\bdni\b|cliente|cuenta|terminada|lote|cupon|comprobante|error|referencia|anterior|ultima|historial/;

/** The amount of a recharge on its receipt, strongest first. */
export const RECHARGE_AMOUNT_WORDS = /recarg|monto|importe|cargaste|acredit|valor/;
export const PAID_TOTAL_WORDS = /total|pagaste|abonaste|pago|cobro|debit/;
export const NOT_RECHARGE_AMOUNT_WORDS =
  /saldo|bonif|regalo|promo|comision|cargo|impuesto|\biva\b|descuento|puntos|anterior|minimo|desde|maximo|hasta|tope|reintegro|cashback|o mas|llevate|duplic|triplic|\bmas de\b|\bpay\b|billetera|wallet|mercado pago|disponible/;

/** The balance a receipt states after the recharge. */
export const RESULTING_BALANCE_WORDS =
  /(?:nuevo|tu|actual|disponible|resultante) saldo|saldo (?:actual|disponible|resultante|nuevo|final|despues|luego|posterior|de tu linea)|ahora tenes|tu saldo es|^saldo$/;
export const NOT_RESULTING_BALANCE_WORDS =
  /anterior|antes de|previo|promo|bonif|total|regalo|\bpay\b|billetera|wallet|cuenta digital|mercado pago|puntos/;

/** The operation's date on a receipt. */
export const RECEIPT_DATE_WORDS = /fecha|realizad[ao] el|\bel dia\b|dia y hora|hora/;
export const NOT_RECEIPT_DATE_WORDS = /venc|valid|vigen|nacimiento|expira|hasta|caduc|proxim/;

/** Headings of a history or activity feed: what sits under them is the past. */
export const HISTORY_WORDS =
  /movimientos|historial|actividad|ultim[ao]s (?:consumos|recargas|movimientos)|tus recargas|recargas anteriores|detalle de consumos/;
