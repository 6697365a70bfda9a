import Link from 'next/link';

/** The thin bar above every page: the product name, linking home. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <nav aria-label="Site">
        <Link href="/" className="site-header__brand">
          Marginalia
        </Link>
      </nav>
    </header>
  );
}
