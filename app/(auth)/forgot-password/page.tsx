import type { Metadata } from 'next';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { isMailOn } from '@/lib/mail/config';

export const metadata: Metadata = { title: 'Forgotten password' };

export default function ForgotPasswordPage() {
  return (
    <div className="page page--form">
      <h1>Forgotten password</h1>
      {isMailOn() ? (
        <>
          <p className="page__intro">Enter the address you sign in with. We send a link to choose a new password.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p className="page__intro">E-mail is off on this server, so no reset link can be sent. Ask the owner of your workspace for help.</p>
      )}
    </div>
  );
}
