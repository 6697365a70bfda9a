'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';

type FieldErrors = Record<string, string[] | undefined>;

/** The account form: name, e-mail, password; signs the new account in and goes on to `returnTo`. */
export function SignUpForm({ returnTo, minPasswordLength }: { returnTo: string; minPasswordLength: number }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const account = { name: form.get('name'), email: form.get('email'), password: form.get('password') };
    setIsPending(true);
    setFormError(null);
    try {
      const response = await fetch('/api/accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(account) });
      if (!response.ok) {
        const { error } = (await response.json()) as { error: { message: string; fieldErrors?: FieldErrors } };
        setFieldErrors(error.fieldErrors ?? {});
        setFormError(error.fieldErrors ? null : error.message);
        return;
      }
      setFieldErrors({});
      const result = await signIn('credentials', { email: account.email, password: account.password, redirect: false });
      if (!result?.ok) {
        setFormError('We could not sign you in. If this email already had an account, sign in with that account’s password, or reset it with its owner.');
        return;
      }
      router.push(returnTo);
      router.refresh();
    } catch {
      setFormError('We could not reach the server. Check your connection and try again.');
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormAlert message={formError} />
      <FormField label="Name" name="name" autoComplete="name" required errors={fieldErrors.name} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required errors={fieldErrors.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters. A few unrelated words make a strong password.`}
        errors={fieldErrors.password}
      />
      <button type="submit" className="button button--primary" disabled={isPending}>
        {isPending ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="form__aside">
        Already have an account? <Link href={`/signin?returnTo=${encodeURIComponent(returnTo)}`}>Sign in</Link>
      </p>
    </form>
  );
}
