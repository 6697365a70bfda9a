import { getLiveWorkspace, planReplay } from '@/lib/dal/live';
import { getApiViewer } from '@/lib/dal/api-access';
import { AppError, errorResponse } from '@/lib/errors';
import { openEventStream } from '@/lib/realtime/event-stream';

// A live stream per request: never cached, and on Node (the listener is a pg connection).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The workspace feed, live: every change in the workspace's documents that the member may see. Members only;
// anyone else gets not-found, so the workspace's existence is not revealed. Resumes from Last-Event-ID like the
// document stream.
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  try {
    const { workspaceSlug } = await params;
    const viewer = await getApiViewer(request, { workspaceSlug }, 'read');
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a personal API token, to follow your workspace live.');
    const scope = await getLiveWorkspace(viewer, workspaceSlug);
    if (!scope) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member.');
    const query = new URL(request.url).searchParams;
    const lastEventId = request.headers.get('last-event-id') ?? query.get('lastEventId');
    const plan = await planReplay(scope, lastEventId, query.get('since'));
    return openEventStream({ request, viewer, scope, plan, sharesPresence: false });
  } catch (error) {
    return errorResponse(error);
  }
}
