import 'server-only';
import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { queryObjects } from '@/lib/db';
import { isUuid } from '@/lib/domain/ids';
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
  if (!isUuid(token.sub)) return null;
  // Every signed-in request asks this, so it goes to the driver directly (see queryObjects).
  const [user] = await queryObjects<{ id: string; name: string; email: string; tokenVersion: number }>(
    'SELECT "id", "name", "email", "tokenVersion" FROM "User" WHERE "id" = $1::uuid',
    [token.sub],
  );
  if (!user || user.tokenVersion !== token.tokenVersion) return null;
  return { id: user.id, name: user.name, email: user.email };
});
