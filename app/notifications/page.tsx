import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NotificationList } from '@/components/notifications/notification-list';
import { findNotifications } from '@/lib/dal/notifications';
import { getViewer } from '@/lib/dal/viewer';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?returnTo=/notifications');
  const notifications = await findNotifications(viewer);
  return (
    <div className="page notifications-page">
      <h1>Notifications</h1>
      <p className="page__intro">
        Replies in threads you follow, mentions of you, resolved threads, verdicts and statuses of notes you trace, and what is assigned to you. You
        follow the threads you write in and the notes you trace; unfollow any of them here or where it lives.
      </p>
      <NotificationList notifications={notifications} />
    </div>
  );
}
