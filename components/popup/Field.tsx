/**
 * A labelled form control with its error message wired for assistive technology
 * (aria-invalid + aria-describedby), so an error is announced with the field it belongs to.
 */
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  /** The translated error, or undefined when the field is fine. */
  error?: string;
  hint?: string;
  /** A line under the hint that follows what is typed (e.g. a date read back in words). */
  note?: string | null;
  children: (aria: FieldAria) => ComponentChildren;
}

export interface FieldAria {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

export function Field({ id, label, error, hint, note, children }: FieldProps) {
  const describedBy = [
    hint ? `${id}-hint` : '',
    note ? `${id}-note` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {note && (
        <p class="field__note" id={`${id}-note`}>
          {note}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
