import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { UnhideButton } from '@/components/notifications/unhide-button';
import { findHiddenAnnotations } from '@/lib/dal/moderation';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Hidden annotations' };

export default async function ModerationPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/moderation`);
  // Members without the right and strangers alike get not-found: the review is for editors and owners only.
  const review = await findHiddenAnnotations(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  });
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{review.workspaceName}</Link>
      </p>
      <h1>Hidden annotations</h1>
      <p className="page__intro">What editors and owners hid, who hid it and why. Showing one again is logged in the feed, and its author is told.</p>
      {review.annotations.length === 0 ? (
        <p>Nothing is hidden.</p>
      ) : (
        <ul className="plain-list moderation-list">
          {review.annotations.map((annotation) => (
            <li key={annotation.id} className="moderation-list__item">
              <p className="moderation-list__excerpt">
                <a href={annotation.href}>{annotation.excerpt || '(no comment)'}</a>
              </p>
              <p className="moderation-list__meta">
                By {annotation.author} on “{annotation.documentTitle}”. Hidden by {annotation.hiddenBy ?? 'a former member'},{' '}
                <time dateTime={annotation.hiddenAt.toISOString()}>{formatInstant(annotation.hiddenAt.toISOString())}</time>.{' '}
                {annotation.reason ? <>Why: {annotation.reason}</> : 'No reason given.'}
              </p>
              <UnhideButton workspaceSlug={workspaceSlug} annotationId={annotation.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
