import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { RoleName } from '@/lib/validation/workspaces';

/** The signed-in person acting, as the data layer sees them; null for a visitor. */
export type Viewer = { id: string; name: string; email: string };

const RANK: Record<RoleName, number> = { VIEWER: 1, COMMENTER: 2, EDITOR: 3, OWNER: 4 };

/** Whether `role` carries at least the rights of `required`. */
export function hasRole(role: RoleName | null | undefined, required: RoleName): boolean {
  return role ? RANK[role] >= RANK[required] : false;
}

/** Throws UNAUTHENTICATED for a visitor; returns the viewer otherwise. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to do that.');
  return viewer;
}

/** The documents `viewer` may read: public ones, and every document of their workspaces. Used by every document read. */
export function readableDocumentsWhere(viewer: Viewer | null): Prisma.DocumentWhereInput {
  return viewer
    ? { OR: [{ visibility: 'PUBLIC' }, { workspace: { memberships: { some: { userId: viewer.id } } } }] }
    : { visibility: 'PUBLIC' };
}

/** The workspaces `viewer` belongs to. Used by every workspace read. */
export function memberWorkspacesWhere(viewer: Viewer): Prisma.WorkspaceWhereInput {
  return { memberships: { some: { userId: viewer.id } } };
}
