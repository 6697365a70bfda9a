import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db';
import { PASSWORD_RESET_MINUTES } from '@/lib/dal/mail-compose';
import { unsafeEndAllSessions } from '@/lib/dal/sessions';
import { countPasswordResetRequest } from '@/lib/dal/sign-in-throttle';
import { AppError, parseInput } from '@/lib/errors';
import { isMailOn } from '@/lib/mail/config';
import { hashPassword, isCommonPassword } from '@/lib/passwords';
import { passwordResetRequestSchema, passwordResetSchema } from '@/lib/validation/accounts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const SPENT_MESSAGE = 'This reset link was already used or has expired. Ask for a new one.';

/**
 * Sends a single-use reset link to the address when it has an account. The answer is the same either way, so the
 * form cannot be used to learn who has an account; requests count against the sign-in limits of the address.
 * Throws RATE_LIMITED, INVALID_INPUT, or UNAVAILABLE when this server sends no mail.
 */
export async function requestPasswordReset(input: unknown, clientAddress: string): Promise<void> {
  const { email } = parseInput(passwordResetRequestSchema, input);
  if (!isMailOn()) throw new AppError('UNAVAILABLE', 'E-mail is off on this server, so no reset link can be sent. Ask the workspace’s owner for help.');
  await countPasswordResetRequest(email, clientAddress);
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const token = randomBytes(32).toString('base64url');
  await getDb().$transaction(async (tx) => {
    const reset = await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000) },
      select: { id: true },
    });
    await tx.mailOutbox.create({
      data: { kind: 'PASSWORD_RESET', recipientId: user.id, payload: { resetId: reset.id, token }, messageId: `<reset.${reset.id}@marginalia.mail>` },
    });
  });
}

/** Whether a reset link's token can still be used (for the reset page, before the person types a password). */
export async function isPasswordResetUsable(token: string): Promise<boolean> {
  const reset = await getDb().passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(reset && !reset.usedAt && reset.expiresAt.getTime() > Date.now());
}

/**
 * Sets a new password from a reset link: once, before it expires. Every session of the person ends, and every
 * other reset link of theirs stops working. Throws GONE for a used, expired or unknown link.
 */
export async function resetPassword(input: unknown): Promise<void> {
  const { token, password } = parseInput(passwordResetSchema, input);
  if (isCommonPassword(password)) {
    const message = 'This password is among the most common ones and easy to guess. Choose another.';
    throw new AppError('INVALID_INPUT', message, { fieldErrors: { password: [message] } });
  }
  const passwordHash = await hashPassword(password);
  const userId = await getDb().$transaction(async (tx) => {
    const [reset] = await tx.$queryRaw<Array<{ id: string; userId: string; usedAt: Date | null; expiresAt: Date }>>`
      SELECT "id", "userId", "usedAt", "expiresAt" FROM "PasswordReset" WHERE "tokenHash" = ${hashToken(token)} FOR UPDATE`;
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) throw new AppError('GONE', SPENT_MESSAGE);
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, tokenVersion: { increment: 1 } } });
    return reset.userId;
  });
  await unsafeEndAllSessions(userId);
}
