import type { VersionPiece, VersionSection } from '@/lib/dal/document-versions';

function Paragraph({ pieces }: { pieces: VersionPiece[] }) {
  return <p>{pieces.map((piece, index) => (piece.isMarked ? <mark key={index} className="highlight">{piece.text}</mark> : piece.text))}</p>;
}

/** The text of an old version, read-only, with the passages its annotations covered marked. */
export function VersionText({ lead, sections }: { lead: VersionPiece[][]; sections: VersionSection[] }) {
  return (
    <div className="version-text">
      {lead.map((pieces, index) => (
        <Paragraph key={`lead-${index}`} pieces={pieces} />
      ))}
      {sections.map((section) => (
        <section key={section.slug} aria-labelledby={section.heading ? `version-${section.slug}` : undefined} aria-label={section.heading ? undefined : 'Untitled section'}>
          {section.heading && <h2 id={`version-${section.slug}`}>{section.heading}</h2>}
          {section.paragraphs.map((pieces, index) => (
            <Paragraph key={index} pieces={pieces} />
          ))}
        </section>
      ))}
    </div>
  );
}
