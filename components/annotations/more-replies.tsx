'use client';

import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { showMoreRepliesAction } from '@/lib/actions/thread-replies';

const repliesLabel = (count: number) => `${count.toLocaleString('en')} more ${count === 1 ? 'reply' : 'replies'}`;

/**
 * The end of a long thread: `Show N more replies` fetches the next page, appends it, moves focus to its first reply and
 * says in a live region how many came.
 */
export function MoreReplies({ documentSlug, threadId, count, offset }: { documentSlug: string; threadId: string; count: number; offset: number }) {
  const [pages, setPages] = useState<ReactNode[]>([]);
  // After a fetch, what is left is counted from the server's answer, plus any replies a refresh has counted since.
  const [fetched, setFetched] = useState<{ offset: number; remaining: number; countThen: number } | null>(null);
  const next = fetched ? { offset: fetched.offset, remaining: Math.max(0, fetched.remaining + count - fetched.countThen) } : { offset, remaining: count };
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const lists = useRef<Array<HTMLUListElement | null>>([]);
  const focusPage = useRef<number | null>(null);

  useEffect(() => {
    if (focusPage.current === null) return;
    const list = lists.current[focusPage.current];
    focusPage.current = null;
    list?.querySelector<HTMLElement>('.annotation-card')?.focus();
  }, [pages.length]);

  const showMore = () => {
    setError(null);
    startTransition(async () => {
      const result = await showMoreRepliesAction(documentSlug, { threadId, offset: next.offset });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      focusPage.current = pages.length;
      setPages((shown) => [...shown, result.value.replies]);
      setFetched({ offset: next.offset + result.value.count, remaining: result.value.remaining, countThen: count });
      setAnnouncement(`${result.value.count.toLocaleString('en')} more ${result.value.count === 1 ? 'reply' : 'replies'} shown${result.value.remaining > 0 ? `; ${repliesLabel(result.value.remaining)} after them` : ''}.`);
    });
  };

  return (
    <>
      {pages.map((page, index) => (
        <ul
          key={index}
          className="thread__replies"
          ref={(element) => {
            lists.current[index] = element;
          }}
        >
          {page}
        </ul>
      ))}
      {next.remaining > 0 && (
        <button type="button" className="button button--quiet button--small thread__more" onClick={showMore} disabled={isPending} aria-busy={isPending}>
          {isPending ? 'Loading replies…' : `Show ${repliesLabel(next.remaining)}`}
        </button>
      )}
      <FormAlert message={error} />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
