import 'server-only';
import { LRUCache } from 'lru-cache';
import { getDb } from '@/lib/db';
import { CodePointIndex } from '@/lib/domain/text';

/**
 * What placing a passage on a version needs: its text, indexed by code point, where its sections lie, and for a
 * version imported from a PDF the page each paragraph starts on (empty otherwise), so a new quote can cite its page.
 */
export type VersionText = {
  text: string;
  index: CodePointIndex;
  sections: Array<{ slug: string; startOffset: number; endOffset: number }>;
  pages: Array<{ start: number; end: number; page: number }>;
};

// A stored version never changes (a new text is a new version), so its text can be kept for as long as the
// process likes. Every annotation write on a document needs the newest version's text; reading a long article
// anew for each of them was a large part of what a write cost. Bounded by size, since imported documents may be large.
const MAX_CACHED_UTF16_UNITS = 32 * 1024 * 1024;

const versionTexts = new LRUCache<string, VersionText>({
  maxSize: MAX_CACHED_UTF16_UNITS,
  sizeCalculation: (version) => Math.max(1, version.text.length),
  fetchMethod: loadVersionText,
});

async function loadVersionText(versionId: string): Promise<VersionText | undefined> {
  const version = await getDb().documentVersion.findUnique({
    where: { id: versionId },
    select: {
      text: true,
      sections: { select: { slug: true, startOffset: true, endOffset: true } },
      paragraphs: { where: { pageStart: { not: null } }, orderBy: { ordinal: 'asc' }, select: { startOffset: true, endOffset: true, pageStart: true } },
    },
  });
  if (!version) return undefined;
  const pages = version.paragraphs.map((paragraph) => ({ start: paragraph.startOffset, end: paragraph.endOffset, page: paragraph.pageStart ?? 0 }));
  return { text: version.text, index: new CodePointIndex(version.text), sections: version.sections, pages };
}

/** Returns the page of the PDF that code point `offset` of a version lies on, as exports cite it; null for other versions. */
export function pageAt(version: VersionText, offset: number): number | null {
  return version.pages.find((paragraph) => offset >= paragraph.start && offset < paragraph.end)?.page ?? null;
}

/** Returns the text and sections of version `versionId` (by id, so callers must have authorized the document), or null if there is none. */
export async function getVersionText(versionId: string): Promise<VersionText | null> {
  return (await versionTexts.fetch(versionId)) ?? null;
}
