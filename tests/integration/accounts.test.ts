import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, createAccount, verifyCredentials } from '@/lib/dal/accounts';
import { acceptInvite, createInvite, getInvitePreview } from '@/lib/dal/invites';
import { checkSignInAllowed, FAILURES_PER_ACCOUNT_AND_ADDRESS, FAILURES_PER_ADDRESS, recordFailedSignIn } from '@/lib/dal/sign-in-throttle';
import { AUTH_LIMITS } from '@/lib/rate-limit';
import { seedDatabase, DEFAULT_WORKSPACE } from '@/lib/seed';
import { startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createUser, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

let database: TestDatabase;
let address = 0;
// Each test signs up from its own address so the per-address limit of one test never touches another.
const nextAddress = () => `198.51.100.${++address}`;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  await seedDatabase(database.db);
});

afterAll(async () => {
  await database.drop();
});

describe('signing up', () => {
  it('makes the first account on a fresh install the owner of the default workspace, and only the first', async () => {
    const first = await createAccount({ name: 'First', email: 'first@example.org', password: 'a fine long passphrase' }, nextAddress());
    const second = await createAccount({ name: 'Second', email: 'second@example.org', password: 'another long passphrase' }, nextAddress());
    const memberships = await database.db.membership.findMany({ where: { workspace: { slug: DEFAULT_WORKSPACE.slug } }, select: { userId: true, role: true } });
    expect(memberships).toEqual([{ userId: first.id, role: 'OWNER' }]);
    expect(memberships.some((membership) => membership.userId === second.id)).toBe(false);
  });

  it('stores the e-mail trimmed and lower-cased, and never makes a second account for the same inbox', async () => {
    const account = await createAccount({ name: 'Mixed', email: '  Mixed.Case@Example.ORG ', password: 'a fine long passphrase' }, nextAddress());
    expect(account.email).toBe('mixed.case@example.org');
    const again = await createAccount({ name: 'Again', email: 'MIXED.case@example.org', password: 'another long passphrase' }, nextAddress());
    expect(again).toEqual({ id: null, email: 'mixed.case@example.org' });
    expect(await database.db.user.count({ where: { email: 'mixed.case@example.org' } })).toBe(1);
    expect(await verifyCredentials('mixed.case@example.org', 'another long passphrase', nextAddress())).toBeNull();
  });

  it('refuses short and common passwords with a message on the password field', async () => {
    for (const password of ['short', 'iloveyou12', 'Password123']) {
      const failure = await createAccount({ name: 'P', email: 'p@example.org', password }, nextAddress()).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { password: [expect.any(String)] } });
    }
  });

  it('stores an argon2id hash, never the password', async () => {
    await createAccount({ name: 'Hashed', email: 'hashed@example.org', password: 'a fine long passphrase' }, nextAddress());
    const user = await database.db.user.findUniqueOrThrow({ where: { email: 'hashed@example.org' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain('a fine long passphrase');
  });

  it('limits sign-ups from one address', async () => {
    const from = nextAddress();
    await database.db.rateLimitBucket.create({
      data: { key: `${AUTH_LIMITS.signUpPerIp.name}:${from}`, count: AUTH_LIMITS.signUpPerIp.limit, resetAt: new Date(Date.now() + 60_000) },
    });
    const failure = await createAccount({ name: 'Late', email: 'late@example.org', password: 'a fine long passphrase' }, from).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });
});

describe('signing in', () => {
  it('accepts the right password and refuses a wrong one or an unknown e-mail alike', async () => {
    await createAccount({ name: 'Sig', email: 'sig@example.org', password: 'a fine long passphrase' }, nextAddress());
    expect(await verifyCredentials('SIG@example.org', 'a fine long passphrase', nextAddress())).toMatchObject({ email: 'sig@example.org' });
    expect(await verifyCredentials('sig@example.org', 'wrong passphrase', nextAddress())).toBeNull();
    expect(await verifyCredentials('nobody@example.org', 'wrong passphrase', nextAddress())).toBeNull();
  });

  it('makes one address wait after five failed attempts at one account, with a longer wait each time, while the owner elsewhere signs in', async () => {
    await createAccount({ name: 'Locked', email: 'locked@example.org', password: 'a fine long passphrase' }, nextAddress());
    const attacker = nextAddress();
    for (let attempt = 0; attempt < FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt++) {
      expect(await verifyCredentials('locked@example.org', `wrong ${attempt}`, attacker)).toBeNull();
    }
    const failure = await verifyCredentials('locked@example.org', 'a fine long passphrase', attacker).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'RATE_LIMITED' });
    const firstWait = (failure as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(firstWait).toBeGreaterThan(0);
    // The wait ends (moved into the past here); one more failure then waits twice as long.
    await database.db.signInThrottle.updateMany({ where: { key: { contains: 'locked@example.org' } }, data: { expire: BigInt(Date.now() - 1) } });
    await database.db.signInThrottle.updateMany({ where: { key: { startsWith: 'sign-in-strikes' } }, data: { expire: BigInt(Date.now() + 60_000) } });
    expect(await verifyCredentials('locked@example.org', 'wrong again', attacker)).toBeNull();
    const second = await outcomeOf(() => checkSignInAllowed('locked@example.org', attacker));
    expect(second).toBe('RATE_LIMITED');
    const secondWait = ((await checkSignInAllowed('locked@example.org', attacker).catch((error: unknown) => error)) as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(secondWait).toBeGreaterThan(firstWait);
    expect(await verifyCredentials('locked@example.org', 'a fine long passphrase', nextAddress())).toMatchObject({ email: 'locked@example.org' });
  }, 120_000);

  it('makes one address wait after fifty failed sign-ins, whatever the accounts', { timeout: 120_000 }, async () => {
    const from = nextAddress();
    for (let attempt = 0; attempt < FAILURES_PER_ADDRESS - 1; attempt++) await recordFailedSignIn(`person${attempt}@example.org`, from);
    expect(await outcomeOf(() => checkSignInAllowed('one.more@example.org', from))).toBe('ok');
    await recordFailedSignIn('one.more@example.org', from);
    expect(await outcomeOf(() => checkSignInAllowed('one.more@example.org', from))).toBe('RATE_LIMITED');
    expect(await outcomeOf(() => checkSignInAllowed('one.more@example.org', nextAddress()))).toBe('ok');
  });

  it('ends other sessions when the password changes', async () => {
    const user = await createUser(database.db, 'Changer');
    const before = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await outcomeOf(() => changePassword(user, { currentPassword: 'not it', newPassword: 'a new long passphrase' }))).toBe('INVALID_INPUT');
    await changePassword(user, { currentPassword: 'a long test passphrase', newPassword: 'a new long passphrase' });
    const after = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.tokenVersion).toBe(before.tokenVersion + 1);
    expect(await verifyCredentials(user.email, 'a new long passphrase', nextAddress())).not.toBeNull();
  });
});

describe('invite links', () => {
  it('say plainly when they have expired, been used up or been withdrawn', async () => {
    const owner = await createUser(database.db, 'Owner');
    const workspace = await createWorkspace(database.db, [[owner, 'OWNER']]);
    const single = await createInvite(owner, workspace.slug, { role: 'VIEWER', expiresInDays: 1, isSingleUse: true });
    await acceptInvite(await createUser(database.db, 'Early'), single.token);
    const late = await createUser(database.db, 'Late');
    expect(await getInvitePreview(late, single.token)).toMatchObject({ status: 'used' });
    await expect(acceptInvite(late, single.token)).rejects.toThrow(/already been used/);

    const expiring = await createInvite(owner, workspace.slug, { role: 'VIEWER', expiresInDays: 1, isSingleUse: false });
    await database.db.invite.updateMany({ where: { workspaceId: workspace.id, maxUses: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getInvitePreview(late, expiring.token)).toMatchObject({ status: 'expired' });
    await expect(acceptInvite(late, expiring.token)).rejects.toThrow(/has expired/);
    expect(await getInvitePreview(late, 'made-up-token')).toBeNull();
  });

  it('let many people join through a multi-use link, each once', async () => {
    const owner = await createUser(database.db, 'Owner');
    const workspace = await createWorkspace(database.db, [[owner, 'OWNER']]);
    const { token } = await createInvite(owner, workspace.slug, { role: 'COMMENTER', expiresInDays: 7, isSingleUse: false });
    const joiners = await Promise.all([1, 2, 3].map((n) => createUser(database.db, `Joiner${n}`)));
    await Promise.all(joiners.map((joiner) => acceptInvite(joiner, token)));
    await acceptInvite(joiners[0]!, token);
    const invite = await database.db.invite.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(invite.useCount).toBe(3);
    expect(await database.db.membership.count({ where: { workspaceId: workspace.id } })).toBe(4);
  });

  it('for one person admit exactly one of two people accepting at the same moment', async () => {
    const owner = await createUser(database.db, 'Owner');
    const workspace = await createWorkspace(database.db, [[owner, 'OWNER']]);
    const { token } = await createInvite(owner, workspace.slug, { role: 'COMMENTER', expiresInDays: 7, isSingleUse: true });
    const [a, b] = await Promise.all([createUser(database.db, 'A'), createUser(database.db, 'B')]);
    const outcomes = await Promise.all([outcomeOf(() => acceptInvite(a, token)), outcomeOf(() => acceptInvite(b, token))]);
    expect(outcomes.sort()).toEqual(['GONE', 'ok']);
  });
});

describe('over HTTP', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer(database.url);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers a sign-up with field errors as 422 and creates the account with 201', async () => {
    const invalid = await fetch(`${server.baseUrl}/api/accounts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'x' }) });
    expect(invalid.status).toBe(422);
    const { error } = (await invalid.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['email', 'name', 'password']);
    const created = await fetch(`${server.baseUrl}/api/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Http', email: 'http@example.org', password: 'a fine long passphrase' }),
    });
    expect(created.status).toBe(201);
  });

  it('answers malformed JSON with 422 and an oversized body with 413, never 500', async () => {
    const malformed = await fetch(`${server.baseUrl}/api/accounts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":' });
    expect(malformed.status).toBe(422);
    const oversized = await fetch(`${server.baseUrl}/api/accounts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(100_000) }) });
    expect(oversized.status).toBe(413);
    const oversizedSignIn = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `email=${'x'.repeat(100_000)}`,
    });
    expect(oversizedSignIn.status).toBe(413);
  });

  it('answers sign-ins from an address that must wait with 429 and Retry-After', async () => {
    // Requests from this test come from loopback (IPv4 or IPv6); that address has failed too often (a 20-minute wait).
    await database.db.signInThrottle.createMany({
      data: ['127.0.0.1', '::1'].map((address) => ({ key: `sign-in-address:${address}`, points: FAILURES_PER_ADDRESS + 1, expire: BigInt(Date.now() + 20 * 60_000) })),
    });
    const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams({ csrfToken, email: 'victim@example.org', password: 'whatever', json: 'true' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(500);
  });

  it('sends the security headers and a script policy without unsafe-inline', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy.split(';').find((directive) => directive.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
