import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { findReadableDocuments, getReaderDocument } from '@/lib/dal/documents';
import { acceptInvite, createInvite, findActiveInvites, revokeInvite } from '@/lib/dal/invites';
import { changeMemberRole, getWorkspaceDetail, removeMember } from '@/lib/dal/workspaces';
import { startAppServer, signInOverHttp, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

// Who acts, in every row of the matrix below.
type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];

let database: TestDatabase;
let people: Record<Exclude<Actor, 'visitor'>, Viewer>;
let workspace: { id: string; slug: string };
let privateDocument: string;
let publicDocument: string;
let outsiderDocument: string;

const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  const team = await createTeam(db);
  people = team.people;
  workspace = team.workspace;
  const { otherWorkspace } = team;
  privateDocument = await createDocument(db, workspace.id);
  publicDocument = await createDocument(db, workspace.id, { isPublic: true });
  outsiderDocument = await createDocument(db, otherWorkspace.id);
});

afterAll(async () => {
  await database.drop();
});

describe('reading documents', () => {
  const canReadPrivate: Record<Actor, boolean> = { owner: true, editor: true, commenter: true, viewer: true, outsider: false, visitor: false };

  it.each(ACTORS)('a private document is readable by %s only if a member', async (actor) => {
    const document = await getReaderDocument(viewerOf(actor), privateDocument);
    expect(document !== null).toBe(canReadPrivate[actor]);
  });

  it.each(ACTORS)('a public document is readable by %s', async (actor) => {
    expect((await getReaderDocument(viewerOf(actor), publicDocument))?.slug).toBe(publicDocument);
  });

  it.each(ACTORS)('the document list of %s holds exactly what they may read', async (actor) => {
    const slugs = (await findReadableDocuments(viewerOf(actor))).map((document) => document.slug);
    expect(slugs.includes(privateDocument)).toBe(canReadPrivate[actor]);
    expect(slugs.includes(publicDocument)).toBe(true);
    expect(slugs.includes(outsiderDocument)).toBe(actor === 'outsider');
  });
});

describe('workspaces, members and invites', () => {
  const ownerOnly: Record<Actor, string> = {
    owner: 'ok',
    editor: 'FORBIDDEN',
    commenter: 'FORBIDDEN',
    viewer: 'FORBIDDEN',
    outsider: 'NOT_FOUND',
    visitor: 'UNAUTHENTICATED',
  };
  let target: Viewer;
  let targetMembershipId: string;

  beforeEach(async () => {
    target = await createUser(database.db, 'Target');
    const membership = await database.db.membership.create({ data: { workspaceId: workspace.id, userId: target.id, role: 'VIEWER' } });
    targetMembershipId = membership.id;
  });

  it.each(ACTORS)('the workspace page is shown to %s only as a member', async (actor) => {
    const expected = { owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' }[actor];
    expect(await outcomeOf(() => getWorkspaceDetail(viewerOf(actor), workspace.slug))).toBe(expected);
  });

  it.each(ACTORS)('invite links are created and listed by %s only as an owner', async (actor) => {
    const input = { role: 'COMMENTER', expiresInDays: 7, isSingleUse: false };
    expect(await outcomeOf(() => createInvite(viewerOf(actor), workspace.slug, input))).toBe(ownerOnly[actor]);
    expect(await outcomeOf(() => findActiveInvites(viewerOf(actor), workspace.slug))).toBe(ownerOnly[actor]);
  });

  it.each(ACTORS)('an invite link is withdrawn by %s only as an owner', async (actor) => {
    await createInvite(people.owner, workspace.slug, { role: 'VIEWER', expiresInDays: 1, isSingleUse: true });
    const [invite] = await findActiveInvites(people.owner, workspace.slug);
    expect(await outcomeOf(() => revokeInvite(viewerOf(actor), workspace.slug, invite!.id))).toBe(ownerOnly[actor]);
  });

  it.each(ACTORS)('roles are changed by %s only as an owner', async (actor) => {
    expect(await outcomeOf(() => changeMemberRole(viewerOf(actor), workspace.slug, { memberId: targetMembershipId, role: 'EDITOR' }))).toBe(ownerOnly[actor]);
    const { role } = await database.db.membership.findUniqueOrThrow({ where: { id: targetMembershipId } });
    expect(role).toBe(actor === 'owner' ? 'EDITOR' : 'VIEWER');
  });

  it.each(ACTORS)('other members are removed by %s only as an owner', async (actor) => {
    expect(await outcomeOf(() => removeMember(viewerOf(actor), workspace.slug, targetMembershipId))).toBe(ownerOnly[actor]);
    const stillThere = await database.db.membership.count({ where: { id: targetMembershipId } });
    expect(stillThere).toBe(actor === 'owner' ? 0 : 1);
  });

  it('any member may leave, but not the last owner', async () => {
    expect(await outcomeOf(() => removeMember(target, workspace.slug, targetMembershipId))).toBe('ok');
    const ownerMembership = await database.db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: people.owner.id } });
    expect(await outcomeOf(() => removeMember(people.owner, workspace.slug, ownerMembership.id))).toBe('CONFLICT');
    expect(await outcomeOf(() => changeMemberRole(people.owner, workspace.slug, { memberId: ownerMembership.id, role: 'EDITOR' }))).toBe('CONFLICT');
  });

  it('an invite link is accepted by anyone signed in, never by a visitor', async () => {
    const { token } = await createInvite(people.owner, workspace.slug, { role: 'COMMENTER', expiresInDays: 7, isSingleUse: false });
    expect(await outcomeOf(() => acceptInvite(null, token))).toBe('UNAUTHENTICATED');
    const newcomer = await createUser(database.db, 'Newcomer');
    expect(await acceptInvite(newcomer, token)).toEqual({ workspaceSlug: workspace.slug });
    const membership = await database.db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: newcomer.id } } });
    expect(membership.role).toBe('COMMENTER');
  });
});

describe('over HTTP', () => {
  let server: AppServer;
  const cookies: Partial<Record<Actor, string>> = {};

  beforeAll(async () => {
    server = await startAppServer(database.url);
    for (const actor of ['viewer', 'outsider'] as const) {
      cookies[actor] = await signInOverHttp(server.baseUrl, people[actor].email, FACTORY_PASSWORD);
    }
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string, actor: 'viewer' | 'outsider' | 'visitor') =>
    fetch(`${server.baseUrl}${path}`, { headers: actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' }, redirect: 'manual' });

  it('serves a private document to a member and answers 404 to an outsider and a visitor, without its text', async () => {
    const member = await get(`/documents/${privateDocument}`, 'viewer');
    expect(member.status).toBe(200);
    expect(await member.text()).toContain('A claim with a source.');
    for (const actor of ['outsider', 'visitor'] as const) {
      const response = await get(`/documents/${privateDocument}`, actor);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('A claim with a source.');
    }
  });

  it('shows the workspace page to a member and not-found to an outsider', async () => {
    expect((await get(`/workspaces/${workspace.slug}`, 'viewer')).status).toBe(200);
    const outsider = await get(`/workspaces/${workspace.slug}`, 'outsider');
    expect(outsider.status).toBe(404);
  });

  it('returns only the name and e-mail from /api/auth/session', async () => {
    const response = await get('/api/auth/session', 'viewer');
    const session = (await response.json()) as Record<string, unknown>;
    expect(session).toEqual({ user: { name: people.viewer.name, email: people.viewer.email }, expires: expect.any(String) });
  });

  it('ends the session when the token version is raised (sign out everywhere)', async () => {
    const cookie = await signInOverHttp(server.baseUrl, people.editor.email, FACTORY_PASSWORD);
    const before = await fetch(`${server.baseUrl}/api/auth/session`, { headers: { Cookie: cookie } });
    expect(await before.json()).toMatchObject({ user: { email: people.editor.email } });
    await database.db.user.update({ where: { id: people.editor.id }, data: { tokenVersion: { increment: 1 } } });
    const after = await fetch(`${server.baseUrl}/api/auth/session`, { headers: { Cookie: cookie } });
    expect(await after.json()).toEqual({});
    const page = await fetch(`${server.baseUrl}/documents/${privateDocument}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(404);
  });
});
