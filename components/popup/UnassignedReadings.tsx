/**
 * Readings the background could not place (the page showed no number and the carrier has
 * several lines): one click says which line it was.
 */
import type { Translate } from '../../utils/domain/i18n';
import type { UnassignedView } from '../../utils/popup/line-list';

export interface UnassignedReadingsProps {
  t: Translate;
  readings: UnassignedView[];
  onAssign(readingId: number, lineId: string): void;
}

export function UnassignedReadings({ t, readings, onAssign }: UnassignedReadingsProps) {
  if (readings.length === 0) return null;
  return (
    <section class="unassigned" aria-labelledby="unassigned-title">
      <h2 id="unassigned-title" class="section-title">
        {t('popupUnassignedTitle')}
      </h2>
      <p class="small">{t('popupUnassignedBody')}</p>
      <ul class="lines">
        {readings.map((reading) => (
          <li key={reading.readingId} class="row row--unassigned">
            <span
              class="row__stripe"
              style={{ background: reading.carrierColor }}
              aria-hidden="true"
            />
            <div class="row__body">
              <p class="carrier">
                <span
                  class="carrier__dot"
                  style={{ background: reading.carrierColor }}
                  aria-hidden="true"
                />
                {reading.carrierName}
              </p>
              <p class="small row__read">{reading.read}</p>
              {reading.facts.length > 0 && <p>{reading.facts.join(' · ')}</p>}
              <div class="row__actions" role="group" aria-label={t('popupUnassignedWhich')}>
                {reading.candidates.map((candidate) => (
                  <button
                    key={candidate.lineId}
                    type="button"
                    class="btn btn--small"
                    onClick={() => onAssign(reading.readingId, candidate.lineId)}
                  >
                    {t('popupThisIsLine', [candidate.name])}
                  </button>
                ))}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
