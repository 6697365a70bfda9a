// Re-anchoring through the data layer after the bench's light edit of the article.
import { performance } from 'node:perf_hooks';
import { unsafeReanchorDocument } from '@/lib/dal/annotations';
import type { PrismaClient } from '@/lib/db';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { readSeedFiles } from '@/lib/seed';
import type { ReanchorOutcome } from './report';

// An editor's revision of the article: a sentence added to the lead (everything after it moves), a few words
// changed in several paragraphs (fuzzy matches) and one paragraph rewritten (orphans).
function editedArticle(text: string): string {
  const paragraphs = text.split('\n\n');
  const edited = paragraphs.map((paragraph, index) => {
    if (index === 1) return `An editor's note added in revision: this commentary was updated after publication. ${paragraph}`;
    if (index % 5 === 3 && paragraph.length > 300) return paragraph.replace(/\b(the|and|of)\b/, (word) => word.toUpperCase() + ' also');
    if (index === 12 && paragraph.length > 200) return 'This paragraph was rewritten entirely in the revision, so nothing quoted from it can be found any more.';
    return paragraph;
  });
  return edited.join('\n\n');
}

/** Stores the edited article as a new version of `slug` (whose current text is `text`) and times re-anchoring its `annotations`. */
export async function benchmarkReanchoring(db: PrismaClient, workspaceId: string, slug: string, text: string, annotations: number): Promise<ReanchorOutcome> {
  const seedFile = (await readSeedFiles()).find((file) => file.slug === slug);
  if (!seedFile) throw new Error('The seed article is missing.');
  const stored = await unsafeStoreDocumentVersion(db, { workspaceId, metadata: seedFile.metadata, parsed: parsePlainTextDocument(editedArticle(text)), isPublic: true });
  if (!stored.isNewVersion) throw new Error('The edit did not make a new version.');
  const t0 = performance.now();
  const report = await unsafeReanchorDocument(db, stored.documentId, stored.versionId);
  return { ms: performance.now() - t0, annotations, ...report };
}
