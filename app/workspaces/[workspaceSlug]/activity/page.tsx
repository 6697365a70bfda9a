import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { describeActivity, findWorkspaceActivity, recordFeedVisit, type FeedEntry } from '@/lib/dal/activity-feed';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Recent activity' };

export default async function ActivityPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/activity`);
  const newSince = await recordFeedVisit(viewer, workspaceSlug);
  const feed = await findWorkspaceActivity(viewer, workspaceSlug, { newSince }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  // Newest first, so what is new to the viewer comes first, above a divider.
  const fresh = feed.entries.filter((entry) => entry.isNew);
  const earlier = feed.entries.filter((entry) => !entry.isNew);
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{feed.workspaceName}</Link>
      </p>
      <h1>Recent activity</h1>
      {feed.entries.length === 0 ? (
        <p>Nothing has happened here yet.</p>
      ) : fresh.length === 0 ? (
        <FeedList entries={feed.entries} />
      ) : (
        <>
          <h2 className="feed-divider">New since your last visit ({fresh.length})</h2>
          <FeedList entries={fresh} />
          {earlier.length > 0 && (
            <>
              <h2 className="feed-divider">Earlier</h2>
              <FeedList entries={earlier} />
            </>
          )}
        </>
      )}
    </div>
  );
}

function FeedList({ entries }: { entries: FeedEntry[] }) {
  return (
    <ol className="plain-list">
      {entries.map((entry) => (
        <li key={entry.id} className="plain-list__item">
          <p className="feed-entry">
            {entry.isNew && (
              <>
                <span className="annotation-card__badge annotation-card__badge--new">New</span>{' '}
              </>
            )}
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
  );
}
