/**
 * "Mark as renewed": records a renewal (date, amount, months, payment method, operation
 * number, note) and offers the new expiry (current expiry + months, or today + months),
 * which the user can edit or leave alone. Sends one ui:record-renewal message.
 */
import { send } from '../../utils/protocol/send';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey, Translate, UiLocale } from '../../utils/domain/i18n';
import { formatIsoDate } from '../../utils/domain/format';
import {
  PAYMENT_METHODS,
  RENEWAL_MONTHS,
  expirySuggestions,
  initialRenewalForm,
  validateRenewalForm,
  type FieldErrors,
  type RenewalFormField,
  type RenewalFormValues,
  type RenewalMonths,
} from '../../utils/popup/line-form';
import type { IsoDate } from '../../utils/domain/records';
import { dateEntryText } from '../../utils/popup/date-entry';
import { errorMessage } from './data';
import { DateField } from './DateField';
import { Field } from './Field';

export interface RenewalFormProps {
  t: Translate;
  locale: UiLocale;
  now: number;
  lineId: string;
  lineName: string;
  /** The line's current expiry (known, not estimated), for "current expiry + months". */
  currentExpiry: IsoDate | null;
  onDone(): void;
  onCancel(): void;
}

const FIELD_ORDER: RenewalFormField[] = [
  'date',
  'amount',
  'months',
  'paymentMethod',
  'operationId',
  'note',
  'newExpiresOn',
];

const PAYMENT_KEYS: Record<string, MessageKey> = {
  'credit-card': 'popupPayCredit',
  'debit-card': 'popupPayDebit',
  paypal: 'popupPayPaypal',
  wallet: 'popupPayWallet',
  cash: 'popupPayCash',
  other: 'popupPayOther',
};

const MONTH_KEYS: Record<RenewalMonths, MessageKey> = {
  1: 'detailMonths1',
  3: 'detailMonths3',
  12: 'detailMonths12',
};

export function RenewalForm(props: RenewalFormProps) {
  const { t, locale, now, lineId, lineName, currentExpiry, onDone, onCancel } = props;
  const [values, setValues] = useState<RenewalFormValues>(() =>
    initialRenewalForm(currentExpiry, now),
  );
  const [errors, setErrors] = useState<FieldErrors<RenewalFormField>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const months = (Number(values.months) || 1) as RenewalMonths;
  const suggestions = expirySuggestions(currentExpiry, months, now);

  const setValue = (field: keyof RenewalFormValues, value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const set = (field: keyof RenewalFormValues) => (event: Event) =>
    setValue(field, (event.currentTarget as HTMLInputElement).value);

  function chooseMonths(next: RenewalMonths) {
    setValues((current) => {
      const before = expirySuggestions(
        currentExpiry,
        (Number(current.months) || 1) as RenewalMonths,
        now,
      );
      // Follow the months choice unless the user typed a date of their own.
      const offered = [before.fromToday, before.fromExpiry].map((date) => dateEntryText(date));
      const untouched = [...offered, ''].includes(current.newExpiresOn);
      return {
        ...current,
        months: String(next),
        newExpiresOn: untouched
          ? dateEntryText(expirySuggestions(currentExpiry, next, now).suggested)
          : current.newExpiresOn,
      };
    });
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setSubmitError(null);
    const result = validateRenewalForm(values, lineId, now);
    if (!result.ok) {
      setErrors(result.errors);
      const first = FIELD_ORDER.find((field) => result.errors[field]);
      form.current?.querySelector<HTMLElement>(`#renew-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const reply = await send(result.value);
    setBusy(false);
    if (reply.ok) onDone();
    else setSubmitError(errorMessage(reply.error, t));
  }

  const err = (field: RenewalFormField) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <section class="panel" aria-labelledby="renew-title">
      <h2 id="renew-title" ref={heading} tabIndex={-1}>
        {t('popupRenewTitle', [lineName])}
      </h2>
      <form ref={form} onSubmit={submit} noValidate>
        <DateField
          id="renew-date"
          label={t('popupFieldRenewDate')}
          value={values.date}
          error={err('date')}
          locale={locale}
          t={t}
          onInput={(value) => setValue('date', value)}
        />
        <Field
          id="renew-amount"
          label={t('popupFieldAmount')}
          hint={t('popupFieldBalanceHint')}
          error={err('amount')}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.amount}
              onInput={set('amount')}
            />
          )}
        </Field>
        <fieldset class="field" aria-describedby={errors.months ? 'renew-months-error' : undefined}>
          <legend>{t('popupFieldMonths')}</legend>
          <div class="choices">
            {RENEWAL_MONTHS.map((option) => (
              <label key={option} class="choice">
                <input
                  type="radio"
                  name="renew-months"
                  id={option === 1 ? 'renew-months' : undefined}
                  value={String(option)}
                  checked={values.months === String(option)}
                  onChange={() => chooseMonths(option)}
                />
                {t(MONTH_KEYS[option])}
              </label>
            ))}
          </div>
          {errors.months && (
            <p class="field__error" id="renew-months-error">
              {t(errors.months)}
            </p>
          )}
        </fieldset>
        <Field id="renew-paymentMethod" label={t('popupFieldPayment')} error={err('paymentMethod')}>
          {(aria) => (
            <select {...aria} value={values.paymentMethod} onChange={set('paymentMethod')}>
              <option value="">{t('popupPayUnset')}</option>
              {PAYMENT_METHODS.map((method) => (
                <option key={method} value={method}>
                  {t(PAYMENT_KEYS[method] ?? 'popupPayOther')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="renew-operationId"
          label={t('popupFieldOperation')}
          hint={t('detailReceiptsHint')}
          error={err('operationId')}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              maxLength={64}
              autoComplete="off"
              value={values.operationId}
              onInput={set('operationId')}
            />
          )}
        </Field>
        <Field id="renew-note" label={t('popupFieldNote')} error={err('note')}>
          {(aria) => (
            <textarea
              {...aria}
              rows={2}
              maxLength={500}
              value={values.note}
              onInput={set('note')}
            />
          )}
        </Field>
        <div class="field">
          <label class="choice">
            <input
              type="checkbox"
              checked={values.updateExpiry}
              onChange={(event) =>
                setValues((current) => ({
                  ...current,
                  updateExpiry: (event.currentTarget as HTMLInputElement).checked,
                }))
              }
            />
            {t('popupUpdateExpiry')}
          </label>
        </div>
        {values.updateExpiry && (
          <DateField
            id="renew-newExpiresOn"
            label={t('popupFieldNewExpiry')}
            value={values.newExpiresOn}
            error={err('newExpiresOn')}
            locale={locale}
            t={t}
            onInput={(value) => setValue('newExpiresOn', value)}
          >
            <div class="suggestions">
              {suggestions.fromExpiry && (
                <button
                  type="button"
                  class="btn btn--small"
                  onClick={() => setValue('newExpiresOn', dateEntryText(suggestions.fromExpiry))}
                >
                  {t('popupSuggestFromExpiry', [formatIsoDate(suggestions.fromExpiry, locale)])}
                </button>
              )}
              <button
                type="button"
                class="btn btn--small"
                onClick={() => setValue('newExpiresOn', dateEntryText(suggestions.fromToday))}
              >
                {t('popupSuggestFromToday', [formatIsoDate(suggestions.fromToday, locale)])}
              </button>
            </div>
          </DateField>
        )}
        {submitError && (
          <p class="alert" role="alert">
            {submitError}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {t('popupRenewSubmit')}
          </button>
          <button type="button" class="btn" onClick={onCancel}>
            {t('popupCancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
