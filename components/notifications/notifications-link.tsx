'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

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
    const source = new EventSource('/api/notifications/events');
    let isFirst = true;
    source.addEventListener('unread', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { count: number };
      setCount(data.count);
      // The first event only confirms what the page shows; later ones bring new items into an open inbox.
      if (!isFirst && isInbox) router.refresh();
      isFirst = false;
    });
    return () => source.close();
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
