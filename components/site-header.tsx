import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { ColourSchemeToggle } from '@/components/colour-scheme-toggle';
import { NotificationsLink } from '@/components/notifications/notifications-link';
import { countUnreadNotifications } from '@/lib/dal/notifications';
import { getViewer } from '@/lib/dal/viewer';
import type { ColourSchemeName } from '@/lib/validation/preferences';

/** The thin bar above every page: the product name, the colour scheme switch and the account links. */
export async function SiteHeader({ colourScheme }: { colourScheme: ColourSchemeName }) {
  const viewer = await getViewer();
  return (
    <header className="site-header">
      <nav aria-label="Site" className="site-header__nav">
        <Link href="/" className="site-header__brand">
          Marginalia
        </Link>
        <form role="search" action="/search" className="site-header__search">
          <label htmlFor="site-search" className="visually-hidden">
            Search
          </label>
          <input id="site-search" name="q" type="search" placeholder="Search" className="site-header__search-input" maxLength={2000} />
        </form>
        <ul className="site-header__account">
          <li>
            {/* Keyed by the stored choice, so a page that arrives with another one (set in another tab) starts it afresh. */}
            <ColourSchemeToggle key={colourScheme} initialScheme={colourScheme} />
          </li>
          {viewer ? (
            <>
              <li>
                <NotificationsLink initialCount={await countUnreadNotifications(viewer)} />
              </li>
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
