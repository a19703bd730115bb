/**
 * The corpus generator itself (tests/corpus): deterministic, every truth valid for the
 * Reading schema, the truth rules as reading-rules.md words them, and every axis value
 * reachable. Fast: no page is parsed.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus, generatePage, type CorpusPage } from '../corpus';
import { buenosAiresDay } from '../corpus/calendar';
import { SHELLS } from '../corpus/shells';
import {
  carrierTruth,
  moneyAmount,
  PAGE_TYPES,
  resolveDate,
  type PrintedDate,
} from '../corpus/truth';
import { scoreReading } from '../corpus/score';
import {
  CarrierIdSchema,
  IsoDateSchema,
  MoneySchema,
  MsisdnSchema,
  PageKindSchema,
  ReceiptSchema,
} from '../../utils/domain/records';

const SAMPLE = generateCorpus({ seed: 42, count: 800 });

function valid(page: CorpusPage): string[] {
  const problems: string[] = [];
  const { truth } = page;
  if (!CarrierIdSchema.safeParse(truth.carrier).success) problems.push('carrier');
  if (!PageKindSchema.safeParse(truth.kind).success) problems.push('kind');
  if (truth.msisdn !== null && !MsisdnSchema.safeParse(truth.msisdn).success)
    problems.push('msisdn');
  if (truth.expiresOn !== null && !IsoDateSchema.safeParse(truth.expiresOn).success) {
    problems.push('expiresOn');
  }
  if (truth.balance !== null) {
    // A balance owed after an advance is negative (-120): the schema takes it as it is.
    const { amount } = truth.balance;
    if (!MoneySchema.safeParse(truth.balance).success) {
      problems.push('balance');
    }
    if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) problems.push('balance cents');
  }
  if (truth.receipt !== null && !ReceiptSchema.safeParse(truth.receipt).success)
    problems.push('receipt');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$/.test(page.at)) problems.push('at');
  if (!page.url.startsWith('https://')) problems.push('url');
  if (carrierTruth(page.url) !== truth.carrier || page.axes.carrier !== truth.carrier) {
    problems.push('carrier vs url');
  }
  if (page.hasNothingToRead !== (truth.kind === 'none')) problems.push('hasNothingToRead');
  if (
    truth.kind === 'none' &&
    (truth.msisdn || truth.balance || truth.expiresOn || truth.receipt)
  ) {
    problems.push('values on a page with nothing to read');
  }
  if (truth.kind === 'receipt' && (truth.receipt === null || truth.expiresOn !== null)) {
    problems.push('receipt page: receipt set, expiry never');
  }
  if (truth.kind !== 'receipt' && truth.receipt !== null)
    problems.push('receipt off a receipt page');
  if (truth.receipt && !page.html.includes(truth.receipt.operationId))
    problems.push('operation id not printed');
  return problems;
}

describe('corpus generator', () => {
  it('is deterministic: the same seed gives the same pages', () => {
    const again = generateCorpus({ seed: 42, count: 60 });
    expect(again).toEqual(SAMPLE.slice(0, 60));
    expect(generatePage(42, 17)).toEqual(SAMPLE[17]);
    expect(generateCorpus({ seed: 42, count: 5, start: 100 })).toEqual(SAMPLE.slice(100, 105));
  });

  it('gives other pages for another seed', () => {
    const other = generateCorpus({ seed: 43, count: 20 });
    expect(other.map((p) => p.html)).not.toEqual(SAMPLE.slice(0, 20).map((p) => p.html));
  });

  it('labels every page with a truth the Reading schema accepts', () => {
    const bad = SAMPLE.map((page) => ({ id: page.id, problems: valid(page) })).filter(
      (entry) => entry.problems.length > 0,
    );
    expect(bad).toEqual([]);
  });

  it('gives unique ids and records the main axes', () => {
    expect(new Set(SAMPLE.map((p) => p.id)).size).toBe(SAMPLE.length);
    for (const page of SAMPLE) {
      for (const key of ['carrier', 'pageType', 'urlFamily', 'shell', 'clock', 'size']) {
        expect(page.axes[key], `${page.id} ${key}`).toBeTruthy();
      }
    }
  });

  it('reaches every page type, shell and carrier, and the tricky truths', () => {
    const values = (key: string) => new Set(SAMPLE.map((p) => p.axes[key]));
    expect([...values('pageType')].sort()).toEqual([...PAGE_TYPES].sort());
    expect([...values('shell')].sort()).toEqual([...SHELLS].sort());
    expect(values('carrier').size).toBe(3);
    expect(SAMPLE.some((p) => (p.truth.balance?.amount ?? 0) < 0)).toBe(true);
    expect(SAMPLE.some((p) => p.truth.balance?.amount === 0)).toBe(true);
    expect(SAMPLE.some((p) => p.axes.yearless === 'past')).toBe(true);
    expect(
      SAMPLE.some((p) => p.axes.ambiguity === 'expiry-two-dates' && p.truth.expiresOn === null),
    ).toBe(true);
    expect(SAMPLE.some((p) => p.axes.numberFormat === 'masked' && p.truth.msisdn === null)).toBe(
      true,
    );
    expect(
      SAMPLE.some(
        (p) => p.axes.pageType === 'recharge-chooser-with-state' && p.truth.kind === 'account',
      ),
    ).toBe(true);
  });

  it('keeps pages small unless large pages are asked for', () => {
    expect(Math.max(...SAMPLE.map((p) => p.html.length))).toBeLessThan(100_000);
    const withLarge = generateCorpus({ seed: 42, count: 800, large: true });
    const large = withLarge.filter((p) => p.axes.size === 'large');
    expect(large.length).toBeLessThanOrEqual(0.02 * withLarge.length);
    // The option enlarges some pages and leaves every other page as it was.
    withLarge.forEach((page, i) => {
      if (page.axes.size !== 'large') expect(page).toEqual(SAMPLE[i]);
    });
  });
});

describe('corpus truth rules (reading-rules.md)', () => {
  const yearless = (day: number, month: number): PrintedDate => ({
    kind: 'absolute',
    day,
    month,
    year: null,
  });

  it('gives a yearless date the nearest year', () => {
    expect(resolveDate(yearless(3, 1), '2026-11-20')).toBe('2027-01-03');
    expect(resolveDate(yearless(2, 12), '2026-12-03')).toBe('2026-12-02');
    expect(resolveDate(yearless(15, 6), '2026-11-20')).toBe('2026-06-15');
  });

  it('reads two-digit years as 20xx and relative words on the Buenos Aires calendar', () => {
    expect(resolveDate({ kind: 'absolute', day: 15, month: 12, year: 26 }, '2026-11-20')).toBe(
      '2026-12-15',
    );
    const lateNight = buenosAiresDay('2026-11-20T23:30:00-03:00');
    expect(lateNight).toBe('2026-11-20');
    expect(resolveDate({ kind: 'relative', days: 0 }, lateNight)).toBe('2026-11-20');
    expect(resolveDate({ kind: 'relative', days: 1 }, lateNight)).toBe('2026-11-21');
  });

  it('signs a balance owed and keeps zero', () => {
    expect(moneyAmount({ negative: true, pesos: 120, cents: 0 })).toBe(-120);
    expect(moneyAmount({ negative: false, pesos: 0, cents: 0 })).toBe(0);
    expect(moneyAmount({ negative: false, pesos: 1234, cents: 56 })).toBe(1234.56);
  });

  it('takes the carrier from an https host of the carrier only', () => {
    expect(carrierTruth('https://m-miclaro.claro.com.ar/')).toBe('claro');
    expect(carrierTruth('http://mi.movistar.com.ar/')).toBeNull();
    expect(carrierTruth('https://personal.com.ar.example.net/')).toBeNull();
  });
});

describe('corpus scoring', () => {
  const page = SAMPLE.find(
    (p) => p.truth.kind === 'account' && p.truth.balance && p.truth.expiresOn,
  ) as CorpusPage;

  it('gives +1 per right field, 0 per abstention, −1 per wrong value', () => {
    expect(scoreReading(page, page.truth).points).toBe(6);
    const abstaining = scoreReading(page, { ...page.truth, balance: null });
    expect([abstaining.points, abstaining.abstain, abstaining.wrong]).toEqual([5, 1, 0]);
    const wrong = scoreReading(page, {
      ...page.truth,
      expiresOn: '2000-01-01',
      receipt: { amount: 1, currency: 'ARS', operationId: 'x', date: null },
    });
    expect([wrong.points, wrong.wrong]).toEqual([2, 2]);
  });
});
