import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAnnotations } from '@/lib/dal/annotation-import';
import type { Viewer } from '@/lib/dal/authorization';
import { exportMarkdownReport, exportWebAnnotations } from '@/lib/dal/exports';
import { normalizeText } from '@/lib/domain/text';
import type { AnnotationCollection, WebAnnotation } from '@/lib/domain/web-annotation';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';

// A Hypothesis export imported, exported as W3C, imported onto another copy and exported again keeps who wrote each
// annotation, its original IRI, its group, the page it was made on, its text, tags and dates.

const BASE = 'https://marginalia.example';
const ARTICLE = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const HYPOTHESIS = readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8');
type Row = { id: string; user: string; group: string; uri: string; text: string; tags: string[]; created: string; updated: string; user_info?: { display_name?: string }; references?: string[] };
const rows = (JSON.parse(HYPOTHESIS) as { rows: Row[] }).rows;

let database: TestDatabase;
let importer: Viewer;
let secondImporter: Viewer;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  importer = await createUser(database.db, 'Importer');
  secondImporter = await createUser(database.db, 'Second importer');
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function freshCopy(owner: Viewer): Promise<string> {
  const workspace = await createWorkspace(database.db, [[owner, 'OWNER']], 'Round trip desk');
  return createDocument(database.db, workspace.id, { text: ARTICLE });
}

const exportOf = async (viewer: Viewer, slug: string) => ((await exportWebAnnotations(viewer, slug, { baseUrl: BASE })) as AnnotationCollection).first?.items ?? [];

// What must survive, keyed by the Hypothesis id each annotation came from.
function provenanceOf(items: WebAnnotation[]) {
  return Object.fromEntries(
    items.map((item) => [
      item.via,
      {
        creator: item.creator,
        group: item.imported?.group,
        source: item.imported?.source,
        text: (item.body ?? []).filter((body) => body.purpose === 'commenting').map((body) => body.value),
        tags: (item.body ?? []).filter((body) => body.purpose === 'tagging').map((body) => body.value).sort(),
        created: item.created,
        modified: item.modified,
      },
    ]),
  );
}

describe('provenance', () => {
  it('survives Hypothesis → W3C → W3C: creator, via, group, source, text, tags and dates', async () => {
    const first = await freshCopy(importer);
    const imported = await importAnnotations(importer, { documentSlug: first, content: HYPOTHESIS, format: 'hypothesis' });
    expect(imported.imported).toBe(rows.length);
    const once = await exportOf(importer, first);
    const expected = Object.fromEntries(
      rows.map((row) => [
        `https://hypothes.is/a/${row.id}`,
        {
          creator: { id: row.user, type: 'Person', name: row.user_info?.display_name ?? row.user.replace(/^acct:/u, '').split('@')[0] },
          group: row.group,
          source: row.uri,
          text: row.text.trim() === '' ? [] : [row.text],
          tags: row.references ? [] : [...row.tags].sort(),
          created: new Date(row.created).toISOString(),
          modified: new Date(row.updated).toISOString(),
        },
      ]),
    );
    expect(provenanceOf(once)).toEqual(expected);
    for (const item of once) expect(item.imported?.by).toMatchObject({ type: 'Person', name: 'Importer' });

    const second = await freshCopy(secondImporter);
    const again = await importAnnotations(secondImporter, { documentSlug: second, content: JSON.stringify(await exportWebAnnotations(importer, first, { baseUrl: BASE })), format: 'w3c' });
    expect(again.imported).toBe(rows.length);
    const twice = await exportOf(secondImporter, second);
    expect(provenanceOf(twice)).toEqual(expected);
    for (const item of twice) expect(item.imported?.by).toMatchObject({ name: 'Second importer' });
  });

  it('credits the original author in the Markdown report, and names who imported it', async () => {
    const slug = await freshCopy(importer);
    await importAnnotations(importer, { documentSlug: slug, content: HYPOTHESIS, format: 'hypothesis' });
    const report = await exportMarkdownReport(importer, slug, { baseUrl: BASE });
    expect(report).toContain('**Marta Kowalska**');
    expect(report).toContain('imported by Importer');
  });
});
