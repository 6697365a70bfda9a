'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { mergeDuplicateSourcesAction } from '@/lib/actions/tracing';
import type { ActionResult } from '@/lib/errors';

/** Merges the workspace's duplicate sources (same DOI, address, or title and year) into the oldest of each. */
export function MergeDuplicatesButton({ documentSlug, workspaceSlug, count }: { documentSlug: string; workspaceSlug: string; count: number }) {
  const [result, formAction, isPending] = useActionState(
    (): Promise<ActionResult<{ merged: number }>> => mergeDuplicateSourcesAction(documentSlug, workspaceSlug),
    null as ActionResult<{ merged: number }> | null,
  );
  return (
    <form action={formAction} className="merge-duplicates">
      <FormAlert message={result && !result.ok ? result.error : null} />
      <button type="submit" className="button button--small" disabled={isPending}>
        Merge {count} duplicate {count === 1 ? 'source' : 'sources'}
      </button>
      {result?.ok && <p className="form-field__hint">Merged {result.value.merged}.</p>}
    </form>
  );
}
