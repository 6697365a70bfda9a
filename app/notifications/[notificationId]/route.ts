import { openNotification } from '@/lib/dal/notifications';
import { getViewer } from '@/lib/dal/viewer';
import { errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ notificationId: string }> };

// Opening an inbox item: marks it read and goes where it points. A plain link (not prefetched), so reading it is the
// person's own click; another person's id answers not-found.
export async function GET(_request: Request, { params }: Context) {
  try {
    const { notificationId } = await params;
    const href = await openNotification(await getViewer(), notificationId);
    return new Response(null, { status: 303, headers: { Location: href, 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
