import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { describeActivity, findWorkspaceActivity } from '@/lib/dal/activity-feed';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Recent activity' };

export default async function ActivityPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/activity`);
  const feed = await findWorkspaceActivity(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{feed.workspaceName}</Link>
      </p>
      <h1>Recent activity</h1>
      {feed.entries.length === 0 ? (
        <p>Nothing has happened here yet.</p>
      ) : (
        <ol className="plain-list">
          {feed.entries.map((entry) => (
            <li key={entry.id} className="plain-list__item">
              <p className="feed-entry">
                <strong>{entry.actor}</strong> {describeActivity(entry.kind)}
                {entry.documentTitle && (
                  <>
                    {' in '}
                    {entry.href ? <Link href={entry.href}>{entry.documentTitle}</Link> : entry.documentTitle}
                  </>
                )}
              </p>
              {entry.excerpt && <p className="plain-list__meta">“{entry.excerpt}”</p>}
              <p className="plain-list__meta">
                <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
