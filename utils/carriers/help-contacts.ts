/**
 * The numbers to call for help with a prepaid line, by carrier: shown in the popup's
 * guidance for a lapsing line and in the notification about an expired one.
 *
 * Kept beside the adapters, not in them: the content script bundles every adapter, and each
 * carrier page would pay for numbers only the popup and the background show.
 */
import type { CarrierId } from './index';

/**
 * A number to call for help with a prepaid line, and from where it can be dialled: only
 * from a line of this carrier (`*611`), or from any phone (an 0800 number). Published by
 * third parties, not in the carrier's own terms: always shown with "check the carrier's site".
 */
export interface HelpContact {
  dial: string;
  from: 'carrier-line' | 'any-phone';
}

/** Every carrier's help numbers (a new carrier in the registry must add its own here). */
export const HELP_CONTACTS: Record<CarrierId, readonly HelpContact[]> = {
  claro: [
    { dial: '*611', from: 'carrier-line' },
    { dial: '0800-123-25276', from: 'any-phone' },
  ],
  movistar: [{ dial: '*611', from: 'carrier-line' }],
  personal: [{ dial: '*111', from: 'carrier-line' }],
};
