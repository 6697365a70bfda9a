import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createTeam, type Team } from '@/tests/helpers/factories';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { insertNotification } from '@/tests/helpers/notifications';
import { startSmtpSink, type SmtpSink } from '@/tests/helpers/smtp-sink';

// The acceptance of the outbox: two app processes (`next start` of the built app) on one database send to one SMTP
// server. 50 notifications give 50 mails with 50 distinct Message-IDs; none is lost when one process is killed
// mid-way, and none arrives twice when neither is. Nobody visits either server: each drains from its start.

let database: TestDatabase;
let team: Team;
let sink: SmtpSink;
const servers: AppServer[] = [];

// Both processes sign unsubscribe links alike, as the replicas of one deployment do.
const SHARED_SECRET = randomBytes(32).toString('base64url');

beforeAll(async () => {
  database = await createMigratedDatabase();
  team = await createTeam(database.db);
  // Slow enough to accept each mail that a kill finds a process with a mail in flight.
  sink = await startSmtpSink({ delayMs: 60 });
  // One after the other: the first builds the app when its sources changed, the second finds it built.
  for (let index = 0; index < 2; index += 1) servers.push(await startAppServer(database.url, { env: { SMTP_URL: sink.url, AUTH_SECRET: SHARED_SECRET } }));
}, 900_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await sink?.close();
  await database?.drop();
});

async function queueNotifications(count: number, label: string): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await insertNotification(database.db, { recipientId: team.people.commenter.id, workspaceId: team.workspace.id, summary: `${label} ${index + 1}` });
  }
}

async function waitUntil(holds: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sentCount = () => database.db.mailOutbox.count({ where: { status: 'SENT' } });
const distinctIds = () => new Set(sink.mails.map((mail) => mail.messageId));
const subjects = (label: string) => new Set(Array.from({ length: 50 }, (_, index) => `${label} ${index + 1}`));

describe('the mail outbox, drained by two app processes', () => {
  it('sends 50 notifications as 50 mails with 50 distinct Message-IDs, none twice', async () => {
    await queueNotifications(50, 'Calm reply');
    await waitUntil(async () => (await sentCount()) === 50, 'every row is sent');
    // Two more rounds of both drainers' polling: a row sent twice would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const ids = sink.mails.map((mail) => mail.messageId);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(new Set(sink.mails.map((mail) => mail.subject))).toEqual(subjects('Calm reply'));
    expect(sink.mails.every((mail) => mail.to === team.people.commenter.email)).toBe(true);
    const rows = await database.db.mailOutbox.findMany({ select: { messageId: true } });
    expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.messageId)));
  }, 150_000);

  it('loses none when one process is killed mid-way: the other sends the rest, a resend keeps its Message-ID', async () => {
    await database.db.mailOutbox.deleteMany({});
    sink.mails.length = 0;
    const [victim, survivor] = servers as [AppServer, AppServer];
    await queueNotifications(50, 'Stormy reply');
    await sink.waitFor(10);
    process.kill(victim.pid, 'SIGKILL');
    await waitUntil(() => !victim.isRunning(), 'the killed process is gone', 10_000);
    await waitUntil(() => distinctIds().size >= 50, 'the survivor has sent the rest');
    expect(survivor.isRunning()).toBe(true);
    const distinct = distinctIds();
    expect(distinct.size).toBe(50);
    expect(new Set(sink.mails.map((mail) => mail.subject))).toEqual(subjects('Stormy reply'));
    // A mail the killed process had handed over but not yet recorded may come again, with the same Message-ID.
    expect(sink.mails.length - distinct.size).toBeLessThanOrEqual(1);
    const rows = await database.db.mailOutbox.findMany({ select: { messageId: true } });
    expect(distinct).toEqual(new Set(rows.map((row) => row.messageId)));
    await waitUntil(async () => (await sentCount()) === 50, 'every row is recorded as sent', 10_000);
  }, 150_000);
});
