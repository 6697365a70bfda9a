'use client';

import { signOut } from 'next-auth/react';

/** Ends this browser's session and returns to the home page. */
export function SignOutButton() {
  return (
    <button type="button" className="link-button" onClick={() => void signOut({ callbackUrl: '/' })}>
      Sign out
    </button>
  );
}
