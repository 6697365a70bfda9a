import type { TextareaHTMLAttributes } from 'react';

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; id: string; errors?: string[]; hint?: string };

/** A labelled multi-line field with its hint and errors. */
export function TextAreaField({ label, name, id, errors, hint, ...textarea }: TextAreaFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
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
      <textarea
        id={id}
        name={name}
        className="form-field__input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...textarea}
      />
      {errorId && (
        <p id={errorId} className="form-field__error">
          {errors?.join(' ')}
        </p>
      )}
    </div>
  );
}
