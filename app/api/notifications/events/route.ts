import { getViewer } from '@/lib/dal/viewer';
import { AppError, errorResponse } from '@/lib/errors';
import { openPersonStream } from '@/lib/realtime/person-stream';

// A live stream per request: never cached, and on Node (the listener is a pg connection).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The signed-in person's own stream: their unread count, live on every page. Session only: it is the person's, not
// a workspace's, so an API token (held to one workspace) does not open it.
export async function GET(request: Request) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to follow your notifications.');
    return openPersonStream(request, viewer);
  } catch (error) {
    return errorResponse(error);
  }
}
