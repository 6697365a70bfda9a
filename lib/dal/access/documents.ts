import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/dal/authorization';
import { documentRights, type DocumentRights, type Role } from '@/lib/domain/permissions';
import { ROLES } from '@/lib/validation/workspaces';

// Who may read a document, in every form the data layer needs (the rule itself: canReadDocument in
// lib/domain/permissions.ts, which explains how to add a rule). tests/integration/access-worlds.test.ts holds the
// forms to the same rows.

/** The documents `viewer` may read: public ones, and every document of their workspaces. Used by every document read. */
export function readableDocumentsWhere(viewer: Pick<Viewer, 'id'> | null): Prisma.DocumentWhereInput {
  return viewer
    ? { OR: [{ visibility: 'PUBLIC' }, { workspace: { memberships: { some: { userId: viewer.id } } } }] }
    : { visibility: 'PUBLIC' };
}

/**
 * readableDocumentsWhere in SQL, for statements on the driver (queryObjects) over `"Document" <document>`. `join`
 * left-joins the viewer's membership of the document's workspace as `<membership>` (so the statement can also read
 * their role from it) and `condition` keeps the readable documents. `viewerIdParam` names the parameter holding the
 * viewer's id (null for a visitor), for example `$1`.
 */
export function readableDocumentsSql(viewerIdParam: string, alias: { document: string; membership: string } = { document: 'd', membership: 'm' }): { join: string; condition: string } {
  const { document: d, membership: m } = alias;
  return {
    join: `LEFT JOIN "Membership" ${m} ON ${m}."workspaceId" = ${d}."workspaceId" AND ${m}."userId" = ${viewerIdParam}::uuid`,
    condition: `(${d}."visibility" = 'PUBLIC' OR ${m}."id" IS NOT NULL)`,
  };
}

/** Returns what `viewer` may do on a document, given whether it is public and their role in its workspace (lib/domain/permissions). */
export function documentRightsOf(viewer: Pick<Viewer, 'id'> | null, document: { isPublic: boolean; role: Role | null }): DocumentRights {
  return documentRights({ userId: viewer?.id ?? null, role: viewer ? document.role : null }, { isPublic: document.isPublic });
}

/**
 * Who has every one of `rights` on a document, for statements that check standing in SQL instead of reading it
 * first: the workspace roles whose holders have them on each document of their workspace, and whether a signed-in
 * reader who is not a member has them on a public document.
 */
export function standingsGranting(viewer: Pick<Viewer, 'id'>, rights: ReadonlyArray<keyof DocumentRights>): { roles: Role[]; publicToNonMembers: boolean } {
  const grantsAll = (granted: DocumentRights) => rights.every((right) => granted[right]);
  return {
    roles: ROLES.filter((role) => grantsAll(documentRightsOf(viewer, { isPublic: false, role }))),
    publicToNonMembers: grantsAll(documentRightsOf(viewer, { isPublic: true, role: null })),
  };
}
