import Link from 'next/link';
import { DocumentVisibilityChoice } from '@/components/reader/document-visibility-choice';
import { AnnotationLayer } from '@/components/annotations/annotation-layer';
import { AnnotationsPanel } from '@/components/annotations/annotations-panel';
import { HighlightLegend } from '@/components/annotations/highlight-legend';
import { AnnotationsSheet } from '@/components/annotations/annotations-sheet';
import type { ReaderDocument } from '@/lib/dal/documents';
import { filterSearchParams, type AnnotationFilter } from '@/lib/domain/annotation-filter';
import { buildThreads } from '@/lib/domain/threads';
import { formatCalendarDate } from '@/lib/format/dates';
import { safeHref } from '@/lib/format/verdicts';
import { CitationLensLegend, CitationLensToggle } from './citation-lens-toggle';
import { FollowButton } from '@/components/notifications/follow-button';
import { FollowStateProvider } from '@/components/notifications/follow-state';
import { DocumentSection, type SectionDiscussionData } from './document-section';
import { LiveUpdates } from './live-updates';
import { ParagraphText } from './paragraph-text';
import { DocumentReaderProvider } from './reader-state';

/** The whole reading view of a document: its title, publication line, tools, lead and sections, with the annotations beside it. */
export function DocumentArticle({
  document,
  isSignedIn,
  filter,
  follows = null,
}: {
  document: ReaderDocument;
  isSignedIn: boolean;
  filter: AnnotationFilter;
  /** What the signed-in person follows here: the document, and which listed threads. */
  follows?: { isDocumentFollowed: boolean; followedThreadIds: string[] } | null;
}) {
  const { list, canShare, highlightsVersion, colouring, legend } = document.annotations;
  const discussions = new Map<string, SectionDiscussionData>(
    document.sections.map((section) => {
      const threads = buildThreads(document.annotations.discussions.filter((annotation) => annotation.sectionSlug === section.slug));
      const openCount = threads.filter((node) => !node.isPlaceholder && node.item.status === 'OPEN').length;
      return [section.slug, { threads, openCount, isSignedIn, canShare, documentSlug: document.slug }];
    }),
  );
  const publication = [document.series, document.publisher].filter(Boolean).join(', ');
  const original = safeHref(document.originalUrl);
  const pdf = document.pdf ? { documentSlug: document.slug, versionNumber: document.versionNumber } : null;
  const notesWithSource = document.footnotes.filter((footnote) => footnote.sources.length > 0).length;
  // The highlights come after the page, from a table named by its fingerprint: a page whose highlights did not
  // change (a refresh, another batch of the list) names the same table, which the browser already has.
  const highlightsUrl = highlightsVersion && `/documents/${document.slug}/highlights?${new URLSearchParams({ ...filterSearchParams(filter), v: highlightsVersion }).toString()}`;
  return (
    <DocumentReaderProvider
      documentSlug={document.slug}
      originalUrl={document.originalUrl}
      rights={document.rights}
      sourceOptions={document.sourceOptions}
      footnotes={document.footnotes}
    >
      <FollowStateProvider followedThreadIds={follows?.followedThreadIds ?? null}>
      <div className="reader-layout">
        <AnnotationLayer
          documentSlug={document.slug}
          versionNumber={document.versionNumber}
          isSignedIn={isSignedIn}
          canShare={canShare}
          highlightsUrl={highlightsUrl}
          listKey={`${list.window.start}-${list.window.end}`}
        >
          <article className="reader" lang={document.language ?? undefined} aria-labelledby="document-title">
            <header className="reader__header">
              <h1 id="document-title" className="reader__title">
                {document.title}
              </h1>
              <p className="reader__byline">
                {publication}
                {document.publishedOn && (
                  <>
                    {publication && ' · '}
                    <time dateTime={document.publishedOn}>{formatCalendarDate(document.publishedOn)}</time>
                  </>
                )}
                {original && (
                  <>
                    {(publication || document.publishedOn) && ' · '}
                    <a href={original} rel="noopener noreferrer nofollow" target="_blank">
                      Original publication<span className="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  </>
                )}
                {document.pdf && (
                  <>
                    {(publication || document.publishedOn || original) && ' · '}
                    <a href={`/api/documents/${document.slug}/pdf?version=${document.versionNumber}`} download>
                      Download the original PDF ({document.pdf.pageCount} {document.pdf.pageCount === 1 ? 'page' : 'pages'})
                    </a>
                  </>
                )}
                {(publication || document.publishedOn || original || document.pdf) && ' · '}
                <Link href={`/documents/${document.slug}/versions`}>Version {document.versionNumber}: all versions</Link>
              </p>
              {document.visibility.canChange && <DocumentVisibilityChoice documentSlug={document.slug} isPublic={document.visibility.isPublic} />}
              {follows && (
                <p className="reader__follow">
                  <FollowButton className="button button--small button--quiet" target={{ target: 'DOCUMENT', documentSlug: document.slug }} isFollowing={follows.isDocumentFollowed} />
                </p>
              )}
              {document.footnotes.length > 0 && (
                <div className="reader__tools">
                  <Link href={`/documents/${document.slug}/sources`} className="reader__tool-link">
                    Sources: {notesWithSource} of {document.footnotes.length} notes traced
                  </Link>
                  <CitationLensToggle />
                  <details className="reader__exports">
                    <summary>Export</summary>
                    <ul>
                      <li>
                        <a href={`/api/documents/${document.slug}/export/annotations.jsonld`}>Annotations (W3C JSON-LD)</a>
                      </li>
                      <li>
                        <a href={`/api/documents/${document.slug}/export/report.md`}>Report by section (Markdown)</a>
                      </li>
                      <li>
                        <a href={`/api/documents/${document.slug}/export/claims.csv`}>Tagged claims (CSV)</a>
                      </li>
                      <li>
                        <a href={`/api/documents/${document.slug}/export/sources.json`}>Sources (CSL-JSON)</a>
                      </li>
                    </ul>
                  </details>
                  <Link href={`/documents/${document.slug}/import`} className="reader__tool-link">
                    Import annotations
                  </Link>
                </div>
              )}
              <CitationLensLegend>
                <span className="lens-legend__item lens-legend__item--needed">Figures, dates or quantities with no citation</span>
                <span className="lens-legend__item lens-legend__item--unverified">Cited, but no source yet supports it</span>
              </CitationLensLegend>
              <HighlightLegend colouring={colouring} legend={legend} isSignedIn={isSignedIn} />
              <nav aria-label="Sections" className="section-navigator">
                <ol>
                  {document.sections.map((section) => {
                    const discussion = discussions.get(section.slug);
                    const count = discussion?.threads.length ?? 0;
                    return (
                      <li key={section.slug}>
                        <a href={`#${section.slug}`}>{section.heading ?? `Untitled section ${section.ordinal}`}</a>
                        {count > 0 && (
                          <span className="section-navigator__count">
                            {' '}
                            · {count} {count === 1 ? 'thread' : 'threads'}
                            {discussion?.openCount ? `, ${discussion.openCount} open` : ''}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </nav>
              {isSignedIn && (
                <LiveUpdates
                  documentSlug={document.slug}
                  renderedAt={new Date().toISOString()}
                  sections={document.sections.map((section) => ({ slug: section.slug, title: section.heading ?? `Untitled section ${section.ordinal}` }))}
                />
              )}
            </header>
            <div className="reader__lead">
              {document.lead.map((paragraph) => (
                <ParagraphText key={paragraph.id} paragraph={paragraph} pdf={pdf} />
              ))}
            </div>
            {document.sections.map((section) => (
              <DocumentSection
                key={section.slug}
                section={section}
                pdf={pdf}
                discussion={discussions.get(section.slug) ?? { threads: [], openCount: 0, isSignedIn, canShare, documentSlug: document.slug }}
              />
            ))}
          </article>
        </AnnotationLayer>
        <AnnotationsSheet>
          <AnnotationsPanel
            documentSlug={document.slug}
            list={list}
            isSignedIn={isSignedIn}
            canShare={canShare}
            filter={filter}
            choices={{
              ...document.annotations.filterChoices,
              sections: document.sections.map((section) => ({ slug: section.slug, name: section.heading ?? `Untitled section ${section.ordinal}` })),
              footnotes: document.footnotes.map((footnote) => footnote.number),
            }}
          />
        </AnnotationsSheet>
      </div>
      </FollowStateProvider>
    </DocumentReaderProvider>
  );
}
