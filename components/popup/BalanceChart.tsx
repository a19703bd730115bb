/**
 * A small balance-over-time chart drawn as inline SVG (no chart library). The picture is
 * one `role="img"` whose label says what it shows (span, lowest, highest, latest); the same
 * numbers are in a visually hidden table for screen readers that browse tables.
 */
import { useMemo } from 'preact/hooks';
import { buildChart, type ChartModel } from '../../utils/popup/line-detail';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import type { StoredReading } from '../../utils/domain/records';
import './detail.css';

export interface BalanceChartProps {
  /** Readings of one line, any order; the ones without a balance are skipped. */
  readings: readonly Pick<StoredReading, 'readAt' | 'balance'>[];
  locale: UiLocale;
  t: Translate;
  /** e.g. formatMoney from utils/format. */
  formatAmount(amount: number): string;
  /** A date (not a time) of an instant, in the user's language. */
  formatDay(at: number): string;
  width?: number;
  height?: number;
}

export function chartLabel(
  chart: ChartModel,
  t: Translate,
  formatAmount: (amount: number) => string,
  formatDay: (at: number) => string,
): string {
  return t('chartSummary', [
    String(chart.readingCount),
    formatDay(chart.first.at),
    formatDay(chart.last.at),
    formatAmount(chart.min.amount),
    formatAmount(chart.max.amount),
    formatAmount(chart.last.amount),
  ]);
}

export function BalanceChart(props: BalanceChartProps) {
  const { t, formatAmount, formatDay } = props;
  const chart = useMemo(
    () =>
      buildChart(props.readings, {
        width: props.width ?? 320,
        height: props.height ?? 110,
        padding: { top: 14, right: 8, bottom: 8, left: 8 },
      }),
    [props.readings, props.width, props.height],
  );

  if (!chart) return <p class="lk-detail__muted">{t('detailChartEmpty')}</p>;

  const label = chartLabel(chart, t, formatAmount, formatDay);
  const last = chart.points[chart.points.length - 1]!;
  const topTick = chart.ticks[1]!;
  return (
    <figure class="lk-chart__figure" style={{ margin: 0 }}>
      <svg
        class="lk-chart"
        role="img"
        aria-label={label}
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        data-testid="balance-chart"
      >
        {chart.ticks.map((tick) => (
          <line
            key={tick.value}
            class="lk-chart__grid"
            x1={chart.plot.left}
            x2={chart.plot.right}
            y1={tick.y}
            y2={tick.y}
          />
        ))}
        <text class="lk-chart__label" x={chart.plot.left} y={topTick.y - 3}>
          {formatAmount(topTick.value)}
        </text>
        {chart.area ? <path class="lk-chart__area" d={chart.area} /> : null}
        <path class="lk-chart__line" d={chart.path} />
        <circle class="lk-chart__dot" cx={last.x} cy={last.y} r={3} />
      </svg>
      <figcaption class="lk-chart__legend" aria-hidden="true">
        <span>{formatDay(chart.first.at)}</span>
        <span>{formatAmount(chart.last.amount)}</span>
        <span>{formatDay(chart.last.at)}</span>
      </figcaption>
      <table class="lk-visually-hidden">
        <caption>{t('chartTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('detailColWhen')}</th>
            <th scope="col">{t('detailColBalance')}</th>
          </tr>
        </thead>
        <tbody>
          {chart.points.map((point, index) => (
            <tr key={index}>
              <td>{formatDay(point.at)}</td>
              <td>{formatAmount(point.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
