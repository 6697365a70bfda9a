import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { requireOwnerOf } from '@/lib/dal/workspaces';
import { AppError, parseInput } from '@/lib/errors';
import { createInviteSchema, type RoleName } from '@/lib/validation/workspaces';
import { notifyInviteAccepted } from '@/lib/dal/notification-events';

/** Where an invite link stands, as the person opening it sees it. */
export type InviteStatus = 'valid' | 'expired' | 'used' | 'revoked';

/** What someone opening an invite link sees before joining. */
export type InvitePreview = { workspaceName: string; workspaceSlug: string; role: RoleName; status: InviteStatus; isAlreadyMember: boolean };

/** An active invite as its workspace's owners see it (the link itself is shown only once, at creation). */
export type InviteEntry = { id: string; role: RoleName; expiresAt: string; maxUses: number | null; useCount: number };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function statusOf(invite: { expiresAt: Date; maxUses: number | null; useCount: number; revokedAt: Date | null }): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt.getTime() <= Date.now()) return 'expired';
  if (invite.maxUses !== null && invite.useCount >= invite.maxUses) return 'used';
  return 'valid';
}

const STATUS_MESSAGES: Record<Exclude<InviteStatus, 'valid'>, string> = {
  expired: 'This invite link has expired. Ask the workspace’s owner for a new one.',
  used: 'This invite link has already been used. Ask the workspace’s owner for a new one.',
  revoked: 'This invite link was withdrawn by the workspace’s owner.',
};

/** Explains why an invite cannot be used. */
export function describeInviteStatus(status: Exclude<InviteStatus, 'valid'>): string {
  return STATUS_MESSAGES[status];
}

/** Creates an invite link for the workspace (owners only); returns its id and the secret token, which is not stored. */
export async function createInvite(viewer: Viewer | null, workspaceSlug: string, input: unknown): Promise<{ id: string; token: string }> {
  const { workspaceId, viewer: owner } = await requireOwnerOf(viewer, workspaceSlug);
  const { role, expiresInDays, isSingleUse } = parseInput(createInviteSchema, input);
  const token = randomBytes(24).toString('base64url');
  const invite = await getDb().invite.create({
    select: { id: true },
    data: {
      workspaceId,
      tokenHash: hashToken(token),
      role,
      expiresAt: new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000),
      maxUses: isSingleUse ? 1 : null,
      createdById: owner.id,
    },
  });
  return { id: invite.id, token };
}

/** Lists the workspace's invites that can still be used (owners only). */
export async function findActiveInvites(viewer: Viewer | null, workspaceSlug: string): Promise<InviteEntry[]> {
  const { workspaceId } = await requireOwnerOf(viewer, workspaceSlug);
  const invites = await getDb().invite.findMany({
    where: { workspaceId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, role: true, expiresAt: true, maxUses: true, useCount: true, revokedAt: true },
  });
  return invites
    .filter((invite) => statusOf(invite) === 'valid')
    .map(({ id, role, expiresAt, maxUses, useCount }) => ({ id, role, expiresAt: expiresAt.toISOString(), maxUses, useCount }));
}

/** Withdraws an invite link (owners only). */
export async function revokeInvite(viewer: Viewer | null, workspaceSlug: string, inviteId: string): Promise<void> {
  const { workspaceId } = await requireOwnerOf(viewer, workspaceSlug);
  const { count } = await getDb().invite.updateMany({ where: { id: inviteId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError('NOT_FOUND', 'That invite link does not exist or was already withdrawn.');
}

/** Returns what an invite link offers, for anyone holding it; null when the token matches no invite. */
export async function getInvitePreview(viewer: Viewer | null, token: string): Promise<InvitePreview | null> {
  const invite = await getDb().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { role: true, expiresAt: true, maxUses: true, useCount: true, revokedAt: true, workspace: { select: { id: true, name: true, slug: true } } },
  });
  if (!invite) return null;
  const isAlreadyMember = viewer
    ? (await getDb().membership.count({ where: { workspaceId: invite.workspace.id, userId: viewer.id } })) > 0
    : false;
  return { workspaceName: invite.workspace.name, workspaceSlug: invite.workspace.slug, role: invite.role, status: statusOf(invite), isAlreadyMember };
}

/** Joins the viewer to the invite's workspace with its role; an existing member keeps their role. Returns the workspace slug. */
export async function acceptInvite(viewer: Viewer | null, token: string): Promise<{ workspaceSlug: string }> {
  const signedIn = requireViewer(viewer);
  const { id: userId } = signedIn;
  const joined = await getDb().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Invite" WHERE "tokenHash" = ${hashToken(token)} FOR UPDATE`;
    if (!locked) throw new AppError('NOT_FOUND', 'This invite link is not valid. Check that you copied all of it.');
    const invite = await tx.invite.findUniqueOrThrow({
      where: { id: locked.id },
      select: { id: true, role: true, expiresAt: true, maxUses: true, useCount: true, revokedAt: true, workspace: { select: { id: true, slug: true } } },
    });
    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspace.id, userId } }, select: { id: true } });
    if (existing) return { workspaceSlug: invite.workspace.slug, inviteId: null };
    const status = statusOf(invite);
    if (status !== 'valid') throw new AppError('GONE', describeInviteStatus(status));
    await tx.membership.create({ data: { workspaceId: invite.workspace.id, userId, role: invite.role } });
    await tx.invite.update({ where: { id: invite.id }, data: { useCount: { increment: 1 } } });
    return { workspaceSlug: invite.workspace.slug, inviteId: invite.id };
  });
  if (joined.inviteId) await notifyInviteAccepted(signedIn, joined.inviteId);
  return { workspaceSlug: joined.workspaceSlug };
}
