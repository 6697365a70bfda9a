import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, hideAnnotation, replyToAnnotation } from '@/lib/dal/annotations';
import { getReaderDocument } from '@/lib/dal/documents';
import { findThreadReplyPage } from '@/lib/dal/thread-replies';
import { FIRST_REPLIES, repliesInOrder } from '@/lib/domain/thread-pages';
import type { ThreadNode } from '@/lib/domain/threads';
import type { AnnotationView } from '@/lib/dal/annotations';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';

const TEXT = 'Field notes\n\nThe volunteers crossed the border in small groups.\n\nA closing paragraph.\n';
const CHAIN = 25;
// The reply hidden by an editor: past the first page, with replies below it that stay visible.
const HIDDEN_AT = 15;

let database: TestDatabase;
let team: Team;
let slug: string;
let threadId: string;
let privateThreadId: string;
const replyIds: string[] = [];

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  threadId = randomUUID();
  await createAnnotation(team.people.commenter, slug, { id: threadId, versionNumber: 1, start: 13, end: 60, body: 'Which border?', tags: [], visibility: 'WORKSPACE' });
  // A chain: each reply answers the one before, by the commenter and the owner in turn.
  let parentId = threadId;
  for (let index = 0; index < CHAIN; index++) {
    const id = randomUUID();
    await replyToAnnotation(index % 2 === 0 ? team.people.owner : team.people.commenter, { id, parentId, body: index === HIDDEN_AT ? 'A reply an editor hides' : `Reply ${index + 1}` });
    replyIds.push(id);
    parentId = id;
  }
  await hideAnnotation(team.people.editor, replyIds[HIDDEN_AT]!, {});
  privateThreadId = randomUUID();
  await createAnnotation(team.people.owner, slug, { id: privateThreadId, versionNumber: 1, start: 62, end: 80, body: 'My own note', tags: [], visibility: 'PRIVATE' });
  await replyToAnnotation(team.people.owner, { id: randomUUID(), parentId: privateThreadId, body: 'A reply to myself' });
}, 300_000);

afterAll(async () => {
  await database?.drop();
});

const bodiesOf = (nodes: ThreadNode<AnnotationView>[]) => nodes.map((node) => (node.isPlaceholder ? null : node.item.body));

async function listedThread(listRequest?: { kind: 'thread'; annotationId: string }) {
  const document = await getReaderDocument(team.people.viewer, slug, {}, null, listRequest ? { listRequest } : {});
  const thread = document?.annotations.list.placed.find((node) => node.id === threadId);
  if (!thread) throw new Error('The thread is not listed');
  return thread;
}

describe('a long thread on the reader page', () => {
  it('shows its first replies and counts the rest a person can see', async () => {
    const thread = await listedThread();
    const shown = repliesInOrder(thread);
    expect(bodiesOf(shown)).toEqual(Array.from({ length: FIRST_REPLIES }, (_, index) => `Reply ${index + 1}`));
    // 25 replies, 10 shown, the hidden one not counted.
    expect(thread.moreReplies).toEqual({ count: CHAIN - FIRST_REPLIES - 1, offset: FIRST_REPLIES });
  });

  it('opens on a permalink to a late reply with every reply up to it', async () => {
    const thread = await listedThread({ kind: 'thread', annotationId: replyIds[20]! });
    const shown = repliesInOrder(thread);
    expect(shown.at(-1)?.id).toBe(replyIds[20]);
    expect(thread.moreReplies).toEqual({ count: CHAIN - 21, offset: 21 });
  });
});

describe('findThreadReplyPage', () => {
  it('gives the rest in reading order, the hidden reply without its text', async () => {
    const page = await findThreadReplyPage(team.people.viewer, slug, { threadId, offset: FIRST_REPLIES });
    expect(bodiesOf(page.replies)).toEqual(Array.from({ length: CHAIN - FIRST_REPLIES }, (_, index) => (index + FIRST_REPLIES === HIDDEN_AT ? '' : `Reply ${index + FIRST_REPLIES + 1}`)));
    expect(JSON.stringify(page)).not.toContain('A reply an editor hides');
    expect(page.remaining).toBe(0);
  });

  it('pages from any offset and counts what is left', async () => {
    const page = await findThreadReplyPage(team.people.commenter, slug, { threadId, offset: 0 });
    expect(page.replies).toHaveLength(CHAIN);
    const tail = await findThreadReplyPage(team.people.commenter, slug, { threadId, offset: CHAIN });
    expect(tail).toEqual({ replies: [], remaining: 0 });
  });

  it('never shows another member’s private thread, nor any thread to someone who cannot read the document', async () => {
    await expect(findThreadReplyPage(team.people.commenter, slug, { threadId: privateThreadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findThreadReplyPage(team.people.owner, slug, { threadId: privateThreadId, offset: 0 })).replies).toHaveLength(1);
    await expect(findThreadReplyPage(team.people.outsider, slug, { threadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findThreadReplyPage(null, slug, { threadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a reply instead of a thread, and malformed input, with a clear message', async () => {
    await expect(findThreadReplyPage(team.people.commenter, slug, { threadId: replyIds[3], offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findThreadReplyPage(team.people.commenter, slug, { threadId, offset: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findThreadReplyPage(team.people.commenter, slug, { threadId: 'not-a-uuid', offset: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
