/**
 * The carriers' Spanish words and what they mean, in the user's language
 * (utils/domain/glossary.ts: the overlay links to the same content). The words stay
 * Spanish and are marked so, for screen readers to say them right.
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  GLOSSARY_INTRO,
  GLOSSARY_TERM_LANG,
  GLOSSARY_TITLE,
  glossaryEntries,
} from '../../utils/domain/glossary';
import type { Translate } from '../../utils/domain/i18n';

export interface GlossaryProps {
  t: Translate;
  onBack(): void;
}

export function Glossary({ t, onBack }: GlossaryProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="panel glossary" aria-labelledby="glossary-title">
      <button type="button" class="btn btn--small back" onClick={onBack}>
        <span aria-hidden="true">← </span>
        {t('popupBack')}
      </button>
      <h2 id="glossary-title" ref={heading} tabIndex={-1}>
        {t(GLOSSARY_TITLE)}
      </h2>
      <p>{t(GLOSSARY_INTRO)}</p>
      <dl class="glossary__list">
        {glossaryEntries(t).map((entry) => (
          <div key={entry.term} class="glossary__entry">
            <dt lang={GLOSSARY_TERM_LANG}>{entry.term}</dt>
            <dd>{entry.meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
