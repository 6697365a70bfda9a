import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getViewer } from '@/lib/dal/viewer';
import { isGithubSignInEnabled } from '@/lib/auth-providers';
import { returnPathSchema } from '@/lib/validation/accounts';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string; callbackUrl?: string }> }) {
  const params = await searchParams;
  const returnTo = returnPathSchema.parse(params.returnTo ?? toPath(params.callbackUrl) ?? '/');
  if (await getViewer()) redirect(returnTo);
  return (
    <div className="page page--form">
      <h1>Sign in</h1>
      <SignInForm returnTo={returnTo} showGithub={isGithubSignInEnabled()} />
    </div>
  );
}

// next-auth sends people here with an absolute callbackUrl; only its path is kept.
function toPath(callbackUrl: string | undefined): string | undefined {
  if (!callbackUrl) return undefined;
  try {
    const url = new URL(callbackUrl, 'http://localhost');
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}
