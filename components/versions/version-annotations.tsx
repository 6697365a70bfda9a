import type { VersionAnnotation } from '@/lib/dal/document-versions';
import { formatInstant } from '@/lib/format/dates';

const PLACEMENT_LABELS: Record<VersionAnnotation['placement'], string> = {
  exact: 'Placed exactly',
  moved: 'Placed where the quote moved',
  fuzzy: 'Placed on a similar passage',
  orphan: 'Not found in this version',
};

/** The annotations made while a version was current, each with its quote and where it sits on that version. */
export function VersionAnnotations({ annotations }: { annotations: VersionAnnotation[] }) {
  return (
    <section aria-labelledby="version-annotations" className="version-annotations">
      <h2 id="version-annotations">Annotations on this version</h2>
      {annotations.length === 0 ? (
        <p className="status-message">No annotations you can see were made on this version.</p>
      ) : (
        <ul>
          {annotations.map((annotation) => (
            <li key={annotation.id}>
              <article aria-label={`Annotation by ${annotation.authorName}`}>
                <blockquote>{annotation.quote}</blockquote>
                {annotation.excerpt && <p>{annotation.excerpt}</p>}
                <p className="version-annotations__meta">
                  {annotation.authorName}, {formatInstant(annotation.createdAt)} · {PLACEMENT_LABELS[annotation.placement]}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
