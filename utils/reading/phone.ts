/**
 * Argentine mobile numbers to E.164 mobile form `+549` + 10 digits (area code without the
 * trunk 0, subscriber without the mobile 15). Geographic area codes start with 11, 2 or 3,
 * which also rules out 0800 / 0810 / 600 service numbers.
 */

const MASK_CHARS = /[*•●xX#…]/;

/** Digit groups as printed, e.g. `(0351) 15-612-3456` → ['0351', '15', '612', '3456']. */
function digitGroups(text: string): string[] {
  return text.match(/\d+/g) ?? [];
}

function isNationalMobile(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  if (digits.startsWith('1')) return digits.startsWith('11');
  return digits.startsWith('2') || digits.startsWith('3');
}

/**
 * Groups after the country code / trunk prefix → 10 national digits, dropping a mobile
 * `15` that follows the area code. Null when the digits do not add up to one number.
 */
function nationalDigits(groups: string[]): string | null {
  const joined = groups.join('');
  if (isNationalMobile(joined)) return joined;
  // `AREA 15 SUBSCRIBER`: the 15 is its own group right after the area code.
  if (groups.length >= 3 && groups[1] === '15') {
    const withoutFifteen = [groups[0], ...groups.slice(2)].join('');
    if (isNationalMobile(withoutFifteen)) return withoutFifteen;
  }
  return null;
}

/**
 * A whole string as one Argentine mobile number: `11 3456-7812`, `(011) 15-2345-6789`,
 * `+54 9 11 2345-6789`, `(0351) 15-612-3456`. Null for masked, partial or foreign numbers.
 */
export function parseMsisdn(text: string): string | null {
  const trimmed = text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
  if (!trimmed || trimmed.length > 32) return null;
  if (MASK_CHARS.test(trimmed)) return null;
  if (!/^\+?[\d\s().\-–/]+$/.test(trimmed)) return null;
  let groups = digitGroups(trimmed);
  if (groups.length === 0) return null;
  const international = trimmed.startsWith('+');
  const first = groups[0] ?? '';
  if (international || (groups.length === 1 && /^549\d{10}$/.test(first))) {
    if (!first.startsWith('54')) return null;
    groups = [first.slice(2), ...groups.slice(1)].filter((g) => g !== '');
    const afterCountry = groups.join('');
    // The mobile 9 is its own group or glued to the area code.
    if (afterCountry.startsWith('9') && afterCountry.length >= 11) {
      const head = groups[0] ?? '';
      groups = head === '9' ? groups.slice(1) : [head.slice(1), ...groups.slice(1)];
    }
    const national = nationalDigits(groups);
    return national ? `+549${national}` : null;
  }
  if (first.startsWith('0')) {
    // Trunk prefix 0 belongs to the area code group: (011), 0351.
    if (first.startsWith('00')) return null;
    groups = [first.slice(1), ...groups.slice(1)].filter((g) => g !== '');
  }
  const national = nationalDigits(groups);
  return national ? `+549${national}` : null;
}

/** One phone-number-shaped mention found in running text. */
export interface PhoneMatch {
  start: number;
  end: number;
  /** E.164 mobile number, or null when the mention is masked or not a mobile number. */
  msisdn: string | null;
  masked: boolean;
  /** Printed with separators, parentheses or a country code (not a bare digit run). */
  formatted: boolean;
}

// Digit groups joined by single separators; each step must consume a separator, so the
// pattern is linear. Masked groups (`****`) are included so they can be refused whole.
const PHONE_RUN =
  /(?<![\d.,/$_])(\+ ?)?(\(?[\d*•●xX]+\)?(?:[ .\-–]\(?[\d*•●xX]+\)?){0,6})(?![\w/]|[.,]\d)/g;

/** Phone-number-shaped runs in a line of text (at least 8 digits or mask characters). */
export function findPhones(text: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  PHONE_RUN.lastIndex = 0;
  for (let m = PHONE_RUN.exec(text); m; m = PHONE_RUN.exec(text)) {
    const raw = m[0];
    const digitCount = (raw.match(/\d/g) ?? []).length;
    const masked = MASK_CHARS.test(raw.replace(/^\+/, ''));
    if (!/\d/.test(raw)) continue;
    if (digitCount + (masked ? (raw.match(/[*•●xX]/g) ?? []).length : 0) < 8) continue;
    if (masked && digitCount < 2) continue;
    let msisdn: string | null = null;
    let end = m.index + raw.length;
    if (!masked) {
      msisdn = parseMsisdn(raw);
      if (msisdn === null) {
        // A number followed by unrelated digits (`11 2345-6789 10`): try shorter prefixes.
        const pieces = raw.split(/(?<=[\d)])(?=[ .\-–])/);
        for (let keep = pieces.length - 1; keep >= 2 && msisdn === null; keep -= 1) {
          const prefix = pieces.slice(0, keep).join('');
          msisdn = parseMsisdn(prefix);
          if (msisdn !== null) end = m.index + prefix.length;
        }
      }
    }
    found.push({
      start: m.index,
      end,
      msisdn,
      masked,
      formatted: /[\s().\-–+]/.test(raw.slice(0, end - m.index)),
    });
  }
  return found;
}
