'use client';

import { signOut } from 'next-auth/react';
import { useTransition } from 'react';
import { signOutEverywhereAction } from '@/lib/actions/accounts';

/** Ends every session of this account, then this browser's. */
export function SignOutEverywhereButton() {
  const [isPending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="button"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          const result = await signOutEverywhereAction();
          if (result.ok) await signOut({ callbackUrl: '/signin' });
        })
      }
    >
      Sign out everywhere
    </button>
  );
}
