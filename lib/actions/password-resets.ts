'use server';

import { headers } from 'next/headers';
import { requestPasswordReset, resetPassword } from '@/lib/dal/password-resets';
import { runAction, type ActionResult } from '@/lib/errors';
import { clientAddressOf } from '@/lib/request-info';

/** Sends a reset link to the address if it has an account; answers the same either way. */
export async function requestPasswordResetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => requestPasswordReset({ email: form.get('email') }, clientAddressOf(await headers())));
}

/** Sets a new password from a reset link, once; every session of the account ends. */
export async function resetPasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => resetPassword({ token: form.get('token'), password: form.get('password') }));
}
