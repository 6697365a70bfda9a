import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { getViewer } from '@/lib/dal/viewer';

/** The thin bar above every page: the product name, and the account links. */
export async function SiteHeader() {
  const viewer = await getViewer();
  return (
    <header className="site-header">
      <nav aria-label="Site" className="site-header__nav">
        <Link href="/" className="site-header__brand">
          Marginalia
        </Link>
        <ul className="site-header__account">
          {viewer ? (
            <>
              <li>
                <Link href="/settings" className="site-header__link">
                  {viewer.name}
                </Link>
              </li>
              <li>
                <SignOutButton />
              </li>
            </>
          ) : (
            <>
              <li>
                <Link href="/signin" className="site-header__link">
                  Sign in
                </Link>
              </li>
              <li>
                <Link href="/signup" className="site-header__link">
                  Create account
                </Link>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
