import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { JSON_LD, quoteAnnotation, UNLIMITED_API } from '@/tests/reliability/support';

// One server, 100 readers and 20 writers for a bounded time. Readers alternate between the reader page and the W3C
// container; writers post annotations with ids of their own. Any answer outside 2xx/3xx, or a network error, counts.
const TEXT = 'A load memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const QUOTE = 'About 4,000 fighters left.';
const READERS = 100;
const WRITERS = 20;
const DURATION_MS = 20_000;

let database: TestDatabase;
let server: AppServer;
let slug: string;
let readerCookies: string[];
let writerCookies: string[];

beforeAll(async () => {
  database = await createMigratedDatabase();
  const team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  server = await startAppServer(database.url, { env: UNLIMITED_API });
  const { owner, editor, commenter, viewer } = team.people;
  readerCookies = await Promise.all([viewer, commenter].map((person) => signInOverHttp(server.baseUrl, person.email, FACTORY_PASSWORD)));
  writerCookies = await Promise.all([owner, editor, commenter].map((person) => signInOverHttp(server.baseUrl, person.email, FACTORY_PASSWORD)));
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('100 concurrent readers and 20 writers against one server', () => {
  it('answers every request without an error and loses no acknowledged write', async () => {
    const errors: string[] = [];
    const acknowledged = new Set<string>();
    let reads = 0;
    const deadline = Date.now() + DURATION_MS;

    const record = async (what: string, request: Promise<Response>): Promise<Response | null> => {
      try {
        const response = await request;
        await response.arrayBuffer();
        if (response.status >= 400) errors.push(`${what}: ${response.status}`);
        return response;
      } catch (error) {
        errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }
    };

    const reader = async (index: number) => {
      const headers = { Cookie: readerCookies[index % readerCookies.length] ?? '' };
      for (let turn = index; Date.now() < deadline; turn += 1) {
        const path = turn % 2 === 0 ? `/documents/${slug}` : `/api/documents/${slug}/annotations/`;
        await record(`GET ${path}`, fetch(`${server.baseUrl}${path}`, { headers, redirect: 'manual' }));
        reads += 1;
      }
    };

    const writer = async (index: number) => {
      const cookie = writerCookies[index % writerCookies.length] ?? '';
      for (let write = 0; Date.now() < deadline; write += 1) {
        const id = randomUUID();
        const response = await record(
          'POST annotation',
          fetch(`${server.baseUrl}/api/documents/${slug}/annotations/`, {
            method: 'POST',
            headers: { 'Content-Type': JSON_LD, Cookie: cookie, Slug: id },
            body: JSON.stringify(quoteAnnotation(server.baseUrl, slug, QUOTE, `Writer ${index}, note ${write}`, ['statistic'])),
          }),
        );
        if (response?.status === 201) acknowledged.add(id);
      }
    };

    await Promise.all([...Array.from({ length: READERS }, (_, index) => reader(index)), ...Array.from({ length: WRITERS }, (_, index) => writer(index))]);

    console.info(`[load] ${reads} reads and ${acknowledged.size} writes in ${DURATION_MS / 1000} s; ${errors.length} errors`);
    // The server's own account of a failure is what a person debugging it needs first.
    if (errors.length > 0) console.error(server.output().split('\n').filter((line) => /error|Error|\[request/u.test(line)).slice(0, 40).join('\n'));
    expect(errors.slice(0, 10)).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(READERS);
    expect(acknowledged.size).toBeGreaterThanOrEqual(WRITERS);
    const stored = await database.db.annotation.findMany({ where: { document: { slug } }, select: { id: true } });
    expect(stored.length).toBe(acknowledged.size);
    expect(new Set(stored.map((annotation) => annotation.id))).toEqual(acknowledged);
    expect(server.isRunning()).toBe(true);
  });
});
