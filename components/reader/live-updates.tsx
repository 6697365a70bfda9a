'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import type { Connection, Reader } from './live-stream';

type LiveUpdatesProps = {
  documentSlug: string;
  /** When the server rendered the page: the stream replays what changed from a little before it. */
  renderedAt: string;
  sections: Array<{ slug: string; title: string }>;
};

/**
 * Keeps the reader current while others work: follows the document's live stream, refreshes the server-rendered
 * highlights and annotations in place when something changes, marks what arrived as new (and says so politely to
 * screen readers), and shows who else is reading and where. Held back while the reader selects text, and while they
 * edit an annotation someone changed, so their save meets the conflict instead of silently overwriting it.
 */
export function LiveUpdates({ documentSlug, renderedAt, sections }: LiveUpdatesProps) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [readers, setReaders] = useState<Reader[]>([]);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [isHeld, setIsHeld] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // The stream starts from the first render; later refreshes re-render this with a newer time, which must not reopen it.
  const since = useRef(renderedAt);
  const titles = new Map(sections.map((section) => [section.slug, section.title]));
  const sectionSlugs = useRef(sections.map((section) => section.slug));

  useEffect(() => {
    let stop: (() => void) | null = null;
    let isDisposed = false;
    const announce = (text: string) => {
      if (!text) return;
      // The same sentence twice in a row would not be read again; a trailing space makes it a change.
      setAnnouncement((previous) => (previous === text ? `${text} ` : text));
    };
    void import('./live-stream').then(({ followDocument }) => {
      if (isDisposed) return;
      stop = followDocument(
        { documentSlug, since: since.current, sectionSlugs: sectionSlugs.current },
        { setReaders, setConnection, setIsHeld, announce, refresh: () => startRefresh(() => router.refresh()) },
      );
    });
    return () => {
      isDisposed = true;
      stop?.();
    };
  }, [documentSlug, router]);

  const readersLine = readers.map((reader) => {
    const title = reader.sectionSlug ? titles.get(reader.sectionSlug) : undefined;
    return title ? `${reader.name} (${title})` : reader.name;
  });
  const status =
    connection === 'lost'
      ? 'Live updates interrupted; reconnecting…'
      : connection === 'closed'
        ? 'Live updates stopped. Reload the page to see others’ changes.'
        : isHeld
          ? 'Live updates paused while you edit an annotation someone else changed.'
          : '';
  return (
    <div className="live-updates">
      <p className="live-updates__line">
        {readersLine.length > 0 && <span className="live-updates__readers">Reading now: {readersLine.join(', ')}</span>}
        {status && <span className="live-updates__status">{status}</span>}
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
