import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, createSectionComment, deleteAnnotation, findDocumentAnnotations, hideAnnotation, replyToAnnotation, updateAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument, getReaderHighlights, getReaderHighlightTable, type ReaderDocument } from '@/lib/dal/documents';
import { ANNOTATION_LIST_BATCH, idsInThreads } from '@/lib/domain/annotation-list';
import { codePointLength } from '@/lib/domain/text';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, createWorkspace, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const SENTENCE = 'The volunteers crossed the border in small groups.';
const TEXT = ['Field notes', '', ...Array.from({ length: 120 }, (_, index) => `${index + 1}. ${SENTENCE}`).flatMap((line) => [line, '']), '', '', 'Later', '', 'A closing paragraph.', ''].join('\n');
const THREADS = ANNOTATION_LIST_BATCH * 2 + 5;

let database: TestDatabase;
let reader: Viewer;
let slug: string;
// Thread ids in text order: the one on paragraph n is ids[n - 1].
const ids: string[] = [];

const paragraphRange = (number: number) => {
  const start = codePointLength(TEXT.slice(0, TEXT.indexOf(`${number}. ${SENTENCE}`)));
  return { start, end: start + codePointLength(`${number}. ${SENTENCE}`) };
};

// Every annotation a reader page shows: the listed threads with their replies, the orphans and the discussions.
const listedIds = (document: ReaderDocument | null) => {
  if (!document) throw new Error('document not readable');
  const { list, discussions } = document.annotations;
  return [...idsInThreads(list.placed), ...idsInThreads(list.orphans), ...discussions.map((annotation) => annotation.id)].sort();
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  reader = await createUser(database.db, 'Reader');
  const workspace = await createWorkspace(database.db, [[reader, 'OWNER']]);
  slug = await createDocument(database.db, workspace.id, { text: TEXT });
  // One thread on each numbered paragraph, in text order, so each batch of the list is known.
  for (let number = 1; number <= THREADS; number++) {
    const id = randomUUID();
    await createAnnotation(reader, slug, { id, versionNumber: 1, ...paragraphRange(number), body: `Comment on paragraph ${number}`, tags: [], visibility: 'WORKSPACE' });
    ids.push(id);
  }
  await createSectionComment(reader, slug, 'later', { id: randomUUID(), body: 'About the last section', visibility: 'WORKSPACE' });
});

afterAll(async () => {
  await database.drop();
});

describe('the reader with more threads than the list shows at once', () => {
  it('counts every thread, reads the text only of the first batch and the discussions, and links to the next batch', async () => {
    const document = await getReaderDocument(reader, slug);
    const { list, discussions } = document!.annotations;
    expect(list.window).toEqual({ start: 0, end: ANNOTATION_LIST_BATCH, total: THREADS });
    expect(list.placed.map((node) => node.item?.body)).toEqual(ids.slice(0, ANNOTATION_LIST_BATCH).map((_, index) => `Comment on paragraph ${index + 1}`));
    expect(list.placed.map((node) => node.item?.quote)).toEqual(ids.slice(0, ANNOTATION_LIST_BATCH).map((_, index) => `${index + 1}. ${SENTENCE}`));
    expect(list.earlierFirstId).toBeNull();
    expect(list.laterFirstId).toBe(ids[ANNOTATION_LIST_BATCH]);
    expect(discussions.map((annotation) => annotation.body)).toEqual(['About the last section']);
  });

  it('highlights every passage, whichever batch is listed, and names the table by a fingerprint of it', async () => {
    const highlights = await getReaderHighlights(reader, slug);
    expect(highlights?.map(([id]) => id)).toEqual(ids);
    expect(highlights?.[0]).toEqual([ids[0], paragraphRange(1).start, paragraphRange(1).end, expect.stringMatching(/^#[0-9a-f]{6}$/)]);
    const document = await getReaderDocument(reader, slug);
    const table = await getReaderHighlightTable(reader, slug);
    expect(document!.annotations.highlightsVersion).toMatch(/^[0-9a-f]{32}$/);
    expect(document!.annotations.highlightsVersion).toBe(table?.fingerprint);
    // Another table (here, the filter leaves fewer) has another fingerprint, on the page and the table alike.
    const narrowed = await getReaderDocument(reader, slug, { status: 'OPEN' });
    const fewer = await getReaderHighlightTable(reader, slug, { author: 'Nobody at all' });
    expect(narrowed!.annotations.highlightsVersion).toBe(table?.fingerprint);
    expect(fewer).toEqual({ highlights: [], fingerprint: null });
  });

  it('lists a range of threads with their text, and links to the batches before and after it', async () => {
    const document = await getReaderDocument(reader, slug, {}, null, { listRequest: { kind: 'range', first: 26, last: 50 } });
    const { list } = document!.annotations;
    expect(list.window).toEqual({ start: 25, end: 50, total: THREADS });
    expect(list.placed.map((node) => node.item?.body)).toEqual(ids.slice(25, 50).map((_, index) => `Comment on paragraph ${index + 26}`));
    expect(list.earlierFirstId).toBe(ids[0]);
    expect(list.laterFirstId).toBe(ids[50]);
  });

  it('opens the batch holding a reply’s thread, with the reply, when a link names it', async () => {
    const last = ids.at(-1)!;
    const replyId = randomUUID();
    await replyToAnnotation(reader, { id: replyId, parentId: last, body: 'A reply far down the list' });
    const document = await getReaderDocument(reader, slug, {}, null, { listRequest: { kind: 'thread', annotationId: replyId } });
    const { list } = document!.annotations;
    expect(list.window).toEqual({ start: ANNOTATION_LIST_BATCH * 2, end: THREADS, total: THREADS });
    expect(list.placed.at(-1)?.item?.body).toBe('Comment on paragraph 55');
    expect(list.placed.at(-1)?.children.map((child) => child.item?.body)).toEqual(['A reply far down the list']);
    expect(list.laterFirstId).toBeNull();
  });

  it('lists every thread with its text when all are asked for, and the first batch for a thread it cannot find', async () => {
    const all = await getReaderDocument(reader, slug, {}, null, { listRequest: { kind: 'all' } });
    expect(all!.annotations.list.placed.map((node) => node.item?.body)).toEqual(ids.map((_, index) => `Comment on paragraph ${index + 1}`));
    const unknown = await getReaderDocument(reader, slug, {}, null, { listRequest: { kind: 'thread', annotationId: randomUUID() } });
    expect(unknown!.annotations.list.window).toEqual({ start: 0, end: ANNOTATION_LIST_BATCH, total: THREADS });
  });

  it('a filter picks its threads before the batch is cut, so filtered threads come with their text', async () => {
    const document = await getReaderDocument(reader, slug, { section: 'later' });
    expect(document!.annotations.list.window.total).toBe(0);
    expect(document!.annotations.highlightsVersion).toBeNull();
    expect(await getReaderHighlights(reader, slug, { section: 'later' })).toEqual([]);
    const filtered = await getReaderDocument(reader, slug, { author: 'Reader' });
    expect(filtered!.annotations.list.placed.every((node) => node.item?.body.startsWith('Comment on paragraph'))).toBe(true);
  });
});

describe('who sees which annotations and highlights in the reader', () => {
  let team: Team;
  let privateSlug: string;
  let publicSlug: string;
  const made: Record<string, string> = {};

  const annotate = async (viewer: Viewer, documentSlug: string, number: number, fields: { visibility?: 'PRIVATE' | 'WORKSPACE'; tags?: string[] } = {}) => {
    const id = randomUUID();
    await createAnnotation(viewer, documentSlug, { id, versionNumber: 1, ...paragraphRange(number), body: `By ${viewer.name} on ${number}`, tags: fields.tags ?? [], visibility: fields.visibility ?? 'WORKSPACE' });
    return id;
  };

  beforeAll(async () => {
    team = await createTeam(database.db);
    const { owner, editor, commenter, outsider } = team.people;
    privateSlug = await createDocument(database.db, team.workspace.id, { text: TEXT });
    publicSlug = await createDocument(database.db, team.workspace.id, { text: TEXT, isPublic: true });
    made.shared = await annotate(commenter, privateSlug, 1, { tags: ['claim'] });
    made.commenterPrivate = await annotate(commenter, privateSlug, 2, { visibility: 'PRIVATE' });
    made.ownerPrivate = await annotate(owner, privateSlug, 3, { visibility: 'PRIVATE' });
    made.deletedWithReply = await annotate(owner, privateSlug, 4);
    made.reply = randomUUID();
    await replyToAnnotation(editor, { id: made.reply, parentId: made.deletedWithReply, body: 'Still here' });
    await deleteAnnotation(owner, made.deletedWithReply);
    made.deletedAlone = await annotate(owner, privateSlug, 5);
    await deleteAnnotation(owner, made.deletedAlone);
    made.hidden = await annotate(commenter, privateSlug, 6);
    await hideAnnotation(editor, made.hidden);
    made.publicShared = await annotate(commenter, publicSlug, 1);
    // The outsider reads the public document and keeps a private note on it.
    made.outsiderPrivate = await annotate(outsider, publicSlug, 2, { visibility: 'PRIVATE' });
  });

  const actors = ['owner', 'editor', 'commenter', 'viewer', 'outsider'] as const;

  it.each(actors)('the %s’s reader lists exactly the annotations the data layer lets them see, on a private and a public document', async (actor) => {
    const viewer = team.people[actor];
    for (const documentSlug of [privateSlug, publicSlug]) {
      const allowed = await outcomeOf(() => findDocumentAnnotations(viewer, documentSlug));
      const document = await getReaderDocument(viewer, documentSlug, {}, null, { listRequest: { kind: 'all' } });
      if (allowed === 'NOT_FOUND') {
        expect(document).toBeNull();
        expect(await getReaderHighlights(viewer, documentSlug)).toBeNull();
        continue;
      }
      const { annotations } = await findDocumentAnnotations(viewer, documentSlug);
      expect(listedIds(document)).toEqual(annotations.map((annotation) => annotation.id).sort());
      const drawn = annotations.filter((annotation) => annotation.parentId === null && annotation.state === 'shown' && annotation.anchor.start !== null);
      expect((await getReaderHighlights(viewer, documentSlug))?.map(([id]) => id).sort()).toEqual(drawn.map((annotation) => annotation.id).sort());
    }
  });

  it('never shows anyone another person’s private annotation, in the list or as a highlight', async () => {
    const commenterSees = await getReaderDocument(team.people.commenter, privateSlug, {}, null, { listRequest: { kind: 'all' } });
    expect(listedIds(commenterSees)).toContain(made.commenterPrivate);
    expect(listedIds(commenterSees)).not.toContain(made.ownerPrivate);
    expect((await getReaderHighlights(team.people.commenter, privateSlug))?.map(([id]) => id)).not.toContain(made.ownerPrivate);
    const ownerHighlights = (await getReaderHighlights(team.people.owner, privateSlug))?.map(([id]) => id);
    expect(ownerHighlights).toEqual(expect.arrayContaining([made.shared, made.ownerPrivate]));
    expect(ownerHighlights).not.toContain(made.commenterPrivate);
    const editorOnPublic = await getReaderDocument(team.people.editor, publicSlug, {}, null, { listRequest: { kind: 'all' } });
    expect(listedIds(editorOnPublic)).toEqual([made.publicShared]);
    const outsiderOnPublic = await getReaderDocument(team.people.outsider, publicSlug, {}, null, { listRequest: { kind: 'all' } });
    expect(listedIds(outsiderOnPublic)).toEqual([made.outsiderPrivate]);
  });

  it('keeps a deleted annotation as a placeholder only while a reply hangs below it, and draws no highlight for it', async () => {
    const document = await getReaderDocument(team.people.editor, privateSlug, {}, null, { listRequest: { kind: 'all' } });
    const thread = document!.annotations.list.placed.find((node) => node.id === made.deletedWithReply);
    expect(thread?.item?.state).toBe('deleted');
    expect(thread?.item?.body).toBe('');
    expect(thread?.children.map((child) => child.item?.body)).toEqual(['Still here']);
    expect(listedIds(document)).not.toContain(made.deletedAlone);
    const highlights = (await getReaderHighlights(team.people.editor, privateSlug))?.map(([id]) => id);
    expect(highlights).not.toContain(made.deletedWithReply);
    expect(highlights).not.toContain(made.hidden);
  });

  it('filters threads by their first annotation: its visibility, and never the author of a deleted one', async () => {
    const { owner, editor } = team.people;
    const placedBy = async (viewer: Viewer, filter: Parameters<typeof getReaderDocument>[2]) =>
      (await getReaderDocument(viewer, privateSlug, filter, null, { listRequest: { kind: 'all' } }))!.annotations.list.placed.map((node) => node.id);
    expect(await placedBy(owner, { visibility: 'PRIVATE' })).toEqual([made.ownerPrivate]);
    expect(await placedBy(owner, { visibility: 'WORKSPACE' })).toEqual([made.shared, made.deletedWithReply]);
    // The deleted first annotation keeps its thread in the list, but no longer counts as the owner's.
    expect(await placedBy(editor, {})).toContain(made.deletedWithReply);
    expect(await placedBy(editor, { author: owner.name })).toEqual([]);
  });

  it('names each highlight table by its own fingerprint, on the page and the table alike', async () => {
    const { owner } = team.people;
    const fingerprints = async () => [(await getReaderDocument(owner, privateSlug))!.annotations.highlightsVersion, (await getReaderHighlightTable(owner, privateSlug))!.fingerprint];
    const [before, tableBefore] = await fingerprints();
    expect(tableBefore).toBe(before);
    const added = await annotate(owner, privateSlug, 7);
    const [after, tableAfter] = await fingerprints();
    expect(tableAfter).toBe(after);
    expect(after).not.toBe(before);
    // A tag changes the highlight's colour, not how many there are: the fingerprint changes all the same.
    await updateAnnotation(owner, added, { body: 'Tagged now', tags: ['claim'], revision: 1 });
    const [tagged, tableTagged] = await fingerprints();
    expect(tableTagged).toBe(tagged);
    expect(tagged).not.toBe(after);
    await deleteAnnotation(owner, added);
    expect((await fingerprints())[0]).toBe(before);
  });

  it('gives a visitor nothing on a private document and no annotations on a public one', async () => {
    expect(await getReaderDocument(null, privateSlug)).toBeNull();
    expect(await getReaderHighlights(null, privateSlug)).toBeNull();
    const visitorOnPublic = await getReaderDocument(null, publicSlug);
    expect(listedIds(visitorOnPublic)).toEqual([]);
    expect(visitorOnPublic!.annotations.highlightsVersion).toBeNull();
    expect(await getReaderHighlights(null, publicSlug)).toEqual([]);
  });

  it('offers to filter by everyone who wrote a shown annotation, replies included, and by each tag on a shown first annotation', async () => {
    const { owner, editor, commenter } = team.people;
    const choicesOf = async (viewer: Viewer) => (await getReaderDocument(viewer, privateSlug, {}, null, { listRequest: { kind: 'first' } }))!.annotations.filterChoices;
    // The editor sees the shared annotation and their own reply; the owner's are private, deleted or hidden.
    expect(await choicesOf(editor)).toEqual({ authors: [commenter.name, editor.name].sort(), tags: ['claim'] });
    expect(await choicesOf(owner)).toEqual({ authors: [commenter.name, editor.name, owner.name].sort(), tags: ['claim'] });
  });

  it('lists a reply whose first annotation is out of the viewer’s sight as a thread of its own, last, under a placeholder', async () => {
    const { owner, editor } = team.people;
    const documentSlug = await createDocument(database.db, team.workspace.id, { text: TEXT });
    const seen = await annotate(owner, documentSlug, 1);
    const unseen = await annotate(owner, documentSlug, 2, { visibility: 'PRIVATE' });
    // Hand-made: the app never lets a reply be shared under a private annotation.
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: documentSlug }, select: { id: true, versions: { select: { id: true } } } });
    const strayReply = randomUUID();
    await database.db.annotation.create({
      data: { id: strayReply, documentId: document.id, versionId: document.versions[0]!.id, authorId: editor.id, body: 'Answering what I cannot see', motivation: 'REPLYING', visibility: 'WORKSPACE', parentId: unseen, rootId: unseen },
    });
    const list = async (filter: Parameters<typeof getReaderDocument>[2]) => (await getReaderDocument(editor, documentSlug, filter, null, { listRequest: { kind: 'all' } }))!.annotations.list.placed;
    const placed = await list({});
    expect(placed.map((node) => [node.id, node.isPlaceholder, node.children.map((child) => child.id)])).toEqual([
      [seen, false, []],
      [unseen, true, [strayReply]],
    ]);
    // A filter decides by first annotations, and this thread has none in sight.
    expect((await list({ visibility: 'WORKSPACE' })).map((node) => node.id)).toEqual([seen]);
  });

  it('colours a thread by its first tag, on its card and its highlight alike', async () => {
    const document = await getReaderDocument(team.people.owner, privateSlug, {}, null, { listRequest: { kind: 'all' } });
    const card = document!.annotations.list.placed.find((node) => node.id === made.shared)?.item;
    const highlight = (await getReaderHighlights(team.people.owner, privateSlug))?.find(([id]) => id === made.shared);
    expect(card?.tags.map((tag) => tag.label)).toEqual(['claim']);
    expect(highlight?.[3]).toBe(card?.tags[0]?.colour);
    expect(card?.colour).toBe(card?.tags[0]?.colour);
  });
});
