import 'server-only';
import type { DatabaseClient } from '@/lib/db';
import { getDb } from '@/lib/db';
import { linkRightsOf, shownLinkEndWhere, visibleAnnotationLinksWhere } from '@/lib/dal/access/annotation-links';
import { linkTextOf } from '@/lib/dal/annotation-links';
import type { Viewer } from '@/lib/dal/authorization';
import { currentMentionNames } from '@/lib/dal/mentions';
import { getViewerRole } from '@/lib/dal/workspaces';
import { marginaliaAnnotationIdOf } from '@/lib/domain/annotation-import';
import { isSharedLink } from '@/lib/domain/permissions';
import { toLinkingAnnotation, type ImportedLink } from '@/lib/domain/annotation-links-w3c';
import type { ReportLinkedAnnotation } from '@/lib/domain/verification-report';
import { annotationIriOf } from '@/lib/domain/annotation-iris';
import type { WebAnnotation } from '@/lib/domain/web-annotation';

// Links leave and come back through the W3C files (as annotations with motivation `linking`), and the verification
// report lists the annotations linked to each note's claim. Every read goes through visibleAnnotationLinksWhere.

/**
 * Returns the links the viewer may see that start or end on document `documentId`, as W3C linking annotations to
 * add to the document's collection. Each end is named by its IRI under its own document's container on `baseUrl`. The collection's
 * item type does not name the `linking` motivation, so the annotations are handed over as its items.
 */
export async function findLinkingAnnotations(viewer: Viewer | null, documentId: string, options: { baseUrl: string; userIriBase: string }): Promise<WebAnnotation[]> {
  if (!viewer) return [];
  const links = await getDb().annotationLink.findMany({
    where: { AND: [{ OR: [{ from: { documentId } }, { to: { documentId } }] }, visibleAnnotationLinksWhere(viewer)] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, kind: true, reason: true, createdAt: true, fromAnnotationId: true, toAnnotationId: true, createdBy: { select: { id: true, name: true } }, from: { select: { visibility: true, document: { select: { slug: true } } } }, to: { select: { visibility: true, document: { select: { slug: true } } } } },
  });
  return links.map(
    (link) =>
      toLinkingAnnotation({
        id: link.id,
        kind: link.kind,
        reason: link.reason,
        fromIri: annotationIriOf(options.baseUrl, link.from.document.slug, link.fromAnnotationId),
        toIri: annotationIriOf(options.baseUrl, link.to.document.slug, link.toAnnotationId),
        creator: { id: `${options.userIriBase}${link.createdBy.id}`, name: link.createdBy.name },
        created: link.createdAt,
        visibility: isSharedLink(link.from, link.to) ? 'workspace' : 'private',
      }) as unknown as WebAnnotation,
  );
}

/** What an import did with the file's links: how many it made, how many it had already, and why any were left out. */
export type LinkImportOutcome = { imported: number; skipped: number; warnings: string[] };

const endSelect = { id: true, authorId: true, visibility: true, deletedAt: true, hiddenAt: true, importedFrom: true, document: { select: { visibility: true } } } as const;

/**
 * Makes the links of an imported W3C file, inside the import's transaction, after its annotations are stored. Each
 * end is found among the annotations of workspace `workspaceId` the importer may see: one imported from that IRI
 * (in this file or an earlier import), else one of ours the IRI names. A link whose ends are not both found, or that
 * the importer may not make, is left out with a warning; one that exists already is counted as skipped.
 */
export async function importAnnotationLinks(tx: DatabaseClient, viewer: Viewer, workspaceId: string, links: readonly ImportedLink[]): Promise<LinkImportOutcome> {
  const outcome: LinkImportOutcome = { imported: 0, skipped: 0, warnings: [] };
  if (links.length === 0) return outcome;
  const iris = [...new Set(links.flatMap((link) => [link.fromIri, link.toIri]))];
  const ownIds = iris.flatMap((iri) => marginaliaAnnotationIdOf(iri) ?? []);
  const inWorkspace = { AND: [shownLinkEndWhere(viewer), { document: { workspaceId } }] };
  const [imported, own] = await Promise.all([
    tx.annotation.findMany({ where: { AND: [inWorkspace, { importedFrom: { in: iris } }] }, select: endSelect, orderBy: { createdAt: 'asc' } }),
    ownIds.length ? tx.annotation.findMany({ where: { AND: [inWorkspace, { id: { in: ownIds } }] }, select: endSelect }) : Promise.resolve([]),
  ]);
  type End = (typeof imported)[number];
  const byIri = new Map<string, End>();
  // The importer's own copy first: several members may each have imported the same file privately.
  for (const row of [...imported].sort((a, b) => Number(b.authorId === viewer.id) - Number(a.authorId === viewer.id))) if (row.importedFrom && !byIri.has(row.importedFrom)) byIri.set(row.importedFrom, row);
  const ownById = new Map(own.map((row) => [row.id, row]));
  const endOf = (iri: string) => byIri.get(iri) ?? ownById.get(marginaliaAnnotationIdOf(iri) ?? '') ?? null;
  const role = await getViewerRole(viewer, workspaceId);
  for (const link of links) {
    const label = link.externalId ?? 'A linking annotation';
    const from = endOf(link.fromIri);
    const to = endOf(link.toIri);
    if (!from || !to) {
      outcome.warnings.push(`${label} links ${!from ? link.fromIri : link.toIri}, which is neither in this file nor in this workspace; import that annotation's document first, then this file again.`);
      continue;
    }
    if (from.id === to.id || !linkRightsOf(viewer, role, { from, to }).canLink) {
      outcome.warnings.push(`${label} could not be made: you may not link those two annotations.`);
      continue;
    }
    const created = await tx.annotationLink.createMany({
      data: [{ workspaceId, fromAnnotationId: from.id, toAnnotationId: to.id, kind: link.kind, reason: link.reason, createdById: viewer.id, importedFrom: link.externalId }],
      skipDuplicates: true,
    });
    if (created.count === 0) outcome.skipped += 1;
    else outcome.imported += 1;
  }
  return outcome;
}


/**
 * Returns, for each range of the document's current text (a note's citing sentences), the annotations linked as
 * supporting or contradicting to the shared annotations placed on it. Only links between shared annotations are
 * listed: the report is signed and read by the whole workspace, so nobody's private note goes into it.
 */
export async function findClaimLinks(viewer: Viewer | null, documentId: string, ranges: ReadonlyMap<number, Array<{ start: number; end: number }>>): Promise<Map<number, ReportLinkedAnnotation[]>> {
  const byNote = new Map<number, ReportLinkedAnnotation[]>();
  if (!viewer || ranges.size === 0) return byNote;
  const shared = { visibility: 'WORKSPACE' as const };
  const links = await getDb().annotationLink.findMany({
    where: {
      AND: [
        { kind: { in: ['SUPPORTS', 'CONTRADICTS'] } },
        { OR: [{ from: { documentId } }, { to: { documentId } }] },
        { from: shared, to: shared },
        visibleAnnotationLinksWhere(viewer),
      ],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      kind: true,
      reason: true,
      from: { select: { documentId: true, anchorStart: true, anchorEnd: true, selectors: true, body: true, author: { select: { name: true } }, document: { select: { title: true } } } },
      to: { select: { documentId: true, anchorStart: true, anchorEnd: true, selectors: true, body: true, author: { select: { name: true } }, document: { select: { title: true } } } },
    },
  });
  const onClaim = (end: (typeof links)[number]['from'], claim: Array<{ start: number; end: number }>) =>
    end.documentId === documentId && end.anchorStart !== null && end.anchorEnd !== null && claim.some((range) => end.anchorStart! < range.end && end.anchorEnd! > range.start);
  const names = await currentMentionNames(links.flatMap((link) => [link.from.body, link.to.body]));
  for (const [number, claim] of ranges) {
    const entries: ReportLinkedAnnotation[] = [];
    for (const link of links) {
      const relation = link.kind === 'SUPPORTS' ? 'Supports' : 'Contradicts';
      // "A supports B" lists A under B's claim; a contradiction goes both ways, so it is listed from either side.
      const other = onClaim(link.to, claim) ? link.from : link.kind === 'CONTRADICTS' && onClaim(link.from, claim) ? link.to : null;
      if (!other) continue;
      entries.push({ relation, quote: linkTextOf(other, names), documentTitle: other.document.title, author: other.author.name, reason: link.reason });
    }
    if (entries.length > 0) byNote.set(number, entries);
  }
  return byNote;
}
