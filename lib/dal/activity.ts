import 'server-only';
import type { DatabaseClient } from '@/lib/db';

/** What happened, for the feed, the live stream and the audit trail. */
export type ActivityKind =
  | 'annotation.created'
  | 'annotation.updated'
  | 'annotation.deleted'
  | 'annotation.hidden'
  | 'annotation.unhidden'
  | 'annotation.resolved'
  | 'annotation.reopened'
  | 'annotation.reacted'
  | 'annotation.reanchored'
  | 'document.versioned'
  | 'document.published'
  | 'document.unpublished'
  | 'source.added'
  | 'source.verdict'
  | 'source.edited'
  | 'source.deleted'
  | 'source.merged'
  | 'source.evidence'
  | 'note.status'
  | 'note.assigned'
  | 'report.signed'
  | 'tag.changed'
  | 'link.created'
  | 'link.deleted';

/** Appends one change to the activity log, inside the caller's transaction. `audienceUserId` limits it to one person (a private note). */
export async function recordActivity(
  tx: DatabaseClient,
  entry: { workspaceId: string; documentId?: string | null; actorId: string | null; kind: ActivityKind; subjectId: string; audienceUserId?: string | null },
): Promise<void> {
  await tx.activity.create({
    data: {
      workspaceId: entry.workspaceId,
      documentId: entry.documentId ?? null,
      actorId: entry.actorId,
      kind: entry.kind,
      subjectId: entry.subjectId,
      audienceUserId: entry.audienceUserId ?? null,
    },
  });
}
