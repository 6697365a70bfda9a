import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, findApiTokens, MAX_ACTIVE_TOKENS, revokeApiToken } from '@/lib/dal/api-tokens';
import { startAppServer, signInOverHttp, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, createWorkspace, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';
import { AppError } from '@/lib/errors';
import { requestFrom } from '@/tests/helpers/loopback-client';

const TEXT = 'A shared memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const SENTENCE = 'About 4,000 fighters left.';
const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

let database: TestDatabase;
let server: AppServer;
let team: Team;
let slug: string;
let secondWorkspaceSlug: string;
let outsiderSlug: string;
let publicElsewhereSlug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  // The commenter also belongs to a second workspace: a token for one must not reach the other.
  const second = await createWorkspace(database.db, [[team.people.commenter, 'EDITOR']], 'Second desk');
  secondWorkspaceSlug = await createDocument(database.db, second.id, { text: TEXT });
  outsiderSlug = await createDocument(database.db, team.otherWorkspace.id, { text: TEXT });
  publicElsewhereSlug = await createDocument(database.db, team.otherWorkspace.id, { text: TEXT, isPublic: true });
  server = await startAppServer(database.url);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const annotation = (visibility: 'private' | 'workspace' = 'workspace') => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  body: [{ type: 'TextualBody', value: 'Which survey counted them?', purpose: 'commenting' }],
  target: { selector: { type: 'TextQuoteSelector', exact: SENTENCE } },
  visibility,
});

function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': JSON_LD, ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail.');
}

async function messageOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

async function tokenFor(person: keyof Team['people'], workspaceSlug: string, canWrite: boolean): Promise<string> {
  const { token } = await createApiToken(team.people[person], { name: `${person} script`, workspaceSlug, canWrite });
  return token;
}

describe('managing personal API tokens', () => {
  it('shows the secret once and stores only its hash and a short prefix', async () => {
    const { token, entry } = await createApiToken(team.people.editor, { name: 'Zotero sync', workspaceSlug: team.workspace.slug, canWrite: false });
    expect(token).toMatch(/^mrg_[A-Za-z0-9_-]{43}$/u);
    const stored = await database.db.apiToken.findUniqueOrThrow({ where: { id: entry.id } });
    expect(stored.tokenHash).not.toContain(token.slice(4));
    expect(token.startsWith(stored.prefix)).toBe(true);
    expect(stored.prefix.length).toBeLessThan(12);
    const listed = await findApiTokens(team.people.editor);
    expect(listed.map((item) => item.name)).toContain('Zotero sync');
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it('refuses a token for a workspace the person does not belong to, and a nameless one, with field messages', async () => {
    const notMember = await appErrorOf(createApiToken(team.people.editor, { name: 'x', workspaceSlug: team.otherWorkspace.slug, canWrite: true }));
    expect(notMember).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { workspaceSlug: ['Choose a workspace you belong to.'] } });
    const nameless = await appErrorOf(createApiToken(team.people.editor, { name: '  ', workspaceSlug: team.workspace.slug, canWrite: true }));
    expect(nameless.code).toBe('INVALID_INPUT');
    expect(Object.keys(nameless.fieldErrors ?? {})).toEqual(['name']);
  });

  it(`caps active tokens at ${MAX_ACTIVE_TOKENS} per person, and revoking frees a place`, async () => {
    const person = await createUser(database.db, 'Collector');
    const workspace = await createWorkspace(database.db, [[person, 'VIEWER']]);
    const made = [];
    for (let index = 0; index < MAX_ACTIVE_TOKENS; index += 1) made.push(await createApiToken(person, { name: `t${index}`, workspaceSlug: workspace.slug, canWrite: false }));
    expect(await outcomeOf(() => createApiToken(person, { name: 'one more', workspaceSlug: workspace.slug, canWrite: false }))).toBe('CONFLICT');
    await revokeApiToken(person, made[0]?.entry.id);
    expect(await outcomeOf(() => createApiToken(person, { name: 'one more', workspaceSlug: workspace.slug, canWrite: false }))).toBe('ok');
  });

  it('keeps to the cap when many tokens are requested at the same moment', async () => {
    const person = await createUser(database.db, 'Hurried');
    const workspace = await createWorkspace(database.db, [[person, 'VIEWER']]);
    const attempts = await Promise.all(
      Array.from({ length: MAX_ACTIVE_TOKENS + 5 }, (_, index) => outcomeOf(() => createApiToken(person, { name: `t${index}`, workspaceSlug: workspace.slug, canWrite: false }))),
    );
    expect(attempts.filter((outcome) => outcome === 'ok')).toHaveLength(MAX_ACTIVE_TOKENS);
    expect(attempts.filter((outcome) => outcome === 'CONFLICT')).toHaveLength(5);
  });

  it('lets only the owner revoke a token, and a second revocation is harmless', async () => {
    const { entry } = await createApiToken(team.people.viewer, { name: 'reader', workspaceSlug: team.workspace.slug, canWrite: false });
    expect(await outcomeOf(() => revokeApiToken(team.people.owner, entry.id))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => revokeApiToken(null, entry.id))).toBe('UNAUTHENTICATED');
    await revokeApiToken(team.people.viewer, entry.id);
    const revokedAt = (await database.db.apiToken.findUniqueOrThrow({ where: { id: entry.id } })).revokedAt;
    await revokeApiToken(team.people.viewer, entry.id);
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: entry.id } })).revokedAt).toEqual(revokedAt);
    expect((await findApiTokens(team.people.viewer)).map((item) => item.id)).not.toContain(entry.id);
  });
});

describe('the API with a token', () => {
  it('reads what its owner may read, private annotations included, and records when it was used', async () => {
    const writer = await tokenFor('commenter', team.workspace.slug, true);
    const created = await call('POST', `/api/documents/${slug}/annotations/`, writer, annotation('private'));
    expect(created.status).toBe(201);
    const reader = await tokenFor('commenter', team.workspace.slug, false);
    const container = await call('GET', `/api/documents/${slug}/annotations/`, reader);
    expect(container.status).toBe(200);
    expect(JSON.stringify(await container.json())).toContain(created.headers.get('location'));
    // A private note stays private: another member's token does not see it.
    const colleague = await tokenFor('editor', team.workspace.slug, false);
    const theirView = await call('GET', `/api/documents/${slug}/annotations/`, colleague);
    expect(JSON.stringify(await theirView.json())).not.toContain(created.headers.get('location'));
    const used = await database.db.apiToken.findFirstOrThrow({ where: { userId: team.people.commenter.id, canWrite: false, name: 'commenter script' } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('writes, edits and deletes with a read-and-write token, as the author', async () => {
    const token = await tokenFor('commenter', team.workspace.slug, true);
    const created = await call('POST', `/api/documents/${slug}/annotations/`, token, annotation());
    expect(created.status).toBe(201);
    const path = new URL(created.headers.get('location') ?? '').pathname;
    const edited = await call('PUT', path, token, { ...annotation(), body: [{ type: 'TextualBody', value: 'Edited by script', purpose: 'commenting' }] }, { 'If-Match': created.headers.get('etag') ?? '' });
    expect(edited.status).toBe(200);
    expect(JSON.stringify(await edited.json())).toContain('Edited by script');
    expect((await call('DELETE', path, token)).status).toBe(204);
  });

  it('refuses every write with a read-only token (403) and says why', async () => {
    const token = await tokenFor('commenter', team.workspace.slug, false);
    const created = await call('POST', `/api/documents/${slug}/annotations/`, token, annotation());
    expect(created.status).toBe(403);
    expect(await messageOf(created)).toMatch(/read-only/u);
    const own = await call('POST', `/api/documents/${slug}/annotations/`, await tokenFor('commenter', team.workspace.slug, true), annotation());
    const path = new URL(own.headers.get('location') ?? '').pathname;
    expect((await call('DELETE', path, token)).status).toBe(403);
    expect((await call('PUT', path, token, annotation(), { 'If-Match': '*' })).status).toBe(403);
  });

  it('keeps a token inside its workspace, even where its owner is also a member, answering as if nothing were there (404)', async () => {
    const token = await tokenFor('commenter', team.workspace.slug, true);
    const elsewhere = await call('GET', `/api/documents/${secondWorkspaceSlug}/annotations/`, token);
    expect(elsewhere.status).toBe(404);
    expect(await messageOf(elsewhere)).toMatch(/the one workspace this API token works in/u);
    expect((await call('POST', `/api/documents/${secondWorkspaceSlug}/annotations/`, token, annotation())).status).toBe(404);
    expect((await call('GET', `/api/documents/${secondWorkspaceSlug}/export/report.md`, token)).status).toBe(404);
    // A workspace that exists and one that does not look the same through the token.
    const existing = await call('GET', `/api/workspaces/${team.otherWorkspace.slug}/events`, token);
    const missing = await call('GET', '/api/workspaces/no-such-workspace/events', token);
    expect([existing.status, missing.status]).toEqual([404, 404]);
    expect(await messageOf(existing)).toBe(await messageOf(missing));
  });

  it('reads a public document of another workspace as any visitor may, and writes nothing there', async () => {
    const token = await tokenFor('commenter', team.workspace.slug, true);
    const read = await call('GET', `/api/documents/${publicElsewhereSlug}/annotations/`, token);
    expect(read.status).toBe(200);
    expect((await call('POST', `/api/documents/${publicElsewhereSlug}/annotations/`, token, annotation())).status).toBe(404);
  });

  it('gives a member of another workspace nothing of this one, and an unknown document is 404 as ever', async () => {
    const token = await tokenFor('outsider', team.otherWorkspace.slug, true);
    expect((await call('GET', `/api/documents/${outsiderSlug}/annotations/`, token)).status).toBe(200);
    expect((await call('GET', `/api/documents/${slug}/annotations/`, token)).status).toBe(404);
    expect((await call('POST', `/api/documents/${slug}/annotations/`, token, annotation())).status).toBe(404);
    expect((await call('GET', '/api/documents/no-such-document/annotations/', token)).status).toBe(404);
  });

  it('answers 401 with WWW-Authenticate for a revoked, unknown or malformed token, never a visitor’s view', async () => {
    const { token, entry } = await createApiToken(team.people.commenter, { name: 'soon revoked', workspaceSlug: team.workspace.slug, canWrite: true });
    expect((await call('GET', `/api/documents/${slug}/annotations/`, token)).status).toBe(200);
    await revokeApiToken(team.people.commenter, entry.id);
    const revoked = await call('GET', `/api/documents/${slug}/annotations/`, token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toMatch(/^Bearer/u);
    expect(await messageOf(revoked)).toMatch(/revoked/u);
    expect((await call('POST', `/api/documents/${slug}/annotations/`, token, annotation())).status).toBe(401);
    const unknown = await call('GET', `/api/documents/${slug}/annotations/`, `mrg_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(await messageOf(unknown)).toMatch(/not recognised/u);
    expect((await call('GET', `/api/documents/${slug}/annotations/`, 'not-a-token')).status).toBe(401);
    const noScheme = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/`, { headers: { Authorization: token } });
    expect(noScheme.status).toBe(401);
  });

  it('uses the token alone when a cookie comes with it: a revoked token does not fall back on the session', async () => {
    const { token, entry } = await createApiToken(team.people.owner, { name: 'with cookie', workspaceSlug: team.workspace.slug, canWrite: true });
    await revokeApiToken(team.people.owner, entry.id);
    const cookie = await signInOverHttp(server.baseUrl, team.people.owner.email, FACTORY_PASSWORD);
    expect((await call('GET', `/api/documents/${slug}/annotations/`, token, undefined, { Cookie: cookie })).status).toBe(401);
    expect((await call('GET', `/api/documents/${slug}/annotations/`, null, undefined, { Cookie: cookie })).status).toBe(200);
  });

  it('stops working when its owner leaves the workspace (403)', async () => {
    const leaver = await createUser(database.db, 'Leaver');
    const workspace = await createWorkspace(database.db, [[leaver, 'COMMENTER']]);
    const document = await createDocument(database.db, workspace.id, { text: TEXT });
    const { token } = await createApiToken(leaver, { name: 'old job', workspaceSlug: workspace.slug, canWrite: true });
    expect((await call('GET', `/api/documents/${document}/annotations/`, token)).status).toBe(200);
    await database.db.membership.deleteMany({ where: { userId: leaver.id, workspaceId: workspace.id } });
    const after = await call('GET', `/api/documents/${document}/annotations/`, token);
    expect(after.status).toBe(403);
    expect(await messageOf(after)).toMatch(/no longer a member/u);
  });
});

describe('the API with a session cookie', () => {
  it('refuses a write that another site’s page sends with the cookie, and takes the same write from our own pages', async () => {
    const cookie = await signInOverHttp(server.baseUrl, team.people.editor.email, FACTORY_PASSWORD);
    const forged = await fetch(`${server.baseUrl}/api/workspaces/${team.workspace.slug}/documents?slug=forged-${Date.now()}`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: 'Forged memo\n\nA paragraph planted from elsewhere.\n',
    });
    expect(forged.status).toBe(403);
    expect(await messageOf(forged)).toMatch(/Another site cannot write here/u);
    expect(await database.db.document.count({ where: { slug: { startsWith: 'forged-' } } })).toBe(0);
    const own = await call('POST', `/api/documents/${slug}/annotations/`, null, annotation(), { Cookie: cookie, Origin: server.baseUrl });
    expect(own.status).toBe(201);
  });
});

describe('the API rate limit', () => {
  let limited: AppServer;

  beforeAll(async () => {
    limited = await startAppServer(database.url, { env: { API_RATE_LIMIT_PER_MINUTE: '5' } });
  }, 120_000);

  afterAll(async () => {
    await limited?.stop();
  });

  it('answers 429 with Retry-After past the limit, per caller: another token still gets through', async () => {
    const first = await tokenFor('editor', team.workspace.slug, false);
    const second = await tokenFor('viewer', team.workspace.slug, false);
    const statuses = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push((await fetch(`${limited.baseUrl}/api/documents/${slug}/annotations/`, { headers: { Authorization: `Bearer ${first}` } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${limited.baseUrl}/api/documents/${slug}/annotations/`, { headers: { Authorization: `Bearer ${first}` } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await messageOf(refused)).toMatch(/at most 5 a minute/u);
    expect((await fetch(`${limited.baseUrl}/api/documents/${slug}/annotations/`, { headers: { Authorization: `Bearer ${second}` } })).status).toBe(200);
  });

  it('counts wrong tokens against the sender’s address, so guessing is throttled', async () => {
    const guess = () => requestFrom('127.0.0.66', limited.baseUrl, `/api/documents/${slug}/annotations/`, { headers: { Authorization: `Bearer mrg_${'B'.repeat(43)}` } });
    const statuses = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await guess()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('limits visitors by address, not the whole world at once', async () => {
    const statuses = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push((await requestFrom('127.0.0.7', limited.baseUrl, '/api/documents/no-such-document/annotations/')).status);
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses[5]).toBe(429);
    expect((await requestFrom('127.0.0.8', limited.baseUrl, '/api/documents/no-such-document/annotations/')).status).toBe(404);
  });
});
