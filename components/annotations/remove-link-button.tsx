'use client';

import { useState, useTransition } from 'react';
import { deleteAnnotationLinkAction } from '@/lib/actions/annotation-links';

/** A card's Remove button for one of its links, for whoever made it (or an editor); it asks before removing. */
export function RemoveLinkButton({ documentSlug, linkId, label }: { documentSlug: string; linkId: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet annotation-links__remove"
        disabled={isPending}
        aria-label={label}
        onClick={() =>
          window.confirm('Remove this link? Both annotations stay.') &&
          startTransition(async () => {
            const result = await deleteAnnotationLinkAction(documentSlug, linkId);
            setError(result.ok ? null : result.error);
          })
        }
      >
        Remove
      </button>
      {error && (
        <span role="alert" className="form-alert">
          {error}
        </span>
      )}
    </>
  );
}
