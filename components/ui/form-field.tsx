import type { InputHTMLAttributes } from 'react';
import { FieldShell } from './field-shell';

type FormFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[]; hint?: string };

/** A labelled input with its hint and its errors, announced to screen readers with the field. */
export function FormField({ label, name, errors, hint, id, ...input }: FormFieldProps) {
  const inputId = id ?? `field-${name}`;
  return (
    <FieldShell id={inputId} label={label} hint={hint} errors={errors}>
      {(aria) => <input id={inputId} name={name} className="form-field__input" {...aria} {...input} />}
    </FieldShell>
  );
}
