import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ImportSourcesForm } from '@/components/sources/import-sources-form';
import { findSourceLibrary } from '@/lib/dal/source-import';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';
import { SOURCE_KIND_LABELS, safeHref } from '@/lib/format/verdicts';

type LibraryPageProps = { params: Promise<{ workspaceSlug: string }> };

export const metadata: Metadata = { title: 'Source library' };

export default async function SourceLibraryPage({ params }: LibraryPageProps) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/sources`);
  const library = await findSourceLibrary(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const exportBase = `/api/workspaces/${encodeURIComponent(workspaceSlug)}/sources`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{library.workspaceName}</Link>
      </p>
      <h1>Source library</h1>
      <p className="page__intro">
        Every source {library.workspaceName} has found, shared by all its documents. Download it as <a href={`${exportBase}/sources.json`}>CSL-JSON</a> or{' '}
        <a href={`${exportBase}/sources.bib`}>BibTeX</a>.
      </p>
      {library.canImport && (
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">Import from a reference manager</h2>
          <p className="page__intro">BibTeX, RIS or CSL-JSON. A source the library already has (same DOI, address, or title and year) is merged, not added twice.</p>
          <ImportSourcesForm workspaceSlug={workspaceSlug} />
        </section>
      )}
      <h2>Sources ({library.sources.length})</h2>
      {library.sources.length === 0 ? (
        <p>No source yet.</p>
      ) : (
        <ul className="source-library">
          {library.sources.map((source) => {
            const href = safeHref(source.url);
            return (
              <li key={source.id}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                    {source.title}
                  </a>
                ) : (
                  source.title
                )}
                <span className="sources-table__aside">
                  {' '}
                  · {[SOURCE_KIND_LABELS[source.kind], source.authors.join('; '), source.containerTitle, source.issued, source.doi && `DOI ${source.doi}`].filter(Boolean).join(' · ')} · used by{' '}
                  {source.useCount} {source.useCount === 1 ? 'note' : 'notes'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
