'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { resetPasswordAction } from '@/lib/actions/password-resets';

/** Chooses a new password from a reset link; on success, points to sign-in. */
export function ResetPasswordForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [result, formAction, isPending] = useActionState(resetPasswordAction, null);
  const submit = submitWithoutReset(formAction);
  const failure = result && !result.ok ? result : null;
  if (result?.ok) {
    return (
      <p role="status">
        Your password is changed and every session has ended. <Link href="/signin">Sign in</Link> with the new one.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="form" noValidate>
      <FormAlert message={failure && !failure.fieldErrors ? failure.error : null} />
      <input type="hidden" name="token" value={token} />
      <FormField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        errors={failure?.fieldErrors?.password}
      />
      <button type="submit" className="button button--primary" disabled={isPending}>
        Set new password
      </button>
    </form>
  );
}
