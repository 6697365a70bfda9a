import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getViewer } from '@/lib/dal/viewer';
import { MIN_PASSWORD_LENGTH, returnPathSchema } from '@/lib/validation/accounts';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const returnTo = returnPathSchema.parse((await searchParams).returnTo ?? '/');
  if (await getViewer()) redirect(returnTo);
  return (
    <div className="page page--form">
      <h1>Create an account</h1>
      <p className="page__intro">Annotate, discuss and trace sources with your team.</p>
      <SignUpForm returnTo={returnTo} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
