import { findLinkCandidates } from '@/lib/dal/annotation-links';
import { getViewer } from '@/lib/dal/viewer';
import { errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

// The annotations a card's Link… form offers as the person searches (`?q=…&scope=document|workspace&exclude=<id>`):
// only those the viewer may see, so a search never reveals another member's private note.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const search = new URL(request.url).searchParams;
    const candidates = await findLinkCandidates(await getViewer(), documentSlug, {
      q: search.get('q') ?? undefined,
      scope: search.get('scope') ?? undefined,
      exclude: search.get('exclude') || undefined,
    });
    return Response.json({ candidates }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
