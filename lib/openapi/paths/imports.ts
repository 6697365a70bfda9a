import { z } from '@/lib/zod';
import { inline, ref } from '@/lib/openapi/components';
import { binary, documentSlug, errorResponse, rateLimited, text, unauthorized, workspaceSlug } from '@/lib/openapi/shared';

// Documents and annotations brought in from files.

const tags = ['Imports'];
const json = (schema: unknown) => ({ 'application/json': { schema } });
const documentFormat = inline(z.enum(['markdown', 'text', 'html']));

/** The import paths of the API description. */
export const importPaths = {
  '/api/documents/{documentSlug}/annotations/import': {
    parameters: [documentSlug],
    post: {
      tags,
      summary: 'Import annotations from a W3C or Hypothesis file',
      description:
        'The body is a W3C Web Annotation export (one annotation, a list, an AnnotationPage, or an AnnotationCollection with embedded pages) or a Hypothesis export (the API’s search result `{total, rows}`, a list, or `{annotations}`). Quotes are placed on the document’s current text by their TextQuoteSelector; annotations whose quote is not found are kept as orphans and listed in `unplaced`. Tags and replies are kept; you become the author and the original author is recorded. All or nothing; importing the same file again adds nothing. Commenters and above.',
      parameters: [{ name: 'format', in: 'query', required: false, schema: inline(z.enum(['w3c', 'hypothesis', 'auto']).default('auto'), 'input') }],
      requestBody: { required: true, content: { ...json(ref('AnnotationFile')), 'application/ld+json': { schema: ref('AnnotationFile') } } },
      responses: {
        '200': { description: 'Everything in the file was here already.', content: json(ref('AnnotationImportReport')) },
        '201': { description: 'Annotations were added.', content: json(ref('AnnotationImportReport')) },
        '401': unauthorized,
        '403': errorResponse('Viewers cannot import, nor can a read-only token.'),
        '404': errorResponse('No such document, or you may not read it.'),
        '413': errorResponse('The file is larger than 10 MB.'),
        '415': errorResponse('The body is not application/json or application/ld+json.'),
        '422': errorResponse(
          'The file is not JSON (the message gives line and column), not an annotation export, has a selector type the W3C model does not define, or has a reply whose parent is missing. Nothing was imported.',
        ),
        '429': rateLimited,
      },
    },
  },
  '/api/workspaces/{workspaceSlug}/documents': {
    parameters: [workspaceSlug],
    post: {
      tags,
      summary: 'Import a document, or a new version of one',
      description:
        'The body is the document itself (`text/markdown` with GFM footnotes, whose definitions become the note texts; `text/plain` with bracketed markers and a trailing Notes section; `text/html`, of which only the text structure is kept; or `application/pdf`, up to 20 MB and 500 pages, whose text, headings, notes and pages are read and whose file is kept with the version), or a `multipart/form-data` upload with a `file` (or `content`) field and the same optional fields as the query. When the slug names a document of this workspace, the text becomes its next version and its annotations are re-anchored; the `reanchor` report counts what stayed, moved, matched fuzzily or was orphaned. Editors and owners only.',
      parameters: [
        { name: 'slug', in: 'query', required: false, description: 'The document’s address; derived from the title when left out.', schema: text },
        { name: 'title', in: 'query', required: false, schema: text },
        { name: 'format', in: 'query', required: false, description: 'Detected from the content type or file name when left out.', schema: documentFormat },
        { name: 'preview', in: 'query', required: false, description: '`1` reads a PDF and answers what would be imported (200), storing nothing.', schema: inline(z.literal('1')) },
      ],
      requestBody: {
        required: true,
        content: {
          'text/markdown': { schema: text },
          'text/plain': { schema: text },
          'text/html': { schema: text },
          'application/pdf': { schema: binary },
          'multipart/form-data': { schema: ref('DocumentUpload') },
        },
      },
      responses: {
        '200': { description: 'This exact text was already stored; nothing changed.', content: json(ref('DocumentImportResult')) },
        '201': {
          description: 'A new document, or a new version of an existing one.',
          headers: { Location: { description: 'The document’s reader page.', schema: text } },
          content: json(ref('DocumentImportResult')),
        },
        '401': unauthorized,
        '403': errorResponse('Only editors and owners import documents, and only with a token that may write.'),
        '404': errorResponse('No such workspace, or you are not a member.'),
        '409': errorResponse('Two imports raced for the same new address; send it again.'),
        '413': errorResponse('The document is larger than 2 MB (a PDF: 20 MB).'),
        '415': errorResponse('The content type is not one of the above.'),
        '422': errorResponse(
          'The text cannot be read as a document (no title or paragraphs, not UTF-8), or the PDF is encrypted, damaged, a scan without text, over 500 pages or too complex to read.',
        ),
        '429': rateLimited,
      },
    },
  },
};
