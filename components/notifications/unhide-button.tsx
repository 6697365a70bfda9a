'use client';

import { ActionButton } from '@/components/notifications/action-button';
import { unhideAnnotationAction } from '@/lib/actions/notifications';

/** `Show again`: undoes the hiding of one annotation (editors and owners). */
export function UnhideButton({ workspaceSlug, annotationId }: { workspaceSlug: string; annotationId: string }) {
  return (
    <ActionButton className="button button--small" run={() => unhideAnnotationAction(workspaceSlug, annotationId)}>
      Show again
    </ActionButton>
  );
}
