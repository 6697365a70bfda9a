import type { ReactNode } from 'react';

/** The attributes that tie a control to its hint and errors. */
export type FieldAria = { 'aria-describedby'?: string; 'aria-invalid'?: true };

type FieldShellProps = { id: string; label: string; hint?: string; errors?: string[]; children: (aria: FieldAria) => ReactNode };

/** A label, an optional hint and the field's errors around one control, wired so screen readers announce them with it. */
export function FieldShell({ id, label, hint, errors, children }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
      {children({ 'aria-describedby': describedBy, 'aria-invalid': errorId ? true : undefined })}
      {errorId && (
        <p id={errorId} className="form-field__error">
          {errors?.join(' ')}
        </p>
      )}
    </div>
  );
}
