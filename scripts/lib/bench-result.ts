/**
 * One line per benchmark figure, for `npm run bench`'s summary table. Each benchmark
 * prints its own details; when LINEKEEPER_BENCH_RESULTS names a file, it also appends its
 * headline figures there as JSON lines.
 */
import { appendFileSync } from 'node:fs';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The promise: the figure must stay at or below it. */
  budget: number;
}

export function reportBenchFigure(figure: BenchFigure): void {
  const file = process.env.LINEKEEPER_BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
}
