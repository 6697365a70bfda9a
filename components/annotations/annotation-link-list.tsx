import type { AnnotationLinkView } from '@/lib/dal/annotation-links';
import { RemoveLinkButton } from './remove-link-button';

/** The links of one card: how each bears on this annotation, the other side's quote (and document), and why. */
export function AnnotationLinkList({ links, documentSlug }: { links: AnnotationLinkView[]; documentSlug: string }) {
  if (links.length === 0) return null;
  return (
    <ul className="annotation-links__list" aria-label="Links">
      {links.map((link) => (
        <li key={`${link.id}-${link.other.id}`} className={`annotation-links__item annotation-links__item--${link.kind.toLowerCase().replace(/_/g, '-')}`}>
          <span className="annotation-links__kind">{link.phrase}</span>{' '}
          <a href={link.other.href} className="annotation-links__quote">
            “{link.other.quote}”
          </a>
          {link.other.documentTitle && <span className="annotation-links__document"> in {link.other.documentTitle}</span>}
          {link.reason && <p className="annotation-links__reason">Why: {link.reason}</p>}
          {link.canDelete && <RemoveLinkButton documentSlug={documentSlug} linkId={link.id} label={`Remove link: ${link.phrase} “${link.other.quote.slice(0, 60).trim()}”`} />}
        </li>
      ))}
    </ul>
  );
}
