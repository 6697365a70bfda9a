import { getReaderHighlightTable } from '@/lib/dal/documents';
import { getViewer } from '@/lib/dal/viewer';
import { readAnnotationFilter } from '@/lib/domain/annotation-filter';
import { AppError, errorResponse } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string }> };

// The reader's highlight table ([id, start, end, colour] by start), which its script fetches once the page is up
// rather than the page carrying thousands of ranges in its markup. Same filter parameters as the page. The page
// names the table's fingerprint in `v`; an answer that matches it never changes, so the browser may keep it.
export async function GET(request: Request, { params }: Context) {
  try {
    const { documentSlug } = await params;
    const query = new URL(request.url).searchParams;
    const table = await getReaderHighlightTable(await getViewer(), documentSlug, readAnnotationFilter(Object.fromEntries(query)));
    if (!table) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
    const body = JSON.stringify(table.highlights);
    const isAsked = table.fingerprint !== null && query.get('v') === table.fingerprint;
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': isAsked ? 'private, max-age=31536000, immutable' : 'private, no-store', Vary: 'Cookie' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
