import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { PrismaClient } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { annotationRights, canReadDocument, canSeeAnnotation, documentRights, isWorkspaceMember, type AnnotationRights, type DocumentRights, type Role, type Standing } from '@/lib/domain/permissions';

/** The text of every document in a world: long enough to place a passage on. */
export const WORLD_TEXT = 'A short memo for random worlds.\n\nIts only paragraph makes one claim.\n';

/** A world as plain data: people, workspaces with their roles, documents, annotations and replies. */
export type World = {
  users: Viewer[];
  workspaces: Array<{ id: string; slug: string; sourceId: string; roles: Array<Role | null> }>;
  /** Each document has one source attached to its note 1, `footnoteSourceId`. */
  documents: Array<{ id: string; slug: string; versionId: string; footnoteSourceId: string; workspace: number; isPublic: boolean }>;
  annotations: WorldAnnotation[];
};

/** One annotation of a world; a reply names its parent and shares its document and visibility. */
export type WorldAnnotation = {
  id: string;
  document: number;
  author: number;
  visibility: 'PRIVATE' | 'WORKSPACE';
  parent: number | null;
  root: number | null;
  isDeleted: boolean;
  isHidden: boolean;
};

/** The shape fast-check draws; indices are taken modulo the lists they point into. */
export type WorldShape = {
  userCount: number;
  roles: Array<Array<Role | null>>;
  documents: Array<{ workspace: number; isPublic: boolean }>;
  annotations: Array<{ document: number; author: number; visibility: 'PRIVATE' | 'WORKSPACE'; parent: number | null; state: 'shown' | 'deleted' | 'hidden' }>;
};

const role = fc.constantFrom<Role | null>('OWNER', 'EDITOR', 'COMMENTER', 'VIEWER', null, null);

/** Small worlds: up to three people (and the signed-out visitor), two workspaces, three documents and seven annotations. */
export const worldShape: fc.Arbitrary<WorldShape> = fc.record({
  userCount: fc.integer({ min: 1, max: 3 }),
  roles: fc.array(fc.array(role, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  documents: fc.array(fc.record({ workspace: fc.nat(1), isPublic: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  annotations: fc.array(
    fc.record({
      document: fc.nat(2),
      author: fc.nat(2),
      visibility: fc.constantFrom<'PRIVATE' | 'WORKSPACE'>('PRIVATE', 'WORKSPACE'),
      parent: fc.option(fc.nat(6), { freq: 2 }),
      state: fc.constantFrom<'shown' | 'deleted' | 'hidden'>('shown', 'shown', 'deleted', 'hidden'),
    }),
    { maxLength: 7 },
  ),
});

/** Builds the world a shape describes, with fresh ids so worlds never meet in the one database. */
export function buildWorld(shape: WorldShape): World {
  const users = Array.from({ length: shape.userCount }, (_, index) => {
    const id = randomUUID();
    return { id, name: `Person ${index}`, email: `person-${id}@example.org` };
  });
  const workspaces = shape.roles.map((roles) => ({ id: randomUUID(), slug: `world-${randomUUID()}`, sourceId: randomUUID(), roles: roles.slice(0, users.length) }));
  const documents = shape.documents.map((document) => ({
    id: randomUUID(),
    slug: `world-doc-${randomUUID()}`,
    versionId: randomUUID(),
    footnoteSourceId: randomUUID(),
    workspace: document.workspace % workspaces.length,
    isPublic: document.isPublic,
  }));
  const annotations: WorldAnnotation[] = [];
  for (const drawn of shape.annotations) {
    const parentIndex = drawn.parent !== null && annotations.length > 0 ? drawn.parent % annotations.length : null;
    const parent = parentIndex === null ? null : annotations[parentIndex]!;
    annotations.push({
      id: randomUUID(),
      document: parent ? parent.document : drawn.document % documents.length,
      author: drawn.author % users.length,
      visibility: parent ? parent.visibility : drawn.visibility,
      parent: parentIndex,
      root: parent ? (parent.root ?? parentIndex) : null,
      isDeleted: drawn.state === 'deleted',
      isHidden: drawn.state === 'hidden',
    });
  }
  return { users, workspaces, documents, annotations };
}

/** Stores a world, one statement per table in one transaction. */
export async function insertWorld(db: PrismaClient, world: World): Promise<void> {
  const hash = createHash('sha256').update(WORLD_TEXT).digest('hex');
  const now = new Date();
  await db.$transaction([
    db.user.createMany({ data: world.users }),
    db.workspace.createMany({ data: world.workspaces.map(({ id, slug }) => ({ id, slug, name: 'World' })) }),
    db.membership.createMany({
      data: world.workspaces.flatMap((workspace) => workspace.roles.flatMap((role, user) => (role ? [{ workspaceId: workspace.id, userId: world.users[user]!.id, role }] : []))),
    }),
    db.document.createMany({
      data: world.documents.map((document) => ({ id: document.id, slug: document.slug, title: 'Memo', workspaceId: world.workspaces[document.workspace]!.id, visibility: document.isPublic ? 'PUBLIC' : 'PRIVATE' })),
    }),
    db.documentVersion.createMany({ data: world.documents.map((document) => ({ id: document.versionId, documentId: document.id, number: 1, text: WORLD_TEXT, contentHash: hash })) }),
    db.source.createMany({ data: world.workspaces.map((workspace) => ({ id: workspace.sourceId, workspaceId: workspace.id, kind: 'WEBPAGE', title: 'A source', createdById: world.users[0]!.id })) }),
    db.footnoteSource.createMany({
      data: world.documents.map((document) => ({
        id: document.footnoteSourceId,
        documentId: document.id,
        footnoteNumber: 1,
        sourceId: world.workspaces[document.workspace]!.sourceId,
        attachedById: world.users[0]!.id,
        verdictSetById: world.users[0]!.id,
      })),
    }),
    db.annotation.createMany({
      data: world.annotations.map((annotation) => {
        const document = world.documents[annotation.document]!;
        return {
          id: annotation.id,
          documentId: document.id,
          versionId: document.versionId,
          authorId: world.users[annotation.author]!.id,
          body: 'A remark',
          motivation: annotation.parent === null ? 'COMMENTING' : 'REPLYING',
          visibility: annotation.visibility,
          parentId: annotation.parent === null ? null : world.annotations[annotation.parent]!.id,
          rootId: annotation.root === null ? null : world.annotations[annotation.root]!.id,
          selectors: annotation.parent === null ? { quote: { type: 'TextQuoteSelector', exact: 'short memo', prefix: 'A ', suffix: ' for' }, position: { type: 'TextPositionSelector', start: 2, end: 12 } } : undefined,
          anchorStart: annotation.parent === null ? 2 : null,
          anchorEnd: annotation.parent === null ? 12 : null,
          deletedAt: annotation.isDeleted ? now : null,
          hiddenAt: annotation.isHidden ? now : null,
        };
      }),
    }),
  ]);
}

/** Everyone who may act in a world: each person, and the signed-out visitor (null). */
export function actorsOf(world: World): Array<Viewer | null> {
  return [...world.users, null];
}

/** Where `viewer` stands in workspace `workspace` of the world. */
export function standingIn(world: World, viewer: Viewer | null, workspace: number): Standing {
  if (!viewer) return { userId: null, role: null };
  const user = world.users.findIndex((candidate) => candidate.id === viewer.id);
  return { userId: viewer.id, role: world.workspaces[workspace]!.roles[user] ?? null };
}

/** The ids of the documents the pure rule lets `viewer` read. */
export function readableDocumentIds(world: World, viewer: Viewer | null): string[] {
  return world.documents.filter((document) => canReadDocument(standingIn(world, viewer, document.workspace), document)).map((document) => document.id);
}

/** The ids of the annotations the pure rule lets `viewer` see, on `documentIndex` only when given. */
export function visibleAnnotationIds(world: World, viewer: Viewer | null, documentIndex?: number): string[] {
  return world.annotations
    .filter((annotation) => documentIndex === undefined || annotation.document === documentIndex)
    .filter((annotation) => canSeeAnnotation(standingIn(world, viewer, world.documents[annotation.document]!.workspace), { authorId: world.users[annotation.author]!.id, visibility: annotation.visibility }))
    .map((annotation) => annotation.id);
}

/** The ids of the workspaces the pure rule counts `viewer` a member of. */
export function memberWorkspaceIds(world: World, viewer: Viewer | null): string[] {
  return world.workspaces.filter((_, index) => isWorkspaceMember(standingIn(world, viewer, index))).map((workspace) => workspace.id);
}

/** What the pure function lets `viewer` do with annotation `index`. */
export function rightsOn(world: World, viewer: Viewer | null, index: number): AnnotationRights {
  const annotation = world.annotations[index]!;
  const document = world.documents[annotation.document]!;
  return annotationRights(standingIn(world, viewer, document.workspace), document, {
    authorId: world.users[annotation.author]!.id,
    visibility: annotation.visibility,
    isReply: annotation.parent !== null,
    isDeleted: annotation.isDeleted,
    isHidden: annotation.isHidden,
  });
}

/** What the pure function lets `viewer` do on document `index`. */
export function rightsOnDocument(world: World, viewer: Viewer | null, index: number): DocumentRights {
  const document = world.documents[index]!;
  return documentRights(standingIn(world, viewer, document.workspace), document);
}

/** Sorted copy, for comparing sets of ids. */
export const sorted = (ids: Iterable<string>): string[] => [...ids].sort();
