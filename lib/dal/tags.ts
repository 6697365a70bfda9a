import 'server-only';
import { getDb } from '@/lib/db';
import { recordActivity } from '@/lib/dal/activity';
import { visibleAnnotationsWhere } from '@/lib/dal/annotations';
import { hasRole, requireViewer, type Viewer } from '@/lib/dal/authorization';
import type { TextSelectors } from '@/lib/domain/selectors';
import { normalizeTagName, validateTags } from '@/lib/domain/tags';
import { AppError, parseInput } from '@/lib/errors';
import { updateTagSchema } from '@/lib/validation/tags';
import type { RoleName } from '@/lib/validation/workspaces';

/** A tag of the workspace vocabulary with how often the viewer can see it used. */
export type TagEntry = { id: string; name: string; label: string; colour: string; description: string; count: number };

/** An annotation carrying a tag, as the tag's page lists it. */
export type TaggedAnnotation = { id: string; documentSlug: string; documentTitle: string; quote: string | null; prefix: string; suffix: string; body: string; author: string; createdAt: string };

async function requireMember(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceId: string; workspaceName: string; role: RoleName; viewer: Viewer }> {
  const signedIn = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { slug: workspaceSlug, memberships: { some: { userId: signedIn.id } } },
    select: { id: true, name: true, memberships: { where: { userId: signedIn.id }, select: { role: true } } },
  });
  const role = workspace?.memberships[0]?.role;
  if (!workspace || !role) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  return { workspaceId: workspace.id, workspaceName: workspace.name, role, viewer: signedIn };
}

/** Returns the workspace's vocabulary with usage counts, and whether the viewer may edit it (editors and owners). */
export async function findWorkspaceTags(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceName: string; canEdit: boolean; tags: TagEntry[] }> {
  const member = await requireMember(viewer, workspaceSlug);
  const tags = await getDb().tag.findMany({
    where: { workspaceId: member.workspaceId },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      label: true,
      colour: true,
      description: true,
      _count: { select: { annotations: { where: { annotation: { AND: [visibleAnnotationsWhere(member.viewer), { deletedAt: null, hiddenAt: null }] } } } } },
    },
  });
  return {
    workspaceName: member.workspaceName,
    canEdit: hasRole(member.role, 'EDITOR'),
    tags: tags.map(({ _count, ...tag }) => ({ ...tag, count: _count.annotations })),
  };
}

/**
 * Renames, recolours or redescribes a tag (editors and owners). Renaming to a name the vocabulary already has
 * fails with CONFLICT naming that tag, so the person can merge instead.
 */
export async function updateTag(viewer: Viewer | null, workspaceSlug: string, tagId: string, input: unknown): Promise<void> {
  const member = await requireMember(viewer, workspaceSlug);
  if (!hasRole(member.role, 'EDITOR')) throw new AppError('FORBIDDEN', 'Only editors and owners can change the vocabulary.');
  const { label, colour, description } = parseInput(updateTagSchema, input);
  const validation = validateTags([label]);
  if (!validation.ok) throw new AppError('INVALID_INPUT', validation.message, { fieldErrors: { label: [validation.message] } });
  const name = validation.tags[0] ?? normalizeTagName(label);
  const db = getDb();
  const tag = await db.tag.findFirst({ where: { id: tagId, workspaceId: member.workspaceId }, select: { id: true } });
  if (!tag) throw new AppError('NOT_FOUND', 'That tag is not in this workspace’s vocabulary.');
  const clash = await db.tag.findFirst({ where: { workspaceId: member.workspaceId, name, id: { not: tagId } }, select: { id: true, label: true } });
  if (clash) {
    throw new AppError('CONFLICT', `The vocabulary already has “${clash.label}”. Merge this tag into it instead.`, { fieldErrors: { label: [`merge:${clash.id}`] } });
  }
  await db.$transaction(async (tx) => {
    await tx.tag.update({ where: { id: tagId }, data: { name, label: validation.labels[0] ?? label, colour, description } });
    await recordActivity(tx, { workspaceId: member.workspaceId, actorId: member.viewer.id, kind: 'tag.changed', subjectId: tagId });
  });
}

/** Moves every annotation of one tag onto another and removes the first (editors and owners). */
export async function mergeTags(viewer: Viewer | null, workspaceSlug: string, fromTagId: string, intoTagId: string): Promise<void> {
  const member = await requireMember(viewer, workspaceSlug);
  if (!hasRole(member.role, 'EDITOR')) throw new AppError('FORBIDDEN', 'Only editors and owners can merge tags.');
  if (fromTagId === intoTagId) throw new AppError('INVALID_INPUT', 'Choose two different tags to merge.');
  const db = getDb();
  const tags = await db.tag.findMany({ where: { id: { in: [fromTagId, intoTagId] }, workspaceId: member.workspaceId }, select: { id: true } });
  if (tags.length !== 2) throw new AppError('NOT_FOUND', 'Both tags must be in this workspace’s vocabulary.');
  await db.$transaction(async (tx) => {
    // Annotations carrying both keep one link to the surviving tag.
    await tx.$executeRaw`
      INSERT INTO "AnnotationTag" ("annotationId", "tagId")
      SELECT "annotationId", ${intoTagId}::uuid FROM "AnnotationTag" WHERE "tagId" = ${fromTagId}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.tag.delete({ where: { id: fromTagId } });
    await recordActivity(tx, { workspaceId: member.workspaceId, actorId: member.viewer.id, kind: 'tag.changed', subjectId: intoTagId });
  });
}

/** Returns a tag and every annotation the viewer may see that carries it, across the workspace's documents, newest first. */
export async function findTaggedAnnotations(viewer: Viewer | null, workspaceSlug: string, tagName: string): Promise<{ tag: TagEntry; annotations: TaggedAnnotation[] }> {
  const member = await requireMember(viewer, workspaceSlug);
  const tag = await getDb().tag.findFirst({ where: { workspaceId: member.workspaceId, name: normalizeTagName(tagName) } });
  if (!tag) throw new AppError('NOT_FOUND', 'This workspace has no such tag.');
  const annotations = await getDb().annotation.findMany({
    where: { AND: [visibleAnnotationsWhere(member.viewer), { deletedAt: null, hiddenAt: null, tags: { some: { tagId: tag.id } } }] },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: { id: true, body: true, createdAt: true, selectors: true, author: { select: { name: true } }, document: { select: { slug: true, title: true } } },
  });
  return {
    tag: { id: tag.id, name: tag.name, label: tag.label, colour: tag.colour, description: tag.description, count: annotations.length },
    annotations: annotations.map((annotation) => {
      const selectors = annotation.selectors as TextSelectors | null;
      return {
        id: annotation.id,
        documentSlug: annotation.document.slug,
        documentTitle: annotation.document.title,
        quote: selectors?.quote.exact ?? null,
        prefix: selectors?.quote.prefix ?? '',
        suffix: selectors?.quote.suffix ?? '',
        body: annotation.body,
        author: annotation.author.name,
        createdAt: annotation.createdAt.toISOString(),
      };
    }),
  };
}
