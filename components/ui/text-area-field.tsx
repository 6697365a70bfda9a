import type { TextareaHTMLAttributes } from 'react';
import { FieldShell } from './field-shell';

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; id: string; errors?: string[]; hint?: string };

/** A labelled multi-line field with its hint and errors. */
export function TextAreaField({ label, name, id, errors, hint, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      {(aria) => <textarea id={id} name={name} className="form-field__input" {...aria} {...textarea} />}
    </FieldShell>
  );
}
