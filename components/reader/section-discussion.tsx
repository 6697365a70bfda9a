'use client';

import { lazy, Suspense, useState, type ReactNode } from 'react';

// The form shows only once a discussion is opened; its code is fetched then.
const SectionCommentForm = lazy(() => import('./section-comment-form').then((module) => ({ default: module.SectionCommentForm })));

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
  const regionId = `discussion-${sectionSlug}`;

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
            <Suspense fallback={null}>
              <SectionCommentForm documentSlug={documentSlug} sectionSlug={sectionSlug} canShare={canShare} />
            </Suspense>
          ) : (
            <p className="form-field__hint">Sign in to join the discussion.</p>
          )}
        </section>
      )}
    </div>
  );
}
