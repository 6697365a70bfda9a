import 'server-only';
import { getDb, queryObjects } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { isUuid } from '@/lib/domain/ids';
import { describeBrowser } from '@/lib/format/browsers';
import { AppError } from '@/lib/errors';

/** One active session as Settings lists it: the browser, when it was last seen and from where. */
export type SessionEntry = { id: string; browser: string; address: string; createdAt: string; lastSeenAt: string; isCurrent: boolean };

// "Last seen" is refreshed at most this often, so a busy reader does not write on every request.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/** Records a new session of `userId` (a sign-in) and returns its id, which the session token carries. For the sign-in callback only. */
export async function unsafeStartSession(userId: string, client: { userAgent: string; address: string }): Promise<string> {
  const session = await getDb().session.create({
    data: { userId, userAgent: client.userAgent.slice(0, 400), address: client.address.slice(0, 100) },
    select: { id: true },
  });
  return session.id;
}

/**
 * Returns the signed-in user of session `sessionId` when the session is live and `tokenVersion` is the user's
 * current one, else null; refreshes its "last seen" now and then. For getViewer and the next-auth callbacks only.
 */
export async function unsafeGetSessionUser(sessionId: unknown, userId: string, tokenVersion: unknown): Promise<{ id: string; name: string; email: string } | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  // Every signed-in request asks this, so it goes to the driver directly (see queryObjects).
  const [row] = await queryObjects<{ id: string; name: string; email: string; tokenVersion: number; lastSeenAt: Date }>(
    `SELECT u."id", u."name", u."email", u."tokenVersion", s."lastSeenAt"
       FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = $1::uuid AND s."userId" = $2::uuid AND s."revokedAt" IS NULL`,
    [sessionId, userId],
    'session-user',
  );
  if (!row || row.tokenVersion !== tokenVersion) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await queryObjects('UPDATE "Session" SET "lastSeenAt" = now() WHERE "id" = $1::uuid', [sessionId]);
  }
  return { id: row.id, name: row.name, email: row.email };
}

/** Ends session `sessionId` on the server, whoever holds its cookie. For sign-out (the app's and next-auth's) only. */
export async function unsafeEndSession(sessionId: unknown): Promise<void> {
  if (!isUuid(sessionId)) return;
  await getDb().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Returns the viewer's live sessions, most recently seen first, marking `currentSessionId`. Signed-in viewers only. */
export async function findSessions(viewer: Viewer | null, currentSessionId: string | null): Promise<SessionEntry[]> {
  const { id } = requireViewer(viewer);
  const rows = await getDb().session.findMany({
    where: { userId: id, revokedAt: null },
    orderBy: [{ lastSeenAt: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, userAgent: true, address: true, createdAt: true, lastSeenAt: true },
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    browser: describeBrowser(row.userAgent),
    address: row.address || 'unknown address',
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    isCurrent: row.id === currentSessionId,
  }));
}

/** Ends one of the viewer's own sessions; NOT_FOUND for anyone else's or none. Ending an ended one again is fine. */
export async function endSession(viewer: Viewer | null, sessionId: unknown): Promise<void> {
  const { id } = requireViewer(viewer);
  if (!isUuid(sessionId)) throw new AppError('NOT_FOUND', 'That session does not exist.');
  const db = getDb();
  const { count } = await db.session.updateMany({ where: { id: sessionId, userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count > 0) return;
  const existing = await db.session.findFirst({ where: { id: sessionId, userId: id }, select: { id: true } });
  if (!existing) throw new AppError('NOT_FOUND', 'That session does not exist.');
}

/** Ends every session of user `userId` (sign-out everywhere, password change). For lib/dal/accounts. */
export async function unsafeEndAllSessions(userId: string): Promise<void> {
  await getDb().session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}
