import type { Viewer } from '@/lib/dal/authorization';
import { exportSourceLibraryBibtex, exportSourceLibraryCsl } from '@/lib/dal/source-import';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { workspaceSlug: string; format: string };

const FORMATS: Record<string, { contentType: string; build: (viewer: Viewer | null, slug: string) => Promise<string> }> = {
  'sources.json': { contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', build: async (viewer, slug) => JSON.stringify(await exportSourceLibraryCsl(viewer, slug), null, 2) },
  'sources.bib': { contentType: 'application/x-bibtex; charset=utf-8', build: (viewer, slug) => exportSourceLibraryBibtex(viewer, slug) },
};

export const GET = route({ auth: { resource: ({ workspaceSlug }: Params) => ({ workspaceSlug }), access: 'read' } }, async ({ params, viewer }) => {
  const { workspaceSlug, format } = params;
  const chosen = Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
  if (!chosen) throw new AppError('NOT_FOUND', `There is no export called “${format.slice(0, 40)}”. Choose sources.json or sources.bib.`);
  const body = await chosen.build(viewer, workspaceSlug);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': chosen.contentType,
      'Content-Disposition': `attachment; filename="${workspaceSlug.replace(/[^A-Za-z0-9._-]/gu, '_')}-${format}"`,
      'Cache-Control': 'no-store',
      Vary: 'Cookie, Authorization',
    },
  });
});
