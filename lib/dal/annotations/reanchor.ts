import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrismaClient } from '@/lib/db';
import { needsConfirmation, reanchorAll } from '@/lib/domain/anchoring';
import type { TextSelectors } from '@/lib/domain/selectors';
import type { ReanchorReport as ApiReanchorReport } from '@/lib/validation/api-responses';

/** Counts of what re-anchoring did; its shape is the API's (lib/validation/api-responses.ts). */
export type ReanchorReport = ApiReanchorReport;

/**
 * Re-anchors every quote annotation of a document onto `versionId` (a newer version of it) and records the
 * outcome. Not authorized: called by the import of a new version after its own checks, and by tests.
 */
export async function unsafeReanchorDocument(db: PrismaClient, documentId: string, versionId: string): Promise<ReanchorReport> {
  const version = await db.documentVersion.findUniqueOrThrow({ where: { id: versionId }, select: { text: true, documentId: true } });
  if (version.documentId !== documentId) throw new Error('The version belongs to another document.');
  // Annotations a person detached stay detached; every other quote is placed again.
  const rows = await db.annotation.findMany({ where: { documentId, selectors: { not: Prisma.AnyNull }, NOT: { anchorStatus: 'ORPHAN', isAnchorConfirmed: true } }, select: { id: true, selectors: true, anchorStart: true, anchorEnd: true } });
  // Anchor from where each annotation last sat, so repeated edits move it step by step.
  const items = rows.map((row) => {
    const selectors = row.selectors as unknown as TextSelectors;
    const position = row.anchorStart !== null && row.anchorEnd !== null ? { ...selectors.position, start: row.anchorStart, end: row.anchorEnd } : selectors.position;
    return { id: row.id, selectors: { ...selectors, position } };
  });
  const results = reanchorAll(version.text, items);
  const report: ReanchorReport = { exact: 0, moved: 0, fuzzy: 0, orphan: 0, needsConfirmation: 0 };
  const statusOf = { exact: 'EXACT', moved: 'MOVED', fuzzy: 'FUZZY', orphan: 'ORPHAN' } as const;
  const placed = { ids: [] as string[], statuses: [] as string[], scores: [] as number[], starts: [] as Array<number | null>, ends: [] as Array<number | null> };
  for (const [id, result] of results) {
    report[result.status] += 1;
    if (needsConfirmation(result)) report.needsConfirmation += 1;
    placed.ids.push(id);
    placed.statuses.push(statusOf[result.status]);
    placed.scores.push(result.score);
    placed.starts.push(result.start);
    placed.ends.push(result.end);
  }
  // One statement for all of them: thousands of single-row updates outlast the transaction's time limit.
  await db.$transaction([
    // First keep where each quote sat on the version it is leaving (one INSERT ... SELECT, however many there are).
    // The row is written only here: until an annotation leaves a version, its placement there is the one on
    // "Annotation", which confirming, detaching and editing keep up to date. Removed ones keep nothing.
    db.$executeRaw`
      INSERT INTO "AnnotationPlacement" ("annotationId", "versionId", "status", "score", "start", "end", "isConfirmed")
      SELECT a."id", a."versionId", a."anchorStatus", a."anchorScore", a."anchorStart", a."anchorEnd", a."isAnchorConfirmed"
      FROM "Annotation" AS a
      WHERE a."documentId" = ${documentId}::uuid AND a."versionId" <> ${versionId}::uuid AND a."selectors" IS NOT NULL
        AND a."selectors" <> 'null'::jsonb AND a."deletedAt" IS NULL
      ON CONFLICT ("annotationId", "versionId") DO NOTHING`,
    db.$executeRaw`
      UPDATE "Annotation" AS a
      SET "versionId" = ${versionId}::uuid, "anchorStatus" = u.status::"AnchorStatus", "anchorScore" = u.score,
          "anchorStart" = u.start_, "anchorEnd" = u.end_, "isAnchorConfirmed" = false, "updatedAt" = now()
      FROM unnest(${placed.ids}::uuid[], ${placed.statuses}::text[], ${placed.scores}::float8[], ${placed.starts}::int[], ${placed.ends}::int[])
        AS u(id, status, score, start_, end_)
      WHERE a."id" = u.id`,
    // Replies and section discussions have no quote, and a detached annotation stays unplaced by a person's choice:
    // they simply move to the new version (the detached one having kept its orphan placement on the old one above).
    db.annotation.updateMany({
      where: { documentId, versionId: { not: versionId }, OR: [{ selectors: { equals: Prisma.AnyNull } }, { anchorStatus: 'ORPHAN', isAnchorConfirmed: true }] },
      data: { versionId },
    }),
  ]);
  return report;
}