import { createHmac, timingSafeEqual } from 'node:crypto';
import { getAuthSecret } from '@/lib/env';

// The one-click unsubscribe link (RFC 8058) names the person and carries a signature of their id under the auth
// secret, so nobody can unsubscribe someone else by guessing, and it needs no stored token.

function signatureOf(userId: string): string {
  return createHmac('sha256', getAuthSecret()).update(`mail-unsubscribe:${userId}`).digest('base64url');
}

/** Returns the signed one-click unsubscribe address of `userId` under `origin`. */
export function unsubscribeUrl(origin: string, userId: string): string {
  const url = new URL('/api/mail/unsubscribe', origin);
  url.searchParams.set('user', userId);
  url.searchParams.set('signature', signatureOf(userId));
  return url.toString();
}

/** Whether `signature` is the unsubscribe signature of `userId`. */
export function isUnsubscribeSignature(userId: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(userId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
