import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceActivity } from '@/lib/dal/activity-feed';
import { createAnnotationLink, findAnnotationLinks, findLinkCandidates } from '@/lib/dal/annotation-links';
import { createAnnotationFromSelectors, createSectionComment, findDocumentAnnotations, hideAnnotation, replyToAnnotation } from '@/lib/dal/annotations';
import { getVersionPage } from '@/lib/dal/document-versions';
import { exportMarkdownReport } from '@/lib/dal/exports';
import { unsafeComposeMail, type OutboxRow } from '@/lib/dal/mail-compose';
import { findHiddenAnnotations } from '@/lib/dal/moderation';
import { findNotifications } from '@/lib/dal/notifications';
import { searchEverything } from '@/lib/dal/search';
import { addSourceToNote, setVerdict } from '@/lib/dal/sources';
import { findTaggedAnnotations } from '@/lib/dal/tags';
import { getReportModel } from '@/lib/dal/verification-report';
import { mentionToken } from '@/lib/domain/mentions';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';

// A mention is stored by the person's id: once they are renamed, every place that shows a comment, an excerpt of
// one, a reason or a notification about one calls them by their new name, and none by the old.

const TEXT = 'A memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const OLD = 'Editor Oldname';
const NEW = 'Editor Newname';

let database: TestDatabase;
let team: Team;
let slug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  await database.db.user.update({ where: { id: team.people.editor.id }, data: { name: OLD } });
});

afterAll(async () => {
  await database?.drop();
});

const says = (text: string | null | undefined) => ({ current: text?.includes(`@${NEW}`) ?? false, stale: text?.includes(OLD) ?? false });

describe('a mention after its person is renamed', () => {
  it('shows the current name on every surface that shows the comment', async () => {
    const { owner, commenter, editor } = team.people;
    const token = mentionToken(editor.id, OLD);
    const { id: noteId } = await createAnnotationFromSelectors(owner, slug, {
      id: randomUUID(),
      quote: { type: 'TextQuoteSelector', exact: 'About 4,000 fighters left.', prefix: '', suffix: '' },
      position: null,
      body: `Ask ${token} where the figure comes from.`,
      tags: ['figures'],
      visibility: 'WORKSPACE',
    });
    const { id: replyId } = await replyToAnnotation(commenter, { id: randomUUID(), parentId: noteId, body: `Seconded, ${token}.` });
    const { id: discussionId } = await createSectionComment(commenter, slug, 'first-section', { id: randomUUID(), body: `${token}, this section needs a second source.`, visibility: 'WORKSPACE' });
    const { id: sourceLinkId } = await addSourceToNote(owner, slug, 2, { kind: 'ARTICLE', title: 'A source', url: 'https://example.org/a', verdict: 'UNVERIFIED' });
    await setVerdict(owner, sourceLinkId, { verdict: 'SUPPORTS', comment: `Checked with ${token}.` });
    const { id: hiddenId } = await createAnnotationFromSelectors(commenter, slug, {
      id: randomUUID(),
      quote: { type: 'TextQuoteSelector', exact: 'A claim with a source.', prefix: '', suffix: '' },
      position: null,
      body: `Off topic, ${token}.`,
      tags: [],
      visibility: 'WORKSPACE',
    });
    await hideAnnotation(owner, hiddenId, { reason: 'Off topic' });
    await createAnnotationLink(owner, { fromId: discussionId, toId: noteId, kind: 'SUPPORTS' });

    await database.db.user.update({ where: { id: editor.id }, data: { name: NEW } });

    // The reader: threads, replies and section discussions.
    const views = (await findDocumentAnnotations(owner, slug)).annotations;
    const bodies = [noteId, replyId, discussionId].map((id) => views.find((view) => view.id === id)?.body);
    for (const body of bodies) expect(body).toContain(`@[${NEW}](user:${editor.id})`);
    // A link's other end, when it quotes nothing and reads as its comment; and the candidates to link to.
    const links = (await findAnnotationLinks(owner, 'OWNER', [noteId])).get(noteId) ?? [];
    expect(says(links.find((link) => link.other.id === discussionId)?.other.quote)).toEqual({ current: true, stale: false });
    const candidates = await findLinkCandidates(owner, slug, { q: 'second source' });
    expect(says(candidates.find((candidate) => candidate.id === discussionId)?.quote)).toEqual({ current: true, stale: false });
    // The workspace feed's excerpts.
    const feed = await findWorkspaceActivity(owner, team.workspace.slug);
    const feedExcerpts = feed.entries.filter((entry) => entry.excerpt?.includes('@')).map((entry) => entry.excerpt);
    expect(feedExcerpts.length).toBeGreaterThanOrEqual(3);
    for (const excerpt of feedExcerpts) expect(says(excerpt)).toEqual({ current: true, stale: false });
    // A tag's page.
    const tagged = await findTaggedAnnotations(owner, team.workspace.slug, 'figures');
    expect(says(tagged.annotations.find((entry) => entry.id === noteId)?.excerpt)).toEqual({ current: true, stale: false });
    // The review of hidden annotations.
    const hidden = await findHiddenAnnotations(owner, team.workspace.slug);
    expect(says(hidden.annotations.find((entry) => entry.id === hiddenId)?.excerpt)).toEqual({ current: true, stale: false });
    // A version's page.
    const version = await getVersionPage(owner, slug, 1);
    expect(says(version?.annotations.find((entry) => entry.id === noteId)?.excerpt)).toEqual({ current: true, stale: false });
    // The verification report's verdict history.
    const report = await getReportModel(owner, slug);
    const reasons = report?.notes.find((note) => note.number === 2)?.sources.flatMap((source) => source.verdictHistory.map((entry) => entry.reason)) ?? [];
    expect(says(reasons.find((reason) => reason?.startsWith('Checked with')))).toEqual({ current: true, stale: false });
    // Search and exports.
    const found = await searchEverything(owner, 'where the figure comes from');
    expect(found.results.length).toBeGreaterThan(0);
    expect(JSON.stringify(found.results)).not.toContain(OLD);
    const markdown = await exportMarkdownReport(owner, slug, { baseUrl: 'http://marginalia.test' });
    expect(markdown).toContain(`@${NEW}`);
    expect(markdown).not.toContain(OLD);

    // The mentioned person's inbox, and the mail about it.
    const inbox = await findNotifications(editor);
    const mentions = inbox.filter((entry) => entry.kind === 'MENTION');
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    for (const entry of mentions) expect(says(entry.summary)).toEqual({ current: true, stale: false });
    const mentionOfNote = mentions.find((entry) => entry.thread?.annotationId === noteId);
    expect(mentionOfNote).toBeDefined();
    const row = await database.db.mailOutbox.findFirstOrThrow({ where: { notificationId: mentionOfNote!.id } });
    const composed = await unsafeComposeMail({ ...row, payload: row.payload as OutboxRow['payload'] } as OutboxRow, 'http://marginalia.test');
    expect(composed.action).toBe('send');
    if (composed.action !== 'send') return;
    expect(says(composed.content.text)).toEqual({ current: true, stale: false });
    expect(says(composed.content.html)).toEqual({ current: true, stale: false });
    expect(composed.content.subject).not.toContain(OLD);
  });
});
