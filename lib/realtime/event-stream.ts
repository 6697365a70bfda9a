import 'server-only';
import type { Viewer } from '@/lib/dal/authorization';
import { canStillFollow, filterLiveEvents, type ActivityRecord, type LiveEvent, type LiveScope, type ReplayPlan } from '@/lib/dal/live';
import { subscribeToLiveActivity, type PresenceEntry } from '@/lib/realtime/hub';

/** A reader as the stream shows them to others: a name and where they are, nothing else. */
export type PresenceView = { name: string; sectionSlug: string | null };

/** The headers a stream needs to pass proxies and compression unbuffered. */
export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

const HEARTBEAT_MS = 15_000;
// A stream is ended after a while; the browser reconnects at once with Last-Event-ID, which re-checks the session
// (signing out everywhere and password changes end sessions, and an open stream would otherwise outlive them).
const LIFETIME_MS = 10 * 60_000;
const RECONNECT_MS = 2_000;
// A reader that stopped reading (its socket is stuck) is let go rather than buffered for without end.
const MAX_BUFFERED_BYTES = 1_000_000;

/** Formats one Server-Sent Event. */
export function formatEvent(event: string, data: unknown, id?: string): string {
  return `event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

async function withRetries<T>(attempt: () => Promise<T>, retries = 3): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * (tried + 1)));
    }
  }
}

/**
 * Returns a `text/event-stream` response following `scope` for `viewer` from `plan` on. The caller has checked the
 * session and that the viewer may follow the scope. Events: `ready` (once), `activity` (id = Activity id; data is
 * kind, subject id and whether the viewer did it), `refresh` (the reader missed too much: reload), `presence`
 * (others reading the document, when `sharesPresence`); a comment every 15 s keeps proxies from closing it.
 */
export function openEventStream({ request, viewer, scope, plan, sharesPresence }: { request: Request; viewer: Viewer; scope: LiveScope; plan: ReplayPlan; sharesPresence: boolean }): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let isClosed = false;
      let unsubscribe = () => {};
      let lastPresence = '';
      const timers: NodeJS.Timeout[] = [];
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        unsubscribe();
        timers.forEach(clearTimeout);
        request.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      };
      stop = close;
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
          return;
        }
        if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) close();
      };

      if (request.signal.aborted) return close();
      request.signal.addEventListener('abort', close);
      send(`retry: ${RECONNECT_MS}\n\n`);
      if (plan.isBehind) send(formatEvent('refresh', { reason: 'behind' }, plan.afterId.toString()));
      send(formatEvent('ready', { sharesPresence }));

      const sendActivity = async (records: ActivityRecord[]) => {
        if (isClosed) return;
        let events: LiveEvent[];
        try {
          events = await withRetries(() => filterLiveEvents(viewer, scope, records));
        } catch (error) {
          // Closing makes the browser reconnect with the last id it received, and get this batch again.
          console.error('[live] Could not authorize activity for a stream; closing it so it resumes:', error);
          return close();
        }
        for (const event of events) send(formatEvent('activity', { kind: event.kind, subjectId: event.subjectId, isOwn: event.isOwn }, event.id));
      };
      const sendPresence = (readers: PresenceEntry[]) => {
        const others: PresenceView[] = readers.filter((reader) => reader.userId !== viewer.id).map((reader) => ({ name: reader.name, sectionSlug: reader.sectionSlug }));
        const text = JSON.stringify(others);
        if (text === lastPresence) return;
        lastPresence = text;
        send(formatEvent('presence', { readers: others }));
      };
      unsubscribe = subscribeToLiveActivity({ scope, afterId: plan.afterId, onActivity: sendActivity, onPresence: sharesPresence ? sendPresence : undefined });

      timers.push(
        setInterval(() => {
          send(': keep-alive\n\n');
          // Access can end while the stream is open (a member removed); a database hiccup is not a "no".
          canStillFollow(viewer, scope).then(
            (isAllowed) => !isAllowed && close(),
            () => undefined,
          );
        }, HEARTBEAT_MS),
        setTimeout(close, LIFETIME_MS * (0.9 + Math.random() / 5)),
      );
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: EVENT_STREAM_HEADERS });
}
