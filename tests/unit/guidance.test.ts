/**
 * What LineKeeper tells a person whose line lapsed or is about to: which texts a line's
 * state calls for, and the words themselves in the three languages (real catalogs).
 */
import { describe, expect, it } from 'vitest';
import { CARRIERS } from '../../utils/carriers';
import { HELP_CONTACTS } from '../../utils/carriers/help-contacts';
import { GLOSSARY, glossaryEntries } from '../../utils/domain/glossary';
import {
  contactText,
  guidanceText,
  lineGuidance,
  notificationGuidance,
} from '../../utils/domain/guidance';
import { UI_LOCALES } from '../../utils/domain/i18n';
import { translatorFor } from '../support/i18n';

const claro = (daysLeft: number | null, estimated = false, leadWindow = 7) =>
  lineGuidance({ daysLeft, estimated, carrier: 'claro', leadWindow });

describe('lineGuidance: which guidance a line gets', () => {
  it('an expired line: what it can still do, the risk, what to do, whom to call', () => {
    expect(claro(-3)).toEqual({
      stage: 'expired',
      title: 'guideTitleExpired',
      canStill: ['guideCanStill'],
      risk: 'guideRisk',
      todo: 'guideDoExpired',
      estimate: null,
      contacts: [
        { dial: '*611', from: 'carrier-line' },
        { dial: '0800-123-25276', from: 'any-phone' },
      ],
    });
  });

  it('a line expiring within the reminder window (or a week): the risk and what to do', () => {
    expect(claro(0)).toMatchObject({ stage: 'expiring', canStill: [], todo: 'guideDoExpiring' });
    expect(claro(7)).toMatchObject({ stage: 'expiring', risk: 'guideRiskExpiring' });
    expect(claro(14, false, 14)).toMatchObject({ stage: 'expiring' });
  });

  it('nothing for a line with time left, or with no known date', () => {
    expect(claro(8)).toBeNull();
    expect(claro(15, false, 14)).toBeNull();
    expect(claro(null)).toBeNull();
  });

  it('an estimated date is said to be an estimate', () => {
    expect(claro(-1, true)!.estimate).toBe('guideEstimated');
    expect(claro(3, true)!.estimate).toBe('guideEstimated');
  });

  it("each carrier's own help numbers", () => {
    const dial = (carrier: 'movistar' | 'personal') =>
      lineGuidance({ daysLeft: -1, estimated: false, carrier, leadWindow: 7 })!.contacts;
    expect(dial('movistar')).toEqual([{ dial: '*611', from: 'carrier-line' }]);
    expect(dial('personal')).toEqual([{ dial: '*111', from: 'carrier-line' }]);
  });
});

describe('the words of the guidance', () => {
  it('in English, never with a figure for the unpublished period', () => {
    const t = translatorFor('en');
    const text = guidanceText(claro(-2)!, 'claro', '1 Dec 2026', t);
    expect(text.title).toBe('This line has expired');
    expect(text.canStill[0]).toContain('receive calls and reach free and emergency numbers');
    expect(text.risk).toContain('has not been published');
    expect(text.risk).not.toMatch(/\d/);
    expect(text.todo).toContain('a recharge during that period usually restores it');
    expect(text.contacts).toEqual(['*611 from a Claro line', '0800-123-25276 from any phone']);
    expect(text.contactsSource).toBe("Published by third parties: check the carrier's site.");
  });

  it('puts the expiry date into "recharge before"', () => {
    const es = guidanceText(claro(2)!, 'claro', '5 dic 2026', translatorFor('es'));
    expect(es.todo).toContain('Recargá antes de que termine el 5 dic 2026');
    const zh = guidanceText(claro(2)!, 'claro', '2026年12月5日', translatorFor('zh_CN'));
    expect(zh.todo).toContain('请在 2026年12月5日（阿根廷时间）结束前充值');
  });

  it('an estimate is never "a date the number is safe until"', () => {
    for (const locale of UI_LOCALES) {
      const text = guidanceText(claro(3, true)!, 'claro', 'x', translatorFor(locale));
      expect(text.estimate).toMatch(/180/);
      expect(text.estimate).toMatch(/733-E\/2017/);
    }
    expect(guidanceText(claro(3, true)!, 'claro', 'x', translatorFor('en')).estimate).toContain(
      'It is not a date the number is safe until',
    );
  });

  it('says where a help number can be dialled from, in each language', () => {
    const line = { dial: '*611', from: 'carrier-line' } as const;
    expect(contactText(line, 'movistar', translatorFor('es'))).toBe(
      '*611 desde una línea Movistar',
    );
    expect(contactText(line, 'movistar', translatorFor('zh_CN'))).toBe('用 Movistar 号码拨打 *611');
  });

  it('the notification of an expired line carries the short form; others none', () => {
    const t = translatorFor('en');
    expect(notificationGuidance(-1, 'claro', 'en', t)).toBe(
      "It can still receive calls. Recharge now: a recharge during the carrier's grace period usually restores the line. " +
        "Help: *611 from a Claro line, 0800-123-25276 from any phone (check the carrier's site).",
    );
    expect(notificationGuidance(-1, 'claro', 'zh_CN', translatorFor('zh_CN'))).toBe(
      '现在仍可接听电话。请立即充值：在运营商的宽限期内充值通常可以恢复号码。' +
        '客服：用 Claro 号码拨打 *611、用任何电话拨打 0800-123-25276（请以运营商官网为准）。',
    );
    expect(notificationGuidance(0, 'claro', 'en', t)).toBeNull();
  });

  it('every carrier has at least one help number', () => {
    for (const carrier of CARRIERS) expect(HELP_CONTACTS[carrier.id].length).toBeGreaterThan(0);
  });
});

describe('glossary', () => {
  it("holds the carriers' words the issue names, each with a meaning in every language", () => {
    expect(GLOSSARY.map((entry) => entry.term).sort()).toEqual(
      [
        'comprobante',
        'línea',
        'número de operación',
        'prepago',
        'recarga',
        'saldo',
        'vencimiento',
        'vigencia',
      ].sort(),
    );
    for (const locale of UI_LOCALES) {
      const entries = glossaryEntries(translatorFor(locale));
      expect(entries.map((entry) => entry.term)).toEqual(GLOSSARY.map((entry) => entry.term));
      for (const entry of entries) expect(entry.meaning.length).toBeGreaterThan(10);
    }
    expect(glossaryEntries(translatorFor('zh_CN'))[0]).toEqual({
      term: 'saldo',
      meaning: '余额：号码里可用于通话、短信和流量的钱。',
    });
  });
});
