/**
 * A date typed day first, as the carriers' pages write it (utils/popup/date-entry.ts): a
 * plain text field with the format in its hint, and the date read back in words as it is
 * typed ("Read as: Saturday, 5 December 2026"), so a day and a month can't swap unseen.
 * Never `<input type=date>`, whose order follows the browser's locale.
 */
import type { ComponentChildren } from 'preact';
import type { Translate, UiLocale } from '../../utils/domain/i18n';
import { dateReadBack } from '../../utils/popup/date-entry';
import { Field } from './Field';

export interface DateFieldProps {
  id: string;
  label: string;
  /** Said before the format ("The last day the line is valid…"). */
  about?: string;
  value: string;
  error?: string;
  locale: UiLocale;
  t: Translate;
  onInput(value: string): void;
  /** More under the field (the renewal form's suggestions). */
  children?: ComponentChildren;
}

export function DateField(props: DateFieldProps) {
  const { id, label, about, value, error, locale, t, onInput, children } = props;
  return (
    <Field
      id={id}
      label={label}
      hint={about ? `${about} ${t('formDateHint')}` : t('formDateHint')}
      note={dateReadBack(value, locale, t)}
      error={error}
    >
      {(aria) => (
        <>
          <input
            {...aria}
            type="text"
            autoComplete="off"
            spellcheck={false}
            maxLength={20}
            value={value}
            onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
          />
          {children}
        </>
      )}
    </Field>
  );
}
