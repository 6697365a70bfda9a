import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb, queryRows } from '@/lib/db';
import { linkRightsOf, shownLinkEndSql, visibleAnnotationLinksWhere } from '@/lib/dal/access/annotation-links';
import { recordActivity } from '@/lib/dal/activity';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { getReadableDocument } from '@/lib/dal/document-lookup';
import { currentMentionNames } from '@/lib/dal/mentions';
import { getViewerRole } from '@/lib/dal/workspaces';
import { linkPhrase, shortenAtWord, type LinkKind } from '@/lib/domain/annotation-links';
import { plainExcerpt, plainQuote } from '@/lib/domain/excerpts';
import { renameMentions } from '@/lib/domain/mentions';
import { isUuid } from '@/lib/domain/ids';
import { isSharedLink } from '@/lib/domain/permissions';
import { AppError, parseInput } from '@/lib/errors';
import { createAnnotationLinkSchema, linkCandidatesQuerySchema } from '@/lib/validation/annotation-links';

/** The other end of a link as a card shows it: its quote (or comment), and its document when that is another one. */
export type LinkedAnnotation = { id: string; quote: string; documentTitle: string | null; href: string };

/** A link as one of its two cards shows it ("Contradicted by" the other side), with whether the viewer may remove it. */
export type AnnotationLinkView = { id: string; kind: LinkKind; phrase: string; reason: string | null; createdBy: string; other: LinkedAnnotation; canDelete: boolean };

/** An annotation the Link… form offers: its quote or comment, its author and document. */
export type LinkCandidate = { id: string; quote: string; authorName: string; documentTitle: string; isThisDocument: boolean };

const endSelect = {
  id: true,
  rootId: true,
  authorId: true,
  visibility: true,
  deletedAt: true,
  hiddenAt: true,
  selectors: true,
  body: true,
  documentId: true,
  document: { select: { slug: true, title: true, visibility: true, workspaceId: true } },
} as const;

type EndRow = Prisma.AnnotationGetPayload<{ select: typeof endSelect }>;

const notFound = () => new AppError('NOT_FOUND', 'There is no such annotation, or it is not shared with you.');

/**
 * Returns how an annotation reads as the other end of a link: its quote without footnote markers, else its comment,
 * with its mentions named by `names` (id → current name; see currentMentionNames).
 */
export function linkTextOf(row: { selectors: unknown; body: string }, names: ReadonlyMap<string, string>, maxLength = 200): string {
  const exact = (row.selectors as { quote?: { exact?: unknown } } | null)?.quote?.exact;
  if (typeof exact === 'string' && exact.trim() !== '') return shortenAtWord(plainQuote(exact), maxLength);
  return shortenAtWord(plainExcerpt(renameMentions(row.body, names)), maxLength) || 'an annotation without words';
}

// A card shows the other side in a line or two; its own card holds the whole quote.
const CARD_QUOTE_LENGTH = 120;

function linkedOf(row: EndRow, fromDocumentId: string, names: ReadonlyMap<string, string>): LinkedAnnotation {
  return {
    id: row.id,
    quote: linkTextOf(row, names, CARD_QUOTE_LENGTH),
    documentTitle: row.documentId === fromDocumentId ? null : row.document.title,
    href: `/documents/${encodeURIComponent(row.document.slug)}?thread=${row.rootId ?? row.id}#annotation-${row.id}`,
  };
}

/**
 * Links annotation `fromId` to `toId` with a kind and an optional reason, as the viewer may annotate (commenters for a
 * link between shared annotations; anyone for a link with their own private note at one end). Both must be shown to
 * them and in one workspace. Throws UNAUTHENTICATED, INVALID_INPUT, NOT_FOUND, FORBIDDEN, or CONFLICT when that link exists.
 */
export async function createAnnotationLink(viewer: Viewer | null, input: unknown): Promise<{ id: string }> {
  const signedIn = requireViewer(viewer);
  const { fromId, toId, kind, reason } = parseInput(createAnnotationLinkSchema, input);
  const db = getDb();
  const rows = await db.annotation.findMany({ where: { id: { in: [fromId, toId] } }, select: endSelect });
  const from = rows.find((row) => row.id === fromId);
  const to = rows.find((row) => row.id === toId);
  if (!from || !to) throw notFound();
  const role = await getViewerRole(signedIn, from.document.workspaceId);
  if (from.document.workspaceId !== to.document.workspaceId) {
    // Each end is judged by the viewer's role in its own workspace: one they cannot see is as if it did not exist.
    const toRole = await getViewerRole(signedIn, to.document.workspaceId);
    if (!linkRightsOf(signedIn, role, { from, to: from }).canSee || !linkRightsOf(signedIn, toRole, { from: to, to }).canSee) throw notFound();
    throw new AppError('INVALID_INPUT', 'Links join annotations of one workspace; choose an annotation of this workspace.', { fieldErrors: { toId: ['Choose an annotation of this workspace.'] } });
  }
  const rights = linkRightsOf(signedIn, role, { from, to });
  if (!rights.canSee) throw notFound();
  if (!rights.canLink) throw new AppError('FORBIDDEN', 'Linking shared annotations is for commenters, editors and owners of the workspace.');
  const audienceUserId = isSharedLink(from, to) ? null : signedIn.id;
  try {
    return await db.$transaction(async (tx) => {
      const link = await tx.annotationLink.create({
        data: { workspaceId: from.document.workspaceId, fromAnnotationId: fromId, toAnnotationId: toId, kind, reason: reason ?? null, createdById: signedIn.id },
        select: { id: true },
      });
      for (const documentId of new Set([from.documentId, to.documentId])) {
        await recordActivity(tx, { workspaceId: from.document.workspaceId, documentId, actorId: signedIn.id, kind: 'link.created', subjectId: link.id, audienceUserId });
      }
      return link;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('CONFLICT', `These annotations are already linked as “${linkPhrase(kind, 'from').toLowerCase()}”.`);
    throw error;
  }
}

/** Removes a link: its maker, or an editor or owner when both ends are shared. Throws NOT_FOUND for a link the viewer cannot see. */
export async function deleteAnnotationLink(viewer: Viewer | null, linkId: string): Promise<void> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(linkId)) throw new AppError('NOT_FOUND', 'There is no such link, or it is not shared with you.');
  const db = getDb();
  const link = await db.annotationLink.findUnique({ where: { id: linkId }, select: { id: true, workspaceId: true, createdById: true, from: { select: endSelect }, to: { select: endSelect } } });
  if (!link) throw new AppError('NOT_FOUND', 'There is no such link, or it is not shared with you.');
  const rights = linkRightsOf(signedIn, await getViewerRole(signedIn, link.workspaceId), link, link);
  if (!rights.canSee) throw new AppError('NOT_FOUND', 'There is no such link, or it is not shared with you.');
  if (!rights.canDelete) throw new AppError('FORBIDDEN', 'Only whoever made a link, or an editor or owner, can remove it.');
  const audienceUserId = isSharedLink(link.from, link.to) ? null : signedIn.id;
  await db.$transaction(async (tx) => {
    await tx.annotationLink.delete({ where: { id: linkId } });
    for (const documentId of new Set([link.from.documentId, link.to.documentId])) {
      await recordActivity(tx, { workspaceId: link.workspaceId, documentId, actorId: signedIn.id, kind: 'link.deleted', subjectId: linkId, audienceUserId });
    }
  });
}

/**
 * Returns, for each of `annotationIds`, the links the viewer may see that start or end there, as its card shows them.
 * `role` is the viewer's role in the workspace of the annotations, looked up by the caller with the document.
 */
export async function findAnnotationLinks(viewer: Viewer | null, role: Parameters<typeof linkRightsOf>[1], annotationIds: readonly string[]): Promise<Map<string, AnnotationLinkView[]>> {
  const byAnnotation = new Map<string, AnnotationLinkView[]>();
  if (!viewer || annotationIds.length === 0) return byAnnotation;
  const ids = [...annotationIds];
  const links = await getDb().annotationLink.findMany({
    where: { AND: [{ OR: [{ fromAnnotationId: { in: ids } }, { toAnnotationId: { in: ids } }] }, visibleAnnotationLinksWhere(viewer)] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, kind: true, reason: true, createdById: true, createdBy: { select: { name: true } }, from: { select: endSelect }, to: { select: endSelect } },
  });
  const wanted = new Set(ids);
  const names = await currentMentionNames(links.flatMap((link) => [link.from.body, link.to.body]));
  for (const link of links) {
    const { canDelete } = linkRightsOf(viewer, role, link, link);
    const add = (side: 'from' | 'to', here: EndRow, other: EndRow) => {
      if (!wanted.has(here.id)) return;
      const view = { id: link.id, kind: link.kind, phrase: linkPhrase(link.kind, side), reason: link.reason, createdBy: link.createdBy.name, other: linkedOf(other, here.documentId, names), canDelete };
      byAnnotation.set(here.id, [...(byAnnotation.get(here.id) ?? []), view]);
    };
    add('from', link.from, link.to);
    add('to', link.to, link.from);
  }
  return byAnnotation;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/gu, (character) => `\\${character}`)}%`;

/**
 * Returns up to 20 annotations the viewer may link to from document `documentSlug`, newest first: those of this
 * document, or of every document of its workspace, whose quote or comment holds the words searched. Only annotations
 * shown to the viewer (their own, and shared ones of a workspace they belong to). NOT_FOUND for a document they may not read.
 */
export async function findLinkCandidates(viewer: Viewer | null, documentSlug: string, input: unknown): Promise<LinkCandidate[]> {
  const signedIn = requireViewer(viewer);
  const { q, scope, exclude } = parseInput(linkCandidatesQuerySchema, input);
  const document = await getReadableDocument(signedIn, documentSlug);
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const rows = await queryRows<[id: string, selectors: unknown, body: string, authorName: string, documentId: string, documentTitle: string]>(
    `SELECT a."id", a."selectors", a."body", u."name", d."id", d."title"
     FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" JOIN "User" u ON u."id" = a."authorId"
     WHERE d."workspaceId" = $4::uuid AND (NOT $5::boolean OR d."id" = $6::uuid) AND ${shownLinkEndSql('a', 'd', '$1', '$2')}
       AND ($3 = '%%' OR a."body" ILIKE $3 OR (a."selectors"->'quote'->>'exact') ILIKE $3) AND a."id" <> $7::uuid
     ORDER BY (d."id" = $6::uuid) DESC, a."createdAt" DESC, a."id"
     LIMIT 20`,
    [signedIn.id, document.role !== null, likePattern(q), document.workspaceId, scope === 'document', document.id, exclude ?? '00000000-0000-0000-0000-000000000000'],
  );
  const names = await currentMentionNames(rows.map((row) => row[2]));
  return rows.map(([id, selectors, body, authorName, documentId, documentTitle]) => ({
    id,
    quote: linkTextOf({ selectors, body }, names),
    authorName,
    documentTitle,
    isThisDocument: documentId === document.id,
  }));
}
