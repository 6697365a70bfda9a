import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from '@/tests/helpers/factories';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { insertNotification } from '@/tests/helpers/notifications';
import { startSmtpSink, type SmtpSink } from '@/tests/helpers/smtp-sink';

// The acceptance of the outbox: two processes drain one database into one SMTP server. 50 notifications give 50
// mails with 50 distinct Message-IDs; none is lost when one process is killed mid-way, and none arrives twice
// when neither is.

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createMigratedDatabase();
  team = await createTeam(database.db);
});

afterAll(async () => {
  await database.drop();
});

function startDrainer(sink: SmtpSink, ...args: string[]): ChildProcess & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/helpers/mail-drainer-process.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: sink.url, AUTH_SECRET: 'a test secret of at least thirty-two characters', NEXTAUTH_URL: 'http://marginalia.test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, { exited });
}

async function queueNotifications(count: number, label: string): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await insertNotification(database.db, { recipientId: team.people.commenter.id, workspaceId: team.workspace.id, summary: `${label} ${index + 1}` });
  }
}

async function sentCount(): Promise<number> {
  return database.db.mailOutbox.count({ where: { status: 'SENT' } });
}

describe('the mail outbox, drained by two processes', () => {
  it('sends 50 notifications as 50 mails with 50 distinct Message-IDs, none twice', async () => {
    const sink = await startSmtpSink({ delayMs: 20 });
    try {
      await queueNotifications(50, 'Calm reply');
      const drainers = [startDrainer(sink, '--until-idle'), startDrainer(sink, '--until-idle')];
      expect(await Promise.all(drainers.map((drainer) => drainer.exited))).toEqual([0, 0]);
      const ids = sink.mails.map((mail) => mail.messageId);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
      expect(new Set(sink.mails.map((mail) => mail.subject))).toEqual(new Set(Array.from({ length: 50 }, (_, index) => `Calm reply ${index + 1}`)));
      expect(sink.mails.every((mail) => mail.to === team.people.commenter.email)).toBe(true);
      expect(await sentCount()).toBe(50);
    } finally {
      await sink.close();
    }
  }, 120_000);

  it('loses none when one process is killed mid-way: the other sends the rest, a resend keeps its Message-ID', async () => {
    await database.db.mailOutbox.deleteMany({});
    const sink = await startSmtpSink({ delayMs: 120 });
    const victim = startDrainer(sink);
    const survivor = startDrainer(sink);
    try {
      await queueNotifications(50, 'Stormy reply');
      await sink.waitFor(10);
      victim.kill('SIGKILL');
      await victim.exited;
      const deadline = Date.now() + 90_000;
      while (new Set(sink.mails.map((mail) => mail.messageId)).size < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const distinct = new Set(sink.mails.map((mail) => mail.messageId));
      expect(distinct.size).toBe(50);
      // A mail the killed process had handed over but not yet recorded may come again, with the same Message-ID.
      expect(sink.mails.length - distinct.size).toBeLessThanOrEqual(1);
      const expected = await database.db.mailOutbox.findMany({ select: { messageId: true } });
      expect(distinct).toEqual(new Set(expected.map((row) => row.messageId)));
    } finally {
      survivor.kill('SIGTERM');
      await survivor.exited;
      await sink.close();
    }
    expect(await sentCount()).toBe(50);
  }, 150_000);
});
