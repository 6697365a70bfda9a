import Link from 'next/link';
import { connection } from 'next/server';
import { findPublicDocuments } from '@/lib/dal/documents';
import { formatCalendarDate } from '@/lib/format/dates';

export default async function HomePage() {
  await connection();
  const documents = await findPublicDocuments();
  return (
    <div className="page page--narrow">
      <h1>Documents</h1>
      {documents.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <ul className="document-list">
          {documents.map((document) => (
            <li key={document.slug} className="document-list__item">
              <Link href={`/documents/${document.slug}`} className="document-list__title">
                {document.title}
              </Link>
              <p className="document-list__meta">
                {[document.series, document.publisher, document.publishedOn && formatCalendarDate(document.publishedOn)]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
