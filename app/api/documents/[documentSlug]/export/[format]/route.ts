import { exportMarkdownReport, exportSourcesCslJson, exportTaggedClaimsCsv, exportWebAnnotations } from '@/lib/dal/exports';
import { exportReportHtml, getReportModel } from '@/lib/dal/verification-report';
import { renderReportPdf } from '@/lib/report-pdf';
import type { Viewer } from '@/lib/dal/authorization';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { publicBaseUrlOf } from '@/lib/request-info';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { documentSlug: string; format: string };

type Export = { contentType: string; build: (viewer: Viewer | null, slug: string, request: Request) => Promise<string | Uint8Array<ArrayBuffer>> };

// One download per format; each goes through the data layer's permission checks, so it holds only what the caller may read.
const EXPORTS: Record<string, Export> = {
  'annotations.jsonld': {
    contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    build: async (viewer, slug, request) => {
      const baseUrl = publicBaseUrlOf(request);
      // The whole export is one self-contained collection, named by this download's address.
      const collectionId = `${baseUrl}${new URL(request.url).pathname}`;
      return JSON.stringify(await exportWebAnnotations(viewer, slug, { baseUrl, collectionId }), null, 2);
    },
  },
  'report.md': {
    contentType: 'text/markdown; charset=utf-8',
    build: (viewer, slug, request) => exportMarkdownReport(viewer, slug, { baseUrl: publicBaseUrlOf(request) }),
  },
  'report.html': {
    contentType: 'text/html; charset=utf-8',
    build: (viewer, slug) => exportReportHtml(viewer, slug),
  },
  'report.pdf': {
    contentType: 'application/pdf',
    build: async (viewer, slug) => {
      const model = await getReportModel(viewer, slug);
      if (!model) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
      return renderReportPdf(model);
    },
  },
  'claims.csv': {
    contentType: 'text/csv; charset=utf-8; header=present',
    build: (viewer, slug, request) => exportTaggedClaimsCsv(viewer, slug, { baseUrl: publicBaseUrlOf(request) }),
  },
  'sources.json': {
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    build: async (viewer, slug) => JSON.stringify(await exportSourcesCslJson(viewer, slug), null, 2),
  },
};

export const GET = route({ auth: { resource: ({ documentSlug }: Params) => ({ documentSlug }), access: 'read' } }, async ({ request, params, viewer }) => {
  const { documentSlug, format } = params;
  const chosen = Object.hasOwn(EXPORTS, format) ? EXPORTS[format] : undefined;
  if (!chosen) {
    throw new AppError('NOT_FOUND', `There is no export called “${format.slice(0, 40)}”. Choose one of ${Object.keys(EXPORTS).join(', ')}.`);
  }
  const body = await chosen.build(viewer, documentSlug, request);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': chosen.contentType,
      'Content-Disposition': `attachment; filename="${documentSlug.replace(/[^A-Za-z0-9._-]/gu, '_')}-${format}"`,
      'Cache-Control': 'no-store',
      // The HTML report is a download: even opened in place it runs nothing.
      ...(format === 'report.html' ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox" } : {}),
      Vary: 'Cookie, Authorization',
    },
  });
});
