'use client';

import { useId, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { createSectionCommentAction } from '@/lib/actions/annotations';

type SectionDiscussionProps = {
  documentSlug: string;
  sectionSlug: string;
  sectionName: string;
  threadCount: number;
  openCount: number;
  isSignedIn: boolean;
  canShare: boolean;
  children: ReactNode;
};

/** "Discuss section" under a heading: the section's threads, not tied to any quote, and a form to add one. */
export function SectionDiscussion({ documentSlug, sectionSlug, sectionName, threadCount, openCount, isSignedIn, canShare, children }: SectionDiscussionProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const id = useId();
  const regionId = `discussion-${sectionSlug}`;

  function post(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const commentId = crypto.randomUUID();
    setError(null);
    startTransition(async () => {
      const result = await createSectionCommentAction(documentSlug, sectionSlug, { id: commentId, body: data.get('body'), visibility: data.get('visibility') });
      if (result.ok) form.reset();
      else setError(result.error);
    });
  }

  return (
    <div className="section-discussion">
      <button type="button" className="section-discussion__toggle" aria-expanded={isOpen} aria-controls={regionId} onClick={() => setIsOpen(!isOpen)}>
        Discuss section
        {threadCount > 0 && (
          <span className="section-discussion__count">
            {' '}
            ({threadCount} {threadCount === 1 ? 'thread' : 'threads'}
            {openCount > 0 ? `, ${openCount} open` : ''})
          </span>
        )}
      </button>
      {isOpen && (
        <section id={regionId} className="section-discussion__panel" aria-label={`Discussion of ${sectionName}`}>
          {threadCount === 0 && <p className="annotations-panel__empty">No discussion of this section yet.</p>}
          {children}
          {isSignedIn ? (
            <form className="form form--compact" onSubmit={post}>
              <FormAlert message={error} />
              <div className="form-field">
                <label htmlFor={`${id}-comment`} className="form-field__label">
                  Comment on this section
                </label>
                <textarea id={`${id}-comment`} name="body" className="form-field__input" rows={3} required />
              </div>
              <div className="form-field">
                <label htmlFor={`${id}-visibility`} className="form-field__label">
                  Visibility
                </label>
                <select id={`${id}-visibility`} name="visibility" className="select" defaultValue={canShare ? 'WORKSPACE' : 'PRIVATE'}>
                  <option value="PRIVATE">Only me</option>
                  {canShare && <option value="WORKSPACE">The workspace</option>}
                </select>
              </div>
              <button type="submit" className="button button--primary button--small" disabled={isPending}>
                Post
              </button>
            </form>
          ) : (
            <p className="form-field__hint">Sign in to join the discussion.</p>
          )}
        </section>
      )}
    </div>
  );
}
