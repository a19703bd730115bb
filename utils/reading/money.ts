/**
 * Argentine money: `.` groups thousands, `,` marks decimals (`$ 1.234,56`), though pages
 * also print `ARS 1234.56`. Anything that could be read two ways is refused (null).
 */
import type { Money } from '../domain/records';

const MAX_AMOUNT = 100_000_000;

/**
 * A bare number as a peso amount: `1.234,56`, `1234.56`, `15.230` (= 15230), `1.050`.
 * Null when the grouping is malformed or the reading is ambiguous (`1,234`).
 */
export function parseAmount(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(text) || text.length > 20) return null;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integerPart: string;
  let decimalPart = '';
  let groupSeparator: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal mark, the other groups thousands.
    const decimalMark = lastDot > lastComma ? '.' : ',';
    // `1,234.56` is how the US writes it; on an Argentine page it cannot be read for sure.
    if (decimalMark === '.') return null;
    groupSeparator = '.';
    const cut = Math.max(lastDot, lastComma);
    integerPart = text.slice(0, cut);
    decimalPart = text.slice(cut + 1);
    if (integerPart.includes(decimalMark)) return null;
  } else if (lastComma >= 0) {
    const commas = text.split(',').length - 1;
    if (commas > 1) return null; // `1,234,567`: not Argentine, refuse
    integerPart = text.slice(0, lastComma);
    decimalPart = text.slice(lastComma + 1);
    if (decimalPart.length === 3) return null; // `1,234`: thousands or decimals? refuse
  } else if (lastDot >= 0) {
    const dots = text.split('.').length - 1;
    const tail = text.slice(lastDot + 1);
    if (dots > 1 || tail.length === 3) {
      groupSeparator = '.';
      integerPart = text;
    } else {
      integerPart = text.slice(0, lastDot);
      decimalPart = tail;
    }
  } else {
    integerPart = text;
  }
  if (decimalPart !== '' && !/^\d{1,2}$/.test(decimalPart)) return null;
  if (decimalPart === '' && (lastComma === text.length - 1 || lastDot === text.length - 1)) {
    return null;
  }
  let digits: string;
  if (groupSeparator) {
    const groups = integerPart.split(groupSeparator);
    const [first, ...rest] = groups;
    if (!first || !/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return null;
    if (first.length > 1 && first.startsWith('0')) return null;
    digits = groups.join('');
  } else {
    if (!/^\d+$/.test(integerPart)) return null;
    if (integerPart.length > 1 && integerPart.startsWith('0')) return null;
    digits = integerPart;
  }
  const value = Number(decimalPart ? `${digits}.${decimalPart}` : digits);
  if (!Number.isFinite(value) || value > MAX_AMOUNT) return null;
  return Math.round(value * 100) / 100;
}

/** One money mention found in running text. */
export interface MoneyMatch {
  start: number;
  end: number;
  /** null when the mention looks like money but cannot be read safely. */
  amount: number | null;
  negative: boolean;
}

// `$`, `ARS`, `AR$` before the number, or `pesos` after it. A split decimal part
// (`$ 1.234 ,56`) is allowed; `US$` / `U$S` are not pesos. A letter may touch the `$`
// (`Monto$ 1.500` when label and value sit in adjacent inline elements).
const MONEY_PATTERN =
  /(?:(?<!US|Us|us|U|u)(?:AR\$|\$|(?<![A-Za-z])(?:ARS|Ars|ars)|(?<=[a-zà-ÿ])ARS)\s?(-|−)?\s?(\d[\d.,]*\d|\d)(\s,\d{2}(?!\d))?(?![\d])|(?<![\d.,])(\d[\d.,]*\d|\d)\s?(?:[Pp]esos|PESOS|ARS)\b)/g;

/** Every `$ …` / `ARS …` / `… pesos` amount in a line of text, in order. */
export function findMoney(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  MONEY_PATTERN.lastIndex = 0;
  for (let m = MONEY_PATTERN.exec(text); m; m = MONEY_PATTERN.exec(text)) {
    const numberText = (m[2] ?? m[4] ?? '') + (m[3] ? m[3].trim() : '');
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      amount: parseAmount(numberText),
      negative: Boolean(m[1]) || text[m.index - 1] === '-' || text[m.index - 1] === '−',
    });
  }
  return found;
}

/** A whole string as pesos: `$ 1.234,56`, `ARS 15.230`, `1.050 pesos`. Null unless it is exactly one amount. */
export function parseMoney(text: string): Money | null {
  const trimmed = text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!trimmed) return null;
  let amount: number | null;
  if (/^[\d.,]+$/.test(trimmed)) {
    amount = parseAmount(trimmed);
  } else {
    const matches = findMoney(trimmed);
    const only = matches[0];
    if (matches.length !== 1 || !only || only.negative) return null;
    if (trimmed.slice(0, only.start).trim() || trimmed.slice(only.end).trim()) return null;
    amount = only.amount;
  }
  if (amount === null) return null;
  return { amount, currency: 'ARS' };
}
