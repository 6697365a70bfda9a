'use client';

import { ActionButton } from '@/components/notifications/action-button';
import { setFollowAction } from '@/lib/actions/notifications';

/** What a Follow button follows. */
export type FollowTargetInput =
  | { target: 'DOCUMENT'; documentSlug: string }
  | { target: 'THREAD'; documentSlug: string; annotationId: string }
  | { target: 'NOTE'; documentSlug: string; footnoteNumber: number };

const NOUNS = { DOCUMENT: 'document', THREAD: 'thread', NOTE: 'note' } as const;

/** `Follow document` / `Unfollow document` (or thread, note): whether its news reaches the person's inbox. */
export function FollowButton({ target, isFollowing, className = 'button button--quiet' }: { target: FollowTargetInput; isFollowing: boolean; className?: string }) {
  const noun = NOUNS[target.target];
  return (
    <ActionButton className={className} run={() => setFollowAction({ ...target, isFollowing: !isFollowing })}>
      {isFollowing ? `Unfollow ${noun}` : `Follow ${noun}`}
    </ActionButton>
  );
}
