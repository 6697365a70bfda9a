import { signOutAction } from '@/lib/actions/accounts';

/** Ends this browser's session and returns to the home page. */
export function SignOutButton() {
  return (
    <form action={signOutAction} className="sign-out-form">
      <button type="submit" className="link-button">
        Sign out
      </button>
    </form>
  );
}
