/**
 * Words the corpus pages use, written from docs/reading-rules.md and docs/domain.md
 * and general knowledge of Argentine Spanish self-service portals. Deliberately not taken
 * from the engine's own vocabulary: the corpus measures generalisation from the rules.
 * Each entry has a stable key (recorded in the page's axes) and its text.
 */

export interface Wording {
  key: string;
  text: string;
}

/** Labels for the line's main balance, usable before, above or after the value. */
export const BALANCE_LABELS: Wording[] = [
  { key: 'saldo', text: 'Saldo' },
  { key: 'saldo-disponible', text: 'Saldo disponible' },
  { key: 'saldo-principal', text: 'Saldo principal' },
  { key: 'credito', text: 'Crédito' },
  { key: 'credito-disponible', text: 'Crédito disponible' },
  { key: 'tu-saldo', text: 'Tu saldo' },
  { key: 'saldo-actual', text: 'Saldo actual' },
  { key: 'saldo-de-tu-linea', text: 'Saldo de tu línea' },
  { key: 'tu-credito', text: 'Tu crédito' },
  { key: 'saldo-en-pesos', text: 'Saldo en pesos' },
];

/** Whole sentences with the amount inside ({v}). */
export const BALANCE_SENTENCES: Wording[] = [
  { key: 'tenes-v-de-saldo', text: 'Tenés {v} de saldo disponible' },
  { key: 'tu-saldo-es-de', text: 'Tu saldo es de {v}' },
  { key: 'te-quedan-v-de-credito', text: 'Te quedan {v} de crédito' },
  { key: 'saldo-de-tu-linea-es', text: 'El saldo de tu línea es {v}' },
];

/** Labels for the expiry of the line's credit. */
export const EXPIRY_LABELS: Wording[] = [
  { key: 'vencimiento', text: 'Vencimiento' },
  { key: 'vence-el', text: 'Vence el' },
  { key: 'vence', text: 'Vence' },
  { key: 'fecha-de-vencimiento', text: 'Fecha de vencimiento' },
  { key: 'vencimiento-del-saldo', text: 'Vencimiento del saldo' },
  { key: 'vencimiento-del-credito', text: 'Vencimiento del crédito' },
  { key: 'valido-hasta', text: 'Válido hasta' },
  { key: 'vigencia-hasta', text: 'Vigencia hasta' },
  { key: 'vigencia-del-saldo', text: 'Vigencia del saldo' },
  { key: 'disponible-hasta', text: 'Disponible hasta' },
  { key: 'saldo-valido-hasta-el', text: 'Saldo válido hasta el' },
  { key: 'credito-vigente-hasta', text: 'Crédito vigente hasta' },
];

/** Labels that also read well with a relative value ("Vencimiento: mañana"). */
export const EXPIRY_LABELS_FOR_RELATIVE: Wording[] = [
  { key: 'vencimiento', text: 'Vencimiento' },
  { key: 'vence', text: 'Vence' },
  { key: 'vencimiento-del-saldo', text: 'Vencimiento del saldo' },
];

/** Sentences with an absolute date inside ({d}). */
export const EXPIRY_SENTENCES: Wording[] = [
  { key: 'linea-activa-hasta', text: 'Tu línea está activa hasta el {d}' },
  { key: 'tu-saldo-vence-el', text: 'Tu saldo vence el {d}' },
  { key: 'podes-usar-tu-saldo-hasta', text: 'Podés usar tu saldo hasta el {d}' },
  { key: 'tu-credito-vence-el', text: 'Tu crédito vence el {d}' },
  { key: 'saldo-disponible-hasta-el', text: 'Tu saldo está disponible hasta el {d}' },
];

/** Sentences for a date already past. */
export const EXPIRY_PAST_SENTENCES: Wording[] = [
  { key: 'vencio-el', text: 'Venció el {d}' },
  { key: 'tu-saldo-vencio-el', text: 'Tu saldo venció el {d}' },
  { key: 'saldo-vencido-desde', text: 'Saldo vencido desde el {d}' },
];

/** Sentences with relative wording inside ({r} = hoy / mañana / en N días). */
export const EXPIRY_RELATIVE_SENTENCES: Wording[] = [
  { key: 'vence-rel', text: 'Vence {r}' },
  { key: 'tu-saldo-vence-rel', text: 'Tu saldo vence {r}' },
  { key: 'tu-credito-vence-rel', text: 'Tu crédito vence {r}' },
  { key: 'tu-linea-vence-rel', text: 'El saldo de tu línea vence {r}' },
];

/** Labels for the page's own line number. */
export const NUMBER_LABELS: Wording[] = [
  { key: 'linea', text: 'Línea' },
  { key: 'tu-linea', text: 'Tu línea' },
  { key: 'numero-de-linea', text: 'Número de línea' },
  { key: 'mi-numero', text: 'Mi número' },
  { key: 'numero', text: 'Número' },
  { key: 'linea-prepaga', text: 'Línea prepaga' },
  { key: 'tu-numero', text: 'Tu número' },
  { key: 'n-de-linea', text: 'N° de línea' },
];

export const NUMBER_SENTENCES: Wording[] = [
  { key: 'estas-viendo-la-linea', text: 'Estás viendo la línea {n}' },
  { key: 'gestionando-la-linea', text: 'Gestionando la línea {n}' },
  { key: 'datos-de-la-linea', text: 'Datos de la línea {n}' },
];

export const RECEIPT_HEADINGS: Wording[] = [
  { key: 'recarga-exitosa', text: '¡Recarga exitosa!' },
  { key: 'transaccion-aprobada', text: 'Transacción aprobada' },
  { key: 'recarga-acreditada', text: 'Recarga acreditada' },
  { key: 'tu-recarga-fue-acreditada', text: '¡Tu recarga fue acreditada!' },
  { key: 'listo-recargaste', text: '¡Listo! Recargaste tu línea' },
  { key: 'comprobante-de-recarga', text: 'Comprobante de recarga' },
  { key: 'pago-aprobado', text: 'Pago aprobado' },
  { key: 'recarga-realizada', text: 'La recarga se realizó con éxito' },
];

export const OPERATION_LABELS: Wording[] = [
  { key: 'numero-de-operacion', text: 'Número de operación' },
  { key: 'n-de-operacion', text: 'N° de operación' },
  { key: 'nro-de-operacion', text: 'Nro. de operación' },
  { key: 'id-de-transaccion', text: 'ID de transacción' },
  { key: 'n-de-transaccion', text: 'N° de transacción' },
  { key: 'codigo-de-operacion', text: 'Código de operación' },
  { key: 'operacion-n', text: 'Operación N°' },
  { key: 'numero-de-transaccion', text: 'Número de transacción' },
];

export const RECEIPT_AMOUNT_LABELS: Wording[] = [
  { key: 'monto', text: 'Monto' },
  { key: 'importe', text: 'Importe' },
  { key: 'monto-recargado', text: 'Monto recargado' },
  { key: 'importe-de-la-recarga', text: 'Importe de la recarga' },
  { key: 'recargaste', text: 'Recargaste' },
  { key: 'total', text: 'Total' },
];

export const RECEIPT_DATE_LABELS: Wording[] = [
  { key: 'fecha', text: 'Fecha' },
  { key: 'fecha-y-hora', text: 'Fecha y hora' },
  { key: 'fecha-de-operacion', text: 'Fecha de operación' },
  { key: 'fecha-de-la-transaccion', text: 'Fecha de la transacción' },
];

export const RECEIPT_LINE_LABELS: Wording[] = [
  { key: 'linea', text: 'Línea' },
  { key: 'numero-recargado', text: 'Número recargado' },
  { key: 'linea-recargada', text: 'Línea recargada' },
  { key: 'destino', text: 'Destino' },
];

/** "the page states the resulting current balance" on a receipt. */
export const RESULT_BALANCE_LABELS: Wording[] = [
  { key: 'tu-nuevo-saldo', text: 'Tu nuevo saldo' },
  { key: 'saldo-actual', text: 'Saldo actual' },
  { key: 'saldo-disponible', text: 'Saldo disponible' },
  { key: 'saldo-luego-de-la-recarga', text: 'Saldo luego de la recarga' },
];

export const FAILURE_HEADINGS: Wording[] = [
  { key: 'no-pudimos-procesar', text: 'No pudimos procesar tu pago' },
  { key: 'pago-rechazado', text: 'Pago rechazado' },
  { key: 'no-fue-posible', text: 'No fue posible procesar el pago de la recarga' },
  { key: 'transaccion-rechazada', text: 'La transacción fue rechazada' },
  { key: 'recarga-no-realizada', text: 'Tu recarga no pudo realizarse' },
];

export const FAILURE_BODIES = [
  'Intentá nuevamente en unos minutos o probá con otro medio de pago.',
  'Tu tarjeta no fue debitada. Intentá nuevamente.',
  'El emisor de la tarjeta rechazó la operación. Revisá los datos e intentá nuevamente.',
];

/** Help links and FAQ titles that name outcomes without stating one. */
export const ALARMING_LINKS = [
  '¿No se acreditó mi recarga?',
  'No se acreditó mi recarga',
  'Pago rechazado: qué hacer',
  'Mi recarga fue exitosa pero no veo el saldo',
  'No pudimos procesar tu pago: causas frecuentes',
  'Recarga exitosa: ¿cuánto tarda en acreditarse?',
  '¿Cuándo vence mi saldo?',
  'Descargar comprobante de recarga',
  'Transacción rechazada con tarjeta de débito',
  'Mi saldo venció, ¿pierdo mi número?',
];

export const FIRST_NAMES = [
  'Marcela',
  'Julián',
  'Lucía',
  'Tomás',
  'Florencia',
  'Matías',
  'Camila',
  'Nicolás',
  'Sofía',
  'Agustín',
  'Wei',
  'Li Na',
  'Xiaoming',
  'Valentina',
  'Ezequiel',
];

export const BRAND: Record<'claro' | 'movistar' | 'personal', string> = {
  claro: 'Mi Claro',
  movistar: 'Mi Movistar',
  personal: 'Mi Personal',
};

export const NAV_ITEMS = [
  'Inicio',
  'Mi línea',
  'Consumos',
  'Recargas',
  'Recargar saldo',
  'Packs',
  'Packs de internet',
  'Saldo y vencimiento',
  'Mis consumos',
  'Historial de recargas',
  'Facturas',
  'Beneficios',
  'Club',
  'Roaming',
  'Ayuda',
  'Centro de ayuda',
  'Mis datos',
  'Cambiar plan',
  'Portabilidad',
  'Tiendas',
  'Equipos',
  'Hogar',
  'Internet',
  'Empresas',
  'Promociones',
  'Seguridad',
  'Registrar mi línea',
  'Cerrar sesión',
  'Adelanto de saldo',
  'Transferir saldo',
  'Servicios adicionales',
  'Configuración',
  'Notificaciones',
  'Medios de pago',
  'Débito automático',
  'Contacto',
];

export const LEGAL_SNIPPETS = [
  'Precios finales expresados en pesos argentinos con IVA incluido.',
  'El saldo de cada recarga mantiene su vigencia por un plazo mínimo de 180 días desde la acreditación, conforme la Resolución 733-E/2017.',
  'Promoción válida en la República Argentina del 01/11/2026 al 31/12/2026 o hasta agotar stock.',
  'La acreditación de la recarga puede demorar hasta 24 horas hábiles.',
  'Los packs se descuentan del saldo principal y no son reembolsables.',
  'Consultá bases y condiciones en el sitio web. Servicio sujeto a disponibilidad técnica.',
  'Defensa de las y los consumidores. Para reclamos ingrese aquí.',
  'Los beneficios del Club no son canjeables por dinero.',
  'Los importes pueden demorar en reflejarse en el saldo hasta 15 minutos.',
];
