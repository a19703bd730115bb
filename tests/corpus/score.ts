/**
 * Scoring a reading against a corpus page's truth, one field at a time:
 *   +1  the engine's value equals the truth (a null truth answered with null counts here),
 *    0  the engine abstained (null) where the truth has a value,
 *   −1  a wrong value: non-null and different, or non-null where the truth is null.
 * The maximum is one point per field scored: 6 fields × pages. "points %" = points / max.
 */
import type { CorpusPage } from './generate';
import type { Truth } from './truth';

export const FIELDS = ['carrier', 'kind', 'msisdn', 'balance', 'expiresOn', 'receipt'] as const;
export type FieldName = (typeof FIELDS)[number];
export type Verdict = 'right' | 'abstain' | 'wrong';

/** The fields of a Reading the score looks at (notes are ignored). */
export type ReadingLike = Pick<Truth, FieldName> & { notes?: string[] };

export interface PageScore {
  id: string;
  axes: Record<string, string>;
  hasNothingToRead: boolean;
  verdicts: Record<FieldName, Verdict>;
  points: number;
  wrong: number;
  abstain: number;
  expected: Truth;
  got: ReadingLike;
}

function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/** Deep equality of one field's values, with amounts compared to the cent. */
export function sameValue(field: FieldName, expected: unknown, got: unknown): boolean {
  if (expected === null || got === null || expected === undefined || got === undefined) {
    return (expected ?? null) === (got ?? null);
  }
  if (field === 'balance') {
    const e = expected as NonNullable<Truth['balance']>;
    const g = got as NonNullable<Truth['balance']>;
    return sameAmount(e.amount, g.amount) && e.currency === g.currency;
  }
  if (field === 'receipt') {
    const e = expected as NonNullable<Truth['receipt']>;
    const g = got as NonNullable<Truth['receipt']>;
    return (
      sameAmount(e.amount, g.amount) &&
      e.currency === g.currency &&
      e.operationId === g.operationId &&
      e.date === g.date
    );
  }
  return expected === got;
}

export function fieldVerdict(field: FieldName, expected: unknown, got: unknown): Verdict {
  if (sameValue(field, expected, got)) return 'right';
  return got === null || got === undefined ? 'abstain' : 'wrong';
}

export function scoreReading(page: CorpusPage, got: ReadingLike): PageScore {
  const verdicts = {} as Record<FieldName, Verdict>;
  let points = 0;
  let wrong = 0;
  let abstain = 0;
  for (const field of FIELDS) {
    const verdict = fieldVerdict(field, page.truth[field], got[field]);
    verdicts[field] = verdict;
    if (verdict === 'right') points += 1;
    else if (verdict === 'wrong') {
      points -= 1;
      wrong += 1;
    } else abstain += 1;
  }
  return {
    id: page.id,
    axes: page.axes,
    hasNothingToRead: page.hasNothingToRead,
    verdicts,
    points,
    wrong,
    abstain,
    expected: page.truth,
    got: {
      carrier: got.carrier,
      kind: got.kind,
      msisdn: got.msisdn,
      balance: got.balance,
      expiresOn: got.expiresOn,
      receipt: got.receipt,
      notes: got.notes,
    },
  };
}

export interface Tally {
  pages: number;
  points: number;
  max: number;
  wrong: number;
  abstain: number;
}

export interface FieldTally {
  right: number;
  wrong: number;
  abstain: number;
  /** Pages whose truth for this field is null / non-null. */
  truthNull: number;
  truthValue: number;
  /** Wrong values given where the truth is null. */
  wrongOnNullTruth: number;
}

export interface Summary extends Tally {
  fields: number;
  pointsPct: number;
  wrongPct: number;
  perField: Record<FieldName, FieldTally>;
  /** Pages with nothing to read: how many, and the wrong fields on them. */
  nothingPages: number;
  wrongOnNothing: number;
  pagesWrongOnNothing: number;
  /** axis key → axis value → tally. */
  perAxis: Map<string, Map<string, Tally>>;
}

function emptyTally(): Tally {
  return { pages: 0, points: 0, max: 0, wrong: 0, abstain: 0 };
}

export function summarise(scores: PageScore[]): Summary {
  const perField = Object.fromEntries(
    FIELDS.map((f) => [
      f,
      { right: 0, wrong: 0, abstain: 0, truthNull: 0, truthValue: 0, wrongOnNullTruth: 0 },
    ]),
  ) as Record<FieldName, FieldTally>;
  const perAxis = new Map<string, Map<string, Tally>>();
  const total = emptyTally();
  let nothingPages = 0;
  let wrongOnNothing = 0;
  let pagesWrongOnNothing = 0;
  for (const score of scores) {
    total.pages += 1;
    total.points += score.points;
    total.max += FIELDS.length;
    total.wrong += score.wrong;
    total.abstain += score.abstain;
    for (const field of FIELDS) {
      const tally = perField[field];
      const verdict = score.verdicts[field];
      tally[verdict] += 1;
      if (score.expected[field] === null) {
        tally.truthNull += 1;
        if (verdict === 'wrong') tally.wrongOnNullTruth += 1;
      } else tally.truthValue += 1;
    }
    if (score.hasNothingToRead) {
      nothingPages += 1;
      wrongOnNothing += score.wrong;
      if (score.wrong > 0) pagesWrongOnNothing += 1;
    }
    for (const [key, value] of Object.entries(score.axes)) {
      let values = perAxis.get(key);
      if (!values) perAxis.set(key, (values = new Map()));
      let tally = values.get(value);
      if (!tally) values.set(value, (tally = emptyTally()));
      tally.pages += 1;
      tally.points += score.points;
      tally.max += FIELDS.length;
      tally.wrong += score.wrong;
      tally.abstain += score.abstain;
    }
  }
  return {
    ...total,
    fields: total.max,
    pointsPct: total.max ? (100 * total.points) / total.max : 0,
    wrongPct: total.max ? (100 * total.wrong) / total.max : 0,
    perField,
    nothingPages,
    wrongOnNothing,
    pagesWrongOnNothing,
    perAxis,
  };
}

export function pct(tally: Pick<Tally, 'points' | 'max'>): number {
  return tally.max ? (100 * tally.points) / tally.max : 0;
}
