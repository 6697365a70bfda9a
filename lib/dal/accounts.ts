import 'server-only';
import { getDb } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { requireViewer } from '@/lib/dal/authorization';
import { AppError, parseInput } from '@/lib/errors';
import { hashPassword, isCommonPassword, verifyAgainstDecoy, verifyPassword } from '@/lib/passwords';
import { describeWait } from '@/lib/format/durations';
import { AUTH_LIMITS, countRateLimitedEvent } from '@/lib/rate-limit';
import { unsafeEndAllSessions } from '@/lib/dal/sessions';
import { checkSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from '@/lib/dal/sign-in-throttle';
import { DEFAULT_WORKSPACE } from '@/lib/default-workspace';
import { changePasswordSchema, emailSchema, signUpSchema } from '@/lib/validation/accounts';

/** A user as the session layer needs them after a successful sign-in. */
export type SignedInUser = { id: string; name: string; email: string; tokenVersion: number };

// Serialises account creation so exactly one "first account" becomes the default workspace's owner.
const FIRST_OWNER_LOCK = 724_311_002;

const COMMON_PASSWORD_MESSAGE = 'This password is among the most common ones and easy to guess. Choose another.';

/**
 * Creates an account from the sign-up form. The first account on a fresh install becomes owner of the default
 * workspace. An e-mail that already has an account changes nothing and returns `id: null`, which callers must not
 * reveal: sign-up answers alike either way, so it cannot be used to learn who has an account. Throws INVALID_INPUT
 * or RATE_LIMITED.
 */
export async function createAccount(input: unknown, clientAddress: string): Promise<{ id: string | null; email: string }> {
  const db = getDb();
  const limit = await countRateLimitedEvent(db, AUTH_LIMITS.signUpPerIp, clientAddress);
  if (limit.isLimited) {
    throw new AppError('RATE_LIMITED', `Too many sign-ups from your network. Try again in ${describeWait(limit.retryAfterSeconds)}.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  const { name, email, password } = parseInput(signUpSchema, input);
  if (isCommonPassword(password)) throw new AppError('INVALID_INPUT', COMMON_PASSWORD_MESSAGE, { fieldErrors: { password: [COMMON_PASSWORD_MESSAGE] } });
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_OWNER_LOCK})`;
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return { id: null, email };
    const user = await tx.user.create({ data: { name, email, passwordHash }, select: { id: true, email: true } });
    const defaultWorkspace = await tx.workspace.findUnique({
      where: { slug: DEFAULT_WORKSPACE.slug },
      select: { id: true, memberships: { where: { role: 'OWNER' }, select: { id: true }, take: 1 } },
    });
    if (defaultWorkspace && defaultWorkspace.memberships.length === 0) {
      await tx.membership.create({ data: { workspaceId: defaultWorkspace.id, userId: user.id, role: 'OWNER' } });
    }
    return user;
  });
}

/**
 * Checks an e-mail and password for sign-in from `clientAddress`. Returns the user, or null for any mismatch (never
 * saying which part was wrong). Failures count against this address, alone and with the e-mail (sign-in-throttle);
 * while either must wait it throws RATE_LIMITED.
 */
export async function verifyCredentials(rawEmail: string, password: string, clientAddress: string): Promise<SignedInUser | null> {
  const parsedEmail = emailSchema.safeParse(rawEmail);
  if (!parsedEmail.success || !password) return null;
  const email = parsedEmail.data;
  await checkSignInAllowed(email, clientAddress);
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true, name: true, email: true, tokenVersion: true, passwordHash: true } });
  const isMatch = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDecoy(password), false);
  if (!user || !isMatch) {
    await recordFailedSignIn(email, clientAddress);
    return null;
  }
  await recordSuccessfulSignIn(email, clientAddress);
  return { id: user.id, name: user.name, email: user.email, tokenVersion: user.tokenVersion };
}

/** Finds the account for an OAuth sign-in by verified e-mail, creating it without a password when new. */
export async function findOrCreateOAuthUser({ email, name }: { email: string; name: string }): Promise<SignedInUser> {
  const normalised = emailSchema.parse(email);
  return getDb().user.upsert({
    where: { email: normalised },
    update: {},
    create: { email: normalised, name: name.slice(0, 80) },
    select: { id: true, name: true, email: true, tokenVersion: true },
  });
}

/** Changes the viewer's password after checking the current one; every other session ends. */
export async function changePassword(viewer: Viewer | null, input: unknown): Promise<void> {
  const { id } = requireViewer(viewer);
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('INVALID_INPUT', 'Your current password is not right.', { fieldErrors: { currentPassword: ['Your current password is not right.'] } });
  }
  if (isCommonPassword(newPassword)) throw new AppError('INVALID_INPUT', COMMON_PASSWORD_MESSAGE, { fieldErrors: { newPassword: [COMMON_PASSWORD_MESSAGE] } });
  await db.user.update({ where: { id }, data: { passwordHash: await hashPassword(newPassword), tokenVersion: { increment: 1 } } });
  await unsafeEndAllSessions(id);
}

/** Ends every session of the viewer, on every device, including this one. */
export async function signOutEverywhere(viewer: Viewer | null): Promise<void> {
  const { id } = requireViewer(viewer);
  await getDb().user.update({ where: { id }, data: { tokenVersion: { increment: 1 } } });
  await unsafeEndAllSessions(id);
}
