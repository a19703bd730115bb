/** First run: what to do to get a line into LineKeeper. */
import { CARRIERS } from '../../utils/carriers';
import type { Translate } from '../../utils/domain/i18n';

export interface EmptyStateProps {
  t: Translate;
  openTab(url: string): void;
  onAdd(): void;
}

export function EmptyState({ t, openTab, onAdd }: EmptyStateProps) {
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('popupEmptyTitle')}</h2>
      <p>{t('popupEmptyBody')}</p>
      <ul class="portal-links">
        {CARRIERS.map((carrier) => (
          <li key={carrier.id}>
            <a
              href={carrier.portalUrl}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(event) => {
                // tabs.create works the same in Chrome and Firefox popups.
                event.preventDefault();
                openTab(carrier.portalUrl);
              }}
            >
              <span class="carrier__dot" style={{ background: carrier.color }} aria-hidden="true" />
              {t('popupOpenPortal', [carrier.portalName])}
            </a>
          </li>
        ))}
      </ul>
      <p>{t('popupEmptyOr')}</p>
      <button type="button" class="btn btn--primary" onClick={onAdd}>
        {t('popupAddLine')}
      </button>
      <p class="muted small">{t('popupPrivacy')}</p>
    </section>
  );
}
