'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';

const REFRESH_AFTER_MS = 150;

/**
 * Keeps the desk current: follows the document's live stream and re-reads the page when someone else assigns a
 * note, changes a status, or touches a source, then says so politely.
 */
export function DeskLiveRefresh({ documentSlug }: { documentSlug: string }) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const stream = new EventSource(`/api/documents/${encodeURIComponent(documentSlug)}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onActivity = (event: MessageEvent<string>) => {
      let data: { kind?: string; isOwn?: boolean };
      try {
        data = JSON.parse(event.data) as { kind?: string; isOwn?: boolean };
      } catch {
        return;
      }
      if (data.isOwn || !(data.kind?.startsWith('note.') || data.kind?.startsWith('source.'))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        startRefresh(() => router.refresh());
        setAnnouncement((previous) => (previous === 'The desk was updated.' ? 'The desk was updated. ' : 'The desk was updated.'));
      }, REFRESH_AFTER_MS);
    };
    stream.addEventListener('activity', onActivity as EventListener);
    return () => {
      clearTimeout(timer);
      stream.close();
    };
  }, [documentSlug, router]);
  return (
    <p className="visually-hidden" aria-live="polite">
      {announcement}
    </p>
  );
}
