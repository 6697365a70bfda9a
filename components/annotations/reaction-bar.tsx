'use client';

import { useState, useTransition } from 'react';
import { toggleReactionAction } from '@/lib/actions/reactions';
import { describeReaction, REACTIONS, type ReactionSummary } from '@/lib/domain/reactions';

/**
 * The reactions under a card: one toggle button per kind (pressed when it is yours), each named with its count and
 * who gave it. Those who may not react see only the reactions given, as text.
 */
export function ReactionBar({ documentSlug, annotationId, reactions, canReact }: { documentSlug: string; annotationId: string; reactions: ReactionSummary[]; canReact: boolean }) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!canReact) {
    const given = reactions.filter((reaction) => reaction.names.length > 0);
    if (given.length === 0) return null;
    return (
      <ul className="reaction-bar" aria-label="Reactions">
        {given.map((reaction) => (
          <li key={reaction.kind} className="reaction-bar__count" title={reaction.names.join(', ')}>
            <span aria-hidden="true" className="reaction-bar__emoji">
              {REACTIONS[reaction.kind].emoji}
            </span>
            <span aria-hidden="true">{REACTIONS[reaction.kind].name}</span>
            <span className="visually-hidden">{describeReaction(reaction)}</span>
            <span aria-hidden="true" className="reaction-bar__number">
              {reaction.names.length}
            </span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="reaction-bar" role="group" aria-label="Reactions">
      {reactions.map((reaction) => (
        <button
          key={reaction.kind}
          type="button"
          className="reaction-bar__button"
          aria-pressed={reaction.isMine}
          aria-label={describeReaction(reaction)}
          title={reaction.names.length > 0 ? reaction.names.join(', ') : REACTIONS[reaction.kind].name}
          disabled={isPending}
          onClick={() =>
            startTransition(async () => {
              const result = await toggleReactionAction(documentSlug, annotationId, reaction.kind);
              setError(result.ok ? null : result.error);
            })
          }
        >
          <span aria-hidden="true" className="reaction-bar__emoji">
            {REACTIONS[reaction.kind].emoji}
          </span>
          <span aria-hidden="true">{REACTIONS[reaction.kind].name}</span>
          {reaction.names.length > 0 && (
            <span aria-hidden="true" className="reaction-bar__number">
              {reaction.names.length}
            </span>
          )}
        </button>
      ))}
      {error && (
        <p role="alert" className="reaction-bar__error">
          {error}
        </p>
      )}
    </div>
  );
}
