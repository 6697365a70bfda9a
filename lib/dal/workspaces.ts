import 'server-only';
import { getDb } from '@/lib/db';
import { memberWorkspacesWhere, workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { countNewSinceLastVisit } from '@/lib/dal/new-since-visit';
import { addStarterVocabulary } from '@/lib/vocabulary';
import { slugify } from '@/lib/domain/slugs';
import { AppError, parseInput } from '@/lib/errors';
import { changeRoleSchema, createWorkspaceSchema, type RoleName } from '@/lib/validation/workspaces';

/** A workspace in the viewer's list, with their role in it. */
export type WorkspaceSummary = { slug: string; name: string; role: RoleName; memberCount: number; documentCount: number };

/** A member as the workspace page shows them: no e-mail addresses of others. */
export type MemberEntry = { membershipId: string; name: string; role: RoleName; isViewer: boolean };

/** The workspace page: its documents, its members and what the viewer may do. */
export type WorkspaceDetail = {
  slug: string;
  name: string;
  viewerRole: RoleName;
  canManageMembers: boolean;
  members: MemberEntry[];
  /** `newSinceLastVisit`: annotations by others since the viewer last opened it; null before a first visit. */
  documents: Array<{ slug: string; title: string; isPublic: boolean; newSinceLastVisit: number | null }>;
};

/** Returns the workspaces the viewer belongs to, by name. */
export async function findViewerWorkspaces(viewer: Viewer | null): Promise<WorkspaceSummary[]> {
  if (!viewer) return [];
  const workspaces = await getDb().workspace.findMany({
    where: memberWorkspacesWhere(viewer),
    orderBy: { name: 'asc' },
    select: {
      slug: true,
      name: true,
      memberships: { where: { userId: viewer.id }, select: { role: true } },
      _count: { select: { memberships: true, documents: true } },
    },
  });
  return workspaces.map((workspace) => ({
    slug: workspace.slug,
    name: workspace.name,
    role: workspace.memberships[0]?.role ?? 'VIEWER',
    memberCount: workspace._count.memberships,
    documentCount: workspace._count.documents,
  }));
}

/** Returns the role of `viewer` in the workspace, or null for a visitor or someone who is not a member. */
export async function getViewerRole(viewer: Viewer | null, workspaceId: string): Promise<RoleName | null> {
  if (!viewer) return null;
  const membership = await getDb().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: viewer.id } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Returns the workspace page for a member; NOT_FOUND for anyone else, so its existence is not revealed. */
export async function getWorkspaceDetail(viewer: Viewer | null, slug: string): Promise<WorkspaceDetail> {
  const { id: viewerId } = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug }, memberWorkspacesWhere({ id: viewerId })] },
    select: {
      slug: true,
      name: true,
      memberships: { orderBy: [{ createdAt: 'asc' }], select: { id: true, role: true, userId: true, user: { select: { name: true } } } },
      documents: { orderBy: { title: 'asc' }, select: { id: true, slug: true, title: true, visibility: true } },
    },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  const viewerRole = workspace.memberships.find((membership) => membership.userId === viewerId)?.role ?? 'VIEWER';
  const newCounts = await countNewSinceLastVisit(viewer, workspace.documents.map((document) => document.id));
  return {
    slug: workspace.slug,
    name: workspace.name,
    viewerRole,
    canManageMembers: workspaceRightsOf(viewer, viewerRole).canManageMembers,
    members: workspace.memberships.map((membership) => ({
      membershipId: membership.id,
      name: membership.user.name,
      role: membership.role,
      isViewer: membership.userId === viewerId,
    })),
    documents: workspace.documents.map((document) => ({
      slug: document.slug,
      title: document.title,
      isPublic: document.visibility === 'PUBLIC',
      newSinceLastVisit: newCounts.get(document.id) ?? null,
    })),
  };
}

/** Creates a workspace owned by the viewer; returns its slug. */
export async function createWorkspace(viewer: Viewer | null, input: unknown): Promise<{ slug: string }> {
  const { id } = requireViewer(viewer);
  const { name } = parseInput(createWorkspaceSchema, input);
  const db = getDb();
  const base = slugify(name) || 'workspace';
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${crypto.randomUUID().slice(0, 6)}`;
    const created = await db.workspace.createMany({ data: [{ slug, name }], skipDuplicates: true });
    if (created.count === 1) {
      const workspace = await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      await db.membership.create({ data: { workspaceId: workspace.id, userId: id, role: 'OWNER' } });
      await addStarterVocabulary(db, workspace.id);
      return { slug };
    }
  }
  throw new AppError('CONFLICT', 'Could not find a free address for this workspace. Try another name.');
}

async function requireOwnerOf(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceId: string; viewer: Viewer }> {
  const signedIn = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] },
    select: { id: true, memberships: { where: { userId: signedIn.id }, select: { role: true } } },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  if (!workspaceRightsOf(signedIn, workspace.memberships[0]?.role).canManageMembers) throw new AppError('FORBIDDEN', 'Only the workspace’s owners can manage its members.');
  return { workspaceId: workspace.id, viewer: signedIn };
}

/** Exported for invites, which share the owner check. */
export { requireOwnerOf };

async function assertAnotherOwnerRemains(workspaceId: string, membershipId: string): Promise<void> {
  const otherOwners = await getDb().membership.count({ where: { workspaceId, role: 'OWNER', id: { not: membershipId } } });
  if (otherOwners === 0) throw new AppError('CONFLICT', 'A workspace needs at least one owner. Make someone else an owner first.');
}

/** Changes a member's role; owners only, and the last owner cannot step down. */
export async function changeMemberRole(viewer: Viewer | null, workspaceSlug: string, input: unknown): Promise<void> {
  const { workspaceId } = await requireOwnerOf(viewer, workspaceSlug);
  const { memberId, role } = parseInput(changeRoleSchema, input);
  const db = getDb();
  await db.$transaction(async (tx) => {
    // Lock the workspace's memberships so two owners demoting each other cannot leave none.
    await tx.$queryRaw`SELECT id FROM "Membership" WHERE "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
    const member = await tx.membership.findFirst({ where: { id: memberId, workspaceId }, select: { id: true, role: true } });
    if (!member) throw new AppError('NOT_FOUND', 'That person is not a member of this workspace.');
    if (member.role === 'OWNER' && role !== 'OWNER') {
      const otherOwners = await tx.membership.count({ where: { workspaceId, role: 'OWNER', id: { not: member.id } } });
      if (otherOwners === 0) throw new AppError('CONFLICT', 'A workspace needs at least one owner. Make someone else an owner first.');
    }
    await tx.membership.update({ where: { id: member.id }, data: { role } });
  });
}

/** Removes a member (owners only) or lets a member leave; the last owner can do neither. */
export async function removeMember(viewer: Viewer | null, workspaceSlug: string, membershipId: string): Promise<void> {
  const signedIn = requireViewer(viewer);
  const db = getDb();
  const membership = await db.membership.findFirst({
    where: { id: membershipId, workspace: { slug: workspaceSlug } },
    select: { id: true, userId: true, role: true, workspaceId: true },
  });
  const isLeaving = membership?.userId === signedIn.id;
  if (!membership || !isLeaving) {
    const { workspaceId } = await requireOwnerOf(viewer, workspaceSlug);
    if (!membership || membership.workspaceId !== workspaceId) throw new AppError('NOT_FOUND', 'That person is not a member of this workspace.');
  }
  if (membership.role === 'OWNER') await assertAnotherOwnerRemains(membership.workspaceId, membership.id);
  await db.membership.delete({ where: { id: membership.id } });
}
