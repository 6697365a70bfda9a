import 'server-only';
import type { Viewer } from '@/lib/dal/authorization';
import { countUnreadNotifications } from '@/lib/dal/notifications';
import { EVENT_STREAM_HEADERS, formatEvent } from '@/lib/realtime/event-stream';
import { subscribeToPersonNotices } from '@/lib/realtime/hub';

const HEARTBEAT_MS = 15_000;
// Ended after a while like the document streams, so a signed-out session does not keep one open; the browser reconnects.
const LIFETIME_MS = 10 * 60_000;
const RECONNECT_MS = 2_000;
// Several notices at once (a reply to a busy thread) cost one count.
const COALESCE_MS = 100;

/**
 * Returns a `text/event-stream` response of one person's notifications: an `unread` event (data: `{ count }`) on
 * opening and whenever their notifications change in any app process. It carries only the count; the inbox is read
 * through normal reads. The caller has checked the session.
 */
export function openPersonStream(request: Request, viewer: Viewer): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let isClosed = false;
      let lastCount = -1;
      let pending: NodeJS.Timeout | null = null;
      const timers: NodeJS.Timeout[] = [];
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const readCount = () => {
        pending = null;
        countUnreadNotifications(viewer).then(
          (count) => {
            if (count === lastCount) return;
            lastCount = count;
            send(formatEvent('unread', { count }));
          },
          // The database is away: the listener's reconnection asks again.
          () => undefined,
        );
      };
      const onChange = () => {
        pending ??= setTimeout(readCount, COALESCE_MS);
      };
      const unsubscribe = subscribeToPersonNotices(viewer.id, onChange);
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        unsubscribe();
        if (pending) clearTimeout(pending);
        timers.forEach(clearTimeout);
        request.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      };
      stop = close;
      if (request.signal.aborted) return close();
      request.signal.addEventListener('abort', close);
      send(`retry: ${RECONNECT_MS}\n\n`);
      readCount();
      timers.push(
        setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS),
        setTimeout(close, LIFETIME_MS * (0.9 + Math.random() / 5)),
      );
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: EVENT_STREAM_HEADERS });
}
