import 'server-only';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';

/** A stored PDF's facts, without its bytes. */
export type DocumentPdfInfo = { documentSlug: string; title: string; versionNumber: number; pageCount: number; fileName: string | null; byteSize: number };

// The version asked for, or the newest one when none is named.
function versionWhere(versionNumber: number | null) {
  return versionNumber === null ? {} : { number: versionNumber };
}

/** Returns the facts of the original PDF of a version of a document the viewer may read, or null (no such document, version or PDF). */
export async function getDocumentPdfInfo(viewer: Viewer | null, slug: string, versionNumber: number | null): Promise<DocumentPdfInfo | null> {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: {
      slug: true,
      title: true,
      versions: { where: versionWhere(versionNumber), orderBy: { number: 'desc' }, take: 1, select: { number: true, pdf: { select: { pageCount: true, fileName: true, byteSize: true } } } },
    },
  });
  const version = document?.versions[0];
  if (!document || !version?.pdf) return null;
  return { documentSlug: document.slug, title: document.title, versionNumber: version.number, ...version.pdf };
}

/** Returns the original PDF's bytes of a version of a document the viewer may read, or null. */
export async function getDocumentPdfFile(viewer: Viewer | null, slug: string, versionNumber: number | null): Promise<(DocumentPdfInfo & { bytes: Uint8Array }) | null> {
  const info = await getDocumentPdfInfo(viewer, slug, versionNumber);
  if (!info) return null;
  const file = await getDb().documentPdf.findFirst({ where: { version: { number: info.versionNumber, document: { slug: info.documentSlug } } }, select: { bytes: true } });
  return file ? { ...info, bytes: file.bytes } : null;
}
