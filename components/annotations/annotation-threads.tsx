import type { AnnotationView } from '@/lib/dal/annotations';
import type { ThreadNode } from '@/lib/domain/threads';
import { AnnotationCard } from './annotation-card';
import { AnnotationLinkList } from './annotation-link-list';
import { MarkdownBody } from './markdown-body';
import { MoreReplies } from './more-replies';

function Thread({ node, documentSlug }: { node: ThreadNode<AnnotationView>; documentSlug: string }) {
  return (
    <li className="thread__item">
      {node.isPlaceholder ? (
        <p className="annotation-card annotation-card--placeholder">This annotation is no longer available.</p>
      ) : (
        <AnnotationCard
          annotation={{ ...node.item, links: undefined }}
          documentSlug={documentSlug}
          body={node.item.body ? <MarkdownBody text={node.item.body} /> : null}
          links={node.item.links?.length ? <AnnotationLinkList links={node.item.links} documentSlug={documentSlug} /> : null}
        />
      )}
      {node.children.length > 0 && (
        <ul className="thread__replies">
          {node.children.map((child) => (
            <Thread key={child.id} node={child} documentSlug={documentSlug} />
          ))}
        </ul>
      )}
      {node.moreReplies && node.moreReplies.count > 0 && <MoreReplies documentSlug={documentSlug} threadId={node.id} count={node.moreReplies.count} offset={node.moreReplies.offset} />}
    </li>
  );
}

/** Replies fetched by `Show more replies`: each on its own, in reading order (their own replies follow them). */
export function ReplyItems({ replies, documentSlug }: { replies: ThreadNode<AnnotationView>[]; documentSlug: string }) {
  return (
    <>
      {replies.map((node) => (
        <Thread key={node.id} node={node} documentSlug={documentSlug} />
      ))}
    </>
  );
}

/** Threads of annotations with their replies, nested (flattened past a few levels). */
export function AnnotationThreads({ threads, documentSlug }: { threads: ThreadNode<AnnotationView>[]; documentSlug: string }) {
  return (
    <ul className="thread">
      {threads.map((node) => (
        <Thread key={node.id} node={node} documentSlug={documentSlug} />
      ))}
    </ul>
  );
}
