'use client';

import { ActionButton } from '@/components/notifications/action-button';
import { FollowButton } from '@/components/notifications/follow-button';
import { markAllNotificationsReadAction, markNotificationReadAction } from '@/lib/actions/notifications';
import type { NotificationView } from '@/lib/dal/notifications';
import { formatInstant } from '@/lib/format/dates';


/** The inbox: each item opens where it happened (and is then read); mark one or all read; unfollow a thread. */
export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  const unread = notifications.filter((notification) => !notification.isRead).length;
  if (notifications.length === 0) return <p className="notifications__empty">Nothing yet. When someone replies in a thread you follow or mentions you, it appears here.</p>;
  return (
    <>
      <div className="notifications__toolbar">
        <p className="notifications__count">{unread === 0 ? 'All read.' : `${unread} unread.`}</p>
        {unread > 0 && <ActionButton run={async () => markAllNotificationsReadAction()}>Mark all read</ActionButton>}
      </div>
      <ol className="notifications" aria-label="Notifications">
        {notifications.map((notification) => (
          <li key={notification.id} className={notification.isRead ? 'notification' : 'notification notification--unread'}>
            {!notification.isRead && <span className="notification__unread">Unread</span>}
            {/* A plain link, never prefetched: opening marks the item read. */}
            <a className="notification__summary" href={`/notifications/${notification.id}`}>
              {notification.summary}
            </a>
            <time className="notification__time" dateTime={notification.createdAt.toISOString()}>
              {formatInstant(notification.createdAt.toISOString())}
            </time>
            <span className="notification__actions">
              <ActionButton className="button button--quiet button--small" run={async () => markNotificationReadAction({ notificationId: notification.id, isRead: !notification.isRead })}>
                {notification.isRead ? 'Mark unread' : 'Mark read'}
              </ActionButton>
              {notification.thread && (
                <FollowButton
                  className="button button--quiet button--small"
                  target={{ target: 'THREAD', documentSlug: notification.thread.documentSlug, annotationId: notification.thread.annotationId }}
                  isFollowing={notification.thread.isFollowing}
                />
              )}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
