import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { getViewerRole } from '@/lib/dal/workspaces';

const readableDocumentSelect = {
  id: true,
  slug: true,
  title: true,
  publisher: true,
  series: true,
  publishedOn: true,
  originalUrl: true,
  language: true,
  workspaceId: true,
  visibility: true,
  workspace: { select: { name: true } },
  versions: {
    orderBy: { number: 'desc' as const },
    take: 1,
    select: {
      id: true,
      number: true,
      text: true,
      sections: { select: { ordinal: true, slug: true, heading: true } },
      paragraphs: { select: { ordinal: true, startOffset: true, endOffset: true, pageStart: true, pageEnd: true, section: { select: { ordinal: true } } } },
      footnotes: { select: { number: true, markerStart: true, markerEnd: true, paragraphOrdinal: true, noteText: true } },
      pdf: { select: { pageCount: true } },
    },
  },
};

async function loadReadableDocument(viewer: Viewer | null, slug: string) {
  const document = await getDb().document.findFirst({ where: { AND: [{ slug }, readableDocumentsWhere(viewer)] }, select: readableDocumentSelect });
  if (!document) return null;
  const { versions, ...rest } = document;
  const [version] = versions;
  if (!version) return null;
  return { ...rest, isPublic: rest.visibility === 'PUBLIC', version, role: await getViewerRole(viewer, document.workspaceId) };
}

/** A document the viewer may read, with its newest version's text and structure and the viewer's role in its workspace. */
export type ReadableDocument = NonNullable<Awaited<ReturnType<typeof loadReadableDocument>>>;

/**
 * Returns the document `slug` with its newest version if the viewer may read it, else null. Memoised for one
 * request: the reader's layout, page, visit record and annotations all ask for it, and it is one query.
 * Outside a React render (route handlers, scripts) every call queries afresh.
 */
export const getReadableDocument: (viewer: Viewer | null, slug: string) => Promise<ReadableDocument | null> = cache(loadReadableDocument);

