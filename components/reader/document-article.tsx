import type { ReaderDocument } from '@/lib/dal/documents';
import { formatCalendarDate } from '@/lib/format/dates';
import { DocumentSection } from './document-section';
import { ParagraphText } from './paragraph-text';

/** The whole reading view of a document: its title, publication line, lead and sections. */
export function DocumentArticle({ document }: { document: ReaderDocument }) {
  const publication = [document.series, document.publisher].filter(Boolean).join(', ');
  return (
    <article className="reader" lang={document.language ?? undefined}>
      <header className="reader__header">
        <h1 className="reader__title">{document.title}</h1>
        <p className="reader__byline">
          {publication}
          {document.publishedOn && (
            <>
              {publication && ' · '}
              <time dateTime={document.publishedOn}>{formatCalendarDate(document.publishedOn)}</time>
            </>
          )}
          {document.originalUrl && (
            <>
              {' · '}
              <a href={document.originalUrl} rel="noopener noreferrer nofollow" target="_blank">
                Original publication<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          )}
        </p>
      </header>
      <div className="reader__lead">
        {document.lead.map((paragraph) => (
          <ParagraphText key={paragraph.id} paragraph={paragraph} />
        ))}
      </div>
      {document.sections.map((section) => (
        <DocumentSection key={section.slug} section={section} />
      ))}
    </article>
  );
}
