import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/dal/authorization';
import { workspaceRights, type Role, type WorkspaceRights } from '@/lib/domain/permissions';

// Who belongs to a workspace, in every form the data layer needs (the rule itself: isWorkspaceMember in
// lib/domain/permissions.ts, which explains how to add a rule).

/** The workspaces `viewer` belongs to. Used by every workspace read; nobody else learns a workspace exists. */
export function memberWorkspacesWhere(viewer: Pick<Viewer, 'id'>): Prisma.WorkspaceWhereInput {
  return { memberships: { some: { userId: viewer.id } } };
}

/** Returns what `viewer`, whose role in the workspace is `role` (null when not a member), may do there (lib/domain/permissions). */
export function workspaceRightsOf(viewer: Pick<Viewer, 'id'> | null, role: Role | null | undefined): WorkspaceRights {
  return workspaceRights({ userId: viewer?.id ?? null, role: viewer ? (role ?? null) : null });
}
