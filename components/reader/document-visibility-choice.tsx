'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { setDocumentVisibilityAction } from '@/lib/actions/document-visibility';
import type { ActionResult } from '@/lib/errors';

/** `Document visibility`: owners and editors choose whether the workspace alone or everyone may read the document. */
export function DocumentVisibilityChoice({ documentSlug, isPublic }: { documentSlug: string; isPublic: boolean }) {
  const [result, formAction, isPending] = useActionState(
    (_previous: ActionResult<{ isPublic: boolean }> | null, form: FormData) => setDocumentVisibilityAction(documentSlug, String(form.get('visibility') ?? '')),
    null,
  );
  const current = result?.ok ? result.value.isPublic : isPublic;
  return (
    <form action={formAction} className="document-visibility">
      <label>
        Document visibility{' '}
        <select name="visibility" defaultValue={current ? 'PUBLIC' : 'PRIVATE'} key={String(current)}>
          <option value="PRIVATE">Workspace only</option>
          <option value="PUBLIC">Public: anyone with the address</option>
        </select>
      </label>{' '}
      <button type="submit" className="button" disabled={isPending}>
        Save visibility
      </button>
      <p role="status" className="document-visibility__status">
        {result?.ok ? (result.value.isPublic ? 'Saved: anyone with the address may read it.' : 'Saved: only the workspace may read it.') : ''}
      </p>
      <FormAlert message={result && !result.ok ? result.error : null} />
    </form>
  );
}
