/**
 * The corpus gates: the reading engine on a fixed sample of 300 generated pages (seed
 * GATE_SEED, no large pages), read in happy-dom like the fixture test. The thresholds are
 * the reading engine's acceptance bar on pages it has never seen:
 *   - no wrong value on pages with nothing to read,
 *   - wrong fields ≤ 0.5 % of the fields scored,
 *   - points ≥ 97 % of the maximum (see score.ts for the scoring).
 */
import { loadPage } from '../support/load-page';
import { readPage } from '../../utils/reading';
import { generateCorpus, type CorpusPage } from './generate';
import { FIELDS, scoreReading, summarise, type PageScore, type Summary } from './score';

export const GATE_SEED = 20261120;
export const GATE_PAGES = 300;
export const GATES = {
  maxWrongOnNothing: 0,
  maxWrongFieldPct: 0.5,
  minPointsPct: 97,
} as const;

export interface GateCheck {
  name: string;
  ok: boolean;
  actual: number;
  limit: number;
}

export interface GateResult {
  summary: Summary;
  scores: PageScore[];
  pages: CorpusPage[];
  checks: GateCheck[];
  ms: number;
}

/** Generates the gate sample, reads every page and scores it. */
export async function computeCorpusGates(
  options: { seed?: number; count?: number } = {},
): Promise<GateResult> {
  const start = performance.now();
  const pages = generateCorpus({
    seed: options.seed ?? GATE_SEED,
    count: options.count ?? GATE_PAGES,
    large: false,
  });
  const scores: PageScore[] = [];
  for (const page of pages) {
    const loaded = loadPage(page.html, page.url);
    try {
      scores.push(scoreReading(page, readPage(loaded.document, page.url, new Date(page.at))));
    } finally {
      await loaded.close();
    }
  }
  const summary = summarise(scores);
  const checks: GateCheck[] = [
    {
      name: 'wrong values on pages with nothing to read',
      ok: summary.wrongOnNothing <= GATES.maxWrongOnNothing,
      actual: summary.wrongOnNothing,
      limit: GATES.maxWrongOnNothing,
    },
    {
      name: 'wrong fields (%)',
      ok: summary.wrongPct <= GATES.maxWrongFieldPct,
      actual: round2(summary.wrongPct),
      limit: GATES.maxWrongFieldPct,
    },
    {
      name: 'points (%)',
      ok: summary.pointsPct >= GATES.minPointsPct,
      actual: round2(summary.pointsPct),
      limit: GATES.minPointsPct,
    },
  ];
  return { summary, scores, pages, checks, ms: performance.now() - start };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A short text report: the figures, each field, and a few failing pages. */
export function formatGateReport(result: GateResult, worst = 5): string {
  const { summary } = result;
  const lines = [
    `corpus gates: ${summary.pages} pages (seed ${GATE_SEED}), read in ${(result.ms / 1000).toFixed(1)} s`,
    `points ${summary.points}/${summary.max} = ${summary.pointsPct.toFixed(2)} %; wrong fields ${summary.wrong} (${summary.wrongPct.toFixed(2)} %); abstentions ${summary.abstain}`,
    `pages with nothing to read: ${summary.nothingPages}, wrong values on them: ${summary.wrongOnNothing} on ${summary.pagesWrongOnNothing} page(s)`,
    `per field (wrong/abstain): ${FIELDS.map((f) => `${f} ${summary.perField[f].wrong}/${summary.perField[f].abstain}`).join(', ')}`,
    ...result.checks.map(
      (c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.actual} (limit ${c.limit})`,
    ),
  ];
  const failing = [...result.scores]
    .filter((s) => s.wrong > 0)
    .sort((a, b) => a.points - b.points)
    .slice(0, worst);
  for (const score of failing) {
    const fields = FIELDS.filter((f) => score.verdicts[f] === 'wrong')
      .map(
        (f) =>
          `${f}: expected ${JSON.stringify(score.expected[f])} got ${JSON.stringify(score.got[f])}`,
      )
      .join('; ');
    lines.push(`  ${score.id}: ${fields}`);
  }
  return lines.join('\n');
}
