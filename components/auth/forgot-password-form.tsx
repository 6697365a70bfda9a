'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { requestPasswordResetAction } from '@/lib/actions/password-resets';

/** Asks for a reset link by e-mail; the answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const [result, formAction, isPending] = useActionState(requestPasswordResetAction, null);
  const submit = submitWithoutReset(formAction);
  const failure = result && !result.ok ? result : null;
  return (
    <form onSubmit={submit} className="form" noValidate>
      <FormAlert message={failure && !failure.fieldErrors ? failure.error : null} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required errors={failure?.fieldErrors?.email} />
      <button type="submit" className="button button--primary" disabled={isPending}>
        Send reset link
      </button>
      <p role="status" className="form-field__hint">
        {result?.ok ? 'If that address has an account, a reset link is on its way. It works once, for an hour.' : ''}
      </p>
    </form>
  );
}
