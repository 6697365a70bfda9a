import { z } from '@/lib/zod';
import { inline, ref } from '@/lib/openapi/components';
import { binary, documentSlug, errorResponse, formatParameter, JSON_LD, rateLimited, text, unauthorized, workspaceSlug } from '@/lib/openapi/shared';

// Everything a reader may see of a document, and a workspace's sources, in other formats.

const tags = ['Exports'];
const cslItems = inline(z.array(z.record(z.string(), z.unknown())).meta({ description: 'CSL-JSON items.' }));

/** The export paths of the API description. */
export const exportPaths = {
  '/api/documents/{documentSlug}/export/{format}': {
    parameters: [documentSlug, formatParameter(['annotations.jsonld', 'report.md', 'report.html', 'report.pdf', 'claims.csv', 'sources.json'])],
    get: {
      tags,
      summary: 'Export a document’s annotations or sources',
      description:
        '`annotations.jsonld`: one self-contained W3C AnnotationCollection. `report.md`: a Markdown report by section with quotes, comments, replies, tags, sources and verdicts. `report.html` and `report.pdf`: the verification report (each note with its citing sentence, status, assignee, sources, evidence and verdict history; coverage; sentences citing nothing), naming the version, the date and who generated it; the HTML is one self-contained page with no scripts, the PDF embeds a Unicode font. `claims.csv`: tagged thread starters, one row per tag. `sources.json`: the sources as CSL-JSON. Every format shows exactly what you may see in the reader.',
      responses: {
        '200': {
          description: 'The export, as a download.',
          content: {
            [JSON_LD]: { schema: ref('AnnotationCollection') },
            'text/markdown': { schema: text },
            'text/html': { schema: text },
            'application/pdf': { schema: binary },
            'text/csv': { schema: text },
            'application/vnd.citationstyles.csl+json': { schema: cslItems },
          },
        },
        '401': unauthorized,
        '404': errorResponse('No such document or format, or you may not read the document.'),
        '429': rateLimited,
      },
    },
  },
  '/api/documents/{documentSlug}/pdf': {
    parameters: [documentSlug, { name: 'version', in: 'query', required: false, description: 'The version number; the newest when left out.', schema: inline(z.int().positive()) }],
    get: {
      tags,
      summary: 'Download the original PDF of a version',
      description: 'The PDF a version was imported from, as a download. Readers of the document only.',
      responses: {
        '200': { description: 'The PDF.', content: { 'application/pdf': { schema: binary } } },
        '401': unauthorized,
        '404': errorResponse('The version has no PDF, or you may not read the document.'),
        '422': errorResponse('The version is not a whole number.'),
        '429': rateLimited,
      },
    },
  },
  '/api/workspaces/{workspaceSlug}/sources/{format}': {
    parameters: [workspaceSlug, formatParameter(['sources.json', 'sources.bib'])],
    get: {
      tags,
      summary: 'Export a workspace’s source library',
      description: '`sources.json`: every source of the workspace as CSL-JSON. `sources.bib`: the same as BibTeX (UTF-8). Members of the workspace only.',
      responses: {
        '200': { description: 'The library, as a download.', content: { 'application/vnd.citationstyles.csl+json': { schema: cslItems }, 'application/x-bibtex': { schema: text } } },
        '401': unauthorized,
        '404': errorResponse('No such workspace or format, or you are not a member of the workspace.'),
        '429': rateLimited,
      },
    },
  },
};
