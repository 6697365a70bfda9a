import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { createWorld, HTTP_ROUTES, type World } from '@/tests/reliability/route-table';
import { SHARED_AUTH_SECRET, UNLIMITED_API } from '@/tests/reliability/support';

// Every route that takes a body, sent oversized and malformed bodies by a signed-in owner (so the request gets past
// the session check to the parsing): each must answer 4xx, never 500, and the server must keep serving.
const TWENTY_MB = 20 * 1024 * 1024;

type Hostile = { name: string; body: () => BodyInit; contentType?: string; headers?: Record<string, string>; isChunked?: boolean };

const HOSTILE_BODIES: Hostile[] = [
  { name: 'a 20 MB body with its length announced', body: () => `{"value":"${'x'.repeat(TWENTY_MB)}"}` },
  {
    name: 'a 20 MB body sent in chunks without a length',
    isChunked: true,
    body: () => {
      const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 20) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
    },
  },
  { name: 'JSON cut off mid-object', body: () => '{"type": "Annotation", "body": [' },
  { name: 'an empty body', body: () => '' },
  { name: 'JSON null', body: () => 'null' },
  { name: 'a JSON string', body: () => '"Annotation"' },
  { name: 'a JSON array', body: () => '[{"type":"Annotation"}]' },
  { name: 'deeply nested JSON', body: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { name: 'deeply nested objects', body: () => `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  { name: 'invalid UTF-8', body: () => new Uint8Array([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]) },
  { name: 'a plain-text content type', body: () => '{"type":"Annotation"}', contentType: 'text/plain' },
  { name: 'a multipart content type', body: () => '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
  { name: 'a content type of 10 KB', body: () => '{}', contentType: `application/json; ${'p=1; '.repeat(2000)}` },
  { name: 'fields of the wrong types', body: () => '{"type":42,"body":{"value":[]},"target":null,"email":[],"password":{},"tabId":7}' },
  {
    name: 'NUL characters in every string',
    body: () =>
      JSON.stringify({
        type: 'Annotation',
        body: [{ type: 'TextualBody', value: 'a\u0000b', purpose: 'commenting' }, { type: 'TextualBody', value: 'tag\u0000', purpose: 'tagging' }],
        target: { source: 'https://example.org/\u0000', selector: [{ type: 'TextQuoteSelector', exact: 'About 4,000\u0000', prefix: '\u0000', suffix: '\u0000' }] },
        name: 'N\u0000', email: 'n\u0000@example.org', password: 'a long passphrase \u0000 here', tabId: 'tab\u0000tab', sectionSlug: '\u0000',
      }),
  },
  {
    name: 'a NUL character in a comment that is otherwise fine',
    body: () => JSON.stringify({ type: 'Annotation', body: [{ type: 'TextualBody', value: 'fine\u0000', purpose: 'commenting' }], target: { selector: [{ type: 'TextQuoteSelector', exact: 'About 4,000 fighters left.' }] } }),
  },
  { name: 'a prototype-polluting key', body: () => '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
];

const HUGE_HEADER = 'h'.repeat(128 * 1024);
/** How much an endless body may send at most; a server that stops at its limit answers long before a quarter of it. */
const ENDLESS_CEILING = 256 * 1024 * 1024;

let database: TestDatabase;
let world: World;
let server: AppServer;
let cookie: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  world = await createWorld(database.db);
  // The server and this process share the auth secret, so the table can sign links (one-click unsubscribe) the server accepts.
  process.env.AUTH_SECRET = SHARED_AUTH_SECRET;
  server = await startAppServer(database.url, { env: { ...UNLIMITED_API, AUTH_SECRET: SHARED_AUTH_SECRET } });
  cookie = await signInOverHttp(server.baseUrl, world.team.people.owner.email, FACTORY_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const WRITE_ROUTES = HTTP_ROUTES.filter((row) => row.method === 'POST' || row.method === 'PUT');

/** The answer's status and its message, if it sent one in our error shape. */
async function answerOf(response: Response): Promise<{ status: number; message: string | null }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return { status: response.status, message: typeof body.error?.message === 'string' ? body.error.message : null };
  } catch {
    return { status: response.status, message: null };
  }
}

describe('oversized and malformed bodies to every route that takes one', () => {
  it('the table has write routes to try', () => {
    expect(WRITE_ROUTES.map((row) => `${row.method} ${row.file}`)).toContain('POST app/api/documents/[documentSlug]/annotations/route.ts');
  });

  for (const row of WRITE_ROUTES) {
    describe(`${row.method} ${row.file} (${row.what})`, () => {
      it.each(HOSTILE_BODIES.map((hostile) => [hostile.name, hostile] as const))('%s gets a 4xx', async (_name, hostile) => {
        const spec = await row.request(world, server.baseUrl);
        const response = await fetch(`${server.baseUrl}${spec.path}`, {
          method: row.method,
          redirect: 'manual',
          headers: { ...spec.headers, Cookie: cookie, 'Content-Type': hostile.contentType ?? spec.contentType ?? 'application/json' },
          body: hostile.body(),
          ...(hostile.isChunked ? { duplex: 'half' } : {}),
        } as RequestInit);
        expect(response.headers.getSetCookie().filter((set) => set.startsWith('next-auth.session-token='))).toEqual([]);
        const answer = await answerOf(response);
        expect(server.isRunning()).toBe(true);
        if ((row.isFormFlow || row.isRedirect) && answer.status >= 300 && answer.status < 400) return;
        expect(answer.status, answer.message ?? '').toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.message ?? '').toBeLessThan(500);
        // A person or a client developer must learn what to fix.
        if (!row.isFormFlow) expect(answer.message, `status ${answer.status}`).toMatch(/\w+ \w+/u);
      });

      it('an endless chunked body is cut off with a 4xx once it passes the limit, not read to the end', async () => {
        const spec = await row.request(world, server.baseUrl);
        const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
        let sent = 0;
        const endless = new ReadableStream<Uint8Array>({
          pull(controller) {
            // A ceiling keeps a server that reads everything from hanging the test; it must stop long before.
            if (sent >= ENDLESS_CEILING) return controller.close();
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        const response = await fetch(`${server.baseUrl}${spec.path}`, {
          method: row.method,
          redirect: 'manual',
          headers: { ...spec.headers, Cookie: cookie, 'Content-Type': spec.contentType ?? 'application/json' },
          body: endless,
          duplex: 'half',
        } as RequestInit).catch((error: unknown) => error as Error);
        const sentWhenAnswered = sent;
        if (response instanceof Response) {
          await response.arrayBuffer().catch(() => undefined);
          if (!((row.isFormFlow || row.isRedirect) && response.status >= 300 && response.status < 400)) {
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
          }
        }
        // The server may answer or close the connection; either way it stopped reading near the limit.
        expect(sentWhenAnswered).toBeLessThan(ENDLESS_CEILING / 4);
        expect(server.isRunning()).toBe(true);
      });

      it('a 128 KB header gets a 4xx', async () => {
        const spec = await row.request(world, server.baseUrl);
        const response = await fetch(`${server.baseUrl}${spec.path}`, {
          method: row.method,
          headers: { ...spec.headers, Cookie: cookie, 'Content-Type': spec.contentType ?? 'application/json', 'X-Padding': HUGE_HEADER },
          body: spec.body,
        });
        await response.arrayBuffer();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      });
    });
  }

  it('a server action call with an unknown action id gets a 4xx', async () => {
    const response = await fetch(`${server.baseUrl}/documents/${world.documentSlug}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Next-Action': 'ffffffffffffffffffffffffffffffffffffffff', 'Content-Type': 'text/plain;charset=UTF-8' },
      body: '["not","an","action"]',
    });
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('the server is still up and serving after all of it', async () => {
    expect(server.isRunning()).toBe(true);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
  });
});
