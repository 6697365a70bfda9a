import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation } from '@/lib/dal/annotations';
import { importDocument } from '@/lib/dal/document-import';
import type { Viewer } from '@/lib/dal/authorization';
import { createDatabaseClient, getDb, type PrismaClient } from '@/lib/db';
import { codePointLength } from '@/lib/domain/text';
import { findFreePort, startEmbeddedDatabase, type LocalDatabase } from '@/lib/local-database';
import { applyMigrations } from '@/lib/migrate';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createDocument, createUser, createWorkspace, FACTORY_PASSWORD } from '@/tests/helpers/factories';

// These tests need a PostgreSQL of their own, on a fixed port, that they can stop and start again while two
// `next start` processes stay up against it; the run's shared cluster must not be restarted under other files.
const TEXT = 'A private memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2]\n';
const QUOTE = 'A claim with a source.';

type SseEvent = { event: string; id: string | null; data: string };

/** A live stream read raw, as a proxy or a browser would receive it. */
type RawStream = { status: number; text: () => string; events: () => SseEvent[]; waitFor: (what: string, predicate: (stream: RawStream) => boolean, timeoutMs?: number) => Promise<void>; close: () => void };

let folder: string;
let postgres: LocalDatabase;
let postgresPort: number;
let db: PrismaClient;
const servers: AppServer[] = [];
let people: { author: Viewer; colleague: Viewer; outsider: Viewer; editor: Viewer };
let workspaceId: string;
let workspaceSlug: string;
let documentSlug: string;
const cookies = new Map<string, string>();
const streams: RawStream[] = [];

async function startPostgres(): Promise<void> {
  postgres = await startEmbeddedDatabase({ dataDir: path.join(folder, 'postgres'), port: postgresPort });
}

function parseEvents(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      return { event: fields.get('event') ?? 'message', id: fields.get('id') ?? null, data: fields.get('data') ?? '' };
    });
}

async function cookieOf(server: AppServer, person: Viewer): Promise<string> {
  const key = `${server.baseUrl} ${person.id}`;
  if (!cookies.has(key)) cookies.set(key, await signInOverHttp(server.baseUrl, person.email, FACTORY_PASSWORD));
  return cookies.get(key) ?? '';
}

async function openStream(server: AppServer, streamPath: string, person: Viewer | null, headers: Record<string, string> = {}): Promise<RawStream> {
  const controller = new AbortController();
  const response = await fetch(`${server.baseUrl}${streamPath}`, {
    headers: { Accept: 'text/event-stream', ...(person ? { Cookie: await cookieOf(server, person) } : {}), ...headers },
    signal: controller.signal,
  });
  let text = '';
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  const stream: RawStream = {
    status: response.status,
    text: () => text,
    events: () => parseEvents(text),
    waitFor: async (what, predicate, timeoutMs = 8_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(stream)) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. The stream so far:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => controller.abort(),
  };
  streams.push(stream);
  return stream;
}

const documentStream = (server: AppServer, person: Viewer | null, headers?: Record<string, string>) =>
  openStream(server, `/api/documents/${documentSlug}/events`, person, headers);

const activityOf = (stream: RawStream, subjectId: string) =>
  stream.events().filter((event) => event.event === 'activity' && (JSON.parse(event.data) as { subjectId: string }).subjectId === subjectId);

const hasActivity = (subjectId: string) => (stream: RawStream) => activityOf(stream, subjectId).length > 0;
const isReady = (stream: RawStream) => stream.events().some((event) => event.event === 'ready');

async function annotate(author: Viewer, visibility: 'WORKSPACE' | 'PRIVATE', body = 'Which source says so?'): Promise<string> {
  const at = TEXT.indexOf(QUOTE);
  const start = codePointLength(TEXT.slice(0, at));
  const id = randomUUID();
  await createAnnotation(author, documentSlug, { id, versionNumber: 1, start, end: start + codePointLength(QUOTE), body, tags: [], visibility });
  return id;
}

async function activityIdOf(subjectId: string, kind = 'annotation.created'): Promise<string> {
  const row = await db.activity.findFirstOrThrow({ where: { subjectId, kind }, select: { id: true } });
  return row.id.toString();
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'marginalia-live-'));
  // The server may run as another OS user (see startEmbeddedDatabase), who must reach the folder.
  await chmod(folder, 0o755);
  postgresPort = await findFreePort();
  await startPostgres();
  await applyMigrations(postgres.url);
  process.env.DATABASE_URL = postgres.url;
  db = createDatabaseClient(postgres.url);
  people = { author: await createUser(db, 'Author'), colleague: await createUser(db, 'Colleague'), outsider: await createUser(db, 'Outsider'), editor: await createUser(db, 'Editor') };
  const workspace = await createWorkspace(db, [
    [people.author, 'COMMENTER'],
    [people.colleague, 'VIEWER'],
    [people.editor, 'EDITOR'],
  ]);
  workspaceId = workspace.id;
  await createWorkspace(db, [[people.outsider, 'OWNER']], 'Other desk');
  workspaceSlug = workspace.slug;
  documentSlug = await createDocument(db, workspace.id, { text: TEXT });
  // One after the other: the first builds the app if its sources changed.
  servers.push(await startAppServer(postgres.url));
  servers.push(await startAppServer(postgres.url));
}, 240_000);

afterAll(async () => {
  streams.forEach((stream) => stream.close());
  await Promise.all(servers.map((server) => server.stop()));
  await db?.$disconnect();
  await postgres?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

describe('live streams across app processes', () => {
  it('a change written through one process reaches readers on the other, and presence travels too', async () => {
    const [first, second] = servers as [AppServer, AppServer];
    const onSecond = await documentStream(second, people.colleague);
    const feedOnFirst = await openStream(first, `/api/workspaces/${workspaceSlug}/events`, people.colleague);
    expect(onSecond.status).toBe(200);
    await onSecond.waitFor('the stream to start', isReady);
    await feedOnFirst.waitFor('the feed to start', isReady);

    const started = Date.now();
    const id = await annotate(people.author, 'WORKSPACE');
    await onSecond.waitFor('the new annotation', hasActivity(id), 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await feedOnFirst.waitFor('the new annotation in the workspace feed', hasActivity(id), 2_000);
    const [event] = activityOf(onSecond, id);
    expect(event?.id).toBe(await activityIdOf(id));
    expect(JSON.parse(event?.data ?? '')).toEqual({ kind: 'annotation.created', subjectId: id, isOwn: false });

    // The author reads the first section, as the first process hears; the colleague on the second sees it.
    const heartbeat = await fetch(`${first.baseUrl}/api/documents/${documentSlug}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await cookieOf(first, people.author) },
      body: JSON.stringify({ tabId: randomUUID(), sectionSlug: 'first-section' }),
    });
    expect(heartbeat.status).toBe(204);
    const presenceOf = (stream: RawStream) => stream.events().filter((item) => item.event === 'presence').map((item) => JSON.parse(item.data) as { readers: unknown[] });
    await onSecond.waitFor('the author to show as reading', (stream) => presenceOf(stream).some((presence) => presence.readers.length > 0), 2_000);
    expect(presenceOf(onSecond).at(-1)).toEqual({ readers: [{ name: 'Author', sectionSlug: 'first-section' }] });
    expect(onSecond.text()).not.toContain(people.author.email);
    expect(onSecond.text()).not.toContain(people.author.id);

    expect(onSecond.text()).toMatch(/^retry: \d+\n\n/);
    onSecond.close();
    feedOnFirst.close();
  });

  it('streams carry the headers that keep proxies from buffering them', async () => {
    const response = await fetch(`${servers[0]?.baseUrl}/api/documents/${documentSlug}/events`, { headers: { Cookie: await cookieOf(servers[0] as AppServer, people.colleague) } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    await response.body?.cancel();
  });

  it('a private note’s event reaches its author and never another member’s stream', async () => {
    const [first, second] = servers as [AppServer, AppServer];
    const colleagues = await documentStream(first, people.colleague);
    const authors = await documentStream(second, people.author);
    await colleagues.waitFor('the stream to start', isReady);
    await authors.waitFor('the stream to start', isReady);

    const privateId = await annotate(people.author, 'PRIVATE', 'Only for me');
    const sharedId = await annotate(people.author, 'WORKSPACE');
    await authors.waitFor('both annotations on the author’s stream', (stream) => hasActivity(privateId)(stream) && hasActivity(sharedId)(stream));
    expect(JSON.parse(activityOf(authors, privateId)[0]?.data ?? '')).toMatchObject({ isOwn: true });
    // The shared one was written after the private one; once it has arrived, the private one would have too.
    await colleagues.waitFor('the shared annotation on the colleague’s stream', hasActivity(sharedId));
    const privateActivityId = await activityIdOf(privateId);
    expect(colleagues.text()).not.toContain(privateId);
    expect(colleagues.text()).not.toMatch(new RegExp(`^id: ${privateActivityId}$`, 'm'));

    // Deleting the shared annotation reaches everyone who could see it.
    await deleteAnnotation(people.author, sharedId);
    await colleagues.waitFor('the deletion', (stream) => activityOf(stream, sharedId).some((event) => event.data.includes('annotation.deleted')));
    colleagues.close();
    authors.close();
  });

  it('a new version of the text reaches readers of the document, after its annotations were moved onto it', async () => {
    const [first] = servers as [AppServer, AppServer];
    const slug = await createDocument(db, workspaceId, { text: TEXT });
    const readers = await openStream(first, `/api/documents/${slug}/events`, people.colleague);
    await readers.waitFor('the stream to start', isReady);
    const annotationId = randomUUID();
    const start = codePointLength(TEXT.slice(0, TEXT.indexOf(QUOTE)));
    await createAnnotation(people.author, slug, { id: annotationId, versionNumber: 1, start, end: start + codePointLength(QUOTE), body: 'Moves', tags: [], visibility: 'WORKSPACE' });

    await importDocument(people.editor, { workspaceSlug, slug, format: 'text', content: TEXT.replace('Its lead paragraph.', 'Its rewritten lead paragraph.') });
    await readers.waitFor('the new version', (stream) => stream.events().some((event) => event.event === 'activity' && event.data.includes('document.versioned')));
    const event = readers.events().find((candidate) => candidate.data.includes('document.versioned'));
    expect(JSON.parse(event?.data ?? '')).toMatchObject({ kind: 'document.versioned', subjectId: '2', isOwn: false });
    const versions = await db.documentVersion.findMany({ where: { document: { slug } }, select: { id: true, number: true } });
    const newest = versions.find((version) => version.number === 2);
    expect(await db.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { versionId: true } })).toEqual({ versionId: newest?.id });
    // Importing the same text again stores no version, so nobody is told of one.
    await importDocument(people.editor, { workspaceSlug, slug, format: 'text', content: TEXT.replace('Its lead paragraph.', 'Its rewritten lead paragraph.') });
    const { id: documentId } = await db.document.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    expect(await db.activity.count({ where: { kind: 'document.versioned', documentId } })).toBe(1);
    readers.close();
  });

  it('no stream for a signed-out visitor or someone outside the workspace', async () => {
    const [first] = servers as [AppServer];
    const visitor = await documentStream(first, null);
    const outsider = await documentStream(first, people.outsider);
    const outsiderFeed = await openStream(first, `/api/workspaces/${workspaceSlug}/events`, people.outsider);
    expect([visitor.status, outsider.status, outsiderFeed.status]).toEqual([401, 404, 404]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const stream of [visitor, outsider, outsiderFeed]) expect(stream.text()).not.toContain('event:');
    const heartbeat = await fetch(`${first.baseUrl}/api/documents/${documentSlug}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await cookieOf(first, people.outsider) },
      body: JSON.stringify({ tabId: randomUUID(), sectionSlug: 'first-section' }),
    });
    expect(heartbeat.status).toBe(404);
  });

  it('a reader resuming with Last-Event-ID gets what it missed once, and one too far behind is told to reload', async () => {
    const [, second] = servers as [AppServer, AppServer];
    // A reader who stayed connected, in the same process: the resumed reader's replay must not reach them again.
    const stayed = await documentStream(second, people.colleague);
    await stayed.waitFor('the stream to start', isReady);
    const seen = await db.activity.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true } });
    const missed = [await annotate(people.author, 'WORKSPACE', 'Missed one'), await annotate(people.author, 'WORKSPACE', 'Missed two')];
    await stayed.waitFor('both annotations live', (stream) => missed.every((id) => hasActivity(id)(stream)));
    const resumed = await documentStream(second, people.colleague, { 'Last-Event-ID': seen.id.toString() });
    await resumed.waitFor('both missed annotations', (stream) => missed.every((id) => hasActivity(id)(stream)));
    const later = await annotate(people.author, 'WORKSPACE', 'After resuming');
    await resumed.waitFor('the next annotation', hasActivity(later));
    await stayed.waitFor('the next annotation', hasActivity(later));
    for (const stream of [stayed, resumed]) {
      expect([...missed, later].map((id) => activityOf(stream, id).length)).toEqual([1, 1, 1]);
      const ids = stream.events().flatMap((event) => (event.event === 'activity' && event.id ? [BigInt(event.id)] : []));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    }
    stayed.close();
    resumed.close();

    // Over a thousand changes later, replaying them would cost more than reloading the page.
    const document = await db.document.findFirstOrThrow({ where: { slug: documentSlug }, select: { id: true, workspaceId: true } });
    await db.$executeRaw`
      INSERT INTO "Activity" ("workspaceId", "documentId", "actorId", "kind", "subjectId")
      SELECT ${document.workspaceId}::uuid, ${document.id}::uuid, ${people.author.id}::uuid, 'annotation.updated', gen_random_uuid()::text
      FROM generate_series(1, 1001)`;
    const behind = await documentStream(second, people.colleague, { 'Last-Event-ID': seen.id.toString() });
    await behind.waitFor('the reload request', (stream) => stream.events().some((event) => event.event === 'refresh'));
    const head = await db.activity.findFirstOrThrow({ where: { documentId: document.id }, orderBy: { id: 'desc' }, select: { id: true } });
    expect(behind.events().find((event) => event.event === 'refresh')?.id).toBe(head.id.toString());
    behind.close();
  });

  it('after PostgreSQL restarts, a change written meanwhile is delivered exactly once', async () => {
    const [first, second] = servers as [AppServer, AppServer];
    const onFirst = await documentStream(first, people.colleague);
    const onSecond = await documentStream(second, people.colleague);
    const before = await annotate(people.author, 'WORKSPACE', 'Before the restart');
    await onFirst.waitFor('the change before the restart', hasActivity(before));
    await onSecond.waitFor('the change before the restart', hasActivity(before));

    const startedAt = async () => (await db.$queryRaw<Array<{ at: Date }>>`SELECT pg_postmaster_start_time() AS at`)[0]?.at.getTime();
    const firstStart = await startedAt();
    await postgres.stop();
    await startPostgres();
    expect(await startedAt()).not.toBe(firstStart);

    // Keep the listeners away while the change is written, so only their replay from the Activity table can deliver
    // it: new connections to the database are refused for a moment (the data layer's pool connects beforehand), and
    // any listener that already reconnected is cut off again.
    const adminUrl = new URL(postgres.url);
    const databaseName = adminUrl.pathname.slice(1);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    admin.on('error', () => undefined);
    await admin.connect();
    await Promise.all([1, 2, 3, 4].map(() => getDb().$queryRaw`SELECT 1 FROM pg_sleep(0.05)`));
    let meanwhile: string;
    try {
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(databaseName)} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'marginalia-live'`);
      meanwhile = await annotate(people.author, 'WORKSPACE', 'While the listeners were away');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hasActivity(meanwhile)(onFirst) || hasActivity(meanwhile)(onSecond)).toBe(false);
    } finally {
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(databaseName)} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await onFirst.waitFor('the change written meanwhile', hasActivity(meanwhile), 15_000);
    await onSecond.waitFor('the change written meanwhile', hasActivity(meanwhile), 15_000);
    const after = await annotate(people.author, 'WORKSPACE', 'After the restart');
    await onFirst.waitFor('the change after the restart', hasActivity(after));
    await onSecond.waitFor('the change after the restart', hasActivity(after));

    for (const stream of [onFirst, onSecond]) {
      expect([before, meanwhile, after].map((id) => activityOf(stream, id).length)).toEqual([1, 1, 1]);
      const ids = stream.events().flatMap((event) => (event.id && event.event === 'activity' ? [event.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    }
  }, 60_000);
});
