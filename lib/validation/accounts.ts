import { z } from '@/lib/zod';
import { hygienic } from '@/lib/validation/unicode';

/** Shortest password we accept; long passphrases beat complexity rules. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

/** An e-mail address, trimmed and lower-cased so one inbox is one account. */
export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.org.'))
  .transform((email) => email.toLowerCase());

/** A display name, in NFC, with no control, bidi or invisible characters. */
export const nameSchema = hygienic(
  z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(80, 'Keep your name under 80 characters.')
    .refine((name) => !/[\p{Cc}]/u.test(name), 'Your name cannot contain control characters.'),
  'your name',
  { isName: true },
);

/** A new password: length only; the common-password check runs on the server. */
export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

/** The sign-up form. */
export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema });

/** The sign-in form. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH),
});

/** The change-password form. */
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(MAX_PASSWORD_LENGTH),
  newPassword: newPasswordSchema,
});

/** A same-site path to return to after signing in; anything else falls back to the home page. */
export const returnPathSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch('/');

/** The forgotten-password form: the address to send a reset link to. */
export const passwordResetRequestSchema = z.object({ email: emailSchema });

/** The reset form: the link's token and the new password. */
export const passwordResetSchema = z.object({
  token: z.string({ error: 'This reset link is not complete.' }).regex(/^[A-Za-z0-9_-]{43}$/, 'This reset link is not complete. Open it again from the e-mail.'),
  password: newPasswordSchema,
});
