import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

type Actor = 'owner' | 'editor' | 'commenter' | 'outsider' | 'visitor';
type ErrorBody = { error: { code: string; message: string } };

let database: TestDatabase;
let server: AppServer;
let team: Team;
const cookies: Partial<Record<Actor, string>> = {};

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8');

beforeAll(async () => {
  database = await createMigratedDatabase();
  team = await createTeam(database.db);
  server = await startAppServer(database.url);
  for (const actor of ['owner', 'editor', 'commenter', 'outsider'] as const) cookies[actor] = await signInOverHttp(server.baseUrl, team.people[actor].email, FACTORY_PASSWORD);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

function post(actor: Actor, body: BodyInit, headers: Record<string, string> = {}, query = ''): Promise<Response> {
  return fetch(`${server.baseUrl}/api/workspaces/${team.workspace.slug}/documents${query}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...(actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' }), ...headers },
    body,
  });
}

const versionCount = () => database.db.documentVersion.count();

describe('POST /api/workspaces/<slug>/documents', () => {
  it('imports a Markdown body: 201, Location of the reader, and the stored note texts', async () => {
    const response = await post('editor', fixture('water-and-power.md'), { 'Content-Type': 'text/markdown; charset=utf-8' }, '?slug=water-api');
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/documents/water-api');
    const body = (await response.json()) as { documentSlug: string; versionNumber: number; isNewDocument: boolean; preview: { noteCount: number } };
    expect(body).toMatchObject({ documentSlug: 'water-api', versionNumber: 1, isNewDocument: true, preview: { noteCount: 4 } });
    const reader = await fetch(`${server.baseUrl}/documents/water-api`, { headers: { Cookie: cookies.editor ?? '' } });
    expect(reader.status).toBe(200);
    expect(await reader.text()).toContain('UN-Water, Transboundary Waters Fact Sheet (2021), p. 4.');
  });

  it('imports an uploaded HTML file from a multipart form with no markup surviving, and re-imports it as version 2', async () => {
    const form = new FormData();
    form.set('file', new File([fixture('hostile-article.html')], 'sanctions.html', { type: 'text/html' }));
    form.set('slug', 'sanctions-api');
    const response = await post('owner', form);
    expect(response.status).toBe(201);
    const version = await database.db.documentVersion.findFirstOrThrow({ where: { document: { slug: 'sanctions-api' } }, select: { text: true } });
    expect(version.text).not.toMatch(/<|alert|javascript:|onerror/);

    const edited = new FormData();
    edited.set('file', new File([fixture('hostile-article.html').replace('grew fivefold', 'grew sixfold')], 'sanctions.html', { type: 'text/html' }));
    edited.set('slug', 'sanctions-api');
    const again = await post('owner', edited);
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ versionNumber: 2, isNewDocument: false, reanchor: { exact: 0, moved: 0, fuzzy: 0, orphan: 0, needsConfirmation: 0 } });
  });

  it('answers 413 for a 20 MB body, storing nothing', async () => {
    const before = await versionCount();
    const response = await post('editor', `Huge\n\n${'x'.repeat(20 * 1024 * 1024)}`, { 'Content-Type': 'text/plain' });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.message).toMatch(/larger than 2 MB/);
    expect(await versionCount()).toBe(before);
  });

  it('answers 415 for a type it cannot import, naming the ones it can', async () => {
    const response = await post('editor', '{\\rtf1 A memo}', { 'Content-Type': 'application/rtf' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as ErrorBody).error.message).toContain('text/markdown, text/plain, text/html or application/pdf');
  });

  it('answers 422 with the reason for a document with no readable text, storing nothing', async () => {
    const before = await versionCount();
    const response = await post('editor', '<html><head><title>Empty</title></head><body><script>alert(1)</script></body></html>', { 'Content-Type': 'text/html' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.message).toMatch(/no readable text/);
    const notUtf8 = await post('editor', new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x0a, 0xff, 0xfe]), { 'Content-Type': 'text/plain' });
    expect(notUtf8.status).toBe(422);
    const withNul = await post('editor', 'Memo\n\nA paragraph\u0000.', { 'Content-Type': 'text/plain' });
    expect(withNul.status).toBe(422);
    expect(((await withNul.json()) as ErrorBody).error.message).toMatch(/^The document contains a NUL character \(U\+0000\) on line 3/);
    expect(await versionCount()).toBe(before);
  });

  it('answers 401 signed out, 403 to a commenter, 404 to someone outside the workspace, and another workspace’s private slug like a free one', async () => {
    const memo = 'Memo\n\nA paragraph.';
    expect((await post('visitor', memo, { 'Content-Type': 'text/plain' })).status).toBe(401);
    const forbidden = await post('commenter', memo, { 'Content-Type': 'text/plain' });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as ErrorBody).error.message).toContain('Only editors and owners');
    expect((await post('outsider', memo, { 'Content-Type': 'text/plain' })).status).toBe(404);
    const theirs = await fetch(`${server.baseUrl}/api/workspaces/${team.otherWorkspace.slug}/documents?slug=their-memo`, {
      method: 'POST',
      headers: { Cookie: cookies.outsider ?? '', 'Content-Type': 'text/plain' },
      body: memo,
    });
    expect(theirs.status).toBe(201);
    const free = await post('owner', memo, { 'Content-Type': 'text/plain' }, '?slug=a-free-memo');
    const taken = await post('owner', 'Memo\n\nAnother paragraph.', { 'Content-Type': 'text/plain' }, '?slug=their-memo');
    // Both are created in the owner's own workspace; the taken one at a generated address, and nothing names the other workspace.
    expect([free.status, taken.status]).toEqual([201, 201]);
    expect(free.headers.get('location')).toBe('/documents/a-free-memo');
    expect(taken.headers.get('location')).toMatch(/^\/documents\/their-memo-[a-z0-9]{6}$/);
    const body = await taken.text();
    expect(body).not.toContain(team.otherWorkspace.slug);
    expect(body).not.toMatch(/another workspace|already taken/i);
    expect(await database.db.document.count({ where: { slug: 'their-memo', workspaceId: team.otherWorkspace.id } })).toBe(1);
  });
});
