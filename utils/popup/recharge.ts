/**
 * "Recharge": the carriers' recharge pages ask for the line's 10 national digits (area code
 * and number, without the trunk 0 and the mobile 15). The popup copies exactly that and
 * says so, with the amount of the last recharge when it is known. Pure: no clipboard, no
 * database here.
 */
import { formatMoney, formatNationalNumber, nationalDigits } from '../domain/format';
import type { Translate, UiLocale } from '../domain/i18n';
import type { Renewal } from '../domain/records';

export interface RechargeNumber {
  /** What is copied: `1123456789`. */
  digits: string;
  /** What the snackbar shows: `11 2345-6789`, masked when numbers are hidden. */
  shown: string;
}

/** The number to copy for a recharge page, or null for a line without a usable number. */
export function rechargeNumber(msisdn: string | null, hideNumbers: boolean): RechargeNumber | null {
  if (msisdn === null) return null;
  const digits = nationalDigits(msisdn);
  const shown = formatNationalNumber(msisdn, hideNumbers);
  return digits && shown ? { digits, shown } : null;
}

/** The latest recharge with a known amount (by its date, then when it was recorded). */
export function lastRechargeAmount(
  renewals: readonly Pick<Renewal, 'date' | 'createdAt' | 'amount'>[],
): number | null {
  let best: Pick<Renewal, 'date' | 'createdAt' | 'amount'> | null = null;
  for (const renewal of renewals) {
    if (renewal.amount === null) continue;
    if (
      best === null ||
      renewal.date > best.date ||
      (renewal.date === best.date && renewal.createdAt > best.createdAt)
    ) {
      best = renewal;
    }
  }
  return best?.amount ?? null;
}

export interface RechargeOutcome {
  number: RechargeNumber | null;
  /** The clipboard took the digits. */
  copied: boolean;
  lastAmount: number | null;
  carrierName: string;
}

/**
 * The snackbar after Recharge: "Number copied: 11 2345-6789 · Last time: ARS 2,000 · The
 * Claro recharge page is open in a new tab." (the number to type, when the clipboard refused).
 */
export function rechargeMessage(outcome: RechargeOutcome, locale: UiLocale, t: Translate): string {
  const parts: string[] = [];
  if (outcome.number) {
    parts.push(t(outcome.copied ? 'rechargeCopied' : 'rechargeNotCopied', [outcome.number.shown]));
  }
  if (outcome.lastAmount !== null) {
    parts.push(t('rechargeLastTime', [formatMoney(outcome.lastAmount, locale)]));
  }
  parts.push(t('rechargeOpened', [outcome.carrierName]));
  return parts.join(' · ');
}
