/**
 * Readings waiting for a line (the page did not say which line for sure, or a limit held it
 * back), shown even when there is no line yet: one folded row above the list, "2 readings
 * wait for a line", that opens them. Each says what the page showed and why it waits, and
 * offers "this is line …" (only lines it can be), "add as a new line" and "discard".
 */
import type { Translate } from '../../utils/domain/i18n';
import type { UnassignedView } from '../../utils/popup/line-list';

export interface UnassignedReadingsProps {
  t: Translate;
  readings: UnassignedView[];
  onAssign(readingId: number, lineId: string): void;
  onAddLine(readingId: number): void;
  onDiscard(readingId: number): void;
}

export function UnassignedReadings(props: UnassignedReadingsProps) {
  const { t, readings, onAssign, onAddLine, onDiscard } = props;
  if (readings.length === 0) return null;
  const count = String(readings.length);
  return (
    <section class="unassigned" aria-labelledby="unassigned-title">
      <details>
        <summary id="unassigned-title" class="section-title">
          {readings.length === 1 ? t('popupWaitingOne') : t('popupWaitingMany', [count])}
        </summary>
        <ul class="lines">
          {readings.map((reading) => (
            <li
              key={reading.readingId}
              class="row row--unassigned"
              data-reading-id={reading.readingId}
            >
              <div>
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
                {reading.why.map((text) => (
                  <p key={text} class="small">
                    {text}
                  </p>
                ))}
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
                  {reading.canAddLine && (
                    <button
                      type="button"
                      class="btn btn--small"
                      onClick={() => onAddLine(reading.readingId)}
                    >
                      {t('popupAddAsNewLine')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="btn btn--small btn--danger"
                    onClick={() => onDiscard(reading.readingId)}
                  >
                    {t('popupDiscardReading')}
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
