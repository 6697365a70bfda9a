import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { ACTIONS, ACTORS, createWorld, HTTP_ROUTES, viewerOf, type Actor, type HttpOutcome, type World } from '@/tests/reliability/route-table';
import { SHARED_AUTH_SECRET, UNLIMITED_API } from '@/tests/reliability/support';

// Server actions are called directly: the session is stood in for by the viewer below, and the page cache is not
// there to refresh. Everything else (validation, the data layer's checks, the database) is real.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/dal/viewer', () => ({ getViewer: async () => session.viewer, getCurrentSessionId: async () => null }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
// Signing out clears this browser's cookies, which only exist inside a request.
vi.mock('@/lib/session-cookies', () => ({ deleteSessionCookies: async () => undefined }));
// Outside a request there are no request headers; the client's address is then 'unknown'.
vi.mock('next/headers', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/headers')>()), headers: async () => new Headers() }));
vi.mock('@/lib/preference-cookies', () => ({ readColourSchemeCookie: async () => null, writeColourSchemeCookie: async () => undefined }));

const ROUTE_FILE = /(^|\/)(page\.tsx|route\.ts)$/u;
const HANDLER_EXPORT = /export\s+(?:async\s+function|function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/gu;

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  world = await createWorld(database.db);
});

afterAll(async () => {
  await database?.drop();
});

describe('the route table', () => {
  it('names every page and route handler under app/, with every method each handler exports', async () => {
    const routeFiles = (await listFiles('app')).filter((file) => ROUTE_FILE.test(file)).sort();
    const inTable = [...new Set(HTTP_ROUTES.map((row) => row.file))].sort();
    expect(inTable).toEqual(routeFiles);
    for (const file of routeFiles.filter((name) => name.endsWith('route.ts'))) {
      const methods = [...(await readFile(file, 'utf8')).matchAll(HANDLER_EXPORT)].map((match) => match[1]).sort();
      const rows = [...new Set(HTTP_ROUTES.filter((row) => row.file === file).map((row) => row.method))].sort();
      expect({ file, methods: rows }).toEqual({ file, methods });
    }
  });

  it('names every server action exported from lib/actions', async () => {
    const modules = (await listFiles('lib/actions')).filter((file) => file.endsWith('.ts'));
    const exported: string[] = [];
    for (const file of modules) {
      const actions = (await import(`@/lib/actions/${path.basename(file, '.ts')}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(actions)) if (typeof value === 'function') exported.push(`${path.basename(file, '.ts')}.${name}`);
    }
    expect([...new Set(ACTIONS.map((row) => `${row.module}.${row.action}`))].sort()).toEqual(exported.sort());
  });
});

describe('every route against every role, over HTTP', () => {
  let server: AppServer;
  const cookies: Partial<Record<Actor, string>> = {};

  beforeAll(async () => {
    // The server and this process share the auth secret, so the table can sign links (one-click unsubscribe) the server accepts.
    process.env.AUTH_SECRET = SHARED_AUTH_SECRET;
    server = await startAppServer(database.url, { env: { ...UNLIMITED_API, AUTH_SECRET: SHARED_AUTH_SECRET } });
    for (const actor of ACTORS) {
      if (actor !== 'visitor') cookies[actor] = await signInOverHttp(server.baseUrl, world.team.people[actor].email, FACTORY_PASSWORD);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function outcomeOverHttp(row: (typeof HTTP_ROUTES)[number], actor: Actor): Promise<HttpOutcome> {
    const spec = await row.request(world, server.baseUrl);
    const controller = new AbortController();
    const headers: Record<string, string> = { ...(spec.headers ?? {}) };
    if (cookies[actor]) headers.Cookie = cookies[actor];
    if (spec.body !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json';
    const response = await fetch(`${server.baseUrl}${spec.path}`, { method: row.method, headers, body: spec.body, redirect: 'manual', signal: controller.signal });
    if (row.isStream) controller.abort();
    else await response.arrayBuffer();
    if (row.isSessionRefused) expect(response.headers.getSetCookie().filter((cookie) => cookie.startsWith('next-auth.session-token='))).toEqual([]);
    const location = response.headers.get('location') ?? '';
    if (response.status >= 300 && response.status < 400 && new URL(location, server.baseUrl).pathname === '/signin') return 'signin';
    return response.status;
  }

  for (const row of HTTP_ROUTES) {
    describe(`${row.method} ${row.file} (${row.what})`, () => {
      it.each(ACTORS)('as %s', async (actor) => {
        expect(await outcomeOverHttp(row, actor)).toBe(row.expect[actor]);
      });
    });
  }
});

// Last: signing out everywhere ends the sessions the HTTP rows above use.
describe('every server action against every role', () => {
  async function outcomeOfAction(row: (typeof ACTIONS)[number], actor: Actor): Promise<string> {
    session.viewer = viewerOf(world, actor);
    try {
      const result = (await row.call(world)) as { ok: boolean; code?: string };
      return result.ok ? 'ok' : (result.code ?? 'unknown');
    } catch (error) {
      // createWorkspaceAction and acceptInviteAction open the workspace by redirecting once they succeed.
      const digest = (error as { digest?: unknown } | null)?.digest;
      if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return 'ok';
      throw error;
    } finally {
      session.viewer = null;
    }
  }

  for (const row of ACTIONS) {
    describe(`${row.module}.${row.action}${row.what ? ` (${row.what})` : ''}`, () => {
      it.each(ACTORS)('as %s', async (actor) => {
        expect(await outcomeOfAction(row, actor)).toBe(row.expect[actor]);
      });
    });
  }
});
