/**
 * What to tell a person whose line has expired or is about to (docs/domain.md, "How a line
 * stays alive"): what the line can still do, what they risk, what to do now, and whom to
 * call. Shared by the popup's detail and the notifications: plain data and message keys
 * chosen from the line's state, turned into text with `t` (pure, no DOM).
 *
 * Rules it keeps:
 * - the period after which a carrier disables a line is not published: the text says it is
 *   unknown and never gives a figure;
 * - an estimated date (last recharge + 180 days, the minimum credit validity under Res.
 *   733-E/2017) is never called a date the number is safe until;
 * - the carriers' help numbers come from third parties: always "check the carrier's site".
 */
import { carrierById } from '../carriers';
import type { CarrierId } from '../carriers';
import { HELP_CONTACTS, type HelpContact } from '../carriers/help-contacts';
import { joinList, joinSentences } from './format';
import type { MessageKey, Translate, UiLocale } from './i18n';

/** Lines with at most this many days left get the "expiring" guidance (besides the lead window). */
export const GUIDANCE_EXPIRING_DAYS = 7;

export type GuidanceStage = 'expired' | 'expiring';

export interface GuidanceInput {
  /** Days left on Argentina's calendar (negative: expired); null when no date is known. */
  daysLeft: number | null;
  /** The date is last recharge + 180 days, not one the carrier showed. */
  estimated: boolean;
  carrier: CarrierId;
  /** The user's largest reminder lead (settings.leadDays). */
  leadWindow: number;
}

export interface Guidance {
  stage: GuidanceStage;
  title: MessageKey;
  /** What the line can still do; empty while it is still valid. */
  canStill: MessageKey[];
  risk: MessageKey;
  /** What to do now; `guideDoExpiring` takes the expiry date. */
  todo: MessageKey;
  /** Said when the date is an estimate. */
  estimate: MessageKey | null;
  contacts: readonly HelpContact[];
}

/** The guidance a line's state calls for, or null when nothing presses (or no date is known). */
export function lineGuidance(input: GuidanceInput): Guidance | null {
  const { daysLeft } = input;
  if (daysLeft === null) return null;
  const expired = daysLeft < 0;
  if (!expired && daysLeft > Math.max(GUIDANCE_EXPIRING_DAYS, input.leadWindow)) return null;
  return {
    stage: expired ? 'expired' : 'expiring',
    title: expired ? 'guideTitleExpired' : 'guideTitleExpiring',
    canStill: expired ? ['guideCanStill'] : [],
    risk: expired ? 'guideRisk' : 'guideRiskExpiring',
    todo: expired ? 'guideDoExpired' : 'guideDoExpiring',
    estimate: input.estimated ? 'guideEstimated' : null,
    contacts: HELP_CONTACTS[input.carrier],
  };
}

/** One help contact as words: "*611 from a Claro line", "0800-123-25276 from any phone". */
export function contactText(contact: HelpContact, carrier: CarrierId, t: Translate): string {
  return contact.from === 'any-phone'
    ? t('helpFromAnyPhone', [contact.dial])
    : t('helpFromCarrierLine', [contact.dial, carrierById(carrier).name]);
}

export interface GuidanceText {
  title: string;
  canStill: string[];
  risk: string;
  todo: string;
  estimate: string | null;
  contacts: string[];
  /** "Published by third parties: check the carrier's site." */
  contactsSource: string;
}

/** The guidance in the user's language; `date` is the expiry as the caller writes dates. */
export function guidanceText(
  guidance: Guidance,
  carrier: CarrierId,
  date: string,
  t: Translate,
): GuidanceText {
  return {
    title: t(guidance.title),
    canStill: guidance.canStill.map((key) => t(key)),
    risk: t(guidance.risk),
    todo: guidance.todo === 'guideDoExpiring' ? t(guidance.todo, [date]) : t(guidance.todo),
    estimate: guidance.estimate ? t(guidance.estimate) : null,
    contacts: guidance.contacts.map((contact) => contactText(contact, carrier, t)),
    contactsSource: t('helpCheckSite'),
  };
}

/**
 * The short form for a notification about an expired line: what it can still do and what
 * to do, then whom to call; null for a line that has not expired (its reminder says enough).
 */
export function notificationGuidance(
  daysLeft: number,
  carrier: CarrierId,
  locale: UiLocale,
  t: Translate,
): string | null {
  if (daysLeft >= 0) return null;
  const contacts = HELP_CONTACTS[carrier].map((c) => contactText(c, carrier, t));
  const help = contacts.length > 0 ? t('notifHelp', [joinList(contacts, locale)]) : '';
  return joinSentences([t('notifGuideExpired'), help], locale);
}
