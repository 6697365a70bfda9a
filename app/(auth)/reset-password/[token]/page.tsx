import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { isPasswordResetUsable } from '@/lib/dal/password-resets';
import { MIN_PASSWORD_LENGTH } from '@/lib/validation/accounts';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const isUsable = /^[A-Za-z0-9_-]{43}$/.test(token) && (await isPasswordResetUsable(token));
  return (
    <div className="page page--form">
      <h1>Choose a new password</h1>
      {isUsable ? (
        <ResetPasswordForm token={token} minPasswordLength={MIN_PASSWORD_LENGTH} />
      ) : (
        <p className="page__intro">
          This reset link was already used or has expired. <Link href="/forgot-password">Ask for a new one</Link>.
        </p>
      )}
    </div>
  );
}
