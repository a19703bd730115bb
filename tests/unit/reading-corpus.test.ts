/**
 * The reading engine against the generated corpus (tests/corpus): 300 pages from a fixed
 * seed, read in happy-dom and scored field by field. The gates are the engine's bar on
 * pages it has never seen; `npm run eval:reading` gives the full breakdown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeCorpusGates, formatGateReport, GATES, type GateResult } from '../corpus/gates';

describe('reading engine on the generated corpus', () => {
  let result: GateResult;
  let report: string;

  beforeAll(async () => {
    result = await computeCorpusGates();
    report = formatGateReport(result);
    console.log(report);
  }, 120_000);

  it('gives no wrong value on pages with nothing to read', () => {
    expect(result.summary.wrongOnNothing, report).toBeLessThanOrEqual(GATES.maxWrongOnNothing);
  });

  it(`gets at most ${GATES.maxWrongFieldPct} % of the fields wrong`, () => {
    expect(result.summary.wrongPct, report).toBeLessThanOrEqual(GATES.maxWrongFieldPct);
  });

  it(`scores at least ${GATES.minPointsPct} % of the points`, () => {
    expect(result.summary.pointsPct, report).toBeGreaterThanOrEqual(GATES.minPointsPct);
  });
});
