import { randomUUID } from 'node:crypto';
import * as accountActions from '@/lib/actions/accounts';
import * as annotationImportActions from '@/lib/actions/annotation-import';
import * as annotationLinkActions from '@/lib/actions/annotation-links';
import * as annotationActions from '@/lib/actions/annotations';
import * as apiTokenActions from '@/lib/actions/api-tokens';
import * as documentVisibilityActions from '@/lib/actions/document-visibility';
import * as reportActions from '@/lib/actions/report';
import * as sourceImportActions from '@/lib/actions/source-import';
import * as documentImportActions from '@/lib/actions/document-import';
import * as evidenceActions from '@/lib/actions/evidence';
import * as notificationActions from '@/lib/actions/notifications';
import * as preferenceActions from '@/lib/actions/preferences';
import * as inviteMailActions from '@/lib/actions/invite-mail';
import * as passwordResetActions from '@/lib/actions/password-resets';
import * as reactionActions from '@/lib/actions/reactions';
import { unsubscribeUrl } from '@/lib/mail/unsubscribe';
import * as sourceActions from '@/lib/actions/sources';
import * as tagActions from '@/lib/actions/tags';
import * as threadReplyActions from '@/lib/actions/thread-replies';
import * as tracingActions from '@/lib/actions/tracing';
import * as workspaceActions from '@/lib/actions/workspaces';
import { createAnnotationLink } from '@/lib/dal/annotation-links';
import { createAnnotationFromSelectors, hideAnnotation } from '@/lib/dal/annotations';
import { createApiToken } from '@/lib/dal/api-tokens';
import type { Viewer } from '@/lib/dal/authorization';
import { addDocumentSourceToNote } from '@/lib/dal/evidence';
import { createInvite } from '@/lib/dal/invites';
import { unsafeStartSession } from '@/lib/dal/sessions';
import { addSourceToNote } from '@/lib/dal/sources';
import type { PrismaClient } from '@/lib/db';
import { createDocument, createTeam, createUser, type Team } from '@/tests/helpers/factories';
import { minimalPdf } from '@/tests/helpers/pdf-fixtures';
import { JSON_LD } from '@/tests/reliability/support';

// The one table of every route in app/ (pages and route handlers) and every server action in lib/actions, with what
// each role may get from it. The authorization matrix and the hostile-request tests both read it, and a test fails
// when a route file or an action exists that the table does not name.

/** Who acts: the four roles of the workspace, a member of another workspace, and a signed-out visitor. */
export type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
export const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];

/** The data every row acts on; fresh records come from `fresh` so a write in one row cannot change another. */
export type World = {
  db: PrismaClient;
  team: Team;
  documentSlug: string;
  sectionSlug: string;
  sharedAnnotationId: string;
  footnoteSourceId: string;
  /** Note 2's source that is a document of the workspace, and a passage of that document (code points of version 1). */
  citing: { linkId: string; passage: { versionNumber: number; start: number; end: number } };
  inviteToken: string;
  tagName: string;
  fresh: {
    /** A new annotation by the commenter, shared with the workspace; its revision is 1. */
    annotation: () => Promise<string>;
    /** A new member of the workspace with the viewer role; returns the membership id. */
    membership: () => Promise<string>;
    /** A new document of the workspace, no source yet; returns its id. */
    document: () => Promise<string>;
  };
};

export const DOCUMENT_TEXT = 'A matrix memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
export const QUOTE = 'About 4,000 fighters left.';
const CITED_PASSAGE = 'Between 2,000 and 4,000 fighters travelled.';
// Plain text whose title line is first, so the passage's offsets in the stored text are its offsets here.
const SOURCE_DOCUMENT_TEXT = `A source report\n\nIts findings.[1]\n\n\nFindings\n\n${CITED_PASSAGE} Most came from two countries.\n`;

/** Creates the team, a private document with a shared tagged annotation, an attached source and an invite. */
export async function createWorld(db: PrismaClient): Promise<World> {
  const team = await createTeam(db);
  const documentSlug = await createDocument(db, team.workspace.id, { text: DOCUMENT_TEXT });
  const section = await db.section.findFirstOrThrow({ where: { version: { document: { slug: documentSlug } }, heading: { not: null } }, select: { slug: true } });
  const annotate = async () => {
    const { id } = await createAnnotationFromSelectors(team.people.commenter, documentSlug, {
      id: randomUUID(),
      quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' },
      position: null,
      body: 'A shared note',
      tags: ['claim'],
      visibility: 'WORKSPACE',
    });
    return id;
  };
  const sharedAnnotationId = await annotate();
  const { id: footnoteSourceId } = await addSourceToNote(team.people.editor, documentSlug, 1, { kind: 'ARTICLE', title: 'A source', url: 'https://example.org/a', verdict: 'UNVERIFIED' });
  const documentIdOf = async (slug: string) => (await db.document.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  const freshDocument = async () => documentIdOf(await createDocument(db, team.workspace.id, { text: SOURCE_DOCUMENT_TEXT }));
  const { id: citingLinkId } = await addDocumentSourceToNote(team.people.editor, documentSlug, 2, { sourceDocumentId: await freshDocument() });
  const citedStart = SOURCE_DOCUMENT_TEXT.indexOf(CITED_PASSAGE);
  const { token: inviteToken } = await createInvite(team.people.owner, team.workspace.slug, { role: 'VIEWER', expiresInDays: 7, isSingleUse: false });
  return {
    db,
    team,
    documentSlug,
    sectionSlug: section.slug,
    sharedAnnotationId,
    footnoteSourceId,
    citing: { linkId: citingLinkId, passage: { versionNumber: 1, start: citedStart, end: citedStart + CITED_PASSAGE.length } },
    inviteToken,
    tagName: 'claim',
    fresh: {
      annotation: annotate,
      membership: async () => {
        const person = await createUser(db, 'Member');
        const membership = await db.membership.create({ data: { workspaceId: team.workspace.id, userId: person.id, role: 'VIEWER' } });
        return membership.id;
      },
      document: freshDocument,
    },
  };
}

/** What an actor gets: an HTTP status, or 'signin' for a redirect to the sign-in page. */
export type HttpOutcome = number | 'signin';
/** What each actor gets from one row. */
export type Expectation<T> = Record<Actor, T>;

const byRole = <T>(member: T, outsider: T, visitor: T, overrides: Partial<Expectation<T>> = {}): Expectation<T> => ({
  owner: member,
  editor: member,
  commenter: member,
  viewer: member,
  outsider,
  visitor,
  ...overrides,
});
const everyone = <T>(value: T): Expectation<T> => byRole(value, value, value);

/** A request one row sends. `body` is JSON unless `contentType` says otherwise. */
export type HttpRequestSpec = { path: string; body?: string; contentType?: string; headers?: Record<string, string> };

/** One route of app/ and one method on it. */
export type HttpRow = {
  /** The route file under app/, as the file listing names it. */
  file: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** What the row checks, for test names. */
  what: string;
  request: (world: World, baseUrl: string) => Promise<HttpRequestSpec> | HttpRequestSpec;
  expect: Expectation<HttpOutcome>;
  /** The response is a stream that never ends: read the status only. */
  isStream?: boolean;
  /** The response must not set a session cookie. */
  isSessionRefused?: boolean;
  /** A browser form flow (next-auth's): a bad request is answered by a redirect to its error page, not a JSON 4xx. */
  isFormFlow?: boolean;
  /** An old address: whoever may see what it named is redirected before any body is read. */
  isRedirect?: boolean;
};

const annotationJson = (world: World, baseUrl: string, body: string) =>
  JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [{ type: 'TextualBody', value: body, format: 'text/markdown', purpose: 'commenting' }],
    target: { source: `${baseUrl}/documents/${world.documentSlug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact: QUOTE }] },
    visibility: 'workspace',
  });

/** A new unread notification of the commenter's, about the shared annotation. */
async function freshNotification(world: World): Promise<string> {
  const { id } = await world.db.notification.create({
    data: { recipientId: world.team.people.commenter.id, kind: 'REPLY', workspaceId: world.team.workspace.id, summary: 'Someone replied', href: `/documents/${world.documentSlug}` },
  });
  return id;
}

/** Every page and route handler, by method. */
export const HTTP_ROUTES: HttpRow[] = [
  { file: 'app/page.tsx', method: 'GET', what: 'the home page', request: () => ({ path: '/' }), expect: everyone(200) },
  // Someone already signed in is sent on rather than shown the form again.
  { file: 'app/(auth)/signin/page.tsx', method: 'GET', what: 'the sign-in page', request: () => ({ path: '/signin' }), expect: byRole<HttpOutcome>(307, 307, 200) },
  { file: 'app/(auth)/signup/page.tsx', method: 'GET', what: 'the sign-up page', request: () => ({ path: '/signup' }), expect: byRole<HttpOutcome>(307, 307, 200) },
  {
    file: 'app/(reader)/documents/[documentSlug]/page.tsx',
    method: 'GET',
    what: 'the reader of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/highlights/route.ts',
    method: 'GET',
    what: 'the reader’s highlights of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/highlights` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/tag-suggestions/route.ts',
    method: 'GET',
    what: 'tag suggestions for a private document’s workspace',
    request: (world) => ({ path: `/documents/${world.documentSlug}/tag-suggestions?q=cl` }),
    expect: byRole<HttpOutcome>(200, 404, 401),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/versions/page.tsx',
    method: 'GET',
    what: 'the versions of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/versions` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/versions/[versionNumber]/page.tsx',
    method: 'GET',
    what: 'version 1 of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/versions/1` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/versions/[versionNumber]/text/route.ts',
    method: 'GET',
    what: 'the plain text of version 1 of a private document, as its source IRI answers text/plain',
    request: (world) => ({ path: `/documents/${world.documentSlug}/versions/1`, headers: { Accept: 'text/plain' } }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/versions/compare/page.tsx',
    method: 'GET',
    what: 'a comparison of two versions of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/versions/compare?from=1&to=1` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/link-candidates/route.ts',
    method: 'GET',
    what: 'the annotations a card’s Link… form offers on a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/link-candidates?q=fighters&scope=workspace` }),
    expect: byRole<HttpOutcome>(200, 404, 401),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/sources/page.tsx',
    method: 'GET',
    what: 'the sources view of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/sources` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/notes/[footnoteNumber]/compare/page.tsx',
    method: 'GET',
    what: 'a note beside its cited passages, on a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/notes/2/compare` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/report/page.tsx',
    method: 'GET',
    what: 'the verification report of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/report` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/sources/page.tsx',
    method: 'GET',
    what: 'the source library',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/sources` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  {
    file: 'app/api/workspaces/[workspaceSlug]/sources/[format]/route.ts',
    method: 'GET',
    what: 'the source library as BibTeX',
    request: (world) => ({ path: `/api/workspaces/${world.team.workspace.slug}/sources/sources.bib` }),
    expect: byRole<HttpOutcome>(200, 404, 401),
  },
  { file: 'app/invites/[token]/page.tsx', method: 'GET', what: 'an invite link', request: (world) => ({ path: `/invites/${world.inviteToken}` }), expect: everyone(200) },
  { file: 'app/search/page.tsx', method: 'GET', what: 'search', request: () => ({ path: '/search?q=claim' }), expect: everyone(200) },
  { file: 'app/notifications/page.tsx', method: 'GET', what: 'the notifications inbox', request: () => ({ path: '/notifications' }), expect: byRole<HttpOutcome>(200, 200, 'signin') },
  {
    file: 'app/notifications/[notificationId]/route.ts',
    method: 'GET',
    what: 'opening the commenter’s notification',
    request: async (world) => ({ path: `/notifications/${await freshNotification(world)}` }),
    expect: byRole<HttpOutcome>(404, 404, 401, { commenter: 303 }),
  },
  {
    file: 'app/api/notifications/events/route.ts',
    method: 'GET',
    what: 'the person’s own live stream',
    request: () => ({ path: '/api/notifications/events', headers: { Accept: 'text/event-stream' } }),
    expect: byRole<HttpOutcome>(200, 200, 401),
    isStream: true,
  },
  {
    file: 'app/(reader)/documents/[documentSlug]/mention-suggestions/route.ts',
    method: 'GET',
    what: 'people to mention on a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/mention-suggestions?q=ed` }),
    expect: byRole<HttpOutcome>(200, 404, 401),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/moderation/page.tsx',
    method: 'GET',
    what: 'the review of hidden annotations',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/moderation` }),
    expect: byRole<HttpOutcome>(404, 404, 'signin', { owner: 200, editor: 200 }),
  },
  { file: 'app/settings/page.tsx', method: 'GET', what: 'account settings', request: () => ({ path: '/settings' }), expect: byRole<HttpOutcome>(200, 200, 'signin') },
  { file: 'app/workspaces/new/page.tsx', method: 'GET', what: 'the new-workspace form', request: () => ({ path: '/workspaces/new' }), expect: byRole<HttpOutcome>(200, 200, 'signin') },
  {
    file: 'app/workspaces/[workspaceSlug]/page.tsx',
    method: 'GET',
    what: 'the workspace page',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/activity/page.tsx',
    method: 'GET',
    what: 'the activity feed',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/activity` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/tags/page.tsx',
    method: 'GET',
    what: 'the tag vocabulary',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/tags` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/tags/[tagName]/page.tsx',
    method: 'GET',
    what: 'a tag page',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/tags/${world.tagName}` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  { file: 'app/docs/api/page.tsx', method: 'GET', what: 'the API page', request: () => ({ path: '/docs/api' }), expect: everyone(200) },
  {
    file: 'app/(reader)/documents/[documentSlug]/import/page.tsx',
    method: 'GET',
    what: 'the annotation import page of a private document',
    request: (world) => ({ path: `/documents/${world.documentSlug}/import` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/workspaces/[workspaceSlug]/import/page.tsx',
    method: 'GET',
    what: 'the document import page',
    request: (world) => ({ path: `/workspaces/${world.team.workspace.slug}/import` }),
    expect: byRole<HttpOutcome>(200, 404, 'signin'),
  },
  { file: 'app/api/openapi.json/route.ts', method: 'GET', what: 'the OpenAPI description', request: () => ({ path: '/api/openapi.json' }), expect: everyone(200) },
  {
    file: 'app/api/documents/[documentSlug]/annotations/import/route.ts',
    method: 'POST',
    what: 'importing a W3C annotation file',
    request: (world, baseUrl) => ({
      path: `/api/documents/${world.documentSlug}/annotations/import`,
      body: JSON.stringify([{ ...JSON.parse(annotationJson(world, baseUrl, 'Imported')), id: `urn:uuid:${randomUUID()}` }]),
      contentType: 'application/json',
    }),
    expect: byRole<HttpOutcome>(201, 404, 401, { viewer: 403 }),
  },
  {
    file: 'app/api/workspaces/[workspaceSlug]/documents/route.ts',
    method: 'POST',
    what: 'importing a Markdown document',
    request: (world) => ({
      path: `/api/workspaces/${world.team.workspace.slug}/documents?slug=imported-${randomUUID().slice(0, 8)}`,
      body: '# An imported memo\n\nA claim with a note.[^1]\n\n[^1]: Where it comes from.\n',
      contentType: 'text/markdown',
    }),
    expect: byRole<HttpOutcome>(403, 404, 401, { owner: 201, editor: 201 }),
  },
  {
    file: 'app/api/workspaces/[workspaceSlug]/documents/route.ts',
    method: 'POST',
    what: 'importing a PDF',
    request: (world) => ({
      path: `/api/workspaces/${world.team.workspace.slug}/documents?slug=pdf-${randomUUID().slice(0, 8)}&title=A%20PDF%20memo`,
      body: minimalPdf('A claim made in a PDF.'),
      contentType: 'application/pdf',
    }),
    expect: byRole<HttpOutcome>(403, 404, 401, { owner: 201, editor: 201 }),
  },
  // The world's document was not imported from a PDF: nobody gets a page or a file, and nobody learns more than that.
  {
    file: 'app/(reader)/documents/[documentSlug]/pages/[pageNumber]/page.tsx',
    method: 'GET',
    what: 'a page of the original PDF',
    request: (world) => ({ path: `/documents/${world.documentSlug}/pages/1` }),
    expect: everyone(404),
  },
  {
    file: 'app/api/documents/[documentSlug]/pdf/route.ts',
    method: 'GET',
    what: 'the original PDF',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/pdf` }),
    expect: everyone(404),
  },
  { file: 'app/pdfjs/worker/route.ts', method: 'GET', what: 'the PDF viewer’s worker script', request: () => ({ path: '/pdfjs/worker' }), expect: everyone(200) },
  {
    file: 'app/api/accounts/route.ts',
    method: 'POST',
    what: 'sign-up',
    // Each sign-up from its own address, so the sign-up throttle does not answer instead of the route.
    request: () => ({
      path: '/api/accounts',
      body: JSON.stringify({ name: 'New Reader', email: `new.${randomUUID()}@example.org`, password: 'a long enough passphrase here' }),
      headers: { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
    }),
    expect: everyone(201),
  },
  { file: 'app/api/auth/[...nextauth]/route.ts', method: 'GET', what: 'the session', request: () => ({ path: '/api/auth/session' }), expect: everyone(200) },
  {
    file: 'app/api/auth/[...nextauth]/route.ts',
    method: 'POST',
    what: 'a sign-in with a wrong password',
    request: (world) => ({
      path: '/api/auth/callback/credentials',
      body: new URLSearchParams({ email: world.team.people.viewer.email, password: 'not the password at all', json: 'true' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250) + 1}` },
    }),
    // next-auth answers its JSON clients 200 with an error address; what matters is that no session is issued.
    expect: everyone(200),
    isSessionRefused: true,
    isFormFlow: true,
  },
  { file: 'app/api/health/route.ts', method: 'GET', what: 'the health check', request: () => ({ path: '/api/health' }), expect: everyone(200) },
  { file: 'app/api/ping/route.ts', method: 'GET', what: 'the no-op request', request: () => ({ path: '/api/ping' }), expect: everyone(204) },
  {
    file: 'app/api/documents/[documentSlug]/annotations/route.ts',
    method: 'GET',
    what: 'the annotation container',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/annotations/` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/api/documents/[documentSlug]/annotations/route.ts',
    method: 'POST',
    what: 'creating an annotation',
    request: (world, baseUrl) => ({ path: `/api/documents/${world.documentSlug}/annotations/`, body: annotationJson(world, baseUrl, 'Posted'), contentType: JSON_LD }),
    expect: byRole<HttpOutcome>(201, 404, 401, { viewer: 403 }),
  },
  {
    file: 'app/api/documents/[documentSlug]/annotations/[annotationId]/route.ts',
    method: 'GET',
    what: 'one shared annotation',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/annotations/${world.sharedAnnotationId}` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/api/documents/[documentSlug]/annotations/[annotationId]/route.ts',
    method: 'PUT',
    what: 'editing the commenter’s annotation',
    request: async (world, baseUrl) => ({
      path: `/api/documents/${world.documentSlug}/annotations/${await world.fresh.annotation()}`,
      body: annotationJson(world, baseUrl, 'Edited'),
      contentType: JSON_LD,
      headers: { 'If-Match': '*' },
    }),
    expect: byRole<HttpOutcome>(403, 404, 401, { commenter: 200 }),
  },
  {
    file: 'app/api/documents/[documentSlug]/annotations/[annotationId]/route.ts',
    method: 'DELETE',
    what: 'deleting the commenter’s annotation',
    request: async (world) => ({ path: `/api/documents/${world.documentSlug}/annotations/${await world.fresh.annotation()}` }),
    expect: byRole<HttpOutcome>(403, 404, 401, { commenter: 204 }),
  },
  {
    file: 'app/api/annotations/[annotationId]/route.ts',
    method: 'GET',
    what: 'an annotation’s old address',
    request: (world) => ({ path: `/api/annotations/${world.sharedAnnotationId}` }),
    expect: byRole<HttpOutcome>(308, 404, 404),
  },
  {
    file: 'app/api/annotations/[annotationId]/route.ts',
    method: 'PUT',
    what: 'an edit sent to an annotation’s old address',
    request: async (world, baseUrl) => ({ path: `/api/annotations/${await world.fresh.annotation()}`, body: annotationJson(world, baseUrl, 'Edited'), contentType: JSON_LD, headers: { 'If-Match': '*' } }),
    expect: byRole<HttpOutcome>(308, 404, 404),
    isRedirect: true,
  },
  {
    file: 'app/api/annotations/[annotationId]/route.ts',
    method: 'DELETE',
    what: 'a delete sent to an annotation’s old address',
    request: async (world) => ({ path: `/api/annotations/${await world.fresh.annotation()}` }),
    expect: byRole<HttpOutcome>(308, 404, 404),
    isRedirect: true,
  },
  {
    file: 'app/api/documents/[documentSlug]/events/route.ts',
    method: 'GET',
    what: 'the document’s live stream',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/events`, headers: { Accept: 'text/event-stream' } }),
    expect: byRole<HttpOutcome>(200, 404, 401),
    isStream: true,
  },
  {
    file: 'app/api/documents/[documentSlug]/events/route.ts',
    method: 'POST',
    what: 'a presence heartbeat',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/events`, body: JSON.stringify({ tabId: `tab-${randomUUID()}`, sectionSlug: null }), contentType: 'application/json' }),
    expect: byRole<HttpOutcome>(204, 404, 401),
  },
  {
    file: 'app/api/workspaces/[workspaceSlug]/events/route.ts',
    method: 'GET',
    what: 'the workspace’s live feed',
    request: (world) => ({ path: `/api/workspaces/${world.team.workspace.slug}/events`, headers: { Accept: 'text/event-stream' } }),
    expect: byRole<HttpOutcome>(200, 404, 401),
    isStream: true,
  },
  {
    file: 'app/api/documents/[documentSlug]/export/[format]/route.ts',
    method: 'GET',
    what: 'the W3C export',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/export/annotations.jsonld` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/api/documents/[documentSlug]/export/[format]/route.ts',
    method: 'GET',
    what: 'the Markdown report',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/export/report.md` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/api/documents/[documentSlug]/export/[format]/route.ts',
    method: 'GET',
    what: 'the HTML verification report',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/export/report.html` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  {
    file: 'app/api/documents/[documentSlug]/export/[format]/route.ts',
    method: 'GET',
    what: 'the PDF verification report',
    request: (world) => ({ path: `/api/documents/${world.documentSlug}/export/report.pdf` }),
    expect: byRole<HttpOutcome>(200, 404, 404),
  },
  { file: 'app/(auth)/forgot-password/page.tsx', method: 'GET', what: 'the forgotten-password page', request: () => ({ path: '/forgot-password' }), expect: everyone(200) },
  {
    file: 'app/(auth)/reset-password/[token]/page.tsx',
    method: 'GET',
    what: 'a reset link that is not (or no longer) valid',
    request: () => ({ path: `/reset-password/${'x'.repeat(43)}` }),
    expect: everyone(200),
  },
  {
    file: 'app/api/mail/unsubscribe/route.ts',
    method: 'GET',
    what: 'opening a one-click unsubscribe link (it only asks)',
    request: (world) => ({ path: new URL(unsubscribeUrl('http://localhost', world.team.people.viewer.id)).pathname + new URL(unsubscribeUrl('http://localhost', world.team.people.viewer.id)).search }),
    expect: everyone(200),
  },
  {
    // Mail clients post it without a session or a same-site Origin: the signature alone authorizes it.
    file: 'app/api/mail/unsubscribe/route.ts',
    method: 'POST',
    what: 'the one-click unsubscribe, posted by a mail client',
    request: (world) => {
      const url = new URL(unsubscribeUrl('http://localhost', world.team.people.viewer.id));
      return { path: url.pathname + url.search, body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded', headers: { Origin: 'https://mail.example' } };
    },
    expect: everyone(200),
  },
];

/** What a server action came to: 'ok', or the error code it returned. */
export type ActionOutcome = string;

/** One exported server action and how to call it as the current viewer. */
export type ActionRow = { module: string; action: string; what?: string; call: (world: World) => Promise<unknown>; expect: Expectation<ActionOutcome> };

const stringsOf = (fields: Record<string, number>) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)]));
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const editorsOnly = byRole<ActionOutcome>('FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', { owner: 'ok', editor: 'ok' });
const ownersOnly = byRole<ActionOutcome>('FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', { owner: 'ok' });
const writers = byRole<ActionOutcome>('ok', 'NOT_FOUND', 'UNAUTHENTICATED', { viewer: 'FORBIDDEN' });
const authorOnly = byRole<ActionOutcome>('FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', { commenter: 'ok' });
const signedIn = byRole<ActionOutcome>('ok', 'ok', 'UNAUTHENTICATED');

// Mail actions refuse while the server sends no mail; these rows run with a mail server configured (nothing drains
// here, so nothing is sent).
async function withMailOn<T>(call: () => Promise<T>): Promise<T> {
  const before = process.env.SMTP_URL;
  process.env.SMTP_URL ||= 'smtp://127.0.0.1:9';
  try {
    return await call();
  } finally {
    if (before === undefined) delete process.env.SMTP_URL;
  }
}

/** Every server action, called directly as each actor (the session is stood in for; the action's checks are real). */
export const ACTIONS: ActionRow[] = [
  { module: 'accounts', action: 'changePasswordAction', call: () => accountActions.changePasswordAction(null, form({ currentPassword: 'wrong password here', newPassword: 'another long passphrase' })), expect: byRole<ActionOutcome>('INVALID_INPUT', 'INVALID_INPUT', 'UNAUTHENTICATED') },
  // Signing out is open to anyone, signed in or not: it ends this browser's session (if any) and goes home.
  { module: 'accounts', action: 'signOutAction', call: () => accountActions.signOutAction(), expect: everyone('ok') },
  {
    module: 'accounts',
    action: 'endSessionAction',
    what: 'signing out one of the commenter’s sessions from Settings',
    call: async (world) => accountActions.endSessionAction(await unsafeStartSession(world.team.people.commenter.id, { userAgent: 'Firefox/140.0', address: '127.0.0.9' })),
    expect: byRole<ActionOutcome>('NOT_FOUND', 'NOT_FOUND', 'UNAUTHENTICATED', { commenter: 'ok' }),
  },
  { module: 'accounts', action: 'signOutEverywhereAction', call: () => accountActions.signOutEverywhereAction(), expect: signedIn },
  {
    module: 'annotations',
    action: 'createAnnotationAction',
    call: (world) => annotationActions.createAnnotationAction(world.documentSlug, { id: randomUUID(), versionNumber: 1, start: 0, end: 8, body: 'From the reader', visibility: 'WORKSPACE' }),
    expect: writers,
  },
  { module: 'annotations', action: 'replyAction', call: (world) => annotationActions.replyAction(world.documentSlug, { id: randomUUID(), parentId: world.sharedAnnotationId, body: 'A reply' }), expect: writers },
  { module: 'annotations', action: 'updateAnnotationAction', call: async (world) => annotationActions.updateAnnotationAction(world.documentSlug, await world.fresh.annotation(), { body: 'Edited', revision: 1 }), expect: authorOnly },
  { module: 'annotations', action: 'deleteAnnotationAction', call: async (world) => annotationActions.deleteAnnotationAction(world.documentSlug, await world.fresh.annotation()), expect: authorOnly },
  { module: 'annotations', action: 'hideAnnotationAction', call: async (world) => annotationActions.hideAnnotationAction(world.documentSlug, await world.fresh.annotation()), expect: editorsOnly },
  { module: 'annotations', action: 'resolveThreadAction', call: async (world) => annotationActions.resolveThreadAction(world.documentSlug, await world.fresh.annotation(), { isResolved: true }), expect: writers },
  // The author, or an editor for a shared annotation, decides where a doubtful placement belongs.
  { module: 'annotations', action: 'settleAnchorAction', call: async (world) => annotationActions.settleAnchorAction(world.documentSlug, await world.fresh.annotation(), 'confirm'), expect: { ...authorOnly, owner: 'ok', editor: 'ok' } },
  {
    module: 'annotations',
    action: 'createPageNoteAction',
    call: (world) => annotationActions.createPageNoteAction(world.documentSlug, { id: randomUUID(), body: 'On the whole document', visibility: 'WORKSPACE' }),
    expect: writers,
  },
  {
    module: 'annotations',
    action: 'createSectionCommentAction',
    call: (world) => annotationActions.createSectionCommentAction(world.documentSlug, world.sectionSlug, { id: randomUUID(), body: 'On this section', visibility: 'WORKSPACE' }),
    expect: writers,
  },
  {
    module: 'annotation-links',
    action: 'createAnnotationLinkAction',
    what: 'linking a fresh shared annotation to another as contradicting it',
    call: async (world) => annotationLinkActions.createAnnotationLinkAction(world.documentSlug, { fromId: await world.fresh.annotation(), toId: world.sharedAnnotationId, kind: 'contradicts', reason: 'Other figures' }),
    expect: writers,
  },
  {
    module: 'annotation-links',
    action: 'deleteAnnotationLinkAction',
    what: 'removing a link the commenter made between shared annotations',
    call: async (world) => {
      const { id } = await createAnnotationLink(world.team.people.commenter, { fromId: await world.fresh.annotation(), toId: world.sharedAnnotationId, kind: 'supports' });
      return annotationLinkActions.deleteAnnotationLinkAction(world.documentSlug, id);
    },
    expect: { ...authorOnly, owner: 'ok', editor: 'ok' },
  },
  {
    module: 'notifications',
    action: 'markNotificationReadAction',
    what: 'marking the commenter’s notification read',
    call: async (world) => notificationActions.markNotificationReadAction({ notificationId: await freshNotification(world) }),
    expect: byRole<ActionOutcome>('NOT_FOUND', 'NOT_FOUND', 'UNAUTHENTICATED', { commenter: 'ok' }),
  },
  { module: 'notifications', action: 'markAllNotificationsReadAction', call: () => notificationActions.markAllNotificationsReadAction(), expect: signedIn },
  {
    module: 'notifications',
    action: 'setFollowAction',
    what: 'following a private document',
    call: (world) => notificationActions.setFollowAction({ target: 'DOCUMENT', documentSlug: world.documentSlug, isFollowing: true }),
    expect: byRole<ActionOutcome>('ok', 'NOT_FOUND', 'UNAUTHENTICATED'),
  },
  {
    module: 'notifications',
    action: 'unhideAnnotationAction',
    what: 'showing a hidden annotation again',
    call: async (world) => {
      const id = await world.fresh.annotation();
      await hideAnnotation(world.team.people.editor, id, { reason: 'Off topic' });
      return notificationActions.unhideAnnotationAction(world.team.workspace.slug, id);
    },
    expect: editorsOnly,
  },
  {
    module: 'sources',
    action: 'addSourceAction',
    what: 'proposing a source',
    call: (world) => sourceActions.addSourceAction(world.documentSlug, 2, null, form({ kind: 'REPORT', title: 'Another source', url: 'https://example.org/b', verdict: 'UNVERIFIED' })),
    expect: writers,
  },
  {
    module: 'sources',
    action: 'addSourceAction',
    what: 'adding a source with a verdict',
    call: (world) => sourceActions.addSourceAction(world.documentSlug, 2, null, form({ kind: 'REPORT', title: 'A checked source', url: 'https://example.org/c', verdict: 'SUPPORTS' })),
    expect: editorsOnly,
  },
  {
    module: 'tracing',
    action: 'setNoteTracingAction',
    what: 'assigning a note to the commenter',
    call: (world) => tracingActions.setNoteTracingAction(world.documentSlug, 2, null, form({ status: 'IN_PROGRESS', assigneeId: world.team.people.commenter.id, reason: `Assigned ${randomUUID()}` })),
    expect: writers,
  },
  {
    module: 'tracing',
    action: 'editSourceAction',
    call: async (world) => {
      const { sourceId } = await world.db.footnoteSource.findUniqueOrThrow({ where: { id: world.footnoteSourceId }, select: { sourceId: true } });
      return tracingActions.editSourceAction(world.documentSlug, sourceId, null, form({ kind: 'ARTICLE', title: `A source ${randomUUID().slice(0, 8)}`, url: 'https://example.org/a', reason: 'Retitled' }));
    },
    expect: editorsOnly,
  },
  {
    module: 'tracing',
    action: 'deleteSourceAction',
    call: async (world) => {
      const { id } = await addSourceToNote(world.team.people.editor, world.documentSlug, 2, { kind: 'REPORT', title: `To delete ${randomUUID()}`, verdict: 'UNVERIFIED' });
      const { sourceId } = await world.db.footnoteSource.findUniqueOrThrow({ where: { id }, select: { sourceId: true } });
      return tracingActions.deleteSourceAction(world.documentSlug, sourceId, null, form({ reason: 'A duplicate' }));
    },
    expect: editorsOnly,
  },
  {
    module: 'tracing',
    action: 'editEvidenceAction',
    call: (world) => tracingActions.editEvidenceAction(world.documentSlug, world.footnoteSourceId, null, form({ evidenceQuote: `Quoted ${randomUUID()}`, reason: 'Exact words' })),
    expect: editorsOnly,
  },
  { module: 'tracing', action: 'mergeDuplicateSourcesAction', call: (world) => tracingActions.mergeDuplicateSourcesAction(world.documentSlug, world.team.workspace.slug), expect: editorsOnly },
  { module: 'sources', action: 'setVerdictAction', call: (world) => sourceActions.setVerdictAction(world.documentSlug, world.footnoteSourceId, null, form({ verdict: 'SUPPORTS' })), expect: editorsOnly },
  {
    module: 'source-import',
    action: 'importSourcesAction',
    call: (world) =>
      sourceImportActions.importSourcesAction(world.team.workspace.slug, null, form({ pasted: `@book{key${randomUUID().slice(0, 8)}, title = {A book ${randomUUID()}}, year = {2001}}`, format: 'bibtex' })),
    expect: editorsOnly,
  },
  {
    module: 'document-visibility',
    action: 'setDocumentVisibilityAction',
    what: 'choosing “Workspace only” for a private document (which changes nothing, so every actor meets it alike)',
    call: (world) => documentVisibilityActions.setDocumentVisibilityAction(world.documentSlug, 'PRIVATE'),
    expect: editorsOnly,
  },
  {
    module: 'sources',
    action: 'addSourceAction',
    what: 'making a document of the workspace a note’s source',
    call: async (world) => sourceActions.addSourceAction(world.documentSlug, 1, null, form({ sourceId: `document:${await world.fresh.document()}`, verdict: 'UNVERIFIED' })),
    expect: writers,
  },
  {
    module: 'evidence',
    action: 'citePassageAction',
    what: 'citing a passage without changing the verdict',
    call: (world) => evidenceActions.citePassageAction(world.citing.linkId, null, form({ ...stringsOf(world.citing.passage), reason: 'The passage gives the figure' })),
    expect: writers,
  },
  {
    module: 'evidence',
    action: 'citePassageAction',
    what: 'citing a passage with a verdict',
    call: async (world) => {
      // Always a verdict other than the current one, so that only those who may set verdicts succeed.
      const { verdict } = await world.db.footnoteSource.findUniqueOrThrow({ where: { id: world.citing.linkId }, select: { verdict: true } });
      return evidenceActions.citePassageAction(world.citing.linkId, null, form({ ...stringsOf(world.citing.passage), verdict: verdict === 'SUPPORTS' ? 'DOES_NOT_SUPPORT' : 'SUPPORTS' }));
    },
    expect: editorsOnly,
  },
  { module: 'report', action: 'signOffReportAction', call: (world) => reportActions.signOffReportAction(world.documentSlug), expect: editorsOnly },
  {
    module: 'tags',
    action: 'updateTagAction',
    call: async (world) => {
      const tag = await world.db.tag.findFirstOrThrow({ where: { workspaceId: world.team.workspace.id, name: world.tagName }, select: { id: true, colour: true } });
      return tagActions.updateTagAction(world.team.workspace.slug, tag.id, { label: world.tagName, colour: tag.colour, description: `Described ${randomUUID()}` });
    },
    expect: editorsOnly,
  },
  {
    module: 'tags',
    action: 'mergeTagsAction',
    call: async (world) => {
      const [from, into] = await Promise.all(
        ['from', 'into'].map((prefix) => {
          const name = `${prefix}-${randomUUID().slice(0, 8)}`;
          return world.db.tag.create({ data: { workspaceId: world.team.workspace.id, name, label: name, colour: '#336699' }, select: { id: true } });
        }),
      );
      return tagActions.mergeTagsAction(world.team.workspace.slug, from!.id, into!.id);
    },
    expect: editorsOnly,
  },
  {
    module: 'tags',
    action: 'moveTagAction',
    call: async (world) => {
      const tag = await world.db.tag.findFirstOrThrow({ where: { workspaceId: world.team.workspace.id, name: world.tagName }, select: { id: true } });
      return tagActions.moveTagAction(world.team.workspace.slug, tag.id, 1);
    },
    expect: ownersOnly,
  },
  {
    module: 'preferences',
    action: 'updateHighlightColouringAction',
    call: () => preferenceActions.updateHighlightColouringAction(null, form({ colouring: 'AUTHOR' })),
    expect: signedIn,
  },
  {
    module: 'annotation-import',
    action: 'importAnnotationsAction',
    call: (world) =>
      annotationImportActions.importAnnotationsAction(
        world.documentSlug,
        null,
        form({ format: 'w3c', pasted: JSON.stringify([{ ...JSON.parse(annotationJson(world, 'http://localhost', 'Imported')), id: `urn:uuid:${randomUUID()}` }]) }),
      ),
    expect: writers,
  },
  {
    module: 'document-import',
    action: 'previewDocumentImportAction',
    call: (world) => documentImportActions.previewDocumentImportAction(world.team.workspace.slug, null, form({ content: '# A memo\n\nOne paragraph.\n', format: 'markdown', title: '', slug: '' })),
    expect: editorsOnly,
  },
  {
    module: 'document-import',
    action: 'importDocumentAction',
    call: (world) =>
      documentImportActions.importDocumentAction(world.team.workspace.slug, null, form({ content: '# A memo\n\nOne paragraph.\n', format: 'markdown', title: '', slug: `memo-${randomUUID().slice(0, 8)}` })),
    expect: editorsOnly,
  },
  {
    module: 'api-tokens',
    action: 'createApiTokenAction',
    call: (world) => apiTokenActions.createApiTokenAction(null, form({ name: 'A script', workspaceSlug: world.team.workspace.slug, access: 'write' })),
    // Anyone signed in may make tokens, but only for a workspace they belong to.
    expect: byRole<ActionOutcome>('ok', 'INVALID_INPUT', 'UNAUTHENTICATED'),
  },
  {
    module: 'api-tokens',
    action: 'revokeApiTokenAction',
    what: 'revoking the commenter’s token',
    call: async (world) => {
      const { entry } = await createApiToken(world.team.people.commenter, { name: `Script ${randomUUID().slice(0, 6)}`, workspaceSlug: world.team.workspace.slug, canWrite: false });
      return apiTokenActions.revokeApiTokenAction(entry.id);
    },
    expect: byRole<ActionOutcome>('NOT_FOUND', 'NOT_FOUND', 'UNAUTHENTICATED', { commenter: 'ok' }),
  },
  // A visitor's colour scheme is kept in their browser only; anyone may choose one.
  { module: 'preferences', action: 'setColourSchemeAction', call: () => preferenceActions.setColourSchemeAction('DARK'), expect: everyone('ok') },
  { module: 'preferences', action: 'setSingleKeyShortcutsAction', call: () => preferenceActions.setSingleKeyShortcutsAction(null, form({ singleKeyShortcuts: 'off' })), expect: signedIn },
  {
    module: 'reactions',
    action: 'toggleReactionAction',
    call: (world) => reactionActions.toggleReactionAction(world.documentSlug, world.sharedAnnotationId, 'QUESTION'),
    expect: writers,
  },
  // Reading more replies of a thread: whoever may read the document; the document is not public, so others get 404.
  {
    module: 'thread-replies',
    action: 'showMoreRepliesAction',
    call: (world) => threadReplyActions.showMoreRepliesAction(world.documentSlug, { threadId: world.sharedAnnotationId, offset: 0 }),
    expect: byRole<ActionOutcome>('ok', 'NOT_FOUND', 'NOT_FOUND'),
  },
  { module: 'preferences', action: 'setMailDeliveryAction', call: () => preferenceActions.setMailDeliveryAction(null, form({ delivery: 'DIGEST' })), expect: signedIn },
  {
    module: 'invite-mail',
    action: 'sendInviteEmailAction',
    call: (world) => withMailOn(() => inviteMailActions.sendInviteEmailAction(world.team.workspace.slug, null, form({ email: `guest.${randomUUID().slice(0, 6)}@example.org`, role: 'VIEWER' }))),
    expect: ownersOnly,
  },
  // Anyone may ask; the answer is the same whether or not the address has an account.
  {
    module: 'password-resets',
    action: 'requestPasswordResetAction',
    call: () => withMailOn(() => passwordResetActions.requestPasswordResetAction(null, form({ email: `someone.${randomUUID().slice(0, 8)}@example.org` }))),
    expect: everyone('ok'),
  },
  // A link that was never sent works for nobody, signed in or not.
  { module: 'password-resets', action: 'resetPasswordAction', call: () => passwordResetActions.resetPasswordAction(null, form({ token: 'y'.repeat(43), password: 'a long new passphrase' })), expect: everyone('GONE') },
  { module: 'workspaces', action: 'createWorkspaceAction', call: () => workspaceActions.createWorkspaceAction(null, form({ name: `Desk ${randomUUID().slice(0, 6)}` })), expect: signedIn },
  { module: 'workspaces', action: 'createInviteAction', call: (world) => workspaceActions.createInviteAction(world.team.workspace.slug, null, form({ role: 'COMMENTER', expiresInDays: '7' })), expect: ownersOnly },
  {
    module: 'workspaces',
    action: 'revokeInviteAction',
    call: async (world) => {
      await createInvite(world.team.people.owner, world.team.workspace.slug, { role: 'VIEWER', expiresInDays: 1, isSingleUse: true });
      const invite = await world.db.invite.findFirstOrThrow({ where: { workspaceId: world.team.workspace.id, revokedAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true } });
      return workspaceActions.revokeInviteAction(world.team.workspace.slug, invite.id);
    },
    expect: ownersOnly,
  },
  {
    module: 'workspaces',
    action: 'changeMemberRoleAction',
    call: async (world) => workspaceActions.changeMemberRoleAction(world.team.workspace.slug, null, form({ memberId: await world.fresh.membership(), role: 'EDITOR' })),
    expect: ownersOnly,
  },
  { module: 'workspaces', action: 'removeMemberAction', call: async (world) => workspaceActions.removeMemberAction(world.team.workspace.slug, await world.fresh.membership()), expect: ownersOnly },
  {
    module: 'workspaces',
    action: 'acceptInviteAction',
    call: async (world) => {
      const { token } = await createInvite(world.team.people.owner, world.team.workspace.slug, { role: 'VIEWER', expiresInDays: 1, isSingleUse: false });
      return workspaceActions.acceptInviteAction(token);
    },
    expect: signedIn,
  },
];

/** The viewer an actor acts as; null for the visitor. */
export const viewerOf = (world: World, actor: Actor): Viewer | null => (actor === 'visitor' ? null : world.team.people[actor]);
