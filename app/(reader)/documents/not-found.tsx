import Link from 'next/link';

export default function DocumentNotFound() {
  return (
    <div className="page page--narrow">
      <h1>No such document</h1>
      <p>There is no document at this address, or it is not shared with you. Check the link, or pick a document from the list.</p>
      <p>
        <Link href="/">See all documents</Link>
      </p>
    </div>
  );
}
