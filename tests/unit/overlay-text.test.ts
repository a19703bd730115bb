/**
 * The overlay's words, written by the background (utils/background/overlay-text.ts): every
 * mode in each of our three languages, over the real catalogs, as the schema the content
 * script receives them in.
 */
import { describe, expect, it } from 'vitest';
import { localizerFor } from '../../utils/background/localizer';
import { overlayText, type OverlayTextInputs } from '../../utils/background/overlay-text';
import { claro } from '../../utils/carriers/claro';
import type { OverlayView } from '../../utils/content/overlay-view';
import { STORAGE_FULL } from '../../utils/domain/error-text';
import { UI_LOCALES, type UiLocale } from '../../utils/domain/i18n';
import { OverlayTextSchema } from '../../utils/protocol/messages';
import { catalogFor, translatorFor } from '../support/i18n';
import { SAMPLE_READING, savedView } from '../support/overlay-samples';

const reading = SAMPLE_READING;
const saved = savedView;

/** Per language: what the popup writes for 15 Dec 2026 and 1,234.56 pesos. */
const WRITTEN: Record<
  UiLocale,
  { tag: string; date: string; money: string; change: string; comma: string }
> = {
  en: {
    tag: 'en',
    date: '15 Dec 2026',
    money: 'ARS\u00a01,234.56',
    change: '\u2212ARS\u00a0150',
    comma: ', ',
  },
  es: {
    tag: 'es-AR',
    date: '15 dic 2026',
    money: '$\u00a01.234,56',
    change: '\u2212$\u00a0150',
    comma: ', ',
  },
  zh_CN: {
    tag: 'zh-CN',
    date: '2026年12月15日',
    money: 'ARS\u00a01,234.56',
    change: '\u2212ARS\u00a0150',
    comma: '，',
  },
};

describe.each(UI_LOCALES)('the overlay text in %s', (locale) => {
  const t = translatorFor(locale);
  const written = WRITTEN[locale];
  const text = (view: OverlayView, extra: Partial<OverlayTextInputs> = {}) => {
    const result = overlayText({
      view,
      carrier: claro,
      localizer: localizerFor(locale, catalogFor(locale)),
      corner: 'right',
      leadWindow: 7,
      ...extra,
    });
    // What the content script receives is what the schema says.
    expect(OverlayTextSchema.parse(result)).toEqual(result);
    return result;
  };

  it('labels the card and its buttons, and names its language', () => {
    const result = text(saved());
    expect(result).toMatchObject({
      mode: 'saved',
      lang: written.tag,
      corner: 'right',
      color: claro.color,
      brand: t('extName'),
      collapseLabel: t('overlayCollapse'),
      dismissLabel: t('overlayDismiss'),
      hideSiteLabel: t('overlayHideSite'),
      moveLeftLabel: t('overlayMoveLeft'),
      moveRightLabel: t('overlayMoveRight'),
    });
    expect(text(saved(), { corner: 'left' }).corner).toBe('left');
  });

  it('every card links to the glossary; a line expired or within 3 days says what to do now', () => {
    expect(text(saved({})).glossaryLabel).toBe(t('overlayGlossary'));
    expect(text({ mode: 'checklist' }).glossaryLabel).toBe(t('overlayGlossary'));
    if (locale !== 'en') {
      expect(t('overlayGlossary')).not.toBe(translatorFor('en')('overlayGlossary'));
    }
    // 19 days left: nothing presses.
    expect(text(saved({})).guidance).toBeNull();
    expect(text(saved({ daysLeft: 4 })).guidance).toBeNull();
    expect(text(saved({ daysLeft: 3 })).guidance).toBe(t('guideDoExpiring', [written.date]));
    expect(text(saved({ daysLeft: 0 })).guidance).toBe(t('guideDoExpiring', [written.date]));
    expect(text(saved({ daysLeft: -2 })).guidance).toBe(t('guideDoExpired'));
    expect(text(saved({ expiresOn: null, daysLeft: null })).guidance).toBeNull();
  });

  it('saved: the number, the expiry with days left, the balance and its change, recharge', () => {
    const result = text(saved({}, -150));
    expect(result.title).toEqual({
      text: `${t('overlaySaved')} · +54 9 11 3456-7812`,
      mark: 'ok',
    });
    expect(result.expiry).toEqual({
      text: `${t('overlayExpires', [written.date])}${written.comma}${t('daysLeftN', ['19'])}`,
      urgency: 'ok',
    });
    expect(result.balance).toEqual({
      text: t('overlayBalance', [written.money]),
      change: t('overlayBalanceChange', [written.change]),
    });
    expect(result.recharge).toEqual({ label: t('overlayRechargeNow'), url: claro.rechargeUrl });
    expect(result.unsure).toBeNull();
    expect(result.body).toBeNull();
  });

  it('saved without an expiry, or with an estimated one', () => {
    const none = text(saved({ expiresOn: null, daysLeft: null }));
    expect(none.expiry).toBeNull();
    expect(none.body).toBe(t('overlayNoExpiry'));
    const estimated = text(saved({ estimated: true, daysLeft: 0 }));
    expect(estimated.expiry?.text).toBe(
      `${t('overlayExpiresEstimated', [written.date])}${written.comma}${t('daysLeftToday')}`,
    );
    expect(estimated.expiry?.urgency).toBe('today');
  });

  it('saved from a page without a sure expiry offers manual entry and the page report', () => {
    const result = text({ ...saved(), reading: { ...reading, expiresOn: null } });
    expect(result.unsure).toEqual({
      text: t('overlayExpiryUnsure'),
      expiryOnly: true,
      enterByHand: t('overlayEnterByHand'),
      copyReport: t('overlayCopyReport'),
      copied: t('overlayReportCopied'),
      copyFailed: t('overlayReportCopyFailed'),
    });
  });

  it('the pill: an urgency word and level for every stage, days left beside it', () => {
    const pill = (daysLeft: number | null) =>
      text(saved({ daysLeft, expiresOn: daysLeft === null ? null : '2026-12-15' })).pill;
    expect(pill(19)).toMatchObject({
      urgency: 'ok',
      urgencyWord: t('overlayUrgencyOk'),
      text: t('daysLeftN', ['19']),
    });
    expect(pill(5)).toMatchObject({ urgency: 'soon', urgencyWord: t('popupUrgencyDue') });
    expect(pill(1)).toMatchObject({
      urgency: 'urgent',
      urgencyWord: t('popupUrgencySoon'),
      text: t('daysLeftTomorrow'),
    });
    expect(pill(0)).toMatchObject({ urgency: 'urgent', urgencyWord: t('popupUrgencyToday') });
    expect(pill(-3)).toMatchObject({
      urgency: 'expired',
      urgencyWord: t('popupUrgencyExpired'),
      text: t('daysAgoN', ['3']),
    });
    expect(pill(5).label).toBe(
      t('overlayPillLabel', [`${t('popupUrgencyDue')}${written.comma}${t('daysLeftN', ['5'])}`]),
    );
    expect(pill(null)).toEqual({
      text: t('extName'),
      urgency: 'none',
      urgencyWord: null,
      label: t('overlayExpand'),
    });
    // The reminder window decides "soon": with a 3-day window, 5 days left is on time.
    expect(text(saved({ daysLeft: 5 }), { leadWindow: 3 }).pill.urgency).toBe('ok');
  });

  it('unassigned, translated and unsure', () => {
    expect(text({ mode: 'unassigned', reading })).toMatchObject({
      title: { text: t('overlayUnassignedTitle'), mark: 'none' },
      body: t('overlayUnassignedBody'),
      recharge: null,
    });
    expect(text({ mode: 'translated' })).toMatchObject({
      title: { text: t('overlayTranslatedTitle'), mark: 'none' },
      body: t('overlayTranslatedBody'),
    });
    const unsure = text({ mode: 'unsure', carrier: 'claro', reading });
    expect(unsure.title?.text).toBe(t('overlayUnsureTitle'));
    expect(unsure.unsure).toMatchObject({ text: t('overlayUnsureBody'), expiryOnly: false });
  });

  it('receipt: saved or already saved, with the amount and the operation', () => {
    const fresh = text({ mode: 'receipt', amount: 2000, operationId: '000123', duplicate: false });
    const [word, amount, operation] = fresh.title!.text.split(' · ');
    expect(word).toBe(t('overlayReceiptSaved'));
    expect(amount).toMatch(locale === 'es' ? /^\$\u00a02\.000$/ : /^ARS\u00a02,000$/);
    expect(operation).toBe(t('overlayOperation', ['000123']));
    expect(fresh.title?.mark).toBe('ok');
    expect(fresh.body).toBe(t('overlayReceiptKeep'));
    const again = text({ mode: 'receipt', amount: 2000, operationId: '000123', duplicate: true });
    expect(again.title?.text.startsWith(t('overlayReceiptAlreadySaved'))).toBe(true);
  });

  it('two competing expiries: the question, a button per date in this language, and Neither', () => {
    const view = saved({ expiresOn: null, daysLeft: null }, null, { expiresOn: null });
    const dates = ['2026-12-15', '2027-01-05'];
    const asked = text({ ...view, choice: { readingId: 42, dates } });
    expect(asked.choice).toEqual({
      question: t('overlayChoiceQuestion'),
      readingId: 42,
      dates: [
        { iso: '2026-12-15', label: written.date },
        {
          iso: '2027-01-05',
          label: localizerFor(locale, catalogFor(locale)).formatDate(dates[1]!),
        },
      ],
      neither: t('overlayChoiceNeither'),
    });
    // Under it, why it asks, with manual entry and the page report as before; not "the
    // page shows no expiry" above it, when the page showed two.
    expect(asked.unsure?.text).toBe(t('overlayExpiryUnsure'));
    expect(asked.body).toBeNull();
    expect(text(view).body).toBe(t('overlayNoExpiry'));
    if (locale !== 'en') {
      expect(asked.choice!.question).not.toBe(translatorFor('en')('overlayChoiceQuestion'));
    }
    // No choice offered: no question, and the "couldn't read" text as before.
    expect(text(view).choice).toBeNull();
    expect(text(view).unsure?.expiryOnly).toBe(true);
    // The unsure card asks it too, beside manual entry.
    const unsure = text({
      mode: 'unsure',
      carrier: 'claro',
      reading,
      choice: { readingId: 3, dates },
    });
    expect(unsure.choice?.dates.map((d) => d.iso)).toEqual(dates);
    expect(unsure.unsure).not.toBeNull();
  });

  it('checklist and failed payment: their lists in order', () => {
    expect(text({ mode: 'checklist' }).checklist).toEqual({
      summary: t('overlayChecklistTitle'),
      items: [
        t('checklistLineAndAmount'),
        t('checklistDuration'),
        t('checklistRateAndFees'),
        t('checklistNoPublicWifi'),
        t('checklistKeepReceipt'),
      ],
    });
    const failed = text({ mode: 'failed', notCharged: true });
    expect(failed.title).toEqual({ text: t('overlayFailedTitle'), mark: 'warn' });
    expect(failed.note).toBe(t('overlayFailedNotCharged'));
    expect(failed.steps).toEqual([
      t('failedStepConnection'),
      t('failedStepOtherMethod'),
      t('failedStepWait'),
      t('failedStepSupport'),
    ]);
    expect(text({ mode: 'failed', notCharged: false }).note).toBeNull();
    expect(failed.body).toBeNull();
  });

  it('failed payment: the reason the page gave leads, with advice that works from abroad', () => {
    const lead = (reason: 'card-refused' | 'funds' | 'connection' | 'unknown') =>
      text({ mode: 'failed', notCharged: false, reason });
    expect(lead('card-refused').body).toBe(t('failedReasonCardRefused'));
    expect(lead('card-refused').body).toContain('Mercado Pago');
    expect(lead('funds').body).toBe(t('failedReasonFunds'));
    expect(lead('connection').body).toBe(t('failedReasonConnection'));
    expect(lead('unknown').body).toBeNull();
    // Each reason's advice is its own, and written in this language.
    const en = translatorFor('en');
    for (const key of [
      'failedReasonCardRefused',
      'failedReasonFunds',
      'failedReasonConnection',
    ] as const) {
      expect(t(key)).not.toBe(key);
      if (locale !== 'en') expect(t(key)).not.toBe(en(key));
    }
    // The general steps stay under the advice.
    expect(lead('funds').steps).toHaveLength(4);
  });

  it('error: a storage failure in words, any other error as the background said it', () => {
    const full = text({ mode: 'error', message: `failed: ${STORAGE_FULL}: QuotaExceededError` });
    expect(full.title).toEqual({ text: t('overlayErrorTitle'), mark: 'warn' });
    expect(full.body).toBe(t('popupErrStorageFull'));
    expect(text({ mode: 'error', message: 'refused: odd' }).body).toBe('refused: odd');
  });
});
