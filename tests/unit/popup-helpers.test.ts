/**
 * The popup's new pure pieces: which language it paints in (and whether it must load a
 * catalog for it), what Recharge copies and says, and the recharges marked on the chart.
 */
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../utils/domain/catalog';
import type { UiLocale } from '../../utils/domain/i18n';
import { buildChart, rechargeMarks } from '../../utils/popup/line-detail';
import { languagePlan, popupLanguage } from '../../utils/popup/language';
import { lastRechargeAmount, rechargeMessage, rechargeNumber } from '../../utils/popup/recharge';
import { catalogFor, keyTranslator, translatorFor } from '../support/i18n';

describe('the popup’s language', () => {
  it('follows the browser for "auto" or no choice, else the choice', () => {
    expect(languagePlan(undefined, 'en')).toEqual({ locale: 'en', fromBrowser: true });
    expect(languagePlan('auto', 'es')).toEqual({ locale: 'es', fromBrowser: true });
    expect(languagePlan('zh_CN', 'en')).toEqual({ locale: 'zh_CN', fromBrowser: false });
    expect(languagePlan('en', 'en')).toEqual({ locale: 'en', fromBrowser: true });
  });

  it('uses the browser’s strings at once when they serve, else reads the chosen catalog', async () => {
    const asked: UiLocale[] = [];
    const sources = {
      browserLocale: 'en' as const,
      browserT: keyTranslator,
      catalog: async (locale: UiLocale) => {
        asked.push(locale);
        return catalogFor(locale);
      },
    };
    const same = popupLanguage('auto', sources);
    expect(same).not.toBeInstanceOf(Promise);
    expect(same).toMatchObject({ locale: 'en', t: keyTranslator });
    expect(asked).toEqual([]);

    const chinese = await popupLanguage('zh_CN', sources);
    expect(chinese.locale).toBe('zh_CN');
    expect(chinese.t('popupSettings')).toBe('设置');
    expect(asked).toEqual(['zh_CN']);
  });

  it('an unreadable catalog shows keys, never an empty popup', async () => {
    const language = await popupLanguage('es', {
      browserLocale: 'en',
      browserT: keyTranslator,
      catalog: async () => compileCatalog(null),
    });
    expect(language.t('popupSettings')).toBe('popupSettings');
  });
});

describe('Recharge: the number the recharge page asks for', () => {
  it('copies the 10 national digits and shows them grouped (masked when hidden)', () => {
    expect(rechargeNumber('+5491123456789', false)).toEqual({
      digits: '1123456789',
      shown: '11 2345-6789',
    });
    expect(rechargeNumber('+5493516123456', true)).toEqual({
      digits: '3516123456',
      shown: '351 •••-3456',
    });
    expect(rechargeNumber(null, false)).toBeNull();
  });

  it('knows the last amount paid: the latest renewal with an amount', () => {
    expect(
      lastRechargeAmount([
        { date: '2026-10-01', createdAt: '2026-10-01T10:00:00.000Z', amount: 1500 },
        { date: '2026-11-20', createdAt: '2026-11-20T10:00:00.000Z', amount: null },
        { date: '2026-11-02', createdAt: '2026-11-02T10:00:00.000Z', amount: 2000 },
        { date: '2026-11-02', createdAt: '2026-11-01T10:00:00.000Z', amount: 999 },
      ]),
    ).toBe(2000);
    expect(lastRechargeAmount([])).toBeNull();
  });

  it('says what was copied, the last amount, and where the page opened', () => {
    const number = rechargeNumber('+5491123456789', false);
    const outcome = { number, copied: true, lastAmount: 2000, carrierName: 'Claro' };
    expect(rechargeMessage(outcome, 'en', translatorFor('en'))).toBe(
      'Number copied: 11 2345-6789 · Last time: ARS\u00a02,000 · The Claro recharge page is open in a new tab.',
    );
    expect(rechargeMessage(outcome, 'es', translatorFor('es'))).toBe(
      'Número copiado: 11 2345-6789 · La última vez: $\u00a02.000 · La página de recarga de Claro está abierta en otra pestaña.',
    );
    expect(
      rechargeMessage(
        { ...outcome, copied: false, lastAmount: null },
        'zh_CN',
        translatorFor('zh_CN'),
      ),
    ).toBe('要输入的号码：11 2345-6789 · Claro 充值页面已在新标签页中打开。');
  });
});

describe('recharges on the balance chart', () => {
  const reading = (readAt: string, amount: number) => ({
    readAt,
    balance: { amount, currency: 'ARS' as const },
  });
  const chart = buildChart(
    [
      reading('2026-10-01T15:00:00.000Z', 100),
      reading('2026-10-20T15:00:00.000Z', 2100),
      reading('2026-11-10T15:00:00.000Z', 300),
    ],
    { width: 320, height: 130, padding: { top: 14, right: 10, bottom: 20, left: 58 } },
  )!;

  it('marks the recharges within the chart’s span, oldest first, on its time axis', () => {
    const marks = rechargeMarks(
      [
        { date: '2026-11-10', amount: 500 },
        { date: '2026-10-15', amount: 2000 },
        { date: '2026-06-01', amount: 1500 }, // before the first reading: not on this chart
        { date: '2026-12-01', amount: null }, // after the last one
      ],
      chart,
    );
    expect(marks.map((mark) => mark.date)).toEqual(['2026-10-15', '2026-11-10']);
    expect(marks[0]!.x).toBeGreaterThan(chart.plot.left);
    expect(marks[0]!.x).toBeLessThan(chart.points[1]!.x);
    // The last reading's day: its noon falls after the reading, the mark stays on the chart.
    expect(marks[1]!.x).toBe(chart.plot.right);
  });

  it('none on a chart of one reading', () => {
    const one = buildChart([reading('2026-10-01T15:00:00.000Z', 100)])!;
    expect(rechargeMarks([{ date: '2026-10-01', amount: 100 }], one)).toEqual([]);
  });
});
