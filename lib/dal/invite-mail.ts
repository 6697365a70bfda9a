import 'server-only';
import { getDb } from '@/lib/db';
import { createInvite } from '@/lib/dal/invites';
import { AppError, parseInput } from '@/lib/errors';
import { isMailOn } from '@/lib/mail/config';
import { inviteByEmailSchema } from '@/lib/validation/workspaces';
import type { Viewer } from '@/lib/dal/authorization';

/** Days an invite sent by e-mail works. */
export const EMAILED_INVITE_DAYS = 7;

/**
 * Sends a single-use invite link to an address (owners only): the invite and its mail are stored together, and the
 * outbox sends it. Throws UNAVAILABLE when this server sends no mail, INVALID_INPUT, FORBIDDEN or NOT_FOUND.
 */
export async function sendInviteByEmail(viewer: Viewer | null, workspaceSlug: string, input: unknown): Promise<{ email: string }> {
  const { email, role } = parseInput(inviteByEmailSchema, input);
  if (!isMailOn()) throw new AppError('UNAVAILABLE', 'E-mail is off on this server. Create an invite link and send it yourself.');
  const { id, token } = await createInvite(viewer, workspaceSlug, { role, expiresInDays: EMAILED_INVITE_DAYS, isSingleUse: true });
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { name: true } });
  await getDb().mailOutbox.create({
    data: {
      kind: 'INVITE',
      toAddress: email,
      payload: { inviteId: id, token, inviterName: viewer?.name ?? 'A member', workspaceName: workspace.name },
      messageId: `<invite.${id}@marginalia.mail>`,
    },
  });
  return { email };
}
