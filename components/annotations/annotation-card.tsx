'use client';

import { FollowButton } from '@/components/notifications/follow-button';
import { useFollowedThreads } from '@/components/notifications/follow-state';
import { lazy, Suspense, useId, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { deleteAnnotationAction, hideAnnotationAction, replyAction, resolveThreadAction, settleAnchorAction, updateAnnotationAction } from '@/lib/actions/annotations';
import type { AnnotationView } from '@/lib/dal/annotations';
import { pagesLabel } from '@/lib/domain/pdf-pages';
import { formatInstant } from '@/lib/format/dates';
import { focusMark, marksOfAnnotation } from './highlight-lookup';
import { ReactionBar } from './reaction-bar';

type Mode = 'idle' | 'reply' | 'edit' | 'resolve' | 'link';

// The editor and the reply and resolve forms open only on request; their code is fetched then, in one piece.
const cardForms = () => import('./annotation-card-forms');
const AnnotationEditForm = lazy(() => cardForms().then((module) => ({ default: module.AnnotationEditForm })));
const AnnotationReplyForm = lazy(() => cardForms().then((module) => ({ default: module.AnnotationReplyForm })));
const AnnotationResolveForm = lazy(() => cardForms().then((module) => ({ default: module.AnnotationResolveForm })));
const AnchorConfirmation = lazy(() => cardForms().then((module) => ({ default: module.AnchorConfirmation })));
const AnnotationLinkForm = lazy(() => import('./annotation-link-form').then((module) => ({ default: module.AnnotationLinkForm })));

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

function showInText(id: string) {
  const [mark] = marksOfAnnotation(id);
  mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (mark) focusMark(mark, { preventScroll: true });
}

const withoutMarkers = (text: string) => text.replace(/\s*\[\d+\]/g, '');

/** The passage an annotation highlights, and what it quoted before a new version moved it onto other words. */
function AnnotationQuote({ annotation, isDetached }: { annotation: AnnotationView; isDetached: boolean }) {
  const quote = annotation.quote ?? '';
  const shown = isDetached ? quote : (annotation.placedQuote ?? quote);
  return (
    <blockquote className="annotation-card__quote">
      {isDetached ? (
        <span>{shorten(withoutMarkers(shown), 240)}</span>
      ) : (
        <button type="button" className="annotation-card__quote-link" onClick={() => showInText(annotation.id)} aria-label={`Show in the text: ${shown.slice(0, 80)}`}>
          {shorten(withoutMarkers(shown), 240)}
        </button>
      )}
      {annotation.placedQuote !== null && !isDetached && <p className="annotation-card__was">was: “{shorten(withoutMarkers(quote), 240)}”</p>}
    </blockquote>
  );
}

/** One annotation: quote, author, time, body, tags, its links (rendered on the server), and the actions the viewer's rights allow. */
export function AnnotationCard({ annotation, documentSlug, body, links }: { annotation: AnnotationView; documentSlug: string; body: ReactNode; links?: ReactNode }) {
  const [mode, setMode] = useState<Mode>('idle');
  const followed = useFollowedThreads();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ body: string; revision: number } | null>(null);
  // The revision the editor opened on: a refresh while editing must not quietly move it forward.
  const [editedRevision, setEditedRevision] = useState(annotation.revision);
  const [isPending, startTransition] = useTransition();
  // A settled placement shows at once; the page's refresh brings the same news a moment later.
  const [settled, setSettled] = useState<'confirm' | 'detach' | null>(null);
  const id = useId();
  const { rights } = annotation;

  if (annotation.state !== 'shown') {
    return (
      <article id={`annotation-${annotation.id}`} className="annotation-card annotation-card--placeholder" tabIndex={-1}>
        <p>{annotation.state === 'deleted' ? 'This annotation was deleted; its replies remain.' : 'This annotation was hidden by a moderator.'}</p>
      </article>
    );
  }

  function run(action: () => Promise<{ ok: boolean; error?: string }>, after?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error ?? 'That did not work; try again.');
      else after?.();
    });
  }

  function submitReply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('body') ?? '');
    const replyId = crypto.randomUUID();
    run(() => replyAction(documentSlug, { id: replyId, parentId: annotation.id, body: text }), () => setMode('idle'));
  }

  function submitEdit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const revision = conflict?.revision ?? editedRevision;
    setError(null);
    startTransition(async () => {
      const result = await updateAnnotationAction(documentSlug, annotation.id, {
        body: String(form.get('body') ?? ''),
        tags: form.has('tags') ? String(form.get('tags')) : undefined,
        revision,
      });
      if (result.ok) {
        setConflict(null);
        setMode('idle');
      } else if (result.code === 'CONFLICT' && result.fieldErrors?.revision) {
        setConflict({ body: result.fieldErrors.body?.[0] ?? '', revision: Number(result.fieldErrors.revision[0]) });
        setError(result.error);
      } else {
        setError(result.error);
      }
    });
  }

  function submitResolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    run(() => resolveThreadAction(documentSlug, annotation.id, { isResolved: true, note: note || undefined }), () => setMode('idle'));
  }

  const isRoot = annotation.parentId === null;
  const isResolved = isRoot && annotation.status === 'RESOLVED';
  return (
    <article
      id={`annotation-${annotation.id}`}
      className={`annotation-card${isResolved ? ' annotation-card--resolved' : ''}`}
      tabIndex={-1}
      style={{ borderLeftColor: isRoot ? annotation.colour : undefined }}
    >
      <header className="annotation-card__header">
        <span className="annotation-card__author">{annotation.originalAuthorName ?? annotation.authorName}</span>
        <time dateTime={annotation.createdAt} className="annotation-card__time">
          {formatInstant(annotation.createdAt)}
        </time>
        {annotation.pages && (
          <span className="annotation-card__page" title="Where the passage is in the original PDF">
            {pagesLabel(annotation.pages)}
          </span>
        )}
        {annotation.isNew && <span className="annotation-card__badge annotation-card__badge--new">New since your last visit</span>}
        {annotation.visibility === 'PRIVATE' && <span className="annotation-card__badge">Only me</span>}
        {isResolved && <span className="annotation-card__badge annotation-card__badge--resolved">Resolved</span>}
      </header>
      {annotation.originalAuthor && (
        <p className="annotation-card__imported">
          Imported by {annotation.authorName}; originally by {annotation.originalAuthor}
        </p>
      )}
      {annotation.quote && <AnnotationQuote annotation={annotation} isDetached={settled === 'detach'} />}
      {annotation.anchor.status === 'fuzzy' && settled === null && (
        <p className="annotation-card__anchor">Placed on similar text ({Math.round(annotation.anchor.score * 100)}% match) after the document changed.</p>
      )}
      {settled !== null && (
        <p className="annotation-card__anchor" role="status">
          {settled === 'confirm' ? 'Placement confirmed.' : 'Detached: it is listed with the annotations not found in the text.'}
        </p>
      )}
      {annotation.anchor.needsConfirmation && settled === null && rights.canSettleAnchor && (
        <Suspense fallback={null}>
          <AnchorConfirmation isPending={isPending} onSettle={(decision) => run(() => settleAnchorAction(documentSlug, annotation.id, decision), () => setSettled(decision))} />
        </Suspense>
      )}
      {mode === 'edit' ? (
        <Suspense fallback={null}>
          <AnnotationEditForm
            documentSlug={documentSlug}
            annotation={annotation}
            fieldId={id}
            conflict={conflict}
            error={error}
            isPending={isPending}
            onSubmit={submitEdit}
            onCancel={() => {
              setMode('idle');
              setConflict(null);
              setError(null);
            }}
          />
        </Suspense>
      ) : (
        body
      )}
      {annotation.tags.length > 0 && mode !== 'edit' && (
        <ul className="tag-list" aria-label="Tag list">
          {annotation.tags.map((tag) => (
            <li key={tag.label} className="tag-chip" style={{ background: tag.colour }}>
              {tag.label}
            </li>
          ))}
        </ul>
      )}
      {mode !== 'edit' && <ReactionBar documentSlug={documentSlug} annotationId={annotation.id} reactions={annotation.reactions} canReact={rights.canReply} />}
      {isResolved && (
        <p className="annotation-card__resolution">
          Resolved{annotation.resolvedBy ? ` by ${annotation.resolvedBy}` : ''}
          {annotation.resolutionNote ? `: ${annotation.resolutionNote}` : '.'}
        </p>
      )}
      {links}
      {mode !== 'edit' && <FormAlert message={error} />}
      {mode === 'link' && (
        <Suspense fallback={null}>
          <AnnotationLinkForm documentSlug={documentSlug} annotationId={annotation.id} onDone={() => setMode('idle')} />
        </Suspense>
      )}
      {mode === 'reply' && (
        <Suspense fallback={null}>
          <AnnotationReplyForm documentSlug={documentSlug} fieldId={id} isPending={isPending} onSubmit={submitReply} onCancel={() => setMode('idle')} />
        </Suspense>
      )}
      {mode === 'resolve' && (
        <Suspense fallback={null}>
          <AnnotationResolveForm fieldId={id} isPending={isPending} onSubmit={submitResolve} onCancel={() => setMode('idle')} />
        </Suspense>
      )}
      {mode === 'idle' && (
        <div className="annotation-card__actions">
          {rights.canReply && (
            <button type="button" className="button button--small button--quiet" onClick={() => setMode('reply')}>
              Reply
            </button>
          )}
          {(rights.canReply || annotation.isByViewer) && (
            <button type="button" className="button button--small button--quiet" onClick={() => setMode('link')}>
              Link…
            </button>
          )}
          {rights.canEdit && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                setEditedRevision(annotation.revision);
                setMode('edit');
              }}
            >
              Edit
            </button>
          )}
          {rights.canDelete && (
            <button
              type="button"
              className="button button--small button--quiet"
              disabled={isPending}
              onClick={() => window.confirm('Delete this annotation? Replies to it stay.') && run(() => deleteAnnotationAction(documentSlug, annotation.id))}
            >
              Delete
            </button>
          )}
          {rights.canResolve &&
            (isResolved ? (
              <button type="button" className="button button--small button--quiet" disabled={isPending} onClick={() => run(() => resolveThreadAction(documentSlug, annotation.id, { isResolved: false }))}>
                Reopen
              </button>
            ) : (
              <button type="button" className="button button--small button--quiet" onClick={() => setMode('resolve')}>
                Resolve
              </button>
            ))}
          {isRoot && annotation.state === 'shown' && followed && (
            <FollowButton className="button button--small button--quiet" target={{ target: 'THREAD', documentSlug, annotationId: annotation.id }} isFollowing={followed.has(annotation.id)} />
          )}
          {rights.canHide && (
            <button
              type="button"
              className="button button--small button--quiet"
              disabled={isPending}
              onClick={() => {
                // A prompt rather than a confirmation: the reason goes to the author and the moderation review.
                const reason = window.prompt('Hide this annotation from the workspace? The hiding is logged and its author is told. Why (optional)?', '');
                if (reason !== null) run(() => hideAnnotationAction(documentSlug, annotation.id, { reason }));
              }}
            >
              Hide
            </button>
          )}
        </div>
      )}
    </article>
  );
}
