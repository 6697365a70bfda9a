import 'server-only';
import { LRUCache } from 'lru-cache';
import { decode, getToken, type JWT } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { isUuid } from '@/lib/domain/ids';
import type { Viewer } from '@/lib/dal/authorization';
import { unsafeGetSessionUser } from '@/lib/dal/sessions';
import { getAuthSecret } from '@/lib/env';

type TokenRequest = Parameters<typeof getToken>[0]['req'];

// Decoding a session token derives its key (HKDF) and decrypts it, most of what an authenticated request costs
// before any work. A token's text always decrypts to the same claims, so each one seen lately is kept decoded:
// only its expiry (with next-auth's 15 s of clock tolerance) is checked again. Whether the session it names is still
// live is never kept here; getViewer asks the database every time.
const decodedTokens = new LRUCache<string, JWT>({ max: 1000 });
const CLOCK_TOLERANCE_SECONDS = 15;

async function decodeSessionToken(raw: string): Promise<JWT | null> {
  const known = decodedTokens.get(raw);
  if (known) return typeof known.exp === 'number' && known.exp + CLOCK_TOLERANCE_SECONDS > Date.now() / 1000 ? known : null;
  const token = await decode({ token: raw, secret: getAuthSecret() }).catch(() => null);
  if (token && typeof token.exp === 'number') decodedTokens.set(raw, token);
  return token;
}

// The decoded session token of this request's cookie, or null; read once per request.
const readSessionToken = cache(async (): Promise<JWT | null> => {
  const cookieStore = await cookies();
  const req = { cookies: Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value])), headers: {} };
  const raw = await getToken({ req: req as unknown as TokenRequest, secret: getAuthSecret(), raw: true });
  return raw ? decodeSessionToken(raw) : null;
});

/**
 * Returns the signed-in person for this request, or null. The session token must name a session that has not been
 * signed out and carry the user's current token version, so signing out (here, everywhere, or by a password
 * change) ends it on the server, whoever holds a copy of the cookie.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = await readSessionToken();
  if (!token?.sub || !isUuid(token.sub)) return null;
  return unsafeGetSessionUser(token.sessionId, token.sub, token.tokenVersion);
});

/** Returns the id of this request's session (for the sessions list and sign-out), or null when signed out. */
export async function getCurrentSessionId(): Promise<string | null> {
  const token = await readSessionToken();
  return typeof token?.sessionId === 'string' && isUuid(token.sessionId) ? token.sessionId : null;
}
