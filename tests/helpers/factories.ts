import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { hashPassword } from '@/lib/passwords';
import type { RoleName } from '@/lib/validation/workspaces';

const unique = () => randomBytes(5).toString('hex');

/** The password every factory-made user has. */
export const FACTORY_PASSWORD = 'a long test passphrase';
let passwordHash: Promise<string> | null = null;

/** Creates a user who can sign in with FACTORY_PASSWORD; returns them as a Viewer. */
export async function createUser(db: PrismaClient, name = 'Reader'): Promise<Viewer> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const user = await db.user.create({
    data: { name, email: `${name.toLowerCase()}.${unique()}@example.org`, passwordHash: await passwordHash },
    select: { id: true, name: true, email: true },
  });
  return user;
}

/** Creates a workspace with the given members and roles; returns its id and slug. */
export async function createWorkspace(db: PrismaClient, members: Array<[Viewer, RoleName]>, name = 'Desk'): Promise<{ id: string; slug: string }> {
  const workspace = await db.workspace.create({ data: { name, slug: `desk-${unique()}` }, select: { id: true, slug: true } });
  await db.membership.createMany({ data: members.map(([user, role]) => ({ workspaceId: workspace.id, userId: user.id, role })) });
  return workspace;
}

/** Stores a small document in a workspace; returns its slug. */
export async function createDocument(db: PrismaClient, workspaceId: string, options: { isPublic?: boolean; text?: string } = {}): Promise<string> {
  const slug = `doc-${unique()}`;
  const text = options.text ?? 'A private memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2]\n';
  await unsafeStoreDocumentVersion(db, {
    workspaceId,
    metadata: { slug, title: `Memo ${slug}` },
    parsed: parsePlainTextDocument(text),
    isPublic: options.isPublic ?? false,
  });
  return slug;
}

/** The people every authorization matrix needs: one of each role in a workspace, and an owner of another. */
export type Team = {
  people: { owner: Viewer; editor: Viewer; commenter: Viewer; viewer: Viewer; outsider: Viewer };
  workspace: { id: string; slug: string };
  otherWorkspace: { id: string; slug: string };
};

/** Creates a workspace with an owner, editor, commenter and viewer, and another workspace owned by an outsider. */
export async function createTeam(db: PrismaClient): Promise<Team> {
  const people = {
    owner: await createUser(db, 'Owner'),
    editor: await createUser(db, 'Editor'),
    commenter: await createUser(db, 'Commenter'),
    viewer: await createUser(db, 'Viewer'),
    outsider: await createUser(db, 'Outsider'),
  };
  const workspace = await createWorkspace(db, [
    [people.owner, 'OWNER'],
    [people.editor, 'EDITOR'],
    [people.commenter, 'COMMENTER'],
    [people.viewer, 'VIEWER'],
  ]);
  const otherWorkspace = await createWorkspace(db, [[people.outsider, 'OWNER']], 'Other desk');
  return { people, workspace, otherWorkspace };
}
