import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { FACTORY_PASSWORD, createTeam, type Team } from '@/tests/helpers/factories';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';

// Without SMTP_URL the app sends no mail, and says so where a person would otherwise expect some: Settings, the
// forgotten-password page and the workspace's invites. The same pages with mail on are the browser tests' (mail.spec.ts).

let database: TestDatabase;
let team: Team;
let server: AppServer;
let cookie: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  team = await createTeam(database.db);
  server = await startAppServer(database.url, { env: { SMTP_URL: '' } });
  cookie = await signInOverHttp(server.baseUrl, team.people.owner.email, FACTORY_PASSWORD);
}, 900_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const page = async (path: string) => {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return response.text();
};

describe('with e-mail off', () => {
  it('Settings keeps the e-mail choice and says that e-mail is off', async () => {
    const html = await page('/settings');
    expect(html).toContain('E-mail is off on this server');
    expect(html).toContain('Email notifications');
    expect(html).toContain('A daily digest');
  });

  it('the forgotten-password page and the invites say no mail can be sent, and offer no form that would send one', async () => {
    const forgot = await page('/forgot-password');
    expect(forgot).toContain('E-mail is off on this server, so no reset link can be sent.');
    expect(forgot).not.toContain('Send reset link');
    const workspace = await page(`/workspaces/${team.workspace.slug}`);
    expect(workspace).toContain('E-mail is off on this server: copy the link and send it yourself.');
    expect(workspace).not.toContain('Send invite');
  });
});
