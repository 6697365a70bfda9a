import 'server-only';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import type { Viewer } from '@/lib/dal/authorization';

/**
 * Counts, for each of `documentIds` (which the caller has checked the viewer may read), the annotations by others
 * the viewer may see that were written since they last opened it. A document they never opened maps to null.
 */
export async function countNewSinceLastVisit(viewer: Viewer | null, documentIds: readonly string[]): Promise<Map<string, number | null>> {
  const counts = new Map<string, number | null>(documentIds.map((id) => [id, null]));
  if (!viewer || documentIds.length === 0) return counts;
  const db = getDb();
  const visits = await db.documentVisit.findMany({ where: { userId: viewer.id, documentId: { in: [...documentIds] } }, select: { documentId: true, lastAt: true } });
  if (visits.length === 0) return counts;
  for (const visit of visits) counts.set(visit.documentId, 0);
  // One query for every document: each visited one with its own "since".
  const groups = await db.annotation.groupBy({
    by: ['documentId'],
    where: {
      AND: [
        { OR: visits.map((visit) => ({ documentId: visit.documentId, createdAt: { gt: visit.lastAt } })) },
        { authorId: { not: viewer.id }, deletedAt: null, hiddenAt: null },
        visibleAnnotationsWhere(viewer),
      ],
    },
    _count: { _all: true },
  });
  for (const group of groups) counts.set(group.documentId, group._count._all);
  return counts;
}
