'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { describeWait } from '@/lib/format/durations';

/** The sign-in form; on success goes on to `returnTo`. */
export function SignInForm({ returnTo, showGithub }: { returnTo: string; showGithub: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and your password.');
      return;
    }
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { email, password, redirect: false });
      if (result?.ok) {
        router.push(returnTo);
        router.refresh();
        return;
      }
      if (result?.status === 429) {
        // The server names the wait in the error code: "RateLimited:<seconds>".
        const retryAfter = Number(result.error?.split(':')[1]) || 60;
        setError(`Too many sign-in attempts. Try again in ${describeWait(retryAfter)}.`);
      } else {
        setError('That email and password do not match an account.');
      }
    } catch {
      setError('We could not reach the server. Check your connection and try again.');
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormAlert message={error} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" className="button button--primary" disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {showGithub && (
        <button type="button" className="button" onClick={() => void signIn('github', { callbackUrl: returnTo })}>
          Sign in with GitHub
        </button>
      )}
      <p className="form__aside">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="form__aside">
        New here? <Link href={`/signup?returnTo=${encodeURIComponent(returnTo)}`}>Create an account</Link>
      </p>
    </form>
  );
}
