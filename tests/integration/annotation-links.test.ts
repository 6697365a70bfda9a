import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeActivity, findWorkspaceActivity } from '@/lib/dal/activity-feed';
import { importAnnotations } from '@/lib/dal/annotation-import';
import { createAnnotationLink, deleteAnnotationLink, findAnnotationLinks, findLinkCandidates } from '@/lib/dal/annotation-links';
import { createAnnotation, hideAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument } from '@/lib/dal/documents';
import { exportWebAnnotations } from '@/lib/dal/exports';
import { getReportModel } from '@/lib/dal/verification-report';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, createWorkspace, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const TEXT_A = 'Memo on fighters\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nAbout 4,000 fighters left in 2015.[2] Some came back that year.\n';
const TEXT_B = 'Memo on returns\n\nA lead of its own.\n\n\nReturns\n\nOfficial figures count fewer than 900 departures in total. Others disagree.\n';
const BASE = 'https://marginalia.example';

let database: TestDatabase;
let team: Team;
let slugA: string;
let slugB: string;

// The threads the reader lists on document `slug` for `viewer` with `filter`, by their first annotation.
async function listedBy(viewer: Viewer, slug: string, filter: Parameters<typeof getReaderDocument>[2]): Promise<string[]> {
  const document = await getReaderDocument(viewer, slug, filter, null, { listRequest: { kind: 'all' } });
  return document?.annotations.list.placed.map((node) => node.id) ?? [];
}

async function annotate(viewer: Viewer, slug: string, quote: string, visibility: 'PRIVATE' | 'WORKSPACE' = 'WORKSPACE'): Promise<string> {
  const { text } = await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug } }, select: { text: true } });
  const start = [...text.slice(0, text.indexOf(quote))].length;
  const id = randomUUID();
  await createAnnotation(viewer, slug, { id, versionNumber: 1, start, end: start + [...quote].length, body: `On “${quote}”`, tags: [], visibility });
  return id;
}

const documentIdOf = async (slug: string) => (await database.db.document.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slugA = await createDocument(database.db, team.workspace.id, { text: TEXT_A });
  slugB = await createDocument(database.db, team.workspace.id, { text: TEXT_B });
});

afterAll(async () => {
  await database.drop();
});

describe('links between annotations', () => {
  it('shows a link across documents on both cards, with the other side’s quote and document, and records it for both', async () => {
    const { commenter, owner } = team.people;
    const claim = await annotate(owner, slugA, 'About 4,000 fighters left in 2015.');
    const doubt = await annotate(commenter, slugB, 'fewer than 900 departures');
    const { id } = await createAnnotationLink(commenter, { fromId: doubt, toId: claim, kind: 'contradicts', reason: 'The ministry counts departures, not fighters' });

    const seen = await findAnnotationLinks(owner, 'OWNER', [claim, doubt]);
    expect(seen.get(doubt)).toEqual([expect.objectContaining({ id, kind: 'CONTRADICTS', phrase: 'Contradicts', reason: 'The ministry counts departures, not fighters' })]);
    expect(seen.get(doubt)?.[0]?.other).toMatchObject({ id: claim, quote: 'About 4,000 fighters left in 2015.', documentTitle: `Memo ${slugA}` });
    expect(seen.get(claim)?.[0]).toMatchObject({ phrase: 'Contradicted by', other: { id: doubt, quote: 'fewer than 900 departures', documentTitle: `Memo ${slugB}` } });
    expect(seen.get(claim)?.[0]?.other.href).toBe(`/documents/${slugB}?thread=${doubt}#annotation-${doubt}`);

    // The reader's link filter keeps the threads whose first annotation has a link of the kind asked for.
    expect(await listedBy(owner, slugA, { link: 'CONTRADICTS' })).toEqual([claim]);
    expect(await listedBy(owner, slugA, { link: 'any' })).toContain(claim);
    expect(await listedBy(owner, slugA, { link: 'SUPPORTS' })).not.toContain(claim);
    const activity = await database.db.activity.findMany({ where: { kind: 'link.created', subjectId: id }, select: { documentId: true, audienceUserId: true } });
    expect(activity.map((row) => row.documentId).sort()).toEqual([await documentIdOf(slugA), await documentIdOf(slugB)].sort());
    expect(activity.every((row) => row.audienceUserId === null)).toBe(true);
    const feed = await findWorkspaceActivity(owner, team.workspace.slug);
    expect(feed.entries.filter((entry) => entry.kind === 'link.created').map((entry) => `${entry.actor} ${describeActivity(entry.kind)} in ${entry.documentTitle}`)).toEqual(
      expect.arrayContaining([`Commenter linked two annotations in Memo ${slugA}`, `Commenter linked two annotations in Memo ${slugB}`]),
    );

    expect(await outcomeOf(() => createAnnotationLink(owner, { fromId: doubt, toId: claim, kind: 'CONTRADICTS' }))).toBe('CONFLICT');
  });

  it('never shows another member’s private note: not the link, not its quote, not in the search, not to the filter', async () => {
    const { commenter, owner, editor } = team.people;
    const shared = await annotate(owner, slugA, 'Some came back that year.');
    const secret = await annotate(commenter, slugB, 'Others disagree.', 'PRIVATE');
    const linkEntriesIn = async (viewer: Viewer) => (await findWorkspaceActivity(viewer, team.workspace.slug)).entries.filter((entry) => entry.kind === 'link.created').length;
    const [ownerSawBefore, commenterSawBefore] = [await linkEntriesIn(owner), await linkEntriesIn(commenter)];
    const { id } = await createAnnotationLink(commenter, { fromId: secret, toId: shared, kind: 'answers' });

    expect((await findAnnotationLinks(commenter, 'COMMENTER', [shared])).get(shared)?.map((link) => link.other.quote)).toEqual(['Others disagree.']);
    expect((await findAnnotationLinks(owner, 'OWNER', [shared])).get(shared)).toBeUndefined();
    expect(await listedBy(owner, slugA, { link: 'ANSWERS' })).not.toContain(shared);
    expect(await listedBy(commenter, slugA, { link: 'ANSWERS' })).toEqual([shared]);
    const found = await findLinkCandidates(owner, slugA, { q: 'disagree', scope: 'workspace' });
    expect(found.map((candidate) => candidate.id)).not.toContain(secret);
    expect((await findLinkCandidates(commenter, slugA, { q: 'DISAGREE', scope: 'workspace' })).map((candidate) => candidate.id)).toContain(secret);

    // Linking to it or removing the link is as if neither existed; its activity reaches its author alone.
    expect(await outcomeOf(() => createAnnotationLink(owner, { fromId: shared, toId: secret, kind: 'supports' }))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => deleteAnnotationLink(editor, id))).toBe('NOT_FOUND');
    const activity = await database.db.activity.findMany({ where: { subjectId: id }, select: { audienceUserId: true } });
    expect(activity.every((row) => row.audienceUserId === commenter.id)).toBe(true);
    expect(await linkEntriesIn(owner)).toBe(ownerSawBefore);
    expect(await linkEntriesIn(commenter)).toBe(commenterSawBefore + 2);
  });

  it('lets people link as they may annotate, and remove a link they made or, as editors, a shared one', async () => {
    const { owner, editor, commenter, viewer, outsider } = team.people;
    const first = await annotate(owner, slugA, 'Its lead paragraph.');
    const second = await annotate(editor, slugB, 'A lead of its own.');
    const mine = await annotate(viewer, slugB, 'Official figures', 'PRIVATE');
    const link = (actor: Viewer | null, fromId: string, toId: string, kind = 'same claim as') => outcomeOf(() => createAnnotationLink(actor, { fromId, toId, kind }));

    expect(await link(null, first, second)).toBe('UNAUTHENTICATED');
    expect(await link(outsider, first, second)).toBe('NOT_FOUND');
    expect(await link(viewer, first, second)).toBe('FORBIDDEN');
    expect(await link(viewer, mine, first)).toBe('ok');
    expect(await link(commenter, first, first)).toBe('INVALID_INPUT');
    expect(await link(commenter, first, second, 'refutes')).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => createAnnotationLink(commenter, { fromId: first, toId: second, kind: 'supports', reason: 'bad \u202E mark' }))).toBe('INVALID_INPUT');

    const { id } = await createAnnotationLink(commenter, { fromId: first, toId: second, kind: 'SAME_CLAIM_AS' });
    expect(await outcomeOf(() => deleteAnnotationLink(viewer, id))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => deleteAnnotationLink(owner, id))).toBe('ok');
    const again = await createAnnotationLink(commenter, { fromId: first, toId: second, kind: 'SAME_CLAIM_AS' });
    expect(await outcomeOf(() => deleteAnnotationLink(commenter, again.id))).toBe('ok');
    expect(await database.db.activity.count({ where: { kind: 'link.deleted', subjectId: again.id } })).toBe(2);

    const elsewhere = await createDocument(database.db, team.otherWorkspace.id, { isPublic: true, text: TEXT_B });
    const far = await annotate(outsider, elsewhere, 'Others disagree.');
    expect(await link(outsider, far, first)).toBe('NOT_FOUND');
    const outsiderNote = await annotate(outsider, elsewhere, 'A lead of its own.');
    await database.db.membership.create({ data: { workspaceId: team.workspace.id, userId: outsider.id, role: 'COMMENTER' } });
    expect(await link(outsider, outsiderNote, first)).toBe('INVALID_INPUT');
    await database.db.membership.deleteMany({ where: { workspaceId: team.workspace.id, userId: outsider.id } });
  });

  it('drops a link from sight once either end is hidden', async () => {
    const { owner, editor, commenter } = team.people;
    const claim = await annotate(owner, slugA, 'fighters left');
    const reply = await annotate(commenter, slugB, 'Returns');
    await createAnnotationLink(commenter, { fromId: reply, toId: claim, kind: 'supports' });
    expect((await findAnnotationLinks(owner, 'OWNER', [claim])).get(claim)).toHaveLength(1);
    await hideAnnotation(editor, reply);
    expect((await findAnnotationLinks(owner, 'OWNER', [claim])).get(claim)).toBeUndefined();
  });

  it('lists the shared annotations supporting or contradicting a note’s claim in the verification report', async () => {
    const { owner, commenter } = team.people;
    const slug = await createDocument(database.db, team.workspace.id, { text: TEXT_A });
    const claim = await annotate(owner, slug, '4,000 fighters');
    const support = await annotate(commenter, slugB, 'Official figures count');
    const secret = await annotate(commenter, slugB, 'in total', 'PRIVATE');
    await createAnnotationLink(commenter, { fromId: support, toId: claim, kind: 'supports', reason: 'Same order of magnitude' });
    await createAnnotationLink(commenter, { fromId: secret, toId: claim, kind: 'contradicts' });

    const model = await getReportModel(commenter, slug);
    const note = model?.notes.find((entry) => entry.number === 2);
    expect(note?.linked).toEqual([{ relation: 'Supports', quote: 'Official figures count', documentTitle: `Memo ${slugB}`, author: 'Commenter', reason: 'Same order of magnitude' }]);
    expect(model?.notes.find((entry) => entry.number === 1)?.linked).toEqual([]);
  });
});

describe('links in W3C exports', () => {
  it('brings a contradicts link between annotations of two documents back into a fresh workspace', async () => {
    const { owner, commenter } = team.people;
    const claim = await annotate(owner, slugA, 'About 4,000 fighters');
    const doubt = await annotate(commenter, slugB, 'Official figures count fewer than 900');
    await createAnnotationLink(commenter, { fromId: doubt, toId: claim, kind: 'contradicts', reason: 'Departures are not fighters' });
    const exportA = JSON.stringify(await exportWebAnnotations(owner, slugA, { baseUrl: BASE }));
    const exportB = JSON.stringify(await exportWebAnnotations(owner, slugB, { baseUrl: BASE }));
    const linking = (JSON.parse(exportB) as { first: { items: Array<{ motivation: string; target: unknown; body: unknown }> } }).first.items.filter((item) => item.motivation === 'linking');
    expect(linking).toContainEqual(
      expect.objectContaining({
        target: [`${BASE}/api/documents/${slugB}/annotations/${doubt}`, `${BASE}/api/documents/${slugA}/annotations/${claim}`],
        body: [
          { type: 'TextualBody', value: 'contradicts', purpose: 'tagging' },
          { type: 'TextualBody', value: 'Departures are not fighters', purpose: 'describing' },
        ],
      }),
    );

    const newcomer = await createUser(database.db, 'Newcomer');
    const fresh = await createWorkspace(database.db, [[newcomer, 'OWNER']], 'Fresh desk');
    const copyA = await createDocument(database.db, fresh.id, { text: TEXT_A });
    const copyB = await createDocument(database.db, fresh.id, { text: TEXT_B });
    const first = await importAnnotations(newcomer, { documentSlug: copyA, content: exportA });
    expect(first.links).toBe(0);
    expect(first.warnings.join(' ')).toContain('neither in this file nor in this workspace');
    const second = await importAnnotations(newcomer, { documentSlug: copyB, content: exportB });
    expect(second.links).toBeGreaterThanOrEqual(1);

    const links = await database.db.annotationLink.findMany({
      where: { workspaceId: fresh.id, kind: 'CONTRADICTS', reason: 'Departures are not fighters' },
      select: { from: { select: { document: { select: { slug: true } }, selectors: true } }, to: { select: { document: { select: { slug: true } }, selectors: true } } },
    });
    expect(links).toHaveLength(1);
    expect(links[0]?.from.document.slug).toBe(copyB);
    expect(links[0]?.to.document.slug).toBe(copyA);
    expect(JSON.stringify(links[0]?.to.selectors)).toContain('About 4,000 fighters');

    const repeated = await importAnnotations(newcomer, { documentSlug: copyB, content: exportB });
    expect(repeated.links).toBe(0);
    expect(await database.db.annotationLink.count({ where: { workspaceId: fresh.id, reason: 'Departures are not fighters' } })).toBe(1);
  });
});
