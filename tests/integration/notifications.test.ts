import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotationFromSelectors, hideAnnotation, replyToAnnotation, resolveThread, updateAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { setFollow } from '@/lib/dal/follows';
import { acceptInvite, createInvite } from '@/lib/dal/invites';
import { findMentionSuggestions } from '@/lib/dal/mentions';
import { findHiddenAnnotations, unhideAnnotation } from '@/lib/dal/moderation';
import { countUnreadNotifications, findNotifications, markAllNotificationsRead, markNotificationRead, openNotification } from '@/lib/dal/notifications';
import { setVerdict, addSourceToNote } from '@/lib/dal/sources';
import { setNoteTracing } from '@/lib/dal/verification-desk';
import { mentionToken } from '@/lib/domain/mentions';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const TEXT = 'A memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';

let database: TestDatabase;
let team: Team;
let slug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
});

afterAll(async () => {
  await database?.drop();
});

async function annotate(author: Viewer, body: string, visibility: 'PRIVATE' | 'WORKSPACE' = 'WORKSPACE'): Promise<string> {
  const { id } = await createAnnotationFromSelectors(author, slug, {
    id: randomUUID(),
    quote: { type: 'TextQuoteSelector', exact: 'About 4,000 fighters left.', prefix: '', suffix: '' },
    position: null,
    body,
    tags: [],
    visibility,
  });
  return id;
}

const reply = async (author: Viewer, parentId: string, body: string) => (await replyToAnnotation(author, { id: randomUUID(), parentId, body })).id;
const inbox = (person: Viewer) => findNotifications(person);
const kinds = async (person: Viewer) => (await inbox(person)).map((item) => item.kind);

describe('notifications', () => {
  it('a private note that mentions someone who cannot read it notifies nobody', async () => {
    const { owner, editor, outsider } = team.people;
    const before = await Promise.all([owner, editor, outsider].map((person) => countUnreadNotifications(person)));
    const noteId = await annotate(owner, `Ask ${mentionToken(editor.id, editor.name)} and ${mentionToken(outsider.id, outsider.name)} about this.`, 'PRIVATE');
    await reply(owner, noteId, `Still for ${mentionToken(editor.id, editor.name)}.`);
    const after = await Promise.all([owner, editor, outsider].map((person) => countUnreadNotifications(person)));
    expect(after).toEqual(before);
    expect(await database.db.notification.count({ where: { annotationId: noteId } })).toBe(0);
  });

  it('a shared mention reaches a reader once, never the writer or someone outside the workspace, and opens the annotation', async () => {
    const { commenter, viewer, outsider } = team.people;
    const id = await annotate(commenter, `${mentionToken(viewer.id, viewer.name)} ${mentionToken(outsider.id, outsider.name)} ${mentionToken(commenter.id, commenter.name)} look`);
    const [item] = (await inbox(viewer)).filter((entry) => entry.kind === 'MENTION');
    expect(item?.summary).toContain('Commenter mentioned you');
    expect(item?.href).toBe(`/documents/${slug}?thread=${id}#annotation-${id}`);
    expect(await kinds(outsider)).toEqual([]);
    expect((await kinds(commenter)).filter((kind) => kind === 'MENTION')).toEqual([]);
    // Opening marks it read and answers where it goes; nobody else may open it.
    expect(await outcomeOf(() => openNotification(outsider, item?.id ?? ''))).toBe('NOT_FOUND');
    const unread = await countUnreadNotifications(viewer);
    expect(await openNotification(viewer, item?.id ?? '')).toBe(item?.href);
    expect(await countUnreadNotifications(viewer)).toBe(unread - 1);
    // An edit notifies only the people it newly mentions.
    const editor = team.people.editor;
    await updateAnnotation(commenter, id, { body: `${mentionToken(viewer.id, viewer.name)} and ${mentionToken(editor.id, editor.name)}`, revision: 1 });
    expect((await inbox(viewer)).filter((entry) => entry.kind === 'MENTION')).toHaveLength(1);
    expect((await inbox(editor)).filter((entry) => entry.kind === 'MENTION' && entry.thread?.annotationId === id)).toHaveLength(1);
  });

  it('replies reach the thread’s followers until they unfollow, and resolving reaches them too', async () => {
    const { owner, editor, commenter } = team.people;
    const rootId = await annotate(commenter, 'Is 4,000 right?');
    await reply(editor, rootId, 'The source says 4,000.');
    expect((await inbox(commenter)).some((entry) => entry.kind === 'REPLY' && entry.summary.includes('Editor replied'))).toBe(true);
    await reply(owner, rootId, 'Agreed.');
    const replies = async (person: Viewer) => (await inbox(person)).filter((entry) => entry.kind === 'REPLY' && entry.thread?.annotationId !== undefined).length;
    const editorReplies = await replies(editor);
    expect(editorReplies).toBeGreaterThan(0);
    await setFollow(editor, { target: 'THREAD', documentSlug: slug, annotationId: rootId, isFollowing: false });
    await reply(commenter, rootId, 'Thanks both.');
    expect(await replies(editor)).toBe(editorReplies);
    // Replying again does not quietly follow an unfollowed thread again.
    await reply(editor, rootId, 'One more thing.');
    await reply(owner, rootId, 'Go on.');
    expect(await replies(editor)).toBe(editorReplies);
    await resolveThread(owner, rootId, { isResolved: true });
    expect(await kinds(commenter)).toContain('THREAD_RESOLVED');
    expect(await outcomeOf(() => setFollow(team.people.outsider, { target: 'THREAD', documentSlug: slug, annotationId: rootId, isFollowing: true }))).toBe('NOT_FOUND');
  });

  it('assignments, status and verdict changes reach the note’s people; a followed document brings its threads’ replies', async () => {
    const { owner, editor, commenter, viewer } = team.people;
    await setNoteTracing(owner, slug, 2, { status: 'IN_PROGRESS', assigneeId: commenter.id });
    expect(await kinds(commenter)).toContain('NOTE_ASSIGNED');
    const { id: linkId } = await addSourceToNote(editor, slug, 2, { kind: 'ARTICLE', title: 'A source', url: 'https://example.org/a', verdict: 'UNVERIFIED' });
    await setVerdict(editor, linkId, { verdict: 'SUPPORTS' });
    const commenterKinds = await kinds(commenter);
    expect(commenterKinds).toContain('VERDICT_CHANGED');
    await setNoteTracing(editor, slug, 2, { status: 'TRACED', assigneeId: commenter.id });
    expect(await kinds(owner)).toContain('NOTE_STATUS_CHANGED');
    await setFollow(viewer, { target: 'DOCUMENT', documentSlug: slug, isFollowing: true });
    const rootId = await annotate(owner, 'A thread the viewer never wrote in.');
    await reply(editor, rootId, 'A reply a document follower hears of.');
    expect((await inbox(viewer)).some((entry) => entry.kind === 'REPLY' && entry.thread?.annotationId !== undefined && entry.summary.includes('A reply a document'))).toBe(true);
  });

  it('mark one read, mark all read', async () => {
    const { commenter } = team.people;
    const items = await inbox(commenter);
    const first = items.find((entry) => !entry.isRead);
    expect(first).toBeDefined();
    const unread = await countUnreadNotifications(commenter);
    await markNotificationRead(commenter, first?.id ?? '');
    expect(await countUnreadNotifications(commenter)).toBe(unread - 1);
    expect(await outcomeOf(() => markNotificationRead(team.people.viewer, first?.id ?? ''))).toBe('NOT_FOUND');
    expect(await markAllNotificationsRead(commenter)).toBe(unread - 1);
    expect(await countUnreadNotifications(commenter)).toBe(0);
  });

  it('an accepted invite tells whoever made it', async () => {
    const { owner } = team.people;
    const { token } = await createInvite(owner, team.workspace.slug, { role: 'VIEWER', expiresInDays: 7, isSingleUse: true });
    const newcomer = await createUser(database.db, 'Newcomer');
    await acceptInvite(newcomer, token);
    expect((await inbox(owner)).find((entry) => entry.kind === 'INVITE_ACCEPTED')?.summary).toContain('Newcomer joined');
  });

  it('hidden annotations are reviewed by editors and owners, shown again, logged, and their author told both times', async () => {
    const { owner, editor, commenter, viewer } = team.people;
    const id = await annotate(commenter, 'Off-topic remark');
    await hideAnnotation(editor, id, { reason: 'Off topic' });
    const review = await findHiddenAnnotations(owner, team.workspace.slug);
    expect(review.annotations.find((entry) => entry.id === id)).toMatchObject({ hiddenBy: 'Editor', reason: 'Off topic', author: 'Commenter' });
    expect(await outcomeOf(() => findHiddenAnnotations(viewer, team.workspace.slug))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => unhideAnnotation(commenter, team.workspace.slug, id))).toBe('FORBIDDEN');
    await unhideAnnotation(owner, team.workspace.slug, id);
    expect((await findHiddenAnnotations(owner, team.workspace.slug)).annotations.some((entry) => entry.id === id)).toBe(false);
    const told = (await inbox(commenter)).filter((entry) => entry.thread?.annotationId === id).map((entry) => entry.kind);
    expect(told).toEqual(['ANNOTATION_UNHIDDEN', 'ANNOTATION_HIDDEN']);
    const logged = await database.db.activity.findMany({ where: { subjectId: id }, orderBy: { id: 'asc' }, select: { kind: true } });
    expect(logged.map((entry) => entry.kind)).toEqual(['annotation.created', 'annotation.hidden', 'annotation.unhidden']);
  });

  it('mentions offer only the workspace’s members who can read the document', async () => {
    const { owner, editor, outsider } = team.people;
    const people = await findMentionSuggestions(owner, slug, 'edi');
    expect(people).toEqual([{ id: editor.id, name: 'Editor' }]);
    expect((await findMentionSuggestions(owner, slug, '')).map((person) => person.name)).not.toContain('Outsider');
    expect(await outcomeOf(() => findMentionSuggestions(outsider, slug, ''))).toBe('NOT_FOUND');
  });
});
