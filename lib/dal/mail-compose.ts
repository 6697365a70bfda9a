import 'server-only';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { withCurrentMentionText } from '@/lib/dal/mentions';
import { digestMail, inviteMail, notificationMail, passwordResetMail, type MailContent, type MailItem } from '@/lib/domain/mail-messages';
import { unsubscribeUrl } from '@/lib/mail/unsubscribe';

/** An outbox row as the drainer claimed it. */
export type OutboxRow = {
  id: string;
  kind: 'NOTIFICATION' | 'DIGEST' | 'INVITE' | 'PASSWORD_RESET';
  recipientId: string | null;
  toAddress: string | null;
  notificationId: string | null;
  payload: Record<string, unknown> | null;
  messageId: string;
  attempts: number;
};

/** What to do with a claimed row: send this, hold it for the digest, or drop it (with why). */
export type Composed =
  | { action: 'send'; to: string; content: MailContent; unsubscribe: boolean }
  | { action: 'hold' }
  | { action: 'skip'; reason: string };

/** How long a password-reset link works. */
export const PASSWORD_RESET_MINUTES = 60;

// A notification whose recipient may no longer read what it is about (they left the workspace, the document or
// note became private to someone else, it was deleted) sends nothing: the same where-builders as every read.
async function mailItemFor(notificationId: string, recipientId: string, origin: string): Promise<MailItem | null> {
  const db = getDb();
  const viewer = { id: recipientId };
  const notification = await db.notification.findFirst({
    where: { id: notificationId, recipientId, workspace: memberWorkspacesWhere(viewer) },
    select: { summary: true, href: true, documentId: true, annotationId: true, kind: true },
  });
  if (!notification) return null;
  if (notification.documentId) {
    const readable = await db.document.count({ where: { AND: [{ id: notification.documentId }, readableDocumentsWhere(viewer)] } });
    if (readable === 0) return null;
  }
  if (notification.annotationId) {
    // The author hears that their note was hidden; everyone else hears only of notes still there.
    const isAboutHiding = notification.kind === 'ANNOTATION_HIDDEN';
    const visible = await db.annotation.count({
      where: { AND: [{ id: notification.annotationId, deletedAt: null, ...(isAboutHiding ? {} : { hiddenAt: null }) }, visibleAnnotationsWhere(viewer)] },
    });
    if (visible === 0) return null;
  }
  const link = notification.href.startsWith('/') && !notification.href.startsWith('//') ? new URL(notification.href, origin).toString() : origin;
  const [summary] = await withCurrentMentionText([notification.summary]);
  return { summary: summary ?? notification.summary, link };
}

async function recipientOf(recipientId: string | null): Promise<{ id: string; email: string; mailDelivery: 'IMMEDIATE' | 'DIGEST' | 'OFF' } | null> {
  if (!recipientId) return null;
  return getDb().user.findUnique({ where: { id: recipientId }, select: { id: true, email: true, mailDelivery: true } });
}

/** Re-reads what row `row` is about, checks the recipient may still have it, and composes its mail (unsafe: the drainer's own read). */
export async function unsafeComposeMail(row: OutboxRow, origin: string): Promise<Composed> {
  const settingsLink = new URL('/settings#email', origin).toString();
  if (row.kind === 'NOTIFICATION' || row.kind === 'DIGEST') {
    const recipient = await recipientOf(row.recipientId);
    if (!recipient) return { action: 'skip', reason: 'The recipient no longer has an account.' };
    if (recipient.mailDelivery === 'OFF') return { action: 'skip', reason: 'The recipient turned e-mail off.' };
    if (row.kind === 'NOTIFICATION') {
      if (recipient.mailDelivery === 'DIGEST') return { action: 'hold' };
      const item = row.notificationId ? await mailItemFor(row.notificationId, recipient.id, origin) : null;
      if (!item) return { action: 'skip', reason: 'The recipient may no longer read what it is about.' };
      return { action: 'send', to: recipient.email, content: notificationMail(item, settingsLink), unsubscribe: true };
    }
    const held = await getDb().mailOutbox.findMany({ where: { digestId: row.id }, orderBy: { createdAt: 'asc' }, select: { notificationId: true } });
    const items: MailItem[] = [];
    for (const { notificationId } of held) {
      const item = notificationId ? await mailItemFor(notificationId, recipient.id, origin) : null;
      if (item) items.push(item);
    }
    if (items.length === 0) return { action: 'skip', reason: 'Nothing in the digest may still be read by the recipient.' };
    const day = typeof row.payload?.day === 'string' ? row.payload.day : 'yesterday';
    return { action: 'send', to: recipient.email, content: digestMail(day, items, settingsLink), unsubscribe: true };
  }
  if (row.kind === 'INVITE') return composeInvite(row, origin);
  return composePasswordReset(row, origin);
}

async function composeInvite(row: OutboxRow, origin: string): Promise<Composed> {
  const payload = row.payload ?? {};
  const { inviteId, token, inviterName, workspaceName } = payload as Record<string, string | undefined>;
  if (!row.toAddress || !inviteId || !token) return { action: 'skip', reason: 'The invite mail lost its link.' };
  const invite = await getDb().invite.findUnique({ where: { id: inviteId }, select: { role: true, expiresAt: true, revokedAt: true } });
  if (!invite || invite.revokedAt || invite.expiresAt.getTime() <= Date.now()) return { action: 'skip', reason: 'The invite was withdrawn or has expired.' };
  const content = inviteMail({
    inviterName: inviterName ?? 'A member',
    workspaceName: workspaceName ?? 'a workspace',
    role: invite.role,
    link: new URL(`/invites/${encodeURIComponent(token)}`, origin).toString(),
    expiresOn: invite.expiresAt.toISOString().slice(0, 10),
  });
  return { action: 'send', to: row.toAddress, content, unsubscribe: false };
}

async function composePasswordReset(row: OutboxRow, origin: string): Promise<Composed> {
  const { resetId, token } = (row.payload ?? {}) as Record<string, string | undefined>;
  const recipient = await recipientOf(row.recipientId);
  if (!recipient || !resetId || !token) return { action: 'skip', reason: 'The reset mail lost its link.' };
  const reset = await getDb().passwordReset.findUnique({ where: { id: resetId }, select: { usedAt: true, expiresAt: true } });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) return { action: 'skip', reason: 'The reset link was used or has expired.' };
  const link = new URL(`/reset-password/${encodeURIComponent(token)}`, origin).toString();
  return { action: 'send', to: recipient.email, content: passwordResetMail(link, PASSWORD_RESET_MINUTES), unsubscribe: false };
}

/** The one-click unsubscribe address of an outbox row's recipient under `origin`, or null for mail that needs none. */
export function unsubscribeUrlOf(row: OutboxRow, origin: string): string | null {
  return row.recipientId && (row.kind === 'NOTIFICATION' || row.kind === 'DIGEST') ? unsubscribeUrl(origin, row.recipientId) : null;
}
