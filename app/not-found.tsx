import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="page page--narrow">
      <h1>Page not found</h1>
      <p>Nothing lives at this address.</p>
      <p>
        <Link href="/">See all documents</Link>
      </p>
    </div>
  );
}
