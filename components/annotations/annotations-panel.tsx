import type { AnnotationView } from '@/lib/dal/annotations';
import { buildThreads, type ThreadNode } from '@/lib/domain/threads';
import { AnnotationCard } from './annotation-card';
import { MarkdownBody } from './markdown-body';

type PanelProps = { documentSlug: string; annotations: AnnotationView[]; isSignedIn: boolean; canShare: boolean };

function Thread({ node, documentSlug }: { node: ThreadNode<AnnotationView>; documentSlug: string }) {
  return (
    <li className="thread__item">
      {node.isPlaceholder ? (
        <p className="annotation-card annotation-card--placeholder">This annotation is no longer available.</p>
      ) : (
        <AnnotationCard annotation={node.item} documentSlug={documentSlug} body={node.item.body ? <MarkdownBody text={node.item.body} /> : null} />
      )}
      {node.children.length > 0 && (
        <ul className="thread__replies">
          {node.children.map((child) => (
            <Thread key={child.id} node={child} documentSlug={documentSlug} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Annotations region beside the text (below it on a phone): threads in document order, and the ones no longer placed. */
export function AnnotationsPanel({ documentSlug, annotations, isSignedIn, canShare }: PanelProps) {
  const threads = buildThreads(annotations);
  const positionOf = (node: ThreadNode<AnnotationView>) => node.item?.anchor.start ?? Number.MAX_SAFE_INTEGER;
  const placed = threads.filter((node) => node.isPlaceholder || node.item.anchor.status !== 'orphan').sort((a, b) => positionOf(a) - positionOf(b));
  const orphans = threads.filter((node) => !node.isPlaceholder && node.item.anchor.status === 'orphan');
  return (
    <section className="annotations-panel" aria-label="Annotations">
      <h2 className="annotations-panel__title">
        Annotations <span className="annotations-panel__count">({placed.length})</span>
      </h2>
      {!isSignedIn ? (
        <p className="annotations-panel__empty">Sign in to annotate this document and to see your team’s annotations.</p>
      ) : placed.length === 0 ? (
        <p className="annotations-panel__empty">
          No annotations yet. Select a passage and choose Annotate{canShare ? '' : ' to keep a private note'}, or press <kbd>?</kbd> for shortcuts.
        </p>
      ) : (
        <ul className="thread">
          {placed.map((node) => (
            <Thread key={node.id} node={node} documentSlug={documentSlug} />
          ))}
        </ul>
      )}
      {orphans.length > 0 && (
        <details className="annotations-panel__orphans">
          <summary>Not found in the current text ({orphans.length})</summary>
          <p className="form-field__hint">The passages these annotations quoted were changed or removed. They are kept here, never lost.</p>
          <ul className="thread">
            {orphans.map((node) => (
              <Thread key={node.id} node={node} documentSlug={documentSlug} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
