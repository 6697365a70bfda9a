import { getVersionPlainText } from '@/lib/dal/document-versions';
import { getViewer } from '@/lib/dal/viewer';
import { AppError, errorResponse } from '@/lib/errors';
import { readVersionNumber } from '@/lib/validation/versions';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ documentSlug: string; versionNumber: string }> };

// The text of one version, as the exports' `source` IRIs name it: `/documents/<slug>/versions/<n>` asked for
// with `Accept: text/plain` is rewritten here (next.config.js). Offsets in exported selectors count its code points.
export async function GET(_request: Request, { params }: Context) {
  try {
    const { documentSlug, versionNumber } = await params;
    const number = readVersionNumber(versionNumber);
    const text = number === null ? null : await getVersionPlainText(await getViewer(), documentSlug, number);
    if (text === null) throw new AppError('NOT_FOUND', 'There is no such version, or the document is not shared with you.');
    return new Response(text, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', Vary: 'Accept, Cookie' } });
  } catch (error) {
    return errorResponse(error);
  }
}
