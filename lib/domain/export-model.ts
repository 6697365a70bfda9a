import { describeRange, InvalidRangeError, type TextSelectors } from '@/lib/domain/selectors';
import type { PageRange } from '@/lib/domain/pdf-pages';
import type { W3cMotivation } from '@/lib/domain/web-annotation';

/** One annotation as the exports read it: the stored row, with its author's display name and its tags' labels. */
export type ExportRecord = {
  id: string;
  parentId: string | null;
  rootId: string | null;
  authorId: string;
  author: { name: string };
  createdAt: Date;
  updatedAt: Date;
  body: string;
  visibility: 'PRIVATE' | 'WORKSPACE';
  motivation: Uppercase<W3cMotivation>;
  status: 'OPEN' | 'RESOLVED';
  revision: number;
  /** As first made; null for replies and section discussions. */
  selectors: unknown;
  sectionSlug: string | null;
  versionId: string;
  anchorStart: number | null;
  anchorEnd: number | null;
  tags: Array<{ tag: { label: string } }>;
  /** Where an import found it: its original author (as a string, or by name and IRI), group and source document. */
  importedCreator: string | null;
  importedCreatorName: string | null;
  importedCreatorIri: string | null;
  importedGroup: string | null;
  importedSource: string | null;
};

/** The W3C creator of an annotation made here: the display name only, as an e-mail address never leaves the workspace. Pure. */
export function creatorOf(baseUrl: string, author: { id: string; name: string }): { id: string; name: string } {
  return { id: `${baseUrl.replace(/\/+$/u, '')}/users/${author.id}`, name: author.name };
}

/** Whether an annotation came in by an import that said where it was from (a POST with a client's own id records only that id). Pure. */
export function isImported(row: ExportRecord): boolean {
  return [row.importedCreator, row.importedCreatorName, row.importedCreatorIri, row.importedGroup, row.importedSource].some((value) => value !== null);
}

/** The author an imported annotation had where it came from, named as its W3C creator; null when the file named none. Pure. */
export function originalCreatorOf(row: ExportRecord): { id?: string; name: string } | null {
  const name = row.importedCreatorName ?? row.importedCreator ?? row.importedCreatorIri;
  if (name === null) return null;
  return { id: row.importedCreatorIri ?? undefined, name };
}

/** The name a report credits an annotation to: its original author for an import, with who imported it. Pure. */
export function creditOf(row: ExportRecord): { name: string; importedBy: string | null } {
  const original = originalCreatorOf(row);
  return original === null ? { name: row.author.name, importedBy: null } : { name: original.name, importedBy: row.author.name };
}

/** A version of the exported document; `text` and `pages` are loaded only for versions quotes are placed on. */
export type ExportVersion = { id: string; number: number; createdAt: Date; text: string | null; pages?: Array<{ start: number; end: number; page: number; lastPage: number }> };

/** A section of the current version, as the reports name and order them. */
export type ExportSection = { slug: string; heading: string | null; ordinal: number; startOffset: number; endOffset: number };

/** The document an export is made of: its current version's sections and note numbers, and every version. */
export type ExportDocument = {
  id: string;
  slug: string;
  title: string;
  current: { id: string; number: number; sections: ExportSection[]; footnotes: number[] };
  versions: ExportVersion[];
};

/**
 * Where an exported annotation sits: the version its selectors describe, and the selectors (null for replies and
 * section discussions). An orphan (`isPlaced` false) has its stored quote and no position.
 */
export type ExportPlacement = { versionNumber: number; selectors: ExportSelectors | null; isPlaced: boolean };

/** A quote with its position, or, for an orphan, the quote alone: an export never invents a place in the text. */
export type ExportSelectors = Omit<TextSelectors, 'position'> & { position: TextSelectors['position'] | null };

/**
 * Returns where an annotation sits for export. Stored selectors are kept as first made; after a new version the
 * anchor columns say where the quote sits now, so a placed quote is described afresh against the version it is
 * placed on. An orphan keeps its stored quote, pinned to the newest version that existed when it was made (the
 * text that quote was taken from), and no position: wherever it once was, nothing in the text is there now.
 */
export function placementOf(row: ExportRecord, document: ExportDocument): ExportPlacement {
  const version = document.versions.find((candidate) => candidate.id === row.versionId) ?? document.versions.at(-1)!;
  const stored = row.selectors as TextSelectors | null;
  if (stored === null) return { versionNumber: version.number, selectors: null, isPlaced: false };
  if (row.anchorStart !== null && row.anchorEnd !== null && version.text !== null) {
    try {
      return { versionNumber: version.number, selectors: describeRange(version.text, row.anchorStart, row.anchorEnd), isPlaced: true };
    } catch (error) {
      if (!(error instanceof InvalidRangeError)) throw error;
    }
  }
  const original = [...document.versions].reverse().find((candidate) => candidate.createdAt <= row.createdAt) ?? document.versions[0]!;
  return { versionNumber: original.number, selectors: { quote: stored.quote, position: null }, isPlaced: false };
}

/** Returns the page of the original PDF where a placed quote starts, when its version came from a PDF. */
export function pageOf(row: ExportRecord, document: ExportDocument): number | null {
  return paragraphPagesOf(row, document)?.first ?? null;
}

/** Returns the pages of the paragraph a placed quote sits in, when its version came from a PDF. */
export function paragraphPagesOf(row: ExportRecord, document: ExportDocument): PageRange | null {
  if (row.anchorStart === null || row.selectors === null) return null;
  const start = row.anchorStart;
  const paragraph = document.versions.find((candidate) => candidate.id === row.versionId)?.pages?.find((candidate) => start >= candidate.start && start < candidate.end);
  return paragraph ? { first: paragraph.page, last: paragraph.lastPage } : null;
}

/** Returns the slug of the current version's section an annotation belongs to, or null (the lead, the whole document, or unplaced). */
export function sectionOf(row: ExportRecord, document: ExportDocument): string | null {
  if (row.selectors === null) return row.sectionSlug;
  if (row.anchorStart === null) return null;
  if (row.versionId !== document.current.id) return row.sectionSlug;
  const start = row.anchorStart;
  return document.current.sections.find((section) => start >= section.startOffset && start < section.endOffset)?.slug ?? null;
}

/** Returns an annotation's tag labels in alphabetical order. */
export function tagLabelsOf(row: ExportRecord): string[] {
  return sortedTags(row.tags.map(({ tag }) => tag.label));
}

/** Returns tag labels in alphabetical order, as every export lists them. */
export function sortedTags(labels: string[]): string[] {
  return [...labels].sort((a, b) => a.localeCompare(b, 'en'));
}
