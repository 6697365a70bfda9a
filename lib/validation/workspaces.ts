import { emailSchema } from '@/lib/validation/accounts';
import { z } from '@/lib/zod';
import { hygienic } from '@/lib/validation/unicode';

/** Roles from most to least trusted. */
export const ROLES = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'] as const;
/** A member's role in a workspace. */
export type RoleName = (typeof ROLES)[number];

/** The new-workspace form. */
export const createWorkspaceSchema = z.object({
  name: hygienic(
    z
      .string({ error: 'Name the workspace.' })
      .trim()
      .min(2, 'Use at least 2 characters.')
      .max(80, 'Keep the name under 80 characters.')
      .refine((name) => !/[\p{Cc}]/u.test(name), 'The name cannot contain control characters.'),
    'the workspace name',
    { isName: true },
  ),
});

/** How long an invite link works. */
export const INVITE_LIFETIMES_DAYS = [1, 7, 30] as const;

/** The new-invite form. */
export const createInviteSchema = z.object({
  role: z.enum(ROLES, { error: 'Choose a role for the people who join.' }),
  expiresInDays: z.coerce
    .number({ error: 'Choose how long the link works.' })
    .refine((days) => (INVITE_LIFETIMES_DAYS as readonly number[]).includes(days), 'Choose 1, 7 or 30 days.'),
  isSingleUse: z.preprocess((value) => value === true || value === 'true' || value === 'on', z.boolean()),
});

/** Changing a member's role. */
export const changeRoleSchema = z.object({
  memberId: z.uuid('That member does not exist.'),
  role: z.enum(ROLES, { error: 'Choose a role.' }),
});

/** Sending an invite by e-mail: to whom, and with which role (the link is for one person and works for 7 days). */
export const inviteByEmailSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, { error: 'Choose a role for the person you invite.' }),
});
