import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db';
import { recordActivity } from '@/lib/dal/activity';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { memberWorkspacesWhere, workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { visibleTagsWhere } from '@/lib/dal/access/tags';
import type { TextSelectors } from '@/lib/domain/selectors';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { plainExcerpt, plainQuote } from '@/lib/domain/excerpts';
import { normalizeTagName, validateTags } from '@/lib/domain/tags';
import { AppError, parseInput } from '@/lib/errors';
import { updateTagSchema } from '@/lib/validation/tags';
import type { RoleName } from '@/lib/validation/workspaces';

/** A tag of the workspace vocabulary with how often the viewer can see it used, and whether only they see it. */
export type TagEntry = { id: string; name: string; label: string; colour: string; description: string; count: number; isPrivate: boolean };

/** Tags a page of the vocabulary lists. */
export const TAGS_PER_PAGE = 50;

/** A tag the Tags field suggests. */
export type TagSuggestion = { label: string; colour: string };

/** How many suggestions the Tags field shows at once. */
export const MAX_TAG_SUGGESTIONS = 8;

// The workspace's order of precedence: ranked tags first, by rank, then the rest by name.
const PRECEDENCE = [{ rank: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }] satisfies Prisma.TagOrderByWithRelationInput[];

/** An annotation carrying a tag, as the tag's page lists it. */
export type TaggedAnnotation = { id: string; documentSlug: string; documentTitle: string; quote: string | null; prefix: string; suffix: string; excerpt: string; author: string; createdAt: string };

async function requireMember(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceId: string; workspaceName: string; role: RoleName; viewer: Viewer }> {
  const signedIn = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] },
    select: { id: true, name: true, memberships: { where: { userId: signedIn.id }, select: { role: true } } },
  });
  const role = workspace?.memberships[0]?.role;
  if (!workspace || !role) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  return { workspaceId: workspace.id, workspaceName: workspace.name, role, viewer: signedIn };
}

/** One page of the vocabulary as the tags page shows it, with what the viewer may change. */
export type WorkspaceTagsPage = {
  workspaceName: string;
  canEdit: boolean;
  canOrder: boolean;
  tags: TagEntry[];
  /** 1-based; `page` is within 1..pageCount. */
  page: number;
  pageCount: number;
  total: number;
  /** Where the page's first tag stands in the workspace's order (0-based). */
  offset: number;
};

/**
 * Returns one page (TAGS_PER_PAGE, in the workspace's order of precedence) of the vocabulary the viewer may see
 * (visibleTagsWhere), with usage counts, and whether they may edit it (editors and owners) or order it (owners).
 */
export async function findWorkspaceTags(viewer: Viewer | null, workspaceSlug: string, options: { page?: number } = {}): Promise<WorkspaceTagsPage> {
  const member = await requireMember(viewer, workspaceSlug);
  const where = visibleTagsWhere(member.viewer, member.workspaceId);
  const db = getDb();
  const total = await db.tag.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / TAGS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pageCount);
  const offset = (page - 1) * TAGS_PER_PAGE;
  const tags = await db.tag.findMany({
    where,
    orderBy: PRECEDENCE,
    skip: offset,
    take: TAGS_PER_PAGE,
    select: {
      id: true,
      name: true,
      label: true,
      colour: true,
      description: true,
      isShared: true,
      _count: { select: { annotations: { where: { annotation: { AND: [visibleAnnotationsWhere(member.viewer), { deletedAt: null, hiddenAt: null }] } } } } },
    },
  });
  return {
    workspaceName: member.workspaceName,
    canEdit: workspaceRightsOf(member.viewer, member.role).canEditVocabulary,
    canOrder: workspaceRightsOf(member.viewer, member.role).canOrderVocabulary,
    tags: tags.map(({ _count, isShared, ...tag }) => ({ ...tag, count: _count.annotations, isPrivate: !isShared })),
    page,
    pageCount,
    total,
    offset,
  };
}

/**
 * Returns the tags of document `documentSlug`'s workspace the viewer may see that match what they typed, for the
 * Tags field: names starting with it first, then names where a word or a namespace's value starts with it, then
 * any containing it; within each, the workspace's order. Each with its colour. Empty for visitors and non-members.
 */
export async function findTagSuggestions(viewer: Viewer | null, documentSlug: string, typed: string): Promise<TagSuggestion[]> {
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to tag.');
  const db = getDb();
  const document = await db.document.findFirst({ where: { AND: [{ slug: documentSlug }, readableDocumentsWhere(viewer)] }, select: { workspaceId: true } });
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  const query = normalizeTagName(typed.slice(0, 200));
  const candidates = await db.tag.findMany({
    where: { AND: [visibleTagsWhere(viewer, document.workspaceId), query ? { name: { contains: query } } : {}] },
    orderBy: PRECEDENCE,
    // Enough that the best matches are among them however the precedence orders the rest.
    take: query ? 200 : MAX_TAG_SUGGESTIONS,
    select: { name: true, label: true, colour: true },
  });
  const closeness = (name: string) => (name.startsWith(query) ? 0 : name.split(/[\s:/-]/u).some((part) => part.startsWith(query)) ? 1 : 2);
  return candidates
    .map((tag, order) => ({ tag, order, closeness: closeness(tag.name) }))
    .sort((a, b) => a.closeness - b.closeness || a.order - b.order)
    .slice(0, MAX_TAG_SUGGESTIONS)
    .map(({ tag }) => ({ label: tag.label, colour: tag.colour }));
}

/**
 * Moves a tag to `position` (1-based) in the workspace's order of precedence, which decides the colour of an
 * annotation with several tags (owners only). The vocabulary the owner sees is numbered afresh in one statement.
 */
export async function moveTag(viewer: Viewer | null, workspaceSlug: string, tagId: string, position: number): Promise<void> {
  const member = await requireMember(viewer, workspaceSlug);
  if (!workspaceRightsOf(member.viewer, member.role).canOrderVocabulary) throw new AppError('FORBIDDEN', 'Only owners can order the vocabulary.');
  if (!Number.isInteger(position) || position < 1) throw new AppError('INVALID_INPUT', 'Choose a place in the order, from 1.', { fieldErrors: { position: ['Choose a place in the order, from 1.'] } });
  const db = getDb();
  const ordered = await db.tag.findMany({ where: visibleTagsWhere(member.viewer, member.workspaceId), orderBy: PRECEDENCE, select: { id: true } });
  const ids = ordered.map((tag) => tag.id);
  const from = ids.indexOf(tagId);
  if (from < 0) throw new AppError('NOT_FOUND', 'That tag is not in this workspace’s vocabulary.');
  ids.splice(from, 1);
  ids.splice(Math.min(position - 1, ids.length), 0, tagId);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "Tag" AS t SET "rank" = u.rank
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS u(id, rank)
      WHERE t."id" = u.id AND t."workspaceId" = ${member.workspaceId}::uuid`;
    await recordActivity(tx, { workspaceId: member.workspaceId, actorId: member.viewer.id, kind: 'tag.changed', subjectId: tagId });
  });
}

/**
 * Renames, recolours or redescribes a tag (editors and owners). Renaming to a name the vocabulary already has
 * fails with CONFLICT naming that tag, so the person can merge instead.
 */
export async function updateTag(viewer: Viewer | null, workspaceSlug: string, tagId: string, input: unknown): Promise<void> {
  const member = await requireMember(viewer, workspaceSlug);
  if (!workspaceRightsOf(member.viewer, member.role).canEditVocabulary) throw new AppError('FORBIDDEN', 'Only editors and owners can change the vocabulary.');
  const { label, colour, description } = parseInput(updateTagSchema, input);
  const validation = validateTags([label]);
  if (!validation.ok) throw new AppError('INVALID_INPUT', validation.message, { fieldErrors: { label: [validation.message] } });
  const name = validation.tags[0] ?? normalizeTagName(label);
  const db = getDb();
  const tag = await db.tag.findFirst({ where: { AND: [{ id: tagId }, visibleTagsWhere(member.viewer, member.workspaceId)] }, select: { id: true } });
  if (!tag) throw new AppError('NOT_FOUND', 'That tag is not in this workspace’s vocabulary.');
  const clash = await db.tag.findFirst({ where: { workspaceId: member.workspaceId, name, id: { not: tagId } }, select: { id: true, label: true } });
  if (clash) {
    // A private tag of someone else is neither named nor offered for merging.
    const isVisible = (await db.tag.count({ where: { AND: [{ id: clash.id }, visibleTagsWhere(member.viewer, member.workspaceId)] } })) > 0;
    if (!isVisible) throw new AppError('CONFLICT', 'That name is taken. Choose another.', { fieldErrors: { label: ['That name is taken. Choose another.'] } });
    throw new AppError('CONFLICT', `The vocabulary already has “${clash.label}”. Merge this tag into it instead.`, {
      fieldErrors: { label: [`merge:${clash.id}`], mergeLabel: [clash.label] },
    });
  }
  await db.$transaction(async (tx) => {
    await tx.tag.update({ where: { id: tagId }, data: { name, label: validation.labels[0] ?? label, colour, description } });
    await recordActivity(tx, { workspaceId: member.workspaceId, actorId: member.viewer.id, kind: 'tag.changed', subjectId: tagId });
  });
}

/** Moves every annotation of one tag onto another and removes the first (editors and owners). */
export async function mergeTags(viewer: Viewer | null, workspaceSlug: string, fromTagId: string, intoTagId: string): Promise<void> {
  const member = await requireMember(viewer, workspaceSlug);
  if (!workspaceRightsOf(member.viewer, member.role).canEditVocabulary) throw new AppError('FORBIDDEN', 'Only editors and owners can merge tags.');
  if (fromTagId === intoTagId) throw new AppError('INVALID_INPUT', 'Choose two different tags to merge.');
  const db = getDb();
  const tags = await db.tag.findMany({ where: { AND: [{ id: { in: [fromTagId, intoTagId] } }, visibleTagsWhere(member.viewer, member.workspaceId)] }, select: { id: true, isShared: true } });
  if (tags.length !== 2) throw new AppError('NOT_FOUND', 'Both tags must be in this workspace’s vocabulary.');
  const isIntoShared = tags.find((tag) => tag.id === intoTagId)?.isShared ?? false;
  const isFromShared = tags.find((tag) => tag.id === fromTagId)?.isShared ?? false;
  await db.$transaction(async (tx) => {
    // Annotations carrying both keep one link to the surviving tag.
    await tx.$executeRaw`
      INSERT INTO "AnnotationTag" ("annotationId", "tagId")
      SELECT "annotationId", ${intoTagId}::uuid FROM "AnnotationTag" WHERE "tagId" = ${fromTagId}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.tag.delete({ where: { id: fromTagId } });
    // Annotations the shared tag was on are now on the other, which is therefore shared too.
    if (isFromShared && !isIntoShared) await tx.tag.update({ where: { id: intoTagId }, data: { isShared: true } });
    await recordActivity(tx, { workspaceId: member.workspaceId, actorId: member.viewer.id, kind: 'tag.changed', subjectId: intoTagId });
  });
}

/** Returns a tag and every annotation the viewer may see that carries it, across the workspace's documents, newest first. */
export async function findTaggedAnnotations(viewer: Viewer | null, workspaceSlug: string, tagName: string): Promise<{ tag: TagEntry; annotations: TaggedAnnotation[] }> {
  const member = await requireMember(viewer, workspaceSlug);
  const tag = await getDb().tag.findFirst({ where: { AND: [{ name: normalizeTagName(tagName) }, visibleTagsWhere(member.viewer, member.workspaceId)] } });
  if (!tag) throw new AppError('NOT_FOUND', 'This workspace has no such tag.');
  const annotations = await withCurrentMentionNames(
    await getDb().annotation.findMany({
      where: { AND: [visibleAnnotationsWhere(member.viewer), { deletedAt: null, hiddenAt: null, tags: { some: { tagId: tag.id } } }] },
      orderBy: { createdAt: 'desc' },
      take: 500,
      select: { id: true, body: true, createdAt: true, selectors: true, author: { select: { name: true } }, document: { select: { slug: true, title: true } } },
    }),
  );
  return {
    tag: { id: tag.id, name: tag.name, label: tag.label, colour: tag.colour, description: tag.description, count: annotations.length, isPrivate: !tag.isShared },
    annotations: annotations.map((annotation) => {
      const selectors = annotation.selectors as TextSelectors | null;
      return {
        id: annotation.id,
        documentSlug: annotation.document.slug,
        documentTitle: annotation.document.title,
        quote: selectors ? plainQuote(selectors.quote.exact) : null,
        prefix: plainQuote(selectors?.quote.prefix ?? ''),
        suffix: plainQuote(selectors?.quote.suffix ?? ''),
        excerpt: plainExcerpt(annotation.body, 400),
        author: annotation.author.name,
        createdAt: annotation.createdAt.toISOString(),
      };
    }),
  };
}
