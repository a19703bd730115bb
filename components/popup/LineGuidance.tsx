/**
 * What to know and do about an expired or expiring line (utils/domain/guidance.ts): what
 * it can still do, what the user risks (the carrier's period is unknown, and said so), what
 * to do now, and the carrier's help numbers, labelled as third-party information.
 */
import type { CarrierId } from '../../utils/carriers';
import { GLOSSARY_OPEN } from '../../utils/domain/glossary';
import { guidanceText, type Guidance } from '../../utils/domain/guidance';
import type { Translate } from '../../utils/domain/i18n';

export interface LineGuidanceProps {
  guidance: Guidance;
  carrier: CarrierId;
  /** The expiry as the popup writes dates. */
  date: string;
  t: Translate;
  idPrefix: string;
  onGlossary(): void;
}

export function LineGuidance(props: LineGuidanceProps) {
  const { guidance, carrier, date, t, idPrefix, onGlossary } = props;
  const text = guidanceText(guidance, carrier, date, t);
  const titleId = `${idPrefix}-guidance`;
  return (
    <section
      class={`lk-guidance lk-guidance--${guidance.stage}`}
      aria-labelledby={titleId}
      data-testid="guidance"
    >
      <h3 id={titleId}>{text.title}</h3>
      {text.canStill.length > 0 && (
        <>
          <h4>{t('guideCanStillTitle')}</h4>
          {text.canStill.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </>
      )}
      <h4>{t('guideRiskTitle')}</h4>
      <p>{text.risk}</p>
      <h4>{t('guideDoTitle')}</h4>
      <p>{text.todo}</p>
      {text.estimate && <p class="lk-guidance__estimate">{text.estimate}</p>}
      <h4>{t('guideHelpTitle')}</h4>
      <ul class="lk-guidance__contacts">
        {text.contacts.map((contact) => (
          <li key={contact}>{contact}</li>
        ))}
      </ul>
      <p class="lk-detail__muted">{text.contactsSource}</p>
      <p>
        <button type="button" class="lk-detail__link" onClick={onGlossary}>
          {t(GLOSSARY_OPEN)}
        </button>
      </p>
    </section>
  );
}
