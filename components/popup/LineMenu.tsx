/**
 * A line's actions besides Recharge: the row's "More actions" menu and the detail's action
 * bar show the same buttons (renew, edit, snooze or resume, delete), so every action is
 * one click from the list and from the detail. Each button's accessible name ends with
 * the line's name ("Delete — Mamá"): a list of rows has many "Delete" buttons.
 */
import type { Translate } from '../../utils/domain/i18n';
import { SNOOZE_CHOICES_DAYS } from '../../utils/popup/line-list';

export interface LineActions {
  /** Copies the number for the recharge page and opens it (App.tsx). */
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

export interface LineMenuProps {
  lineId: string;
  /** The line's name, for screen readers. */
  name: string;
  snoozed: boolean;
  t: Translate;
  actions: LineActions;
  /** Offer "History and receipts" (the row's menu; the detail is that view already). */
  withDetails?: boolean;
}

/** "Delete" for the eye, "Delete — Mamá" for a screen reader. */
export function Named({ text, name }: { text: string; name: string }) {
  return (
    <>
      {text}
      <span class="sr-only"> — {name}</span>
    </>
  );
}

export function LineMenu({ lineId, name, snoozed, t, actions, withDetails }: LineMenuProps) {
  return (
    <>
      {withDetails && (
        <button type="button" class="btn btn--small" onClick={() => actions.details(lineId)}>
          <Named text={t('popupDetails')} name={name} />
        </button>
      )}
      <button type="button" class="btn btn--small" onClick={() => actions.renew(lineId)}>
        <Named text={t('popupMarkRenewed')} name={name} />
      </button>
      <button type="button" class="btn btn--small" onClick={() => actions.edit(lineId)}>
        <Named text={t('popupEdit')} name={name} />
      </button>
      {snoozed ? (
        <button type="button" class="btn btn--small" onClick={() => actions.snooze(lineId, null)}>
          <Named text={t('popupUnsnooze')} name={name} />
        </button>
      ) : (
        SNOOZE_CHOICES_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            class="btn btn--small"
            onClick={() => actions.snooze(lineId, days)}
          >
            <Named
              text={days === 1 ? t('popupSnoozeTomorrow') : t('popupSnoozeDays', [String(days)])}
              name={name}
            />
          </button>
        ))
      )}
      <button
        type="button"
        class="btn btn--small btn--danger"
        onClick={() => actions.remove(lineId)}
      >
        <Named text={t('popupDelete')} name={name} />
      </button>
    </>
  );
}
