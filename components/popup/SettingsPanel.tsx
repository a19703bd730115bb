/**
 * Settings: the interface language, reminder lead days and hour, notifications, the overlay
 * per carrier, and the hosts where the overlay was hidden; a way to the glossary. Every
 * change is saved at once (ui:save-settings); the form shows what the database holds
 * (liveQuery), plus changes still on their way.
 */
import { send } from '../../utils/protocol/send';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CARRIERS } from '../../utils/carriers';
import { BCP47_BY_LOCALE } from '../../utils/domain/format';
import { GLOSSARY_OPEN } from '../../utils/domain/glossary';
import type { Translate } from '../../utils/domain/i18n';
import { LANGUAGE_CHOICE_ORDER, LANGUAGE_NAME_KEYS } from '../../utils/popup/language';
import {
  LEAD_DAY_CHOICES,
  leadDayLabel,
  toggleLeadDay,
  withoutHost,
} from '../../utils/popup/line-form';
import type { CarrierId, Settings } from '../../utils/domain/records';
import { errorMessage } from './data';

export interface SettingsPanelProps {
  t: Translate;
  settings: Settings;
  onBack(): void;
  /** Opens the glossary of the carriers' words. */
  onGlossary(): void;
  /** The colleague's backup and calendar section, rendered at the end. */
  children?: ComponentChildren;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function SettingsPanel(props: SettingsPanelProps) {
  const { t, settings: stored, onBack, onGlossary, children } = props;
  // "Saved" is kept as a flag, not as text: after a change of language it reads in the new one.
  const [status, setStatus] = useState<{ error: string | null } | null>(null);
  // Changes sent but not yet back through the live query: shown at once, so a control
  // never jumps back to its old state while the background writes.
  const [pending, setPending] = useState<Partial<Settings>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => setPending({}), [stored]);
  const settings: Settings = { ...stored, ...pending };

  async function save(patch: Partial<Settings>) {
    setPending((current) => ({ ...current, ...patch }));
    const reply = await send({ type: 'ui:save-settings', settings: patch });
    if (!reply.ok) setPending({});
    setStatus({ error: reply.ok ? null : errorMessage(reply.error, t) });
  }

  const leadChoices = [...new Set([...LEAD_DAY_CHOICES, ...settings.leadDays])].sort(
    (a, b) => b - a,
  );
  const overlayOn = (carrier: CarrierId) => !settings.overlayDisabledCarriers.includes(carrier);

  return (
    <section class="panel" aria-labelledby="settings-title">
      <button type="button" class="btn btn--small back" onClick={onBack}>
        <span aria-hidden="true">← </span>
        {t('popupBackToLines')}
      </button>
      <h2 id="settings-title" ref={heading} tabIndex={-1}>
        {t('popupSettingsTitle')}
      </h2>

      <fieldset class="field" aria-describedby="settings-language-hint">
        <legend>{t('settingsLanguageTitle')}</legend>
        <div class="choices choices--column">
          {LANGUAGE_CHOICE_ORDER.map((choice) => (
            // Each language is named in itself (and marked so for screen readers).
            <label
              key={choice}
              class="choice"
              lang={choice === 'auto' ? undefined : BCP47_BY_LOCALE[choice]}
            >
              <input
                type="radio"
                name="settings-language"
                value={choice}
                checked={(settings.language ?? 'auto') === choice}
                onChange={() => void save({ language: choice })}
              />
              {choice === 'auto' ? t('settingsLanguageAuto') : t(LANGUAGE_NAME_KEYS[choice])}
            </label>
          ))}
        </div>
        <p class="field__hint" id="settings-language-hint">
          {t('settingsLanguageHint')}
        </p>
      </fieldset>

      <fieldset class="field">
        <legend>{t('popupRemindersTitle')}</legend>
        <label class="choice">
          <input
            type="checkbox"
            id="settings-notifications"
            checked={settings.notificationsEnabled}
            onChange={(event) =>
              void save({ notificationsEnabled: (event.currentTarget as HTMLInputElement).checked })
            }
          />
          {t('popupNotificationsOn')}
        </label>
        <p class="small" id="lead-days-label">
          {t('popupLeadDaysLabel')}
        </p>
        <div class="choices" role="group" aria-labelledby="lead-days-label">
          {leadChoices.map((day) => (
            <label key={day} class="choice">
              <input
                type="checkbox"
                value={String(day)}
                checked={settings.leadDays.includes(day)}
                onChange={(event) =>
                  void save({
                    leadDays: toggleLeadDay(
                      settings.leadDays,
                      day,
                      (event.currentTarget as HTMLInputElement).checked,
                    ),
                  })
                }
              />
              {leadDayLabel(day, t)}
            </label>
          ))}
        </div>
        <div class="field">
          <label for="settings-hour">{t('popupReminderHour')}</label>
          <select
            id="settings-hour"
            value={String(settings.reminderHour)}
            onChange={(event) =>
              void save({ reminderHour: Number((event.currentTarget as HTMLSelectElement).value) })
            }
          >
            {HOURS.map((hour) => (
              <option key={hour} value={String(hour)}>
                {`${String(hour).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
          <p class="field__hint">{t('popupReminderHourHint')}</p>
        </div>
      </fieldset>

      <fieldset class="field">
        <legend>{t('popupOverlayTitle')}</legend>
        <p class="small">{t('popupOverlayBody')}</p>
        {CARRIERS.map((carrier) => (
          <label key={carrier.id} class="choice">
            <input
              type="checkbox"
              checked={overlayOn(carrier.id)}
              onChange={(event) => {
                const on = (event.currentTarget as HTMLInputElement).checked;
                const others = settings.overlayDisabledCarriers.filter((id) => id !== carrier.id);
                void save({ overlayDisabledCarriers: on ? others : [...others, carrier.id] });
              }}
            />
            {t('popupOverlayOn', [carrier.name])}
          </label>
        ))}
        <h3 class="subtitle" id="hidden-hosts-title">
          {t('popupHiddenHostsTitle')}
        </h3>
        {settings.overlayHiddenHosts.length === 0 ? (
          <p class="small muted">{t('popupHiddenHostsNone')}</p>
        ) : (
          <ul class="hosts" aria-labelledby="hidden-hosts-title">
            {settings.overlayHiddenHosts.map((host) => (
              <li key={host}>
                <span class="host">{host}</span>
                <button
                  type="button"
                  class="btn btn--small"
                  onClick={() =>
                    void save({
                      overlayHiddenHosts: withoutHost(settings.overlayHiddenHosts, host),
                    })
                  }
                >
                  {t('popupShowAgain')}
                  <span class="sr-only"> — {host}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <p>
        <button type="button" class="btn btn--small" onClick={onGlossary}>
          {t(GLOSSARY_OPEN)}
        </button>
      </p>

      <div class="settings-status" role="status">
        {status && (
          <p class={status.error ? 'alert' : 'muted small'}>
            {status.error ?? t('popupSettingsSaved')}
          </p>
        )}
      </div>

      {children}
    </section>
  );
}
