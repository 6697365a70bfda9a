'use client';

import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { FormField } from '@/components/ui/form-field';
import { changePasswordAction } from '@/lib/actions/accounts';

/** Current and new password; on success every session ends and the person signs in again. */
export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [result, formAction, isPending] = useActionState(changePasswordAction, null);
  const submit = submitWithoutReset(formAction);
  const failure = result && !result.ok ? result : null;
  useEffect(() => {
    if (result?.ok) void signOut({ callbackUrl: '/signin' });
  }, [result]);
  return (
    <form onSubmit={submit} className="form" noValidate>
      <FormAlert message={failure && !failure.fieldErrors ? failure.error : null} />
      <FormField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={failure?.fieldErrors?.currentPassword} />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        errors={failure?.fieldErrors?.newPassword}
      />
      <button type="submit" className="button button--primary" disabled={isPending}>
        Change password
      </button>
    </form>
  );
}
