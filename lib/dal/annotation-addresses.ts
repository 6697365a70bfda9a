import 'server-only';
import { getDb, queryObjects } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { isUuid } from '@/lib/domain/ids';

// Where an annotation lives, and the identity a client gave it: the Web Annotation Protocol keeps a posted
// annotation's own `id` in `via` and its `canonical` unchanged. Both are stored beside the annotation the create
// path inserted, by its author only.

/**
 * Returns the slug of the document an annotation the viewer may see belongs to, or null when there is no such
 * annotation, it was deleted or hidden, or the viewer may not see it (so an old address reveals nothing).
 */
export async function findAnnotationDocumentSlug(viewer: Viewer | null, annotationId: string): Promise<string | null> {
  if (!isUuid(annotationId)) return null;
  const found = await getDb().annotation.findFirst({
    where: { AND: [{ id: annotationId, deletedAt: null, hiddenAt: null }, visibleAnnotationsWhere(viewer), { document: readableDocumentsWhere(viewer) }] },
    select: { document: { select: { slug: true } } },
  });
  return found?.document.slug ?? null;
}

/** Returns the id of the viewer's live annotation on the document that was posted or imported with `via` as its id there, or null. */
export async function findPostedAnnotationId(viewer: Viewer, documentSlug: string, via: string): Promise<string | null> {
  const found = await getDb().annotation.findFirst({
    where: { authorId: viewer.id, importedFrom: via, deletedAt: null, document: { slug: documentSlug } },
    select: { id: true },
  });
  return found?.id ?? null;
}

/**
 * Records the identity a client posted an annotation with: its own `id` (kept as `via`, unless another of the
 * author's annotations on the document already has it) and its `canonical`. Only the annotation's author may, and
 * only where nothing is recorded yet, so a retry changes nothing. Returns what the annotation now has (null when it
 * is not the viewer's).
 */
export async function recordPostedIdentity(viewer: Viewer, annotationId: string, identity: { via: string | null; canonical: string | null }): Promise<{ via: string | null; canonical: string | null } | null> {
  if (identity.via === null && identity.canonical === null) return { via: null, canonical: null };
  const [row] = await queryObjects<{ via: string | null; canonical: string | null }>(
    `UPDATE "Annotation" AS a SET
       "importedFrom" = CASE
         WHEN a."importedFrom" IS NULL AND $1::text IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM "Annotation" o
           WHERE o."documentId" = a."documentId" AND o."authorId" = a."authorId" AND o."importedFrom" = $1::text
         ) THEN $1::text
         ELSE a."importedFrom" END,
       "canonical" = COALESCE(a."canonical", $2::text)
     WHERE a."id" = $3::uuid AND a."authorId" = $4::uuid
     RETURNING coalesce(a."importedVia", a."importedFrom") AS "via", a."canonical"`,
    [identity.via, identity.canonical, annotationId, viewer.id],
  );
  return row ?? null;
}
