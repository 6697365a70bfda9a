import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { describeWait } from '@/lib/format/durations';
import { AUTH_LIMITS, countRateLimitedEvent, peekRateLimit } from '@/lib/rate-limit';
import { emailSchema } from '@/lib/validation/accounts';

/** Counts a sign-in attempt from `clientAddress` and throws RATE_LIMITED when the address or the e-mail is over its limit. */
export async function checkSignInAllowed(rawEmail: string, clientAddress: string): Promise<void> {
  const db = getDb();
  const perAddress = await countRateLimitedEvent(db, AUTH_LIMITS.signInPerIp, clientAddress);
  if (perAddress.isLimited) {
    throw new AppError('RATE_LIMITED', `Too many sign-in attempts from your network. Try again in ${describeWait(perAddress.retryAfterSeconds)}.`, {
      retryAfterSeconds: perAddress.retryAfterSeconds,
    });
  }
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) return;
  const failures = await peekRateLimit(db, AUTH_LIMITS.failedSignInPerEmail, email.data);
  if (failures.isLimited) {
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this email. Try again in ${describeWait(failures.retryAfterSeconds)}.`, {
      retryAfterSeconds: failures.retryAfterSeconds,
    });
  }
}

