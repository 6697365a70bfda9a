import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db';
import { visibleAnnotationsSql, visibleAnnotationsWhere, visibleDocumentAnnotationsSql, visibleDocumentAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsSql, readableDocumentsWhere } from '@/lib/dal/access/documents';
import { readableFootnoteSourcesWhere } from '@/lib/dal/access/sources';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { setDocumentVisibility } from '@/lib/dal/document-visibility';
import { createAnnotation, deleteAnnotation, findDocumentAnnotations, hideAnnotation, replyToAnnotation, resolveThread, settleAnchor, updateAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { setVerdict } from '@/lib/dal/sources';
import { getViewerRole } from '@/lib/dal/workspaces';
import { hasRole } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { outcomeOf } from '@/tests/helpers/outcome';
import {
  actorsOf,
  buildWorld,
  insertWorld,
  memberWorkspaceIds,
  readableDocumentIds,
  rightsOn,
  rightsOnDocument,
  sorted,
  visibleAnnotationIds,
  worldShape,
  type World,
} from '@/tests/helpers/random-worlds';

// Every form of each access rule (the Prisma where-builders, the SQL fragments, the pure predicates of
// lib/domain/permissions) must pick the same rows, and every mutation must succeed exactly when the pure permission
// function, which also draws the buttons, says it may. Worlds are small and random; one database holds them all.

let database: TestDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await database.drop();
});

const ids = (rows: Array<{ id: string }>) => sorted(rows.map((row) => row.id));

async function expectRulesAgree(world: World): Promise<void> {
  const { db } = database;
  const documentIds = world.documents.map((document) => document.id);
  const annotationIds = world.annotations.map((annotation) => annotation.id);
  const documentsSql = readableDocumentsSql('$1');
  await Promise.all(
    actorsOf(world).map(async (viewer) => {
      const readable = sorted(readableDocumentIds(world, viewer));
      const [prismaDocuments, sqlDocuments, prismaAnnotations, prismaSources] = await Promise.all([
        db.document.findMany({ where: { AND: [{ id: { in: documentIds } }, readableDocumentsWhere(viewer)] }, select: { id: true } }),
        queryRows<[string]>(`SELECT d."id" FROM "Document" d ${documentsSql.join} WHERE d."id" = ANY($2::uuid[]) AND ${documentsSql.condition}`, [viewer?.id ?? null, documentIds]),
        db.annotation.findMany({ where: { AND: [{ id: { in: annotationIds } }, visibleAnnotationsWhere(viewer)] }, select: { id: true } }),
        db.footnoteSource.findMany({ where: { AND: [{ documentId: { in: documentIds } }, readableFootnoteSourcesWhere(viewer)] }, select: { documentId: true } }),
      ]);
      expect(ids(prismaDocuments), 'readableDocumentsWhere').toEqual(readable);
      expect(sorted(sqlDocuments.map(([id]) => id)), 'readableDocumentsSql').toEqual(readable);
      // A source attached to a note is seen by whoever may read the note's document.
      expect(sorted(prismaSources.map((row) => row.documentId)), 'readableFootnoteSourcesWhere').toEqual(readable);
      expect(ids(prismaAnnotations), 'visibleAnnotationsWhere').toEqual(sorted(visibleAnnotationIds(world, viewer)));
      if (viewer) {
        const workspaces = await db.workspace.findMany({ where: { AND: [{ id: { in: world.workspaces.map((workspace) => workspace.id) } }, memberWorkspacesWhere(viewer)] }, select: { id: true } });
        expect(ids(workspaces), 'memberWorkspacesWhere').toEqual(sorted(memberWorkspaceIds(world, viewer)));
        // The search's form, given the documents of the viewer's workspaces as the search looks them up.
        const memberDocuments = await db.document.findMany({ where: { AND: [{ id: { in: documentIds } }, { workspace: memberWorkspacesWhere(viewer) }] }, select: { id: true } });
        const searched = await db.$queryRaw<Array<{ id: string }>>`SELECT a."id" FROM "Annotation" a WHERE a."id" = ANY(${annotationIds}::uuid[]) AND ${visibleAnnotationsSql(viewer, memberDocuments.map((document) => document.id))}`;
        expect(ids(searched), 'visibleAnnotationsSql').toEqual(sorted(visibleAnnotationIds(world, viewer)));
      }
      await Promise.all(world.documents.map((document, index) => expectDocumentFormsAgree(world, viewer, index, readable.includes(document.id))));
    }),
  );
}

// The reader's narrowed forms, and what it shows: which annotations, and the buttons on each.
async function expectDocumentFormsAgree(world: World, viewer: Viewer | null, index: number, isReadable: boolean): Promise<void> {
  const document = world.documents[index]!;
  const expected = sorted(visibleAnnotationIds(world, viewer, index));
  const isMember = hasRole(await getViewerRole(viewer, world.workspaces[document.workspace]!.id), 'VIEWER');
  const narrowed = await database.db.annotation.findMany({ where: visibleDocumentAnnotationsWhere(viewer, { id: document.id, isMember }), select: { id: true } });
  expect(ids(narrowed), 'visibleDocumentAnnotationsWhere').toEqual(expected);
  const sql = visibleDocumentAnnotationsSql(viewer, { id: document.id, isMember });
  const sqlRows = sql ? await queryRows<[string]>(`SELECT a."id" FROM "Annotation" a WHERE ${sql.condition}`, sql.params) : [];
  expect(sorted(sqlRows.map(([id]) => id)), 'visibleDocumentAnnotationsSql').toEqual(expected);

  const annotations = await findDocumentAnnotations(viewer, document.slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  expect(annotations !== null, 'the reader opens exactly the readable documents').toBe(isReadable);
  if (!annotations) return;
  const rights = rightsOnDocument(world, viewer, index);
  expect({ canShare: annotations.canShare, canAnnotatePrivately: annotations.canAnnotatePrivately }).toEqual({ canShare: rights.canShare, canAnnotatePrivately: rights.canAnnotatePrivately });
  for (const view of annotations.annotations) {
    expect(expected).toContain(view.id);
    const worldIndex = world.annotations.findIndex((annotation) => annotation.id === view.id);
    expect(view.rights, `the buttons on annotation ${worldIndex}`).toEqual(rightsOn(world, viewer, worldIndex));
  }
  // Every shown annotation the rule allows is listed (deleted and hidden ones only while replies hang below them).
  const listed = new Set(annotations.annotations.map((view) => view.id));
  for (const annotation of world.annotations) {
    if (expected.includes(annotation.id) && !annotation.isDeleted && !annotation.isHidden) expect(listed.has(annotation.id)).toBe(true);
  }
}

/** One thing a person tries in a world. */
type Attempt = { kind: 'reply' | 'edit' | 'tag' | 'delete' | 'hide' | 'resolve' | 'settle' | 'create' | 'verdict' | 'visibility'; actor: number; target: number; isShared: boolean; hasTags: boolean };

const attempt: fc.Arbitrary<Attempt> = fc.record({
  kind: fc.constantFrom<Attempt['kind']>('reply', 'edit', 'tag', 'delete', 'hide', 'resolve', 'settle', 'create', 'verdict', 'visibility'),
  actor: fc.nat(3),
  target: fc.nat(8),
  isShared: fc.boolean(),
  hasTags: fc.boolean(),
});

async function activityCount(world: World): Promise<number> {
  return database.db.activity.count({ where: { workspaceId: { in: world.workspaces.map((workspace) => workspace.id) } } });
}

// Tries one thing, and checks it did something (one activity recorded) exactly when the pure function allows it.
async function expectMutationAgrees(world: World, { kind: drawn, actor, target, isShared, hasTags }: Attempt): Promise<void> {
  // With no annotation to act on, the attempt creates one.
  const kind = world.annotations.length === 0 && drawn !== 'verdict' && drawn !== 'visibility' ? 'create' : drawn;
  const actors = actorsOf(world);
  const viewer = actors[actor % actors.length]!;
  const before = await activityCount(world);
  let isAllowed: boolean;
  let run: () => Promise<unknown>;
  if (kind === 'verdict') {
    const documentIndex = target % world.documents.length;
    isAllowed = rightsOnDocument(world, viewer, documentIndex).canSetVerdicts;
    run = () => setVerdict(viewer, world.documents[documentIndex]!.footnoteSourceId, { verdict: 'SUPPORTS' });
  } else if (kind === 'visibility') {
    // Turning the document the other way, so an allowed change always records one activity.
    const documentIndex = target % world.documents.length;
    const document = world.documents[documentIndex]!;
    isAllowed = rightsOnDocument(world, viewer, documentIndex).canSetVisibility;
    run = async () => {
      await setDocumentVisibility(viewer, document.slug, { visibility: document.isPublic ? 'PRIVATE' : 'PUBLIC' });
      document.isPublic = !document.isPublic;
    };
  } else if (kind === 'create') {
    const documentIndex = target % world.documents.length;
    const rights = rightsOnDocument(world, viewer, documentIndex);
    isAllowed = rights.canAnnotatePrivately && (!isShared || rights.canShare) && (!hasTags || rights.canTag);
    const id = randomUUID();
    const visibility = isShared ? 'WORKSPACE' : 'PRIVATE';
    run = async () => {
      await createAnnotation(viewer, world.documents[documentIndex]!.slug, { id, versionNumber: 1, start: 2, end: 12, body: 'New', tags: hasTags ? ['evidence'] : [], visibility });
      world.annotations.push({ id, document: documentIndex, author: world.users.findIndex((user) => user.id === viewer?.id), visibility, parent: null, root: null, isDeleted: false, isHidden: false });
    };
  } else {
    const index = target % world.annotations.length;
    const annotation = world.annotations[index]!;
    const rights = rightsOn(world, viewer, index);
    const id = annotation.id;
    const revision = async () => (await database.db.annotation.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision;
    switch (kind) {
      case 'reply': {
        isAllowed = rights.canReply;
        const replyId = randomUUID();
        run = async () => {
          await replyToAnnotation(viewer, { id: replyId, parentId: id, body: 'A reply' });
          world.annotations.push({ ...annotation, id: replyId, author: world.users.findIndex((user) => user.id === viewer?.id), parent: index, root: annotation.root ?? index, isDeleted: false, isHidden: false });
        };
        break;
      }
      case 'edit':
        isAllowed = rights.canEdit;
        run = async () => updateAnnotation(viewer, id, { body: 'Edited', revision: await revision() });
        break;
      case 'tag':
        // Only a thread's first annotation carries tags; a reply's edit ignores them.
        isAllowed = rights.canEdit && (annotation.parent !== null || rightsOnDocument(world, viewer, annotation.document).canTag);
        run = async () => updateAnnotation(viewer, id, { body: 'Tagged', tags: ['evidence'], revision: await revision() });
        break;
      case 'delete':
        isAllowed = rights.canDelete;
        run = async () => {
          await deleteAnnotation(viewer, id);
          if (isAllowed) annotation.isDeleted = true;
        };
        break;
      case 'hide':
        isAllowed = rights.canHide;
        run = async () => {
          await hideAnnotation(viewer, id);
          if (isAllowed) annotation.isHidden = true;
        };
        break;
      case 'resolve':
        isAllowed = rights.canResolve;
        run = () => resolveThread(viewer, id, { isResolved: true });
        break;
      default:
        isAllowed = rights.canSettleAnchor;
        run = () => settleAnchor(viewer, id, 'confirm');
    }
  }
  const outcome = await outcomeOf(run);
  const did = (await activityCount(world)) - before;
  if (isAllowed) expect({ kind, outcome, did }).toEqual({ kind, outcome: 'ok', did: 1 });
  else expect({ kind, did }, `refused with ${outcome}`).toEqual({ kind, did: 0 });
}

describe('access rules over random worlds', () => {
  it('every form of each rule picks the same rows, and every mutation succeeds exactly when the permission function allows it', async () => {
    let worlds = 0;
    await fc.assert(
      fc.asyncProperty(worldShape, fc.array(attempt, { minLength: 1, maxLength: 3 }), async (shape, attempts) => {
        const world = buildWorld(shape);
        await insertWorld(database.db, world);
        worlds += 1;
        for (const tried of attempts) await expectMutationAgrees(world, tried);
        // After the changes, so the rows the mutations added and removed are selected too.
        await expectRulesAgree(world);
      }),
      { numRuns: 200 },
    );
    expect(worlds).toBeGreaterThanOrEqual(200);
  }, 600_000);
});
