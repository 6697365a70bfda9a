import Link from 'next/link';
import type { CitedPassage as CitedPassageData } from '@/lib/dal/cited-passages';

const ANCHOR_NOTES: Record<CitedPassageData['anchorStatus'], string | null> = {
  exact: null,
  moved: 'moved in a newer version',
  fuzzy: 'found approximately in a newer version',
  orphan: 'not found in the newest version',
};

/** The passage cited as evidence, from the source's own document: its words, where it is, and a way to compare it with the claim. */
export function CitedPassage({ passage, compareHref }: { passage: CitedPassageData; compareHref: string | null }) {
  const note = ANCHOR_NOTES[passage.anchorStatus];
  return (
    <figure className="cited-passage">
      <blockquote className="source-card__evidence">{passage.quote}</blockquote>
      <figcaption className="cited-passage__place">
        Cited passage: <Link href={passage.href}>{passage.documentTitle}</Link>, {passage.place}
        {note && ` (${note})`}
        {compareHref && (
          <>
            {' · '}
            <Link href={compareHref}>Compare with the citing sentence</Link>
          </>
        )}
      </figcaption>
    </figure>
  );
}
