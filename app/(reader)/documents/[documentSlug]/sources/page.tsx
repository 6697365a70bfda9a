import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VerdictBadge } from '@/components/sources/verdict-badge';
import { getDocumentSummary, getSourcesOverview, type NoteOverview } from '@/lib/dal/documents';
import { getViewer } from '@/lib/dal/viewer';
import { safeHref } from '@/lib/format/verdicts';

type SourcesPageProps = { params: Promise<{ documentSlug: string }> };

const STATUS_LABELS: Record<NoteOverview['status'], string> = {
  'no-source': 'No source yet',
  unverified: 'Not yet checked',
  supported: 'Supported',
  contradicted: 'Contradicted',
  inaccessible: 'Source inaccessible',
};

export async function generateMetadata({ params }: SourcesPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary ? `Sources of ${summary.title}` : 'Document not found' };
}

export default async function SourcesPage({ params }: SourcesPageProps) {
  const { documentSlug } = await params;
  const overview = await getSourcesOverview(await getViewer(), documentSlug);
  if (!overview) notFound();
  const { coverage } = overview;
  const missingTexts = overview.notes.filter((note) => !note.hasNoteText).length;
  // Said once when no note has its text (as in the seed article), per note when only some lack it.
  const isEveryTextMissing = missingTexts === overview.notes.length;
  return (
    <div className="page sources-page">
      <p className="breadcrumb">
        <Link href={`/documents/${overview.slug}`}>{overview.title}</Link>
      </p>
      <h1>Sources</h1>
      <p className="coverage" role="status">
        <strong>
          {coverage.withSource} of {coverage.total} notes have a source; {coverage.supported} verified
        </strong>
        {coverage.contradicted > 0 && `; ${coverage.contradicted} contradicted by their source`}.
      </p>
      {isEveryTextMissing && missingTexts > 0 && (
        <p className="page__intro">This copy of the document has none of its {missingTexts} note texts: each source here was found by the team.</p>
      )}
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Notes and their sources">
        <table className="sources-table">
          <caption className="visually-hidden">Every note of the document, its sources and their verdicts</caption>
          <thead>
            <tr>
              <th scope="col">Note</th>
              <th scope="col">Status</th>
              <th scope="col">Claims</th>
              <th scope="col">Sources and verdicts</th>
            </tr>
          </thead>
          <tbody>
            {overview.notes.map((note) => (
              <tr key={note.number} data-status={note.status}>
                <th scope="row">
                  <Link href={`/documents/${overview.slug}#fn-${note.number}`} aria-label={`Note ${note.number}`}>
                    {note.number}
                  </Link>
                </th>
                <td>
                  {STATUS_LABELS[note.status]}
                  {!note.hasNoteText && !isEveryTextMissing && <span className="sources-table__aside"> · note text missing</span>}
                </td>
                <td>{note.claimCount}</td>
                <td>
                  {note.sources.length === 0 ? (
                    <span className="sources-table__aside">None</span>
                  ) : (
                    <ul className="sources-table__list">
                      {note.sources.map((source) => {
                        const href = safeHref(source.url);
                        return (
                          <li key={source.id}>
                            {href ? (
                              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                                {source.title}
                              </a>
                            ) : (
                              source.title
                            )}{' '}
                            <VerdictBadge verdict={source.verdict} />
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
