import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db';
import { visibleDocumentAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { hasRole, type Viewer } from '@/lib/dal/authorization';
import { getVersionText } from '@/lib/dal/version-texts';
import { getViewerRole } from '@/lib/dal/workspaces';
import { anchorSelectors, type AnchorStatus } from '@/lib/domain/anchoring';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { plainExcerpt } from '@/lib/domain/excerpts';
import { HighlightIndex, type HighlightRange } from '@/lib/domain/highlight-ranges';
import type { TextSelectors } from '@/lib/domain/selectors';
import { diffVersions, type VersionDiff } from '@/lib/domain/version-diff';

/** One version in a document's list of versions: when it was stored and who imported it (null for the seed). */
export type VersionSummary = { number: number; createdAt: string; importerName: string | null; isCurrent: boolean };

/** A document's versions, oldest first. */
export type DocumentVersions = { slug: string; title: string; versions: VersionSummary[] };

/** A stretch of a paragraph of an old version, marked when an annotation covers it. */
export type VersionPiece = { text: string; isMarked: boolean };

/** A section of a version as its page shows it, read-only. */
export type VersionSection = { slug: string; heading: string | null; paragraphs: VersionPiece[][] };

/**
 * An annotation on a version: how it was placed there (or not), the offsets and text it covered there, its quote as
 * it stood then, and what it says. `isPlacedAgain` marks one that left the version before placements were kept, so
 * the page placed it again from its quote rather than showing where it sat.
 */
export type VersionAnnotation = {
  id: string;
  quote: string;
  highlighted: string | null;
  start: number | null;
  end: number | null;
  excerpt: string;
  authorName: string;
  createdAt: string;
  placement: Lowercase<AnchorStatus>;
  isPlacedAgain: boolean;
};

/** What the page of one version shows: its text in sections, the annotations made while it was current, and the versions. */
export type VersionPage = DocumentVersions & { version: VersionSummary; lead: VersionPiece[][]; sections: VersionSection[]; annotations: VersionAnnotation[] };

/** Two versions compared word by word. */
export type VersionComparison = DocumentVersions & { from: VersionSummary; to: VersionSummary; diff: VersionDiff };

async function loadVersions(viewer: Viewer | null, slug: string) {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: {
      id: true,
      slug: true,
      title: true,
      workspaceId: true,
      versions: { orderBy: { number: 'asc' }, select: { id: true, number: true, createdAt: true, importedBy: { select: { name: true } } } },
    },
  });
  if (!document || document.versions.length === 0) return null;
  const latest = document.versions.at(-1)!.number;
  const versions = document.versions.map((version) => ({
    id: version.id,
    summary: { number: version.number, createdAt: version.createdAt.toISOString(), importerName: version.importedBy?.name ?? null, isCurrent: version.number === latest },
    createdAt: version.createdAt,
  }));
  return { id: document.id, slug: document.slug, title: document.title, workspaceId: document.workspaceId, versions };
}

/** Returns the versions of document `slug`, oldest first, or null when the viewer may not read it. Anyone may call it. */
export async function findDocumentVersions(viewer: Viewer | null, slug: string): Promise<DocumentVersions | null> {
  const document = await loadVersions(viewer, slug);
  return document && { slug: document.slug, title: document.title, versions: document.versions.map((version) => version.summary) };
}

/** Returns the text of version `number` of document `slug`, or null when there is none or the viewer may not read it. */
export async function getVersionPlainText(viewer: Viewer | null, slug: string, number: number): Promise<string | null> {
  const document = await loadVersions(viewer, slug);
  const version = document?.versions.find((candidate) => candidate.summary.number === number);
  return version ? ((await getVersionText(version.id))?.text ?? null) : null;
}

/**
 * Returns version `number` of document `slug` as its page shows it, or null when there is none or the viewer may
 * not read the document. The annotations are the thread starters on a passage the viewer may see that sat on this
 * version: those on it now show their current placement, those that left it the placement kept when they did
 * (AnnotationPlacement). Annotations that left before placements were kept, made before the next version came, are
 * placed again on this version's text from their stored quotes (anchorSelectors), and marked so.
 */
export async function getVersionPage(viewer: Viewer | null, slug: string, number: number): Promise<VersionPage | null> {
  const document = await loadVersions(viewer, slug);
  const at = document?.versions.findIndex((candidate) => candidate.summary.number === number) ?? -1;
  if (!document || at === -1) return null;
  const version = document.versions[at]!;
  const next = document.versions[at + 1];
  const [text, structure, annotations] = await Promise.all([
    getVersionText(version.id),
    getDb().documentVersion.findUniqueOrThrow({
      where: { id: version.id },
      select: {
        sections: { orderBy: { ordinal: 'asc' }, select: { id: true, slug: true, heading: true } },
        paragraphs: { orderBy: { ordinal: 'asc' }, select: { sectionId: true, startOffset: true, endOffset: true } },
      },
    }),
    findAnnotationsOnVersion(viewer, document, version.id, next?.createdAt ?? null),
  ]);
  if (!text) return null;
  const placed = annotations.map((annotation) => {
    if (annotation.versionId === version.id || annotation.kept) return { ...annotation, ...(annotation.kept ?? annotation.current), isPlacedAgain: false };
    // Detached by a person before placements were kept: it stays unplaced on every later version too.
    if (annotation.current.status === 'orphan' && annotation.isAnchorConfirmed) return { ...annotation, ...annotation.current, isPlacedAgain: false };
    const result = anchorSelectors(text.text, annotation.selectors, { index: text.index });
    return { ...annotation, start: result.start, end: result.end, status: result.status, isPlacedAgain: true };
  });
  const isPlaced = (annotation: (typeof placed)[number]) => annotation.start !== null && annotation.end !== null && annotation.status !== 'orphan';
  const ranges: HighlightRange[] = placed.flatMap((annotation) => (isPlaced(annotation) ? [[annotation.id, annotation.start!, annotation.end!, 'mark'] as HighlightRange] : []));
  const highlights = new HighlightIndex(ranges);
  const piecesOf = (paragraph: { startOffset: number; endOffset: number }): VersionPiece[] => {
    const pieces = highlights.pieces(paragraph.startOffset, paragraph.endOffset);
    if (pieces.length === 0) return [{ text: text.index.slice(paragraph.startOffset, paragraph.endOffset), isMarked: false }];
    return pieces.map((piece) => ({ text: text.index.slice(piece.start, piece.end), isMarked: piece.colour !== null }));
  };
  return {
    slug: document.slug,
    title: document.title,
    versions: document.versions.map((candidate) => candidate.summary),
    version: version.summary,
    lead: structure.paragraphs.filter((paragraph) => paragraph.sectionId === null).map(piecesOf),
    sections: structure.sections.map((section) => ({
      slug: section.slug,
      heading: section.heading,
      paragraphs: structure.paragraphs.filter((paragraph) => paragraph.sectionId === section.id).map(piecesOf),
    })),
    annotations: placed
      .sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER))
      .map((annotation) => ({
        id: annotation.id,
        quote: annotation.selectors.quote.exact,
        highlighted: isPlaced(annotation) ? text.index.slice(annotation.start!, annotation.end!) : null,
        start: isPlaced(annotation) ? annotation.start : null,
        end: isPlaced(annotation) ? annotation.end : null,
        excerpt: plainExcerpt(annotation.body, 280),
        authorName: annotation.authorName,
        createdAt: annotation.createdAt.toISOString(),
        placement: annotation.status,
        isPlacedAgain: annotation.isPlacedAgain,
      })),
  };
}

type Placement = { status: AnchorStatus; start: number | null; end: number | null };

const statusOf = (status: Uppercase<AnchorStatus>): AnchorStatus => status.toLowerCase() as AnchorStatus;

// Thread starters on a passage that the viewer may see, without removed ones, that sat on version `versionId`: on it
// now, or with a placement kept from it, or (left before placements were kept) made before `before`, the next
// version's date (null for the newest version).
async function findAnnotationsOnVersion(viewer: Viewer | null, document: { id: string; workspaceId: string }, versionId: string, before: Date | null) {
  if (!viewer) return [];
  const isMember = hasRole(await getViewerRole(viewer, document.workspaceId), 'VIEWER');
  const rows = await getDb().annotation.findMany({
    where: {
      AND: [
        visibleDocumentAnnotationsWhere(viewer, { id: document.id, isMember }),
        { parentId: null, deletedAt: null, hiddenAt: null, selectors: { not: Prisma.AnyNull } },
        { OR: [{ versionId }, { placements: { some: { versionId } } }, before ? { createdAt: { lt: before } } : {}] },
      ],
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      versionId: true,
      selectors: true,
      anchorStatus: true,
      anchorStart: true,
      anchorEnd: true,
      isAnchorConfirmed: true,
      body: true,
      createdAt: true,
      author: { select: { name: true } },
      placements: { where: { versionId }, select: { status: true, start: true, end: true } },
    },
  });
  return (await withCurrentMentionNames(rows)).flatMap((row) => {
    if (row.selectors === null) return [];
    const kept = row.placements[0];
    const current: Placement = { status: statusOf(row.anchorStatus), start: row.anchorStart, end: row.anchorEnd };
    return [
      {
        id: row.id,
        versionId: row.versionId,
        current,
        selectors: row.selectors as unknown as TextSelectors,
        kept: kept ? ({ status: statusOf(kept.status), start: kept.start, end: kept.end } satisfies Placement) : null,
        isAnchorConfirmed: row.isAnchorConfirmed,
        body: row.body,
        createdAt: row.createdAt,
        authorName: row.author.name,
      },
    ];
  });
}

/** Returns versions `from` and `to` of document `slug` compared word by word, or null when either is missing or the document unreadable. */
export async function compareVersions(viewer: Viewer | null, slug: string, from: number, to: number): Promise<VersionComparison | null> {
  const document = await loadVersions(viewer, slug);
  const older = document?.versions.find((candidate) => candidate.summary.number === from);
  const newer = document?.versions.find((candidate) => candidate.summary.number === to);
  if (!document || !older || !newer) return null;
  const [olderText, newerText] = await Promise.all([getVersionText(older.id), getVersionText(newer.id)]);
  if (!olderText || !newerText) return null;
  return {
    slug: document.slug,
    title: document.title,
    versions: document.versions.map((candidate) => candidate.summary),
    from: older.summary,
    to: newer.summary,
    diff: diffVersions(olderText.text, newerText.text),
  };
}
