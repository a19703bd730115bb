/**
 * Add a line by hand, or edit one: carrier, number, label, expiry (typed day first), balance.
 * Validation is utils/popup/line-form.ts; this component shows the errors by their fields,
 * asks before saving an expiry that is already past, and sends one ui:add-line /
 * ui:update-line message when everything is valid.
 */
import { send } from '../../utils/protocol/send';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CARRIERS } from '../../utils/carriers';
import { formatIsoDate } from '../../utils/domain/format';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import {
  EMPTY_LINE_FORM,
  addLineMessage,
  lineFormValues,
  lineUpdatePatch,
  needsPastExpiryConfirmation,
  prefillFromHash,
  validateLineForm,
  type FieldErrors,
  type LineFormField,
  type LineFormValues,
  type ValidLine,
} from '../../utils/popup/line-form';
import { errorMessage } from './data';
import { DateField } from './DateField';
import { Field } from './Field';

export interface LineFormProps {
  t: Translate;
  locale: UiLocale;
  initial: LineFormValues;
  /** The line being edited (with its stored values), or null to add a new line. */
  editing: { id: string; before: ValidLine } | null;
  onDone(lineId: string): void;
  onCancel(): void;
}

export interface LineFormViewProps extends Omit<LineFormProps, 'initial' | 'editing'> {
  /** The line to edit (its stored values fill the form), or null to add one. */
  line: (ValidLine & { id: string }) | null;
  /** Adding: the page's hash, `#/add?…` prefills the form (utils/popup/line-form.ts). */
  prefillHash: string;
}

/**
 * The form as the popup opens it: the form values are worked out here, in the form's own
 * chunk, so the popup's first paint needs no form code.
 */
export function LineFormView({ line, prefillHash, ...props }: LineFormViewProps) {
  const initial = line ? lineFormValues(line) : (prefillFromHash(prefillHash) ?? EMPTY_LINE_FORM);
  return (
    <LineForm {...props} initial={initial} editing={line ? { id: line.id, before: line } : null} />
  );
}

const FIELD_ORDER: LineFormField[] = ['carrier', 'msisdn', 'label', 'expiresOn', 'balance'];

export function LineForm({ t, locale, initial, editing, onDone, onCancel }: LineFormProps) {
  const [values, setValues] = useState<LineFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors<LineFormField>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A valid line whose expiry is already past, waiting for "yes, it has expired".
  const [pastQuestion, setPastQuestion] = useState<ValidLine | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const confirmPast = useRef<HTMLButtonElement>(null);
  const prefix = editing ? 'edit' : 'add';

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (pastQuestion) confirmPast.current?.focus();
  }, [pastQuestion]);

  const setValue = (field: LineFormField, value: string) => {
    setPastQuestion(null);
    setValues((current) => ({ ...current, [field]: value }));
  };
  const set = (field: LineFormField) => (event: Event) =>
    setValue(field, (event.currentTarget as HTMLInputElement).value);
  const focusField = (field: LineFormField) =>
    form.current?.querySelector<HTMLElement>(`#${prefix}-${field}`)?.focus();

  async function save(value: ValidLine) {
    setPastQuestion(null);
    setBusy(true);
    const reply = editing
      ? await send({
          type: 'ui:update-line',
          lineId: editing.id,
          patch: lineUpdatePatch(editing.before, value),
        })
      : await send(addLineMessage(value));
    setBusy(false);
    if (reply.ok) onDone(reply.line.id);
    else setSubmitError(errorMessage(reply.error, t));
  }

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setSubmitError(null);
    const now = Date.now();
    const storedExpiry = editing?.before.expiresOn ?? null;
    const result = validateLineForm(values, { now, storedExpiry });
    if (!result.ok) {
      setPastQuestion(null);
      setErrors(result.errors);
      const first = FIELD_ORDER.find((field) => result.errors[field]);
      if (first) focusField(first);
      return;
    }
    setErrors({});
    // A past expiry makes the line "expired" at once: ask before saving it.
    if (needsPastExpiryConfirmation(result.value.expiresOn, storedExpiry, now)) {
      setPastQuestion(result.value);
      return;
    }
    void save(result.value);
  }

  const err = (field: LineFormField) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <section class="panel" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} ref={heading} tabIndex={-1}>
        {editing ? t('popupEditTitle') : t('popupAddTitle')}
      </h2>
      <form ref={form} onSubmit={submit} noValidate>
        <Field id={`${prefix}-carrier`} label={t('popupFieldCarrier')} error={err('carrier')}>
          {(aria) => (
            <select {...aria} value={values.carrier} onChange={set('carrier')}>
              <option value="">{t('popupChooseCarrier')}</option>
              {CARRIERS.map((carrier) => (
                <option key={carrier.id} value={carrier.id}>
                  {carrier.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${prefix}-msisdn`}
          label={t('popupFieldNumber')}
          hint={t('popupFieldNumberHint')}
          error={err('msisdn')}
        >
          {(aria) => (
            <input
              {...aria}
              type="tel"
              autoComplete="off"
              inputMode="tel"
              value={values.msisdn}
              onInput={set('msisdn')}
            />
          )}
        </Field>
        <Field
          id={`${prefix}-label`}
          label={t('popupFieldLabel')}
          hint={t('popupFieldLabelHint')}
          error={err('label')}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              maxLength={60}
              value={values.label}
              onInput={set('label')}
            />
          )}
        </Field>
        <DateField
          id={`${prefix}-expiresOn`}
          label={t('popupFieldExpiry')}
          about={t('popupFieldExpiryHint')}
          value={values.expiresOn}
          error={err('expiresOn')}
          locale={locale}
          t={t}
          onInput={(value) => setValue('expiresOn', value)}
        />
        <Field
          id={`${prefix}-balance`}
          label={t('popupFieldBalance')}
          hint={t('popupFieldBalanceHint')}
          error={err('balance')}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.balance}
              onInput={set('balance')}
            />
          )}
        </Field>
        {submitError && (
          <p class="alert" role="alert">
            {submitError}
          </p>
        )}
        {pastQuestion?.expiresOn && (
          <div class="question" role="group" aria-labelledby={`${prefix}-past-question`}>
            <p id={`${prefix}-past-question`}>
              {t('formPastExpiryQuestion', [formatIsoDate(pastQuestion.expiresOn, locale)])}
            </p>
            <div class="actions">
              <button
                ref={confirmPast}
                type="button"
                class="btn btn--primary"
                disabled={busy}
                onClick={() => void save(pastQuestion)}
              >
                {t('formPastExpiryConfirm')}
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => {
                  setPastQuestion(null);
                  focusField('expiresOn');
                }}
              >
                {t('formPastExpiryChange')}
              </button>
            </div>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {editing ? t('popupSave') : t('popupAddSubmit')}
          </button>
          <button type="button" class="btn" onClick={onCancel}>
            {t('popupCancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
