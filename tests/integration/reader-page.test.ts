import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, replyToAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { ANNOTATION_LIST_BATCH } from '@/lib/domain/annotation-list';
import type { HighlightRange } from '@/lib/domain/highlight-ranges';
import { codePointLength } from '@/lib/domain/text';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

const SENTENCE = 'The volunteers crossed the border in small groups.';
const TEXT = ['Field notes', '', ...Array.from({ length: 40 }, (_, index) => `${index + 1}. ${SENTENCE}`).flatMap((line) => [line, '']), '', '', 'Later', '', 'A closing paragraph.', ''].join('\n');
const THREADS = ANNOTATION_LIST_BATCH + 3;

type Actor = 'owner' | 'commenter' | 'outsider' | 'visitor';

let database: TestDatabase;
let server: AppServer;
let team: Team;
let slug: string;
let publicSlug: string;
const cookies: Partial<Record<Actor, string>> = {};
// Thread ids in text order: the one on paragraph n is threadIds[n - 1].
const threadIds: string[] = [];
let ownerPrivate: string;
let lastReply: string;

const paragraphRange = (number: number) => {
  const start = codePointLength(TEXT.slice(0, TEXT.indexOf(`${number}. ${SENTENCE}`)));
  return { start, end: start + codePointLength(`${number}. ${SENTENCE}`) };
};

const annotate = async (viewer: Viewer, documentSlug: string, number: number, fields: { visibility?: 'PRIVATE' | 'WORKSPACE'; tags?: string[] } = {}) => {
  const id = randomUUID();
  await createAnnotation(viewer, documentSlug, { id, versionNumber: 1, ...paragraphRange(number), body: `Note on paragraph ${number}`, tags: fields.tags ?? [], visibility: fields.visibility ?? 'WORKSPACE' });
  return id;
};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  publicSlug = await createDocument(database.db, team.workspace.id, { text: TEXT, isPublic: true });
  for (let number = 1; number <= THREADS; number++) threadIds.push(await annotate(team.people.commenter, slug, number, { tags: number === 2 ? ['claim'] : [] }));
  ownerPrivate = await annotate(team.people.owner, slug, THREADS + 1, { visibility: 'PRIVATE' });
  lastReply = randomUUID();
  await replyToAnnotation(team.people.owner, { id: lastReply, parentId: threadIds.at(-1)!, body: 'A reply on the last thread' });
  await annotate(team.people.commenter, publicSlug, 1);
  server = await startAppServer(database.url);
  for (const actor of ['owner', 'commenter', 'outsider'] as const) cookies[actor] = await signInOverHttp(server.baseUrl, team.people[actor].email, FACTORY_PASSWORD);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const get = (path: string, actor: Actor) => fetch(`${server.baseUrl}${path}`, { redirect: 'manual', headers: actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' } });

const highlightsOf = async (path: string, actor: Actor): Promise<HighlightRange[]> => {
  const response = await get(path, actor);
  expect(response.status).toBe(200);
  return (await response.json()) as HighlightRange[];
};

// The highlight table's address the reader page names, with its fingerprint.
const highlightsUrlIn = (html: string) => /\/documents\/[\w-]+\/highlights\?[^"\\]*v=[\w-]+/.exec(html.replaceAll('&amp;', '&'))?.[0] ?? null;

describe('the reader’s highlight table', () => {
  it('gives each reader the highlights of what they may see: their own private ones, never another person’s', async () => {
    const ownerIds = (await highlightsOf(`/documents/${slug}/highlights`, 'owner')).map(([id]) => id);
    expect(ownerIds).toEqual([...threadIds, ownerPrivate]);
    const commenterIds = (await highlightsOf(`/documents/${slug}/highlights`, 'commenter')).map(([id]) => id);
    expect(commenterIds).toEqual(threadIds);
  });

  it('is not found for someone outside the workspace or signed out; on a public document they see no one’s shared highlights', async () => {
    expect((await get(`/documents/${slug}/highlights`, 'outsider')).status).toBe(404);
    expect((await get(`/documents/${slug}/highlights`, 'visitor')).status).toBe(404);
    expect(await highlightsOf(`/documents/${publicSlug}/highlights`, 'visitor')).toEqual([]);
    expect(await highlightsOf(`/documents/${publicSlug}/highlights`, 'outsider')).toEqual([]);
    expect(await highlightsOf(`/documents/${publicSlug}/highlights`, 'commenter')).toHaveLength(1);
  });

  it('narrows by the same filter as the page, and comes as [id, start, end, colour] by where each starts', async () => {
    const tagged = await highlightsOf(`/documents/${slug}/highlights?tag=claim`, 'commenter');
    expect(tagged).toEqual([[threadIds[1], paragraphRange(2).start, paragraphRange(2).end, expect.stringMatching(/^#[0-9a-f]{6}$/)]]);
    expect(await highlightsOf(`/documents/${slug}/highlights?visibility=PRIVATE`, 'commenter')).toEqual([]);
  });

  it('may be kept by the browser when the page named this very table, and not otherwise', async () => {
    const page = await get(`/documents/${slug}`, 'commenter');
    const url = highlightsUrlIn(await page.text());
    expect(url).not.toBeNull();
    const named = await get(url!, 'commenter');
    expect(named.headers.get('cache-control')).toContain('immutable');
    expect(((await named.json()) as HighlightRange[]).map(([id]) => id)).toEqual(threadIds);
    const stale = await get(`/documents/${slug}/highlights?v=not-this-one`, 'commenter');
    expect(stale.headers.get('cache-control')).toContain('no-store');
  });

  it('leaves the page without the table: the page names its address instead', async () => {
    const html = await (await get(`/documents/${slug}`, 'owner')).text();
    expect(html).not.toContain(ownerPrivate);
    expect(highlightsUrlIn(html)).not.toBeNull();
    const visitorHtml = await (await get(`/documents/${publicSlug}`, 'visitor')).text();
    expect(highlightsUrlIn(visitorHtml)).toBeNull();
  });
});

describe('the Annotations list on the reader page', () => {
  it('shows the first batch of threads and a link to the next one, which opens at its first card', async () => {
    const html = (await (await get(`/documents/${slug}`, 'commenter')).text()).replaceAll('&amp;', '&');
    expect(html).toContain(`Note on paragraph ${ANNOTATION_LIST_BATCH}<`);
    expect(html).not.toContain(`Note on paragraph ${ANNOTATION_LIST_BATCH + 1}<`);
    expect(html).toContain(`Showing threads 1–${ANNOTATION_LIST_BATCH} of ${THREADS}.`);
    expect(html).toContain(`href="/documents/${slug}?list=all#annotation-${threadIds[ANNOTATION_LIST_BATCH]}"`);
    expect(html).toContain(`>Show ${THREADS - ANNOTATION_LIST_BATCH} more<`);
  });

  it('shows a range of threads when the address asks for one, with a link to the earlier batch', async () => {
    const html = (await (await get(`/documents/${slug}?list=26-28`, 'commenter')).text()).replaceAll('&amp;', '&');
    expect(html).toContain('Note on paragraph 26<');
    expect(html).not.toContain('Note on paragraph 25<');
    expect(html).toContain(`href="/documents/${slug}?list=all#annotation-${threadIds[0]}"`);
    expect(html).toContain('>Show earlier threads<');
  });

  it('opens the batch holding the thread a link names, reply included', async () => {
    const html = await (await get(`/documents/${slug}?thread=${lastReply}`, 'owner')).text();
    expect(html).toContain(`Note on paragraph ${THREADS}<`);
    expect(html).toContain('A reply on the last thread');
    expect(html).not.toContain('Note on paragraph 1<');
  });

  it('keeps the filter in the links to other batches', async () => {
    const html = (await (await get(`/documents/${slug}?author=Commenter`, 'owner')).text()).replaceAll('&amp;', '&');
    expect(html).toContain(`href="/documents/${slug}?author=Commenter&list=all#annotation-${threadIds[ANNOTATION_LIST_BATCH]}"`);
  });
});
