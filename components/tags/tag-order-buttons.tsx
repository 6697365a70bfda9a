'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { moveTagAction } from '@/lib/actions/tags';

/** Owners' buttons that move a tag up or down the workspace's order, which decides an annotation's colour when it has several tags. */
export function TagOrderButtons({ workspaceSlug, tagId, label, position, isLast }: { workspaceSlug: string; tagId: string; label: string; position: number; isLast: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const move = (to: number) =>
    startTransition(async () => {
      setError(null);
      const result = await moveTagAction(workspaceSlug, tagId, to);
      if (!result.ok) setError(result.error);
    });
  return (
    <span className="tag-order">
      <button type="button" className="button button--small button--quiet" disabled={isPending || position === 1} onClick={() => move(position - 1)} aria-label={`Move ${label} up`}>
        ↑
      </button>
      <button type="button" className="button button--small button--quiet" disabled={isPending || isLast} onClick={() => move(position + 1)} aria-label={`Move ${label} down`}>
        ↓
      </button>
      <FormAlert message={error} />
    </span>
  );
}
