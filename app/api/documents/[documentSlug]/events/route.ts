import { getLiveDocument, planReplay, recordPresence } from '@/lib/dal/live';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { openEventStream } from '@/lib/realtime/event-stream';
import { readBodyText } from '@/lib/request-info';

// A live stream per request: never cached, and on Node (the listener is a pg connection).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string };

const resource = ({ documentSlug }: Params) => ({ documentSlug });

const notFound = () => new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');

// The reader's live stream: what changes in the document, and who else is reading it. A browser resuming after a
// drop sends Last-Event-ID itself; `?lastEventId=` does the same for clients that cannot set headers, and `?since=`
// (the page's render time) covers what changed between rendering the page and opening the stream.
export const GET = route(
  { auth: { resource, access: 'read', signInMessage: 'Sign in, or send a personal API token, to follow changes live.' } },
  async ({ request, params, viewer, query }) => {
    const live = await getLiveDocument(viewer!, params.documentSlug);
    if (!live) throw notFound();
    const lastEventId = request.headers.get('last-event-id') ?? query.get('lastEventId');
    const plan = await planReplay(live.scope, lastEventId, query.get('since'));
    return openEventStream({ request, viewer: viewer!, scope: live.scope, plan, sharesPresence: live.isMember });
  },
);

// A presence heartbeat: `{ tabId, sectionSlug }` every 15 s while the page is visible, `{ tabId, isLeaving: true }` on
// leaving. Presence changes nothing stored, so a read-only token may announce itself too.
export const POST = route(
  { auth: { resource, access: 'read', signInMessage: 'Sign in to share that you are reading.' } },
  async ({ request, params, viewer }) => {
    // JSON only: a cross-site form cannot send it without a preflight.
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) throw new AppError('INVALID_INPUT', 'Send the heartbeat as JSON.');
    // A goodbye sent as the page closes may be cut off mid-body; there is no one left to answer.
    const body = await readBodyText(request, 1024).catch(() => undefined);
    if (body === undefined) return new Response(null, { status: 400 });
    if (body === null) throw new AppError('PAYLOAD_TOO_LARGE', 'That heartbeat is too large.');
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      throw new AppError('INVALID_INPUT', 'The heartbeat is not valid JSON.');
    }
    await recordPresence(viewer!, params.documentSlug, input);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  },
);
