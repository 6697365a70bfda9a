import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codePointSlice } from '@/lib/domain/text';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { readSeedFiles, seedDatabase } from '@/lib/seed';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';

let database: TestDatabase;

beforeEach(async () => {
  database = await createMigratedDatabase();
});

afterEach(async () => {
  await database.drop();
});

async function countRows() {
  const { db } = database;
  const [workspaces, documents, versions, sections, paragraphs, footnotes] = await Promise.all([
    db.workspace.count(),
    db.document.count(),
    db.documentVersion.count(),
    db.section.count(),
    db.paragraph.count(),
    db.footnote.count(),
  ]);
  return { workspaces, documents, versions, sections, paragraphs, footnotes };
}

describe('seeding', () => {
  it('loads the seed article as a public document with its 4 sections, 18 paragraphs and 40 footnotes', async () => {
    await seedDatabase(database.db);
    expect(await countRows()).toEqual({ workspaces: 1, documents: 1, versions: 1, sections: 4, paragraphs: 18, footnotes: 40 });
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: 'exporting-jihad' }, include: { workspace: true } });
    expect(document.visibility).toBe('PUBLIC');
    expect(document.workspace.isDefault).toBe(true);
    expect(document.publishedOn?.toISOString().slice(0, 10)).toBe('2017-04-12');
  });

  it('stores every footnote marker at offsets that point at its bracketed number, with no note text', async () => {
    await seedDatabase(database.db);
    const version = await database.db.documentVersion.findFirstOrThrow({ include: { footnotes: { orderBy: { number: 'asc' } } } });
    expect(version.footnotes.map((footnote) => footnote.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const footnote of version.footnotes) {
      expect(codePointSlice(version.text, footnote.markerStart, footnote.markerEnd)).toBe(`[${footnote.number}]`);
      expect(footnote.noteText).toBeNull();
    }
  });

  it('changes nothing when run a second time', async () => {
    const first = await seedDatabase(database.db);
    const before = await countRows();
    const second = await seedDatabase(database.db);
    expect(await countRows()).toEqual(before);
    expect(first.map((version) => version.isNewVersion)).toEqual([true]);
    expect(second.map((version) => version.isNewVersion)).toEqual([false]);
    expect(second[0]?.versionId).toBe(first[0]?.versionId);
  });

  it('adds exactly one version when two processes seed at the same time', async () => {
    await Promise.all([seedDatabase(database.db), seedDatabase(database.db)]);
    expect(await countRows()).toMatchObject({ documents: 1, versions: 1, footnotes: 40 });
  });

  it('stores a changed seed text as a second version of the same document', async () => {
    const [file] = await readSeedFiles();
    if (!file) throw new Error('no seed file');
    await seedDatabase(database.db, [file]);
    await seedDatabase(database.db, [{ ...file, text: file.text.replace('April 7th', 'April 7') }]);
    const versions = await database.db.documentVersion.findMany({ orderBy: { number: 'asc' }, select: { number: true } });
    expect(versions).toEqual([{ number: 1 }, { number: 2 }]);
  });

  it('leaves no half-stored document when storing fails part-way', async () => {
    const [file] = await readSeedFiles();
    if (!file) throw new Error('no seed file');
    const parsed = parsePlainTextDocument(file.text);
    // Two paragraphs with one ordinal violate a unique index after the document, version and sections are written.
    const broken = { ...parsed, paragraphs: [...parsed.paragraphs, { ...parsed.paragraphs[0]!, ordinal: 1 }] };
    const workspace = await database.db.workspace.create({ data: { slug: 'w', name: 'W' } });
    await expect(
      unsafeStoreDocumentVersion(database.db, { workspaceId: workspace.id, metadata: file.metadata, parsed: broken, isPublic: true }),
    ).rejects.toThrow();
    expect(await countRows()).toEqual({ workspaces: 1, documents: 0, versions: 0, sections: 0, paragraphs: 0, footnotes: 0 });
  });
});
