import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/dal/authorization';
import { startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createUser, FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { requestFrom, signInFrom } from '@/tests/helpers/loopback-client';

// Failed sign-ins one address may make across all accounts before it must wait (lib/dal/sign-in-throttle.ts).
const FAILURES_PER_ADDRESS = 50;

// Each simulated client speaks from a loopback address of its own (127.0.0.x), as clients on a network would.
let database: TestDatabase;
let server: AppServer;

beforeAll(async () => {
  database = await createMigratedDatabase();
  server = await startAppServer(database.url);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('sign-in throttling', () => {
  it('counts failures per connection address, so rotating X-Forwarded-For buys no extra attempts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 52; attempt++) {
      const { status } = await signInFrom('127.0.0.21', server.baseUrl, `nobody${attempt}@example.org`, 'a wrong guess', { 'X-Forwarded-For': `203.0.113.${attempt}` });
      statuses.push(status);
    }
    expect(statuses.slice(0, FAILURES_PER_ADDRESS).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  }, 300_000);

  it('slows a storm of wrong passwords against an account without locking its owner out', async () => {
    const owner = await createUser(database.db, 'Owner');
    const attacker: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      attacker.push((await signInFrom('127.0.0.31', server.baseUrl, owner.email, `guess ${attempt}`, { 'X-Forwarded-For': `198.51.100.${attempt}` })).status);
    }
    expect(attacker.slice(-4)).toEqual([429, 429, 429, 429]);
    const ownerSignIn = await signInFrom('127.0.0.32', server.baseUrl, owner.email, FACTORY_PASSWORD);
    expect(ownerSignIn.status).toBe(200);
    expect(ownerSignIn.sessionCookie).not.toBeNull();
  }, 120_000);
});

describe('sessions', () => {
  let person: Viewer;
  beforeAll(async () => {
    person = await createUser(database.db, 'Traveller');
  });

  it('lists each signed-in browser in Settings with its address and a Sign out button', async () => {
    const laptop = await signInFrom('127.0.0.42', server.baseUrl, person.email, FACTORY_PASSWORD);
    await signInFrom('127.0.0.43', server.baseUrl, person.email, FACTORY_PASSWORD, { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1' });
    const settings = await requestFrom('127.0.0.42', server.baseUrl, '/settings', { headers: { Cookie: laptop.sessionCookie ?? '' } });
    expect(settings.status).toBe(200);
    expect(settings.text).toContain('Firefox on Linux');
    expect(settings.text).toContain('Safari on iOS');
    expect(settings.text).toContain('127.0.0.43');
    expect(settings.text).toMatch(/aria-label="Sign out Safari on iOS, last seen [^"]+"/);
  });

  it('ends a session on the server when it signs out through next-auth, so a copied cookie stops working', async () => {
    const { sessionCookie } = await signInFrom('127.0.0.44', server.baseUrl, person.email, FACTORY_PASSWORD);
    const copied = sessionCookie ?? '';
    expect((await requestFrom('127.0.0.45', server.baseUrl, '/settings', { headers: { Cookie: copied } })).status).toBe(200);

    const csrf = await requestFrom('127.0.0.44', server.baseUrl, '/api/auth/csrf', { headers: { Cookie: copied } });
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const cookies = [copied, ...csrf.cookies.map((cookie) => cookie.split(';')[0])].join('; ');
    const signOut = await requestFrom('127.0.0.44', server.baseUrl, '/api/auth/signout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
      body: new URLSearchParams({ csrfToken, json: 'true' }).toString(),
    });
    expect(signOut.status).toBe(200);

    const afterwards = await requestFrom('127.0.0.45', server.baseUrl, '/settings', { headers: { Cookie: copied } });
    expect(afterwards.status).toBe(307);
    expect(afterwards.headers.location).toContain('/signin');
    const session = await requestFrom('127.0.0.45', server.baseUrl, '/api/auth/session', { headers: { Cookie: copied } });
    expect(JSON.parse(session.text)).toEqual({});
  });
});

describe('sign-up', () => {
  it('answers alike whether or not the e-mail already has an account', async () => {
    const existing = await createUser(database.db, 'Known');
    const post = (email: string) =>
      requestFrom('127.0.0.51', server.baseUrl, '/api/accounts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Someone', email, password: 'a perfectly long passphrase' }),
      });
    const known = await post(existing.email);
    const fresh = await post('fresh.person@example.org');
    expect(known.status).toBe(fresh.status);
    expect(known.status).toBe(201);
    expect(JSON.parse(known.text)).toEqual({ account: { email: existing.email } });
    expect(JSON.parse(fresh.text)).toEqual({ account: { email: 'fresh.person@example.org' } });
    expect(await database.db.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it('refuses a name with a bidi override or an unpaired surrogate, naming the character, and stores nothing', async () => {
    const post = (body: string) => requestFrom('127.0.0.52', server.baseUrl, '/api/accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const override = await post(JSON.stringify({ name: 'Ann\u202Egnp.exe', email: 'override@example.org', password: 'a perfectly long passphrase' }));
    expect(override.status).toBe(422);
    expect(override.text).toContain('U+202E');
    // Written by hand: JSON.stringify would escape the lone surrogate the same way, but this is what a client sends.
    const surrogate = await post('{"name":"Ann\\ud800","email":"surrogate@example.org","password":"a perfectly long passphrase"}');
    expect(surrogate.status).toBe(422);
    expect(surrogate.text).toContain('U+D800');
    expect(await database.db.user.count({ where: { email: { in: ['override@example.org', 'surrogate@example.org'] } } })).toBe(0);
  });
});

describe('server actions', () => {
  it('answers a server action posted from another origin with 403, not 500', async () => {
    const response = await requestFrom('127.0.0.61', server.baseUrl, '/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': '7f00000000000000000000000000000000000000', Origin: 'https://evil.example', Accept: 'text/x-component' },
      body: '[]',
    });
    expect(response.status).toBe(403);
    expect(response.text).toMatch(/another site/);
  });
});
