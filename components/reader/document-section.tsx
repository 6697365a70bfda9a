import { AnnotationThreads } from '@/components/annotations/annotation-threads';
import type { AnnotationView } from '@/lib/dal/annotations';
import type { SectionLayout } from '@/lib/domain/document-layout';
import type { ThreadNode } from '@/lib/domain/threads';
import { ParagraphText, type PdfPageLinks } from './paragraph-text';
import { SectionDiscussion } from './section-discussion';

/** What a section's discussion needs from the page. */
export type SectionDiscussionData = { threads: ThreadNode<AnnotationView>[]; openCount: number; isSignedIn: boolean; canShare: boolean; documentSlug: string };

/** Returns how a section is named to people: its heading, or its place for an untitled one. */
export function sectionName(section: Pick<SectionLayout, 'heading' | 'ordinal'>): string {
  return section.heading ?? `untitled section ${section.ordinal}`;
}

/** One section of the text: its heading (a link to itself) or a section break, its discussion, then its paragraphs. */
export function DocumentSection({ section, discussion, pdf = null }: { section: SectionLayout; discussion: SectionDiscussionData; pdf?: PdfPageLinks | null }) {
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
      <SectionDiscussion
        documentSlug={discussion.documentSlug}
        sectionSlug={section.slug}
        sectionName={sectionName(section)}
        threadCount={discussion.threads.length}
        openCount={discussion.openCount}
        isSignedIn={discussion.isSignedIn}
        canShare={discussion.canShare}
      >
        {discussion.threads.length > 0 && <AnnotationThreads threads={discussion.threads} documentSlug={discussion.documentSlug} />}
      </SectionDiscussion>
      {section.paragraphs.map((paragraph) => (
        <ParagraphText key={paragraph.id} paragraph={paragraph} pdf={pdf} />
      ))}
    </section>
  );
}
