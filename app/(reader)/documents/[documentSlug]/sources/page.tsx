import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CitePassageButton } from '@/components/sources/cite-passage-button';
import { CitedPassage } from '@/components/sources/cited-passage';
import { DeskLiveRefresh } from '@/components/sources/desk-live-refresh';
import { MergeDuplicatesButton } from '@/components/sources/merge-duplicates-button';
import { NextNoteButton } from '@/components/sources/next-note-button';
import { NoteTracingForm } from '@/components/sources/note-tracing-form';
import { SourceManager } from '@/components/sources/source-manager';
import { TracingHistory } from '@/components/sources/tracing-history';
import { VerdictBadge } from '@/components/sources/verdict-badge';
import { getDocumentSummary } from '@/lib/dal/documents';
import { getVerificationDesk } from '@/lib/dal/verification-desk';
import { getViewer } from '@/lib/dal/viewer';
import { DESK_FILTERS, DESK_FILTER_LABELS, parseDeskFilter, TRACING_STATUSES, TRACING_STATUS_LABELS } from '@/lib/domain/tracing';
import { safeHref } from '@/lib/format/verdicts';

type SourcesPageProps = { params: Promise<{ documentSlug: string }>; searchParams: Promise<{ filter?: string | string[] }> };

export async function generateMetadata({ params }: SourcesPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary ? `Verification desk: ${summary.title}` : 'Document not found' };
}

export default async function VerificationDeskPage({ params, searchParams }: SourcesPageProps) {
  const { documentSlug } = await params;
  const { filter } = await searchParams;
  const viewer = await getViewer();
  const desk = await getVerificationDesk(viewer, documentSlug, parseDeskFilter(filter));
  if (!desk) notFound();
  const { coverage } = desk;
  const base = `/documents/${desk.slug}/sources`;
  const filters = DESK_FILTERS.filter((name) => viewer || name !== 'mine');
  return (
    <div className="page sources-page">
      <p className="breadcrumb">
        <Link href={`/documents/${desk.slug}`}>{desk.title}</Link>
      </p>
      <h1>Verification desk</h1>
      {viewer && <DeskLiveRefresh documentSlug={desk.slug} />}
      <div className="desk-progress">
        <label htmlFor="notes-traced">Notes traced</label>{' '}
        <progress id="notes-traced" max={desk.total} value={desk.traced} aria-valuetext={`${desk.traced} of ${desk.total}`}>
          {desk.traced} of {desk.total}
        </progress>{' '}
        <span>
          {desk.traced} of {desk.total}
        </span>
      </div>
      <p className="coverage" role="status">
        <strong>
          {coverage.withSource} of {desk.total} notes have a source; {coverage.supported} verified
        </strong>
        {coverage.contradicted > 0 && `; ${coverage.contradicted} contradicted by their source`}.
      </p>
      <ul className="desk-counts" aria-label="Notes by status">
        {TRACING_STATUSES.map((status) => (
          <li key={status}>
            {TRACING_STATUS_LABELS[status]}: <strong>{desk.counts[status]}</strong>
          </li>
        ))}
      </ul>
      <div className="desk-actions">
        {desk.canTrace && <NextNoteButton documentSlug={desk.slug} footnoteNumber={desk.nextNote} />}
        <a className="button button--small" href={`/documents/${desk.slug}/report`}>
          Verification report
        </a>
        {desk.viewerId && desk.members.length > 0 && (
          <Link className="button button--small" href={`/workspaces/${desk.workspaceSlug}/sources`}>
            Source library
          </Link>
        )}
        {desk.canManageSources && desk.duplicateCount > 0 && <MergeDuplicatesButton documentSlug={desk.slug} workspaceSlug={desk.workspaceSlug} count={desk.duplicateCount} />}
      </div>
      <nav aria-label="Filter notes" className="desk-filters">
        <ul>
          {filters.map((name) => (
            <li key={name}>
              <Link href={name === 'all' ? base : `${base}?filter=${name}`} aria-current={desk.filter === name ? 'page' : undefined}>
                {DESK_FILTER_LABELS[name]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {desk.notes.length === 0 && <p className="page__intro">No note matches this filter.</p>}
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Notes and their sources">
        <table className="sources-table">
          <caption className="visually-hidden">Every note of the document, its tracing, its sources and their verdicts</caption>
          <thead>
            <tr>
              <th scope="col">Note</th>
              <th scope="col">Status</th>
              <th scope="col">Citing sentence</th>
              <th scope="col">Sources and verdicts</th>
            </tr>
          </thead>
          <tbody>
            {desk.notes.map((note) => (
              <tr key={note.number} data-status={note.status}>
                <th scope="row">
                  <Link href={`/documents/${desk.slug}#fn-${note.number}`} aria-label={`Note ${note.number}`}>
                    {note.number}
                  </Link>
                </th>
                <td>
                  <p className="desk-status">
                    {TRACING_STATUS_LABELS[note.status]}
                    {note.assigneeName ? ` · ${note.assigneeName}` : desk.viewerId && ' · unassigned'}
                  </p>
                  {desk.canTrace && (
                    <NoteTracingForm
                      documentSlug={desk.slug}
                      footnoteNumber={note.number}
                      status={note.status}
                      assigneeId={note.assigneeId}
                      members={desk.members}
                      canVerify={desk.canManageSources}
                    />
                  )}
                  <TracingHistory entries={note.history} label={`History of note ${note.number}`} />
                </td>
                <td className="desk-sentence">{note.citingSentences[0] ?? <span className="sources-table__aside">No citing sentence</span>}</td>
                <td>
                  {note.sources.length === 0 ? (
                    <span className="sources-table__aside">No source yet</span>
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
                            {source.passage ? (
                              <CitedPassage passage={source.passage} compareHref={`/documents/${desk.slug}/notes/${note.number}/compare`} />
                            ) : (
                              source.evidenceQuote && <blockquote className="source-card__evidence">{source.evidenceQuote}</blockquote>
                            )}
                            {desk.canTrace && source.sourceDocument && <CitePassageButton sourceDocumentSlug={source.sourceDocument.slug} footnoteSourceId={source.id} />}
                            {desk.canManageSources && <SourceManager documentSlug={desk.slug} source={source} />}
                            <TracingHistory entries={source.sourceHistory} label={`History of source ${source.title}`} />
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
