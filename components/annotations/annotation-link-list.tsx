'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { deleteAnnotationLinkAction } from '@/lib/actions/annotation-links';
import type { AnnotationLinkView } from '@/lib/dal/annotation-links';

/** The links of one card: how each bears on this annotation, the other side's quote (and document), and why. */
export function AnnotationLinkList({ links, documentSlug }: { links: AnnotationLinkView[]; documentSlug: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  if (links.length === 0) return null;
  return (
    <div className="annotation-links">
      <ul className="annotation-links__list" aria-label="Links">
        {links.map((link) => (
          <li key={`${link.id}-${link.other.id}`} className={`annotation-links__item annotation-links__item--${link.kind.toLowerCase().replace(/_/g, '-')}`}>
            <span className="annotation-links__kind">{link.phrase}</span>{' '}
            <a href={link.other.href} className="annotation-links__quote">
              “{link.other.quote}”
            </a>
            {link.other.documentTitle && <span className="annotation-links__document"> in {link.other.documentTitle}</span>}
            {link.reason && <p className="annotation-links__reason">Why: {link.reason}</p>}
            {link.canDelete && (
              <button
                type="button"
                className="button button--small button--quiet annotation-links__remove"
                disabled={isPending}
                aria-label={`Remove link: ${link.phrase} “${link.other.quote.slice(0, 60)}”`}
                onClick={() =>
                  window.confirm('Remove this link? Both annotations stay.') &&
                  startTransition(async () => {
                    const result = await deleteAnnotationLinkAction(documentSlug, link.id);
                    setError(result.ok ? null : result.error);
                  })
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormAlert message={error} />
    </div>
  );
}
