'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { FormField } from '@/components/ui/form-field';
import { createWorkspaceAction } from '@/lib/actions/workspaces';

/** The form that names a new workspace. */
export function NewWorkspaceForm() {
  const [result, formAction, isPending] = useActionState(createWorkspaceAction, null);
  const submit = submitWithoutReset(formAction);
  const failure = result && !result.ok ? result : null;
  return (
    <form onSubmit={submit} className="form" noValidate>
      <FormAlert message={failure && !failure.fieldErrors ? failure.error : null} />
      <FormField label="Workspace name" name="name" required maxLength={80} hint="For example: OSW reading group" errors={failure?.fieldErrors?.name} />
      <button type="submit" className="button button--primary" disabled={isPending}>
        {isPending ? 'Creating…' : 'Create workspace'}
      </button>
    </form>
  );
}
