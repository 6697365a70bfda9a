import 'server-only';
import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { getAuthSecret } from '@/lib/env';

type TokenRequest = Parameters<typeof getToken>[0]['req'];

/**
 * Returns the signed-in person for this request, or null. The session token must carry the user's
 * current token version, so signing out everywhere or changing the password ends older sessions.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const cookieStore = await cookies();
  const req = { cookies: Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value])), headers: {} };
  const token = await getToken({ req: req as unknown as TokenRequest, secret: getAuthSecret() });
  if (!token?.sub) return null;
  const user = await getDb().user.findUnique({ where: { id: token.sub }, select: { id: true, name: true, email: true, tokenVersion: true } });
  if (!user || user.tokenVersion !== token.tokenVersion) return null;
  return { id: user.id, name: user.name, email: user.email };
});
