import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db';
import { visibleAnnotationLinksSql, visibleAnnotationLinksWhere } from '@/lib/dal/access/annotation-links';
import { createAnnotationLink } from '@/lib/dal/annotation-links';
import { canLinkAnnotations, canSeeLink, type LinkEndFacts } from '@/lib/domain/permissions';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { outcomeOf } from '@/tests/helpers/outcome';
import { actorsOf, buildWorld, insertWorld, sorted, standingIn, worldShape, type World } from '@/tests/helpers/random-worlds';

// The link rule in all its forms (the Prisma where-builder, the SQL fragment, the pure predicate) picks the same
// links over random worlds, and a link can be made exactly when the permission function says so.

let database: TestDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await database.drop();
});

const endOf = (world: World, index: number): LinkEndFacts => {
  const annotation = world.annotations[index]!;
  const document = world.documents[annotation.document]!;
  return { authorId: world.users[annotation.author]!.id, visibility: annotation.visibility, isDeleted: annotation.isDeleted, isHidden: annotation.isHidden, document: { isPublic: document.isPublic } };
};

const workspaceOf = (world: World, index: number) => world.documents[world.annotations[index]!.document]!.workspace;

// Every ordered pair of distinct annotations in one workspace, linked by the first annotation's author.
async function linkEveryPair(world: World): Promise<Array<{ id: string; from: number; to: number }>> {
  const pairs = world.annotations.flatMap((_, from) => world.annotations.flatMap((__, to) => (from !== to && workspaceOf(world, from) === workspaceOf(world, to) ? [{ from, to }] : [])));
  const links = [];
  for (const { from, to } of pairs) {
    const created = await database.db.annotationLink.create({
      data: {
        workspaceId: world.workspaces[workspaceOf(world, from)]!.id,
        fromAnnotationId: world.annotations[from]!.id,
        toAnnotationId: world.annotations[to]!.id,
        kind: 'SUPPORTS',
        createdById: world.users[world.annotations[from]!.author]!.id,
      },
      select: { id: true },
    });
    links.push({ id: created.id, from, to });
  }
  return links;
}

describe('the link rule over random worlds', () => {
  it('every form picks the links whose both ends the person may see, and links are made exactly when allowed', async () => {
    await fc.assert(
      fc.asyncProperty(worldShape, fc.nat(48), fc.constantFrom('SUPPORTS', 'CONTRADICTS', 'SAME_CLAIM_AS', 'ANSWERS'), async (shape, pick, kind) => {
        const world = buildWorld(shape);
        await insertWorld(database.db, world);
        const links = await linkEveryPair(world);
        const linkIds = links.map((link) => link.id);
        for (const viewer of actorsOf(world)) {
          const expected = sorted(links.filter((link) => canSeeLink(standingIn(world, viewer, workspaceOf(world, link.from)), endOf(world, link.from), endOf(world, link.to))).map((link) => link.id));
          const prisma = await database.db.annotationLink.findMany({ where: { AND: [{ id: { in: linkIds } }, visibleAnnotationLinksWhere(viewer)] }, select: { id: true } });
          expect(sorted(prisma.map((row) => row.id)), 'visibleAnnotationLinksWhere').toEqual(expected);
          if (!viewer) continue;
          // The SQL form takes membership of the links' workspace, so it is checked one workspace at a time.
          for (const [workspaceIndex, workspace] of world.workspaces.entries()) {
            const isMember = standingIn(world, viewer, workspaceIndex).role !== null;
            const rows = await queryRows<[string]>(
              `SELECT l."id" FROM "AnnotationLink" l
                 JOIN "Annotation" f ON f."id" = l."fromAnnotationId" JOIN "Document" fd ON fd."id" = f."documentId"
                 JOIN "Annotation" t ON t."id" = l."toAnnotationId" JOIN "Document" td ON td."id" = t."documentId"
               WHERE l."id" = ANY($3::uuid[]) AND l."workspaceId" = $4::uuid AND ${visibleAnnotationLinksSql('$1', '$2')}`,
              [viewer.id, isMember, linkIds, workspace.id],
            );
            const inWorkspace = links.filter((link) => workspaceOf(world, link.from) === workspaceIndex).map((link) => link.id);
            expect(sorted(rows.map(([id]) => id)), 'visibleAnnotationLinksSql').toEqual(expected.filter((id) => inWorkspace.includes(id)));
          }
        }
        const pairs = links.length;
        if (pairs === 0) return;
        const { from, to } = links[pick % pairs]!;
        await database.db.annotationLink.deleteMany({ where: { fromAnnotationId: world.annotations[from]!.id, toAnnotationId: world.annotations[to]!.id, kind } });
        const viewer = actorsOf(world)[pick % actorsOf(world).length] ?? null;
        const isAllowed = canLinkAnnotations(standingIn(world, viewer, workspaceOf(world, from)), endOf(world, from), endOf(world, to));
        const outcome = await outcomeOf(() => createAnnotationLink(viewer, { fromId: world.annotations[from]!.id, toId: world.annotations[to]!.id, kind }));
        if (isAllowed) expect(outcome).toBe('ok');
        else expect(outcome).not.toBe('ok');
      }),
      { numRuns: 60 },
    );
  }, 600_000);
});
