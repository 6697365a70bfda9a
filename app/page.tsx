import Link from 'next/link';
import { findReadableDocuments } from '@/lib/dal/documents';
import { getViewer } from '@/lib/dal/viewer';
import { findViewerWorkspaces } from '@/lib/dal/workspaces';
import { formatCalendarDate } from '@/lib/format/dates';
import { ROLE_LABELS } from '@/lib/format/roles';

export default async function HomePage() {
  const viewer = await getViewer();
  const [documents, workspaces] = await Promise.all([findReadableDocuments(viewer), findViewerWorkspaces(viewer)]);
  return (
    <div className="page page--narrow">
      {viewer ? (
        <section aria-labelledby="workspaces-heading" className="home-section">
          <div className="home-section__header">
            <h1 id="workspaces-heading">Your workspaces</h1>
            <Link href="/workspaces/new" className="button">
              New workspace
            </Link>
          </div>
          {workspaces.length === 0 ? (
            <p>You are not in a workspace yet. Create one, or open an invite link from your team.</p>
          ) : (
            <ul className="plain-list">
              {workspaces.map((workspace) => (
                <li key={workspace.slug} className="plain-list__item">
                  <Link href={`/workspaces/${workspace.slug}`} className="plain-list__title">
                    {workspace.name}
                  </Link>
                  <p className="plain-list__meta">
                    {ROLE_LABELS[workspace.role]} · {workspace.memberCount} {workspace.memberCount === 1 ? 'member' : 'members'} ·{' '}
                    {workspace.documentCount} {workspace.documentCount === 1 ? 'document' : 'documents'}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <section className="home-section home-section--welcome">
          <h1>Read closely, together</h1>
          <p>
            Marginalia lets a team trace every claim of a text to its source, annotate and argue in the margins, and see each other’s work
            as it happens. <Link href="/signup">Create an account</Link> to annotate, or start reading below.
          </p>
        </section>
      )}
      <section aria-labelledby="documents-heading" className="home-section">
        <h2 id="documents-heading">Documents</h2>
        {documents.length === 0 ? (
          <p>No documents yet.</p>
        ) : (
          <ul className="plain-list">
            {documents.map((document) => (
              <li key={document.slug} className="plain-list__item">
                <Link href={`/documents/${document.slug}`} className="plain-list__title">
                  {document.title}
                </Link>
                {document.newSinceLastVisit ? (
                  <span className="annotation-card__badge annotation-card__badge--new document-list__new">
                    {document.newSinceLastVisit} new since your last visit
                  </span>
                ) : null}
                <p className="plain-list__meta">
                  {[document.series, document.publisher, document.publishedOn && formatCalendarDate(document.publishedOn), document.workspaceName]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
