import { findTagSuggestions } from '@/lib/dal/tags';
import { getViewer } from '@/lib/dal/viewer';
import { errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

// The Tags field's suggestions as the person types (`?q=stat`): the tags of the document's workspace they may see,
// best matches first, with their colours. The page does not carry the vocabulary, which may hold thousands.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const typed = new URL(request.url).searchParams.get('q') ?? '';
    const tags = await findTagSuggestions(await getViewer(), documentSlug, typed);
    return Response.json({ tags }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
