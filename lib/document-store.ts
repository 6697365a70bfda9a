import { createHash } from 'node:crypto';
import type { DatabaseClient, PrismaClient } from '@/lib/db';
import type { ParsedDocument } from '@/lib/domain/plain-text-import';
import { AppError } from '@/lib/errors';

/** Publication facts of a document, as its metadata file gives them. */
export type DocumentMetadata = {
  slug: string;
  title: string;
  publisher?: string;
  series?: string;
  published?: string;
  originalUrl?: string;
  language?: string;
};

/** What storing a version did: `isNewVersion` is false when this exact text was already stored. */
export type StoredVersion = { documentId: string; versionId: string; versionNumber: number; isNewVersion: boolean };

/** Returns the SHA-256 of a normalised text, the identity of a document version. */
export function hashContent(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Serialises concurrent imports of one document (two app processes seeding at once).
const IMPORT_LOCK_NAMESPACE = 724_311;

/**
 * Stores a parsed document as the newest version of the document `metadata.slug` in `workspaceId`,
 * creating the document on first import. All or nothing; a text already stored is not stored again.
 * Not authorized: callers are the seeder and data-layer functions that have checked the actor.
 */
export async function unsafeStoreDocumentVersion(
  db: PrismaClient,
  input: {
    workspaceId: string;
    metadata: DocumentMetadata;
    parsed: ParsedDocument;
    isPublic: boolean;
    pdf?: { bytes: Uint8Array; fingerprint: string; pageCount: number; fileName: string | null } | null;
    /** Who imports it; left out by the seeder. */
    importerId?: string | null;
  },
): Promise<StoredVersion> {
  const { workspaceId, metadata, parsed, isPublic, pdf, importerId } = input;
  const contentHash = hashContent(parsed.text);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_NAMESPACE}, hashtext(${metadata.slug}))`;
      const document = await tx.document.upsert({
        where: { slug: metadata.slug },
        update: {},
        create: {
          slug: metadata.slug,
          workspaceId,
          title: metadata.title || parsed.title,
          visibility: isPublic ? 'PUBLIC' : 'PRIVATE',
          publisher: metadata.publisher ?? null,
          series: metadata.series ?? null,
          publishedOn: metadata.published ? new Date(`${metadata.published}T00:00:00Z`) : null,
          originalUrl: metadata.originalUrl ?? null,
          language: metadata.language ?? null,
        },
      });
      // A slug names one document across all workspaces: never add a version to another workspace's document.
      if (document.workspaceId !== workspaceId) {
        throw new AppError('CONFLICT', `The address "${metadata.slug}" is not available. Choose another slug.`, { fieldErrors: { slug: ['This address is not available.'] } });
      }
      const existing = await tx.documentVersion.findUnique({
        where: { documentId_contentHash: { documentId: document.id, contentHash } },
        select: { id: true, number: true },
      });
      if (existing) return { documentId: document.id, versionId: existing.id, versionNumber: existing.number, isNewVersion: false };
      const latest = await tx.documentVersion.aggregate({ where: { documentId: document.id }, _max: { number: true } });
      const versionNumber = (latest._max.number ?? 0) + 1;
      const version = await tx.documentVersion.create({
        data: { documentId: document.id, number: versionNumber, text: parsed.text, contentHash, importedById: importerId ?? null },
        select: { id: true },
      });
      await insertStructure(tx, version.id, parsed);
      if (pdf) {
        await tx.documentPdf.create({
          data: { versionId: version.id, bytes: new Uint8Array(pdf.bytes), fingerprint: pdf.fingerprint, pageCount: pdf.pageCount, byteSize: pdf.bytes.byteLength, fileName: pdf.fileName },
        });
      }
      return { documentId: document.id, versionId: version.id, versionNumber, isNewVersion: true };
    },
    { timeout: 60_000 },
  );
}

async function insertStructure(tx: DatabaseClient, versionId: string, parsed: ParsedDocument): Promise<void> {
  const sectionIds = new Map<number, string>();
  for (const section of parsed.sections) {
    const row = await tx.section.create({
      data: {
        versionId,
        ordinal: section.ordinal,
        heading: section.heading,
        slug: section.slug,
        startOffset: section.start,
        endOffset: section.end,
        headingStart: section.headingStart,
        headingEnd: section.headingEnd,
      },
      select: { id: true },
    });
    sectionIds.set(section.ordinal, row.id);
  }
  await tx.paragraph.createMany({
    data: parsed.paragraphs.map((paragraph) => ({
      versionId,
      sectionId: paragraph.sectionOrdinal === null ? null : (sectionIds.get(paragraph.sectionOrdinal) ?? null),
      ordinal: paragraph.ordinal,
      startOffset: paragraph.start,
      endOffset: paragraph.end,
      pageStart: paragraph.pages?.first ?? null,
      pageEnd: paragraph.pages?.last ?? null,
    })),
  });
  const noteTexts = new Map((parsed.notes ?? []).map((note) => [note.number, note.text]));
  await tx.footnote.createMany({
    data: parsed.footnoteMarkers.map((marker) => ({
      versionId,
      number: marker.number,
      markerStart: marker.start,
      markerEnd: marker.end,
      paragraphOrdinal: marker.paragraphOrdinal,
      noteText: noteTexts.get(marker.number) ?? null,
    })),
  });
}
