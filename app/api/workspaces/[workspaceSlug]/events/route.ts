import { getLiveWorkspace, planReplay } from '@/lib/dal/live';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { openEventStream } from '@/lib/realtime/event-stream';

// A live stream per request: never cached, and on Node (the listener is a pg connection).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { workspaceSlug: string };

// The workspace feed, live: every change in the workspace's documents that the member may see. Members only;
// anyone else gets not-found, so the workspace's existence is not revealed. Resumes from Last-Event-ID like the
// document stream.
export const GET = route(
  { auth: { resource: ({ workspaceSlug }: Params) => ({ workspaceSlug }), access: 'read', signInMessage: 'Sign in, or send a personal API token, to follow your workspace live.' } },
  async ({ request, params, viewer, query }) => {
    const scope = await getLiveWorkspace(viewer!, params.workspaceSlug);
    if (!scope) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member.');
    const lastEventId = request.headers.get('last-event-id') ?? query.get('lastEventId');
    const plan = await planReplay(scope, lastEventId, query.get('since'));
    return openEventStream({ request, viewer: viewer!, scope, plan, sharesPresence: false });
  },
);
