/**
 * The list of lines, most urgent first. Rows are view-models from utils/popup/line-list.ts; the
 * first screenful renders at once and the rest follows in chunks on the next frames, so a
 * popup with 500 lines paints immediately.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Translate } from '../../utils/domain/i18n';
import {
  SNOOZE_CHOICES_DAYS,
  lineRowView,
  type ListLine,
  type LineRowView,
  type RowFormatter,
} from '../../utils/popup/line-list';

/**
 * Rows rendered in the first frame: more than fit in a 600 px popup (rows are ~150 px), or
 * in a tall tab; the rest follow on the next frames.
 */
const FIRST_ROWS = 8;
const ROWS_PER_FRAME = 100;

export interface LineActions {
  recharge(lineId: string): void;
  renew(lineId: string): void;
  details(lineId: string): void;
  edit(lineId: string): void;
  remove(lineId: string): void;
  /** `days` null ends the snooze. */
  snooze(lineId: string, days: number | null): void;
  /** The answer to "the page says …, keep which?" (row.question). */
  resolveExpiry(lineId: string, keep: 'mine' | 'page', expiresOn: string): void;
}

export interface LineListProps {
  /** Already sorted (sortLines). */
  lines: readonly ListLine[];
  /** How many lines there are in all: more than `lines` while only the snapshot is in. */
  total?: number;
  format: RowFormatter;
  actions: LineActions;
}

export function LineList({ lines, total, format, actions }: LineListProps) {
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => {
    if (shown >= lines.length) return;
    const frame = requestAnimationFrame(() => setShown((count) => count + ROWS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [shown, lines.length]);

  const rows = useMemo(
    () => lines.slice(0, shown).map((line) => lineRowView(line, format)),
    [lines, shown, format],
  );
  const { t } = format.context;

  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title" class="section-title">
        {t('popupLinesTitle', [String(total ?? lines.length)])}
      </h2>
      <ul class="lines">
        {rows.map((row) => (
          <LineRow key={row.id} row={row} t={t} actions={actions} />
        ))}
      </ul>
    </section>
  );
}

interface LineRowProps {
  row: LineRowView;
  t: Translate;
  actions: LineActions;
}

function LineRow({ row, t, actions }: LineRowProps) {
  const [moreOpen, setMoreOpen] = useState(false);
  const moreId = `more-${row.id}`;
  const titleId = `title-${row.id}`;
  const named = (text: string) => (
    <>
      {text}
      <span class="sr-only"> — {row.title}</span>
    </>
  );
  return (
    <li class={`row row--${row.urgency}`} aria-labelledby={titleId} data-line-id={row.id}>
      <span class="row__stripe" style={{ background: row.carrierColor }} aria-hidden="true" />
      <div class="row__body">
        <div class="row__head">
          <span class="carrier">
            <span
              class="carrier__dot"
              style={{ background: row.carrierColor }}
              aria-hidden="true"
            />
            {row.carrierName}
          </span>
          <span class={`pill pill--${row.urgency}`}>
            {row.urgencyLabel && <strong>{row.urgencyLabel} · </strong>}
            {row.daysLeftText}
          </span>
        </div>
        <h3 class="row__title" id={titleId}>
          <button type="button" class="linklike" onClick={() => actions.details(row.id)}>
            {row.title}
          </button>
        </h3>
        {row.number && <p class="row__number">{row.number}</p>}
        <dl class="facts">
          <div>
            <dt>{t('popupExpiry')}</dt>
            <dd>
              {row.expiryDate ?? t('popupExpiryUnknown')}
              {row.estimated && (
                <span class="tag" title={t('notifEstimated')}>
                  {t('popupEstimated')}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('popupBalance')}</dt>
            <dd>{row.balance ?? t('popupUnknown')}</dd>
          </div>
        </dl>
        {row.question && (
          <div class="row__question" role="group" aria-label={row.question.text}>
            <p class="small">{row.question.text}</p>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => actions.resolveExpiry(row.id, 'mine', row.question!.expiresOn)}
            >
              {named(t('popupKeepMine'))}
            </button>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => actions.resolveExpiry(row.id, 'page', row.question!.expiresOn)}
            >
              {named(t('popupUsePageDate'))}
            </button>
          </div>
        )}
        {row.lastRead && <p class="muted small row__read">{row.lastRead}</p>}
        {row.snoozed && <p class="muted small">⏸ {row.snoozed}</p>}
        <div class="row__actions">
          <button
            type="button"
            class="btn btn--primary btn--small"
            onClick={() => actions.recharge(row.id)}
          >
            {named(t('popupRecharge'))}
          </button>
          <button type="button" class="btn btn--small" onClick={() => actions.renew(row.id)}>
            {named(t('popupMarkRenewed'))}
          </button>
          <button
            type="button"
            class="btn btn--small"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            onClick={() => setMoreOpen((open) => !open)}
          >
            {named(t('popupMore'))}
          </button>
        </div>
        {moreOpen && (
          <div class="row__more" id={moreId}>
            <button type="button" class="btn btn--small" onClick={() => actions.details(row.id)}>
              {named(t('popupDetails'))}
            </button>
            <button type="button" class="btn btn--small" onClick={() => actions.edit(row.id)}>
              {named(t('popupEdit'))}
            </button>
            {row.snoozed ? (
              <button
                type="button"
                class="btn btn--small"
                onClick={() => actions.snooze(row.id, null)}
              >
                {named(t('popupUnsnooze'))}
              </button>
            ) : (
              SNOOZE_CHOICES_DAYS.map((days) => (
                <button
                  key={days}
                  type="button"
                  class="btn btn--small"
                  onClick={() => actions.snooze(row.id, days)}
                >
                  {named(
                    days === 1 ? t('popupSnoozeTomorrow') : t('popupSnoozeDays', [String(days)]),
                  )}
                </button>
              ))
            )}
            <button
              type="button"
              class="btn btn--small btn--danger"
              onClick={() => actions.remove(row.id)}
            >
              {named(t('popupDelete'))}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
