'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { sendInviteEmailAction } from '@/lib/actions/invite-mail';
import { ROLE_LABELS } from '@/lib/format/roles';
import { ROLES } from '@/lib/validation/workspaces';

/** Sends a single-use invite link by e-mail, for a week. */
export function InviteByEmailForm({ workspaceSlug }: { workspaceSlug: string }) {
  const [result, sendInvite, isPending] = useActionState(sendInviteEmailAction.bind(null, workspaceSlug), null);
  const submit = submitWithoutReset(sendInvite);
  const failure = result && !result.ok ? result : null;
  return (
    <form onSubmit={submit} className="form form--inline" noValidate>
      <FormField label="Email address to invite" name="email" id="invite-email" type="email" autoComplete="off" required errors={failure?.fieldErrors?.email} />
      <div className="form-field">
        <label htmlFor="invite-email-role" className="form-field__label">
          Their role
        </label>
        <select id="invite-email-role" name="role" defaultValue="COMMENTER" className="select">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={isPending}>
        Send invite
      </button>
      <FormAlert message={failure && !failure.fieldErrors ? failure.error : null} />
      <p role="status" className="form-field__hint">
        {result?.ok ? `An invite is on its way to ${result.value.email}. It works once, for 7 days.` : ''}
      </p>
    </form>
  );
}
