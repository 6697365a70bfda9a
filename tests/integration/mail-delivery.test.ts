import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as openUnsubscribeLink, POST as postUnsubscribe } from '@/app/api/mail/unsubscribe/route';
import { sendInviteByEmail } from '@/lib/dal/invite-mail';
import { unsubscribeUrl } from '@/lib/mail/unsubscribe';
import { unsafeDeliverNextMail, unsafeGatherDigests } from '@/lib/dal/mail-outbox';
import { requestPasswordReset, resetPassword } from '@/lib/dal/password-resets';
import { unsubscribeByLink, updateMailDelivery } from '@/lib/dal/preferences';
import { verifyCredentials } from '@/lib/dal/accounts';
import { unsafeStartSession, unsafeGetSessionUser } from '@/lib/dal/sessions';
import { createMailSender, type MailSender } from '@/lib/mail/transport';
import { createDocument, createTeam, createUser, type Team } from '@/tests/helpers/factories';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { insertNotification } from '@/tests/helpers/notifications';
import { outcomeOf } from '@/tests/helpers/outcome';
import { startSmtpSink, type SmtpSink } from '@/tests/helpers/smtp-sink';

const ORIGIN = 'http://marginalia.test';
let database: TestDatabase;
let team: Team;
let sink: SmtpSink;
let send: MailSender;
let address = 0;
const nextAddress = () => `203.0.113.${++address}`;

async function drain(now = new Date()): Promise<void> {
  await unsafeGatherDigests(now);
  while (await unsafeDeliverNextMail(send, ORIGIN, now)) {
    // every due row
  }
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= 'a test secret of at least thirty-two characters';
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  send = createMailSender({ smtpUrl: sink.url, from: 'Marginalia <no-reply@marginalia.test>', origin: ORIGIN, dkim: null });
  team = await createTeam(database.db);
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
  await database.drop();
});

beforeEach(async () => {
  sink.mails.length = 0;
  await database.db.mailOutbox.deleteMany({});
  await database.db.user.updateMany({ data: { mailDelivery: 'IMMEDIATE' } });
});

describe('notification mail', () => {
  it('carries a signed one-click unsubscribe, and after it is used no more mail comes', async () => {
    const { commenter } = team.people;
    await insertNotification(database.db, { recipientId: commenter.id, workspaceId: team.workspace.id, summary: 'Ana replied to your note' });
    await drain();
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = new URL(/^<([^>]+)>$/.exec(mail!.header('List-Unsubscribe') ?? '')![1]!);
    expect(link.origin + link.pathname).toBe(`${ORIGIN}/api/mail/unsubscribe`);
    const forged = { user: team.people.editor.id, signature: link.searchParams.get('signature') };
    expect(await outcomeOf(() => unsubscribeByLink(forged))).toBe('NOT_FOUND');
    await unsubscribeByLink(Object.fromEntries(link.searchParams));
    await insertNotification(database.db, { recipientId: commenter.id, workspaceId: team.workspace.id, summary: 'Ben replied too' });
    await drain();
    expect(sink.mails.map((sent) => sent.subject)).toEqual(['Ana replied to your note']);
  });

  it('sends nothing to someone who left the workspace or may no longer read the document', async () => {
    const leaver = await createUser(database.db, 'Leaver');
    await database.db.membership.create({ data: { workspaceId: team.workspace.id, userId: leaver.id, role: 'COMMENTER' } });
    const documentSlug = await createDocument(database.db, team.workspace.id);
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: documentSlug }, select: { id: true } });
    await insertNotification(database.db, { recipientId: leaver.id, workspaceId: team.workspace.id, documentId: document.id, summary: 'Before leaving' });
    await database.db.membership.deleteMany({ where: { userId: leaver.id } });
    await insertNotification(database.db, { recipientId: team.people.viewer.id, workspaceId: team.workspace.id, summary: 'Still a member' });
    await drain();
    expect(sink.mails.map((sent) => sent.subject)).toEqual(['Still a member']);
    expect(await database.db.mailOutbox.findFirst({ where: { recipientId: leaver.id }, select: { status: true } })).toEqual({ status: 'SKIPPED' });
  });

  it('escapes HTML that came from people, in the subject and both bodies', async () => {
    const summary = 'Eve <img src=x onerror=alert(1)> replied "<script>alert(2)</script>"';
    await insertNotification(database.db, { recipientId: team.people.owner.id, workspaceId: team.workspace.id, summary });
    await drain();
    const [mail] = sink.mails;
    expect(mail!.subject).toBe(summary);
    expect(mail!.text).toContain(summary);
    expect(mail!.html).not.toContain('<img');
    expect(mail!.html).not.toContain('<script');
    expect(mail!.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('groups a day of items into one digest mail, sent after the day ends', async () => {
    const { editor } = team.people;
    await updateMailDelivery(editor, { delivery: 'DIGEST' });
    for (const [index, hour] of ['09', '12', '18'].entries()) {
      await insertNotification(database.db, { recipientId: editor.id, workspaceId: team.workspace.id, summary: `Item ${index + 1}`, createdAt: new Date(`2026-12-01T${hour}:00:00Z`) });
    }
    await drain(new Date('2026-12-01T20:00:00Z'));
    expect(sink.mails).toHaveLength(0);
    await drain(new Date('2026-12-02T00:05:00Z'));
    await drain(new Date('2026-12-02T00:06:00Z'));
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.subject).toBe('Marginalia: 3 notifications from 2026-12-01');
    expect(sink.mails[0]!.text).toMatch(/Item 1[\s\S]*Item 2[\s\S]*Item 3/);
  });
});

describe('the one-click unsubscribe route', () => {
  it('only asks on GET, unsubscribes on the RFC 8058 POST, and refuses any other body', async () => {
    const { viewer } = team.people;
    const link = unsubscribeUrl(ORIGIN, viewer.id);
    const page = await openUnsubscribeLink(new Request(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await database.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { mailDelivery: true } })).toEqual({ mailDelivery: 'IMMEDIATE' });
    const post = (body: string, contentType: string) => postUnsubscribe(new Request(link, { method: 'POST', body, headers: { 'Content-Type': contentType, Origin: 'https://mail.example' } }));
    expect((await post('{"List-Unsubscribe":"One-Click"}', 'application/json')).status).toBe(422);
    expect((await post('List-Unsubscribe=Other', 'application/x-www-form-urlencoded')).status).toBe(422);
    expect((await post('List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { mailDelivery: true } })).toEqual({ mailDelivery: 'OFF' });
  });
});

describe('invites by e-mail', () => {
  it('mails a single-use link that opens the invite, without an unsubscribe header', async () => {
    await sendInviteByEmail(team.people.owner, team.workspace.slug, { email: 'newcomer@example.org', role: 'VIEWER' });
    expect(await outcomeOf(() => sendInviteByEmail(team.people.editor, team.workspace.slug, { email: 'x@example.org', role: 'VIEWER' }))).toBe('FORBIDDEN');
    await drain();
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.to).toBe('newcomer@example.org');
    expect(sink.mails[0]!.text).toMatch(new RegExp(`${ORIGIN}/invites/[A-Za-z0-9_-]+`));
    expect(sink.mails[0]!.header('List-Unsubscribe')).toBeNull();
    expect(await database.db.mailOutbox.findFirst({ where: { kind: 'INVITE' }, select: { payload: true } })).toEqual({ payload: null });
  });
});

describe('password reset by e-mail', () => {
  const resetLinkOf = (text: string) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

  it('answers alike for an unknown address, and a link works once and ends every session', async () => {
    const person = await createUser(database.db, 'Forgetful');
    const sessionId = await unsafeStartSession(person.id, { userAgent: 'test', address: '127.0.0.1' });
    expect(await requestPasswordReset({ email: 'nobody@example.org' }, nextAddress())).toBeUndefined();
    expect(await requestPasswordReset({ email: person.email }, nextAddress())).toBeUndefined();
    await drain();
    expect(sink.mails.map((mail) => mail.to)).toEqual([person.email]);
    const token = resetLinkOf(sink.mails[0]!.text)!;
    await resetPassword({ token, password: 'a brand new passphrase' });
    expect(await verifyCredentials(person.email, 'a brand new passphrase', nextAddress())).not.toBeNull();
    expect(await unsafeGetSessionUser(sessionId, person.id, 0)).toBeNull();
    expect(await outcomeOf(() => resetPassword({ token, password: 'yet another passphrase' }))).toBe('GONE');
  });

  it('refuses an expired link', async () => {
    const person = await createUser(database.db, 'Late');
    await requestPasswordReset({ email: person.email }, nextAddress());
    await drain();
    const token = resetLinkOf(sink.mails[0]!.text)!;
    await database.db.passwordReset.updateMany({ where: { userId: person.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await outcomeOf(() => resetPassword({ token, password: 'a brand new passphrase' }))).toBe('GONE');
  });

  it('is rate-limited per address like sign-in', async () => {
    const from = nextAddress();
    const outcomes = [];
    for (let attempt = 0; attempt < 7; attempt += 1) outcomes.push(await outcomeOf(() => requestPasswordReset({ email: 'someone@example.org' }, from)));
    expect(outcomes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(outcomes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});
