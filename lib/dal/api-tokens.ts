import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { isUuid } from '@/lib/domain/ids';
import { AppError, parseInput } from '@/lib/errors';
import { createApiTokenSchema } from '@/lib/validation/api-tokens';

/** A token as its owner sees it in settings; the secret itself is shown once, at creation. */
export type ApiTokenEntry = {
  id: string;
  name: string;
  prefix: string;
  workspaceName: string;
  workspaceSlug: string;
  canWrite: boolean;
  createdAt: string;
  lastUsedAt: string | null;
};

/** The workspace a token was issued for, and what it may do there. */
export type ApiTokenGrant = { tokenId: string; workspaceId: string; workspaceName: string; canWrite: boolean };

// `mrg_` makes a leaked token recognisable to secret scanners and to people reading logs.
const TOKEN_PREFIX = 'mrg_';
const TOKEN_SHAPE = /^mrg_[A-Za-z0-9_-]{43}$/u;
// Characters of the secret kept in clear so the settings list can tell tokens apart; far too few to guess the rest.
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** Active tokens one person may hold: enough for every script, few enough to review at a glance. */
export const MAX_ACTIVE_TOKENS = 20;
// Recording every use would turn each read into a write; a minute's precision is what the settings page shows.
const LAST_USED_PRECISION_MS = 60_000;

// The secret carries 256 random bits, so a fast hash is enough: there is nothing to brute-force.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token for one workspace the viewer belongs to; returns the secret, which is never stored or shown again. */
export async function createApiToken(viewer: Viewer | null, input: unknown): Promise<{ token: string; entry: ApiTokenEntry }> {
  const signedIn = requireViewer(viewer);
  const { name, workspaceSlug, canWrite } = parseInput(createApiTokenSchema, input);
  const db = getDb();
  const workspace = await db.workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] },
    select: { id: true, name: true, slug: true },
  });
  if (!workspace) throw new AppError('INVALID_INPUT', 'Choose a workspace you belong to.', { fieldErrors: { workspaceSlug: ['Choose a workspace you belong to.'] } });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db.$transaction(async (tx) => {
    // Two forms submitted at once must not both pass the count.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api-tokens:${signedIn.id}`}))`;
    const activeCount = await tx.apiToken.count({ where: { userId: signedIn.id, revokedAt: null } });
    if (activeCount >= MAX_ACTIVE_TOKENS) {
      throw new AppError('CONFLICT', `You already have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one you no longer use first.`);
    }
    return tx.apiToken.create({
      data: { userId: signedIn.id, workspaceId: workspace.id, name, canWrite, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH) },
      select: { id: true, name: true, prefix: true, canWrite: true, createdAt: true, lastUsedAt: true },
    });
  });
  return { token, entry: toEntry({ ...row, workspace }) };
}

/** Lists the viewer's tokens that still work, newest first. */
export async function findApiTokens(viewer: Viewer | null): Promise<ApiTokenEntry[]> {
  const signedIn = requireViewer(viewer);
  const rows = await getDb().apiToken.findMany({
    where: { userId: signedIn.id, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, canWrite: true, createdAt: true, lastUsedAt: true, workspace: { select: { name: true, slug: true } } },
  });
  return rows.map(toEntry);
}

/** Revokes one of the viewer's tokens at once; revoking twice is harmless. */
export async function revokeApiToken(viewer: Viewer | null, tokenId: unknown): Promise<void> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(tokenId)) throw new AppError('NOT_FOUND', 'That token does not exist.');
  const db = getDb();
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, userId: signedIn.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count > 0) return;
  // Already revoked (a double click, a second tab) is not an error; someone else's token or none at all is.
  const existing = await db.apiToken.findFirst({ where: { id: tokenId, userId: signedIn.id }, select: { id: true } });
  if (!existing) throw new AppError('NOT_FOUND', 'That token does not exist.');
}

/**
 * Resolves a bearer token to the person it acts for and the workspace it is limited to. A token whose owner
 * has left that workspace no longer works: its rights come from the membership, checked on every request.
 */
export async function authenticateApiToken(token: string): Promise<{ viewer: Viewer; grant: ApiTokenGrant }> {
  if (!TOKEN_SHAPE.test(token)) throw new AppError('UNAUTHENTICATED', 'That API token is malformed. Copy it again from Settings → API tokens.');
  const db = getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      canWrite: true,
      revokedAt: true,
      lastUsedAt: true,
      workspaceId: true,
      workspace: { select: { name: true } },
      user: { select: { id: true, name: true, email: true, memberships: { select: { workspaceId: true } } } },
    },
  });
  if (!row) throw new AppError('UNAUTHENTICATED', 'That API token is not recognised. Create one in Settings → API tokens.');
  if (row.revokedAt) throw new AppError('UNAUTHENTICATED', 'That API token was revoked. Create a new one in Settings → API tokens.');
  if (!row.user.memberships.some((membership) => membership.workspaceId === row.workspaceId)) {
    throw new AppError('FORBIDDEN', `This token’s owner is no longer a member of “${row.workspace.name}”, so the token no longer works.`);
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    viewer: { id: row.user.id, name: row.user.name, email: row.user.email },
    grant: { tokenId: row.id, workspaceId: row.workspaceId, workspaceName: row.workspace.name, canWrite: row.canWrite },
  };
}

type EntryRow = { id: string; name: string; prefix: string; canWrite: boolean; createdAt: Date; lastUsedAt: Date | null; workspace: { name: string; slug: string } };

function toEntry(row: EntryRow): ApiTokenEntry {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    workspaceName: row.workspace.name,
    workspaceSlug: row.workspace.slug,
    canWrite: row.canWrite,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
