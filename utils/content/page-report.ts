/**
 * "Copy a page report": the structure and labels of a carrier page the engine could not
 * read for sure, with every digit and every name masked, so a user can send it to help
 * support that layout without revealing their number, balance, dates or name.
 */
import { CARRIERS, carrierForUrl } from '../carriers';
import { collectLines, ensureVisible } from '../reading/visible-text';
import { foldText } from '../reading/text';

/** Capitalised words kept as they are: labels and brands, not people. */
const KEPT_CAPITALISED = new Set(
  (
    'saldo saldos credito creditos vence vencimiento vencio vigencia valido hasta linea lineas ' +
    'numero tu tus mi mis el la los las de del en por para con sin y o a al hola bienvenido ' +
    'bienvenida inicio recarga recargas recargar pack packs datos minutos sms plan prepago ' +
    'consumo consumos disponible principal promocional bonificado total puntos club ' +
    'ayuda salir cerrar ver detalle comprar pagar pago tarjeta ' +
    'fecha hora monto importe operacion comprobante transaccion estado activa activo ' +
    'ultima ultimo dias dia hoy manana meses mes ars enero febrero marzo abril mayo junio ' +
    'julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miercoles ' +
    'jueves viernes sabado domingo gb mb'
  )
    .split(' ')
    // The carriers' own names are labels too (utils/carriers: brandWords).
    .concat(CARRIERS.flatMap((carrier) => carrier.brandWords.flatMap((words) => words.split(' ')))),
);

/** Masks digits, e-mail addresses and capitalised words that are not known labels. */
export function maskPersonalText(text: string): string {
  return text
    .replace(/\S+@\S+/g, '[email]')
    .replace(/\d/g, '#')
    .replace(/\p{Lu}[\p{L}'’-]*/gu, (word) => (KEPT_CAPITALISED.has(foldText(word)) ? word : 'X…'));
}

/** Where a line sits: its block's tag and first classes, and its parent's. */
function describeBlock(element: Element): string {
  const describe = (el: Element) => {
    const classes = [...el.classList].slice(0, 2).map((c) => `.${c.replace(/\d/g, '#')}`);
    return el.tagName.toLowerCase() + classes.join('');
  };
  const parent = element.parentElement;
  return parent ? `${describe(parent)} > ${describe(element)}` : describe(element);
}

const MAX_REPORT_LINES = 400;

export function buildPageReport(doc: Document, url: string): string {
  const parsed = new URL(url);
  const page = collectLines(doc);
  const out = [
    'LineKeeper page report (digits and names masked)',
    `carrier: ${carrierForUrl(parsed)?.id ?? 'none'}`,
    `page: ${parsed.hostname}${parsed.pathname.replace(/\d/g, '#')}`,
    '---',
  ];
  for (const line of page.lines) {
    if (out.length >= MAX_REPORT_LINES) {
      out.push('… (cut)');
      break;
    }
    const visible = ensureVisible(line, page);
    if (!visible.visible || !visible.text.trim()) continue;
    out.push(`${describeBlock(visible.block)} | ${maskPersonalText(visible.text.trim())}`);
  }
  return out.join('\n');
}
