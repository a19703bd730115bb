/**
 * A small balance-over-time chart drawn as inline SVG (no chart library): both axes
 * labelled (the balance at 0 and at the top of the scale, the first and last day), every
 * reading a dot (when there are few enough to see), and the recharges marked as dashed
 * lines, so a jump in the balance shows its cause. The picture is one `role="img"` whose
 * label says what it shows (span, lowest, highest, latest, recharges); the same numbers are
 * in a visually hidden table for screen readers that browse tables.
 */
import { useMemo } from 'preact/hooks';
import { joinList, pickPlural } from '../../utils/domain/format';
import {
  buildChart,
  rechargeMarks,
  type ChartMark,
  type ChartModel,
} from '../../utils/popup/line-detail';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import type { Renewal, StoredReading } from '../../utils/domain/records';
import './detail.css';

/** More readings than this are drawn as a line only: dots would merge into one. */
const MAX_DOTS = 40;

export interface BalanceChartProps {
  /** Readings of one line, any order; the ones without a balance are skipped. */
  readings: readonly Pick<StoredReading, 'readAt' | 'balance'>[];
  /** The line's renewals: those within the chart's span are marked. */
  recharges?: readonly Pick<Renewal, 'date' | 'amount'>[];
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
  marks: readonly ChartMark[] = [],
  locale: UiLocale = 'en',
): string {
  const summary = t('chartSummary', [
    String(chart.readingCount),
    formatDay(chart.first.at),
    formatDay(chart.last.at),
    formatAmount(chart.min.amount),
    formatAmount(chart.max.amount),
    formatAmount(chart.last.amount),
  ]);
  if (marks.length === 0) return summary;
  const dates = joinList(
    marks.map((mark) => formatDay(mark.at)),
    locale,
  );
  const recharges = t(
    pickPlural(marks.length, locale, 'chartRechargesOne', 'chartRechargesOther'),
    [dates],
  );
  return `${summary} ${recharges}`;
}

export function BalanceChart(props: BalanceChartProps) {
  const { t, formatAmount, formatDay, locale } = props;
  const chart = useMemo(
    () =>
      buildChart(props.readings, {
        width: props.width ?? 320,
        height: props.height ?? 130,
        // Room on the left for the balance axis's labels, below for the time axis's.
        padding: { top: 14, right: 10, bottom: 20, left: 58 },
      }),
    [props.readings, props.width, props.height],
  );
  const marks = useMemo(
    () => (chart ? rechargeMarks(props.recharges ?? [], chart) : []),
    [chart, props.recharges],
  );

  if (!chart) return <p class="lk-detail__muted">{t('detailChartEmpty')}</p>;

  const label = chartLabel(chart, t, formatAmount, formatDay, marks, locale);
  const last = chart.points[chart.points.length - 1]!;
  const [zeroTick, topTick] = [chart.ticks[0]!, chart.ticks[1]!];
  const dots = chart.points.length <= MAX_DOTS ? chart.points : [last];
  const axisY = chart.height - 5;
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
        {/* Balance axis: the top of the scale and zero. */}
        {[topTick, zeroTick].map((tick) => (
          <text
            key={tick.value}
            class="lk-chart__label"
            x={chart.plot.left - 6}
            y={tick.y + 3}
            text-anchor="end"
          >
            {formatAmount(tick.value)}
          </text>
        ))}
        {marks.map((mark) => (
          <g key={`${mark.date}-${mark.x}`} class="lk-chart__mark" data-recharge={mark.date}>
            <line x1={mark.x} x2={mark.x} y1={chart.plot.top} y2={chart.plot.bottom} />
            <path
              d={`M${mark.x - 4} ${chart.plot.top - 6} L${mark.x + 4} ${chart.plot.top - 6} L${mark.x} ${chart.plot.top} Z`}
            />
          </g>
        ))}
        {chart.area ? <path class="lk-chart__area" d={chart.area} /> : null}
        <path class="lk-chart__line" d={chart.path} />
        {dots.map((point) => (
          <circle
            key={`${point.at}`}
            class="lk-chart__dot"
            cx={point.x}
            cy={point.y}
            r={point === last ? 3.5 : 2.5}
          />
        ))}
        {/* Time axis: the first and the last day. */}
        <text class="lk-chart__label" x={chart.plot.left} y={axisY}>
          {formatDay(chart.first.at)}
        </text>
        {chart.last.at !== chart.first.at && (
          <text class="lk-chart__label" x={chart.plot.right} y={axisY} text-anchor="end">
            {formatDay(chart.last.at)}
          </text>
        )}
      </svg>
      <figcaption class="lk-chart__legend" aria-hidden="true">
        <span>
          <span class="lk-chart__dot-key" /> {t('chartAxisBalance')}: {formatAmount(last.amount)}
        </span>
        {marks.length > 0 && (
          <span>
            <span class="lk-chart__mark-key" /> {t('chartRechargeLegend')}
          </span>
        )}
      </figcaption>
      {/* Hidden in a box, not as a table: a table is never narrower than its content, and
          one 1 px wide would still widen the popup sideways. */}
      <div class="lk-visually-hidden">
        <table>
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
      </div>
    </figure>
  );
}
