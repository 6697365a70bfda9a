import { findMentionSuggestions } from '@/lib/dal/mentions';
import { getViewer } from '@/lib/dal/viewer';
import { errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

// The `@` listbox of a comment field as the person types (`?q=an`): the workspace's members who can read the
// document, best matches first, by id and current name.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const typed = new URL(request.url).searchParams.get('q') ?? '';
    const people = await findMentionSuggestions(await getViewer(), documentSlug, typed);
    return Response.json({ people }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
