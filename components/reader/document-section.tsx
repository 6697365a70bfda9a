import type { SectionLayout } from '@/lib/domain/document-layout';
import { ParagraphText } from './paragraph-text';

/** One section of the text: its heading (a link to itself) or, for an untitled section, a section break. */
export function DocumentSection({ section }: { section: SectionLayout }) {
  const headingId = `${section.slug}-heading`;
  return (
    <section
      id={section.slug}
      className="reader__section"
      aria-labelledby={section.heading ? headingId : undefined}
      aria-label={section.heading ? undefined : `Untitled section ${section.ordinal}`}
    >
      {section.heading ? (
        <h2 id={headingId} className="reader__heading">
          <a href={`#${section.slug}`} className="reader__heading-link">
            {section.heading}
          </a>
        </h2>
      ) : (
        <hr className="reader__section-break" />
      )}
      {section.paragraphs.map((paragraph) => (
        <ParagraphText key={paragraph.id} paragraph={paragraph} />
      ))}
    </section>
  );
}
