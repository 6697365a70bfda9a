import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere, type Viewer } from '@/lib/dal/authorization';
import { layoutDocument, type DocumentLayout } from '@/lib/domain/document-layout';

/** A document as its reader page shows it: publication facts and the newest version laid out. */
export type ReaderDocument = DocumentLayout & {
  slug: string;
  title: string;
  publisher: string | null;
  series: string | null;
  publishedOn: string | null;
  originalUrl: string | null;
  language: string | null;
  versionNumber: number;
  footnoteCount: number;
};

/** A line in a list of documents. */
export type DocumentSummary = {
  slug: string;
  title: string;
  publisher: string | null;
  series: string | null;
  publishedOn: string | null;
  workspaceName: string;
};

const toIsoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** Returns the document `slug` laid out for reading, or null when it does not exist or the viewer may not read it. */
export async function getReaderDocument(viewer: Viewer | null, slug: string): Promise<ReaderDocument | null> {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: {
      slug: true,
      title: true,
      publisher: true,
      series: true,
      publishedOn: true,
      originalUrl: true,
      language: true,
      versions: {
        orderBy: { number: 'desc' },
        take: 1,
        select: {
          number: true,
          text: true,
          sections: { select: { ordinal: true, slug: true, heading: true } },
          paragraphs: { select: { ordinal: true, startOffset: true, endOffset: true, section: { select: { ordinal: true } } } },
          footnotes: { select: { number: true, markerStart: true, markerEnd: true } },
        },
      },
    },
  });
  const version = document?.versions[0];
  if (!document || !version) return null;
  const layout = layoutDocument({
    text: version.text,
    sections: version.sections,
    paragraphs: version.paragraphs.map((paragraph) => ({
      ordinal: paragraph.ordinal,
      start: paragraph.startOffset,
      end: paragraph.endOffset,
      sectionOrdinal: paragraph.section?.ordinal ?? null,
    })),
    footnoteMarkers: version.footnotes.map((footnote) => ({ number: footnote.number, start: footnote.markerStart, end: footnote.markerEnd })),
  });
  return {
    ...layout,
    slug: document.slug,
    title: document.title,
    publisher: document.publisher,
    series: document.series,
    publishedOn: toIsoDate(document.publishedOn),
    originalUrl: document.originalUrl,
    language: document.language,
    versionNumber: version.number,
    footnoteCount: version.footnotes.length,
  };
}

/** Returns the list entry of document `slug` if the viewer may read it, or null; memoised for one request. */
export const getDocumentSummary = cache(async (viewer: Viewer | null, slug: string): Promise<DocumentSummary | null> => {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: { slug: true, title: true, publisher: true, series: true, publishedOn: true, workspace: { select: { name: true } } },
  });
  return document ? toSummary(document) : null;
});

type SummaryRow = { slug: string; title: string; publisher: string | null; series: string | null; publishedOn: Date | null; workspace: { name: string } };

function toSummary({ workspace, publishedOn, ...document }: SummaryRow): DocumentSummary {
  return { ...document, publishedOn: toIsoDate(publishedOn), workspaceName: workspace.name };
}

/** Returns the documents the viewer may read (public ones and their workspaces'), newest first. */
export async function findReadableDocuments(viewer: Viewer | null): Promise<DocumentSummary[]> {
  const documents = await getDb().document.findMany({
    where: readableDocumentsWhere(viewer),
    orderBy: { createdAt: 'desc' },
    select: { slug: true, title: true, publisher: true, series: true, publishedOn: true, workspace: { select: { name: true } } },
  });
  return documents.map(toSummary);
}
