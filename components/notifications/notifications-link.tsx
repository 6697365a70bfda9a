'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const CHANNEL = 'marginalia-notifications';

// One tab of the browser holds the stream and tells the others over a BroadcastChannel: a stream per tab would
// spend the browser's few connections to the server (six over HTTP/1.1) on copies of the same count. Whichever tab
// holds the lock keeps it until it closes; the next one waiting takes over. Returns the function that stops following.
function followUnreadCount(onCount: (count: number) => void): () => void {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  const onMessage = (event: MessageEvent<{ count: number }>) => onCount(event.data.count);
  channel?.addEventListener('message', onMessage);
  let source: EventSource | null = null;
  let release = () => {};
  const open = () => {
    source = new EventSource('/api/notifications/events');
    source.addEventListener('unread', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { count: number };
      onCount(data.count);
      channel?.postMessage(data);
    });
  };
  if (channel && typeof navigator.locks?.request === 'function') {
    const held = new Promise<void>((resolve) => (release = resolve));
    void navigator.locks.request(CHANNEL, () => {
      open();
      return held;
    });
  } else {
    open();
  }
  return () => {
    release();
    source?.close();
    channel?.removeEventListener('message', onMessage);
    channel?.close();
  };
}

/**
 * The header's `Notifications` link, named with the unread count ("Notifications, 2 unread"). The count stays right on
 * every page through the person's own stream (/api/notifications/events); on the inbox itself, a change re-reads it.
 */
export function NotificationsLink({ initialCount }: { initialCount: number }) {
  const [count, setCount] = useState(initialCount);
  const [rendered, setRendered] = useState(initialCount);
  const pathname = usePathname();
  const router = useRouter();
  const isInbox = pathname === '/notifications';

  // A server render of the header (a refresh) knows the count too.
  if (rendered !== initialCount) {
    setRendered(initialCount);
    setCount(initialCount);
  }

  useEffect(() => {
    let isFirst = true;
    const take = (next: number) => {
      setCount(next);
      // The first count only confirms what the page shows; later ones bring new items into an open inbox.
      if (!isFirst && isInbox) router.refresh();
      isFirst = false;
    };
    return followUnreadCount(take);
  }, [isInbox, router]);

  // The name carries the count ("Notifications, 2 unread"); it starts with the visible word, so speaking it still works.
  const name = `Notifications, ${count > 0 ? `${count} unread` : 'none unread'}`;
  return (
    <Link href="/notifications" className="site-header__link site-header__notifications" aria-label={name} aria-current={isInbox ? 'page' : undefined}>
      Notifications
      {count > 0 && (
        <span className="site-header__badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
