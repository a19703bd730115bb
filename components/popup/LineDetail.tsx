/**
 * One line in detail: what LineKeeper knows of it, every action on it (recharge, renew,
 * edit, snooze, delete), what to do when it has expired or is about to (LineGuidance), the
 * balance over time with the recharges marked, money spent per year, the receipts
 * (operation numbers, copyable), renewals and the reading history. Reads the database with
 * Dexie liveQuery (the background's writes show up by themselves); writes only through the
 * App's actions. A line may hold 50,000 readings: the history is read newest first through
 * the [lineId+readAt] index, a page at a time.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LineKeeperDb } from '../../utils/background/db';
import { formatCount, formatIsoDate, formatMoney, pickPlural } from '../../utils/domain/format';
import { lineGuidance } from '../../utils/domain/guidance';
import type { MessageKey, Translate, UiLocale } from '../../utils/domain/i18n';
import {
  CHART_READING_LIMIT,
  HISTORY_PAGE_SIZE,
  formatDayOf,
  formatReadAt,
  historyRows,
  receiptRows,
  sortRenewals,
  spendPerYear,
} from '../../utils/popup/line-detail';
import { lineRowView, noteExplanations, type RowFormatter } from '../../utils/popup/line-list';
import { BalanceChart } from './BalanceChart';
import { LineGuidance } from './LineGuidance';
import { LineMenu, Named, type LineActions } from './LineMenu';
import { popupDb, useLiveResult } from './data';
import { readLineDetail } from '../../utils/popup/queries';
import './detail.css';

export interface LineDetailProps {
  lineId: string;
  locale: UiLocale;
  t: Translate;
  hideNumbers: boolean;
  /** The list's row formatter (same `now`, language and hidden numbers). */
  format: RowFormatter;
  actions: LineActions;
  onBack(): void;
  onGlossary(): void;
  /** The database to read (tests); the popup's own by default. */
  db?: LineKeeperDb;
}

function monthsKey(months: 1 | 3 | 12): MessageKey {
  return months === 1 ? 'detailMonths1' : months === 3 ? 'detailMonths3' : 'detailMonths12';
}

export function LineDetail(props: LineDetailProps) {
  const { lineId, locale, t, format, actions, onBack, onGlossary } = props;
  const db = props.db ?? popupDb();
  const [shown, setShown] = useState(HISTORY_PAGE_SIZE);
  const heading = useRef<HTMLHeadingElement>(null);
  // One indexed query feeds both the history (first `shown`) and the chart (the newest 400).
  const limit = Math.max(shown + 1, CHART_READING_LIMIT);
  const result = useLiveResult(() => readLineDetail(db, lineId, limit), [lineId, db, limit]);
  const data = result.status === 'ready' ? result.value : undefined;

  // Land keyboard and screen-reader users on the new view.
  useEffect(() => heading.current?.focus(), [lineId, data === undefined]);
  useEffect(() => setShown(HISTORY_PAGE_SIZE), [lineId]);

  const money = (amount: number) => formatMoney(amount, locale);
  const day = (at: number) => formatDayOf(at, locale);

  const rows = useMemo(
    () => (data ? historyRows(data.readings.slice(0, shown)) : []),
    [data, shown],
  );
  const chartReadings = useMemo(
    () => (data ? data.readings.slice(0, CHART_READING_LIMIT) : []),
    [data],
  );
  const renewals = useMemo(() => (data ? sortRenewals(data.renewals) : []), [data]);
  const spend = useMemo(() => spendPerYear(renewals), [renewals]);
  const receipts = useMemo(() => receiptRows(renewals), [renewals]);

  const back = (
    <button type="button" class="lk-detail__back" onClick={onBack}>
      <span aria-hidden="true">← </span>
      {t('detailBack')}
    </button>
  );

  if (result.status === 'error') {
    return (
      <section class="lk-detail">
        {back}
        <p class="lk-status-error" role="alert">
          {t('detailLoadFailed')}
        </p>
      </section>
    );
  }
  if (data === undefined) {
    return (
      <section class="lk-detail" aria-busy="true">
        {back}
        <p class="lk-detail__muted">{t('detailLoading')}</p>
      </section>
    );
  }
  const { line } = data;
  if (!line) {
    return (
      <section class="lk-detail">
        {back}
        <h2 ref={heading} tabIndex={-1}>
          {t('detailNotFound')}
        </h2>
      </section>
    );
  }

  const row = lineRowView(line, format);
  const guidance = lineGuidance({
    daysLeft: row.daysLeft,
    estimated: row.estimated,
    carrier: line.carrier,
    leadWindow: format.context.leadWindow,
  });
  const more = data.readings.length > shown;
  const headingId = `lk-detail-${line.id}`;

  return (
    <section class="lk-detail" aria-labelledby={headingId} data-line-id={line.id}>
      {back}
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {row.title}
      </h2>
      <p class="lk-detail__meta">
        {row.number ? `${row.carrierName} · ${row.number}` : row.carrierName}
      </p>
      <p class="lk-detail__status">
        <span class={`pill pill--${row.urgency}`}>
          {row.urgencyLabel && <strong>{row.urgencyLabel} · </strong>}
          {row.daysLeftText}
        </span>{' '}
        <span data-testid="detail-expiry">{row.expiryPhrase}</span>
      </p>
      {row.estimated && <p class="lk-detail__muted">{t('notifEstimated')}</p>}
      <dl class="lk-detail__facts">
        <div>
          <dt>{t('popupBalance')}</dt>
          <dd>{row.balance ?? t('popupUnknown')}</dd>
        </div>
      </dl>
      {row.lastRead && <p class="lk-detail__muted lk-detail__read">{row.lastRead}</p>}
      {row.snoozed && <p class="lk-detail__muted">⏸ {row.snoozed}</p>}
      {row.question && (
        <div class="row__question" role="group" aria-label={row.question.text}>
          <p class="small">{row.question.text}</p>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => actions.resolveExpiry(line.id, 'mine', row.question!.expiresOn)}
          >
            {t('popupKeepMine')}
          </button>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => actions.resolveExpiry(line.id, 'page', row.question!.expiresOn)}
          >
            {t('popupUsePageDate')}
          </button>
        </div>
      )}

      <div class="lk-detail__actions" role="group" aria-label={t('detailActionsTitle')}>
        <button
          type="button"
          class="btn btn--primary btn--small"
          onClick={() => actions.recharge(line.id)}
        >
          <Named text={t('popupRecharge')} name={row.title} />
        </button>
        <LineMenu
          lineId={line.id}
          name={row.title}
          snoozed={row.snoozed !== null}
          t={t}
          actions={actions}
        />
      </div>

      {guidance && row.expiryDate && (
        <LineGuidance
          guidance={guidance}
          carrier={line.carrier}
          date={row.expiryDate}
          t={t}
          idPrefix={headingId}
          onGlossary={onGlossary}
        />
      )}

      <section class="lk-detail__section" aria-labelledby={`${headingId}-chart`}>
        <h3 id={`${headingId}-chart`}>{t('detailChartTitle')}</h3>
        <BalanceChart
          readings={chartReadings}
          recharges={renewals}
          locale={locale}
          t={t}
          formatAmount={money}
          formatDay={day}
        />
      </section>

      <section class="lk-detail__section" aria-labelledby={`${headingId}-spend`}>
        <h3 id={`${headingId}-spend`}>{t('detailSpendTitle')}</h3>
        {spend.length === 0 ? (
          <p class="lk-detail__muted">{t('detailRenewalsEmpty')}</p>
        ) : (
          <table data-testid="spend-per-year">
            <thead>
              <tr>
                <th scope="col">{t('detailColYear')}</th>
                <th scope="col" class="lk-num">
                  {t('detailColTotal')}
                </th>
                <th scope="col">
                  <span class="lk-visually-hidden">{t('detailRenewalsTitle')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {spend.map((year) => (
                <tr key={year.year}>
                  <th scope="row">{year.year}</th>
                  <td class="lk-num">{money(year.total)}</td>
                  <td class="lk-detail__muted">
                    {t('detailSpendCount', [String(year.count)])}
                    {year.withoutAmount > 0
                      ? ` · ${t('detailSpendWithoutAmount', [String(year.withoutAmount)])}`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="lk-detail__section" aria-labelledby={`${headingId}-receipts`}>
        <h3 id={`${headingId}-receipts`}>{t('detailReceiptsTitle')}</h3>
        {receipts.length === 0 ? (
          <p class="lk-detail__muted">{t('detailReceiptsEmpty')}</p>
        ) : (
          <>
            <p class="lk-detail__muted">{t('detailReceiptsHint')}</p>
            <ul class="lk-detail__list" data-testid="receipts">
              {receipts.map((receipt) => (
                <ReceiptItem
                  key={receipt.id}
                  operationId={receipt.operationId}
                  date={formatIsoDate(receipt.date, locale)}
                  amount={
                    receipt.amount === null ? t('detailAmountUnknown') : money(receipt.amount)
                  }
                  t={t}
                />
              ))}
            </ul>
          </>
        )}
      </section>

      <section class="lk-detail__section" aria-labelledby={`${headingId}-renewals`}>
        <h3 id={`${headingId}-renewals`}>{t('detailRenewalsTitle')}</h3>
        {renewals.length === 0 ? (
          <p class="lk-detail__muted">{t('detailRenewalsEmpty')}</p>
        ) : (
          <ul class="lk-detail__list" data-testid="renewals">
            {renewals.map((renewal) => (
              <li key={renewal.id}>
                <strong>{formatIsoDate(renewal.date, locale)}</strong>
                {' · '}
                {renewal.amount === null ? t('detailAmountUnknown') : money(renewal.amount)}
                {renewal.months ? ` · ${t(monthsKey(renewal.months))}` : ''}
                <span class="lk-detail__muted">
                  {' · '}
                  {t(renewal.source === 'receipt' ? 'detailSourceReceipt' : 'detailSourceManual')}
                </span>
                {renewal.note ? <div class="lk-detail__muted">{renewal.note}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* Not a landmark itself: the scrolling table inside is the region named by this heading. */}
      <div class="lk-detail__section">
        <h3 id={`${headingId}-history`}>{t('detailHistoryTitle')}</h3>
        {rows.length === 0 ? (
          <p class="lk-detail__muted">{t('detailHistoryEmpty')}</p>
        ) : (
          <>
            <p class="lk-detail__muted">
              {t(
                pickPlural(
                  rows.length,
                  locale,
                  'detailShowingLatestOne',
                  'detailShowingLatestOther',
                ),
                [formatCount(rows.length, locale)],
              )}
            </p>
            <div
              class="lk-detail__table-wrap"
              tabIndex={0}
              role="region"
              aria-labelledby={`${headingId}-history`}
            >
              <table data-testid="history">
                <thead>
                  <tr>
                    <th scope="col">{t('detailColWhen')}</th>
                    <th scope="col">{t('detailColPage')}</th>
                    <th scope="col" class="lk-num">
                      {t('detailColBalance')}
                    </th>
                    <th scope="col">{t('detailColExpiry')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <td>{formatReadAt(row.readAt, locale)}</td>
                      <td>
                        <div class="lk-detail__path" title={row.path}>
                          {row.path}
                        </div>
                        {row.operationId ? (
                          <div class="lk-detail__muted">
                            {t('detailReceiptRow', [row.operationId])}
                          </div>
                        ) : null}
                      </td>
                      <td class="lk-num">{row.balance === null ? '—' : money(row.balance)}</td>
                      <td>
                        {row.expiresOn ? formatIsoDate(row.expiresOn, locale) : '—'}
                        {noteExplanations(row, t, (date) => formatIsoDate(date, locale)).map(
                          (text) => (
                            <div key={text} class="lk-detail__muted" data-held>
                              {text}
                            </div>
                          ),
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {more ? (
              <button
                type="button"
                class="lk-detail__more"
                onClick={() => setShown((n) => n + HISTORY_PAGE_SIZE)}
              >
                {t('detailShowMore')}
              </button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

function ReceiptItem(props: { operationId: string; date: string; amount: string; t: Translate }) {
  const { operationId, t } = props;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(operationId);
      setState('copied');
    } catch {
      setState('failed');
    }
    timer.current = setTimeout(() => setState('idle'), 2500);
  };

  return (
    <li class="lk-detail__receipt">
      <div>
        <div class="lk-detail__opid">{t('detailOperation', [operationId])}</div>
        <div class="lk-detail__muted">
          {props.date} · {props.amount}
        </div>
      </div>
      <div>
        <button
          type="button"
          onClick={() => void copy()}
          aria-label={t('detailCopyLabel', [operationId])}
        >
          {state === 'copied' ? t('detailCopied') : t('detailCopy')}
        </button>
        <span role="status" class={state === 'failed' ? 'lk-status-error' : 'lk-visually-hidden'}>
          {state === 'copied' ? t('detailCopied') : state === 'failed' ? t('detailCopyFailed') : ''}
        </span>
      </div>
    </li>
  );
}
