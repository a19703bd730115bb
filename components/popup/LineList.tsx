/**
 * The list of lines, most urgent first, one compact row per line (a family keeps several):
 * the name (else the number), the carrier, days left as colour and words, the expiry date,
 * and one primary action (Recharge); the number under a name is in the detail. The name opens the line's detail; "More actions" opens the
 * rest (renew, edit, snooze, delete) under the row. Rows are view-models from
 * utils/popup/line-list.ts; the first screenful renders at once and the rest follows in
 * chunks on the next frames, so a popup with 500 lines paints immediately.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Translate } from '../../utils/domain/i18n';
import {
  lineRowView,
  type ListLine,
  type LineRowView,
  type RowFormatter,
} from '../../utils/popup/line-list';
import { LineMenu, Named, type LineActions } from './LineMenu';

export type { LineActions };

/**
 * Rows rendered in the first frame: more than fit in a 600 px popup (rows are ~60 px) or
 * in a tall tab; the rest follow on the next frames.
 */
const FIRST_ROWS = 16;
const ROWS_PER_FRAME = 100;

export interface LineListProps {
  /** Already sorted (sortLines). */
  lines: readonly ListLine[];
  /** How many lines there are in all: more than `lines` while only the snapshot is in. */
  total?: number;
  format: RowFormatter;
  actions: LineActions;
  /** Opens the add-line form (the button sits by the list's heading). */
  onAdd(): void;
}

export function LineList({ lines, total, format, actions, onAdd }: LineListProps) {
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
      <div class="lines__head">
        <h2 id="lines-title" class="section-title">
          {t('popupLinesTitle', [String(total ?? lines.length)])}
        </h2>
        <button type="button" class="btn btn--small btn--primary" onClick={onAdd}>
          {t('popupAddLine')}
        </button>
      </div>
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
  return (
    <li class={`row row--${row.urgency}`} aria-labelledby={titleId} data-line-id={row.id}>
      <div class="row__main">
        <h3 class="row__title" id={titleId}>
          <button type="button" class="linklike" onClick={() => actions.details(row.id)}>
            {row.title}
          </button>
        </h3>
        <span class={`pill pill--${row.urgency}`}>
          {row.urgencyLabel && <strong>{row.urgencyLabel} · </strong>}
          {row.daysLeftText}
        </span>
      </div>
      <div class="row__sub">
        <span class="carrier">
          <span class="carrier__dot" style={{ background: row.carrierColor }} aria-hidden="true" />
          {row.carrierName}
        </span>
        {row.expiryDate && (
          <span class="row__expiry">
            <span class="sr-only">{t('popupExpiry')} </span>
            {row.expiryDate}
            {row.estimated && (
              <span class="tag" title={t('notifEstimated')}>
                {t('popupEstimated')}
              </span>
            )}
          </span>
        )}
        {row.snoozed && (
          <span class="row__snoozed" title={row.snoozed}>
            <span aria-hidden="true">⏸ </span>
            <span class="sr-only">{row.snoozed}</span>
            <span aria-hidden="true">{t('popupSnoozedShort')}</span>
          </span>
        )}
        <span class="row__actions">
          <button
            type="button"
            class="btn btn--primary btn--small"
            onClick={() => actions.recharge(row.id)}
          >
            <Named text={t('popupRecharge')} name={row.title} />
          </button>
          <button
            type="button"
            class="btn btn--small btn--icon"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            onClick={() => setMoreOpen((open) => !open)}
          >
            <span aria-hidden="true">⋯</span>
            <span class="sr-only">
              {t('popupMoreActions')} — {row.title}
            </span>
          </button>
        </span>
      </div>
      {row.question && (
        <div class="row__question" role="group" aria-label={row.question.text}>
          <p class="small">{row.question.text}</p>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => actions.resolveExpiry(row.id, 'mine', row.question!.expiresOn)}
          >
            <Named text={t('popupKeepMine')} name={row.title} />
          </button>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => actions.resolveExpiry(row.id, 'page', row.question!.expiresOn)}
          >
            <Named text={t('popupUsePageDate')} name={row.title} />
          </button>
        </div>
      )}
      {moreOpen && (
        <div class="row__more" id={moreId}>
          <LineMenu
            lineId={row.id}
            name={row.title}
            snoozed={row.snoozed !== null}
            t={t}
            actions={actions}
            withDetails
          />
        </div>
      )}
    </li>
  );
}
