import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSourceLibraryBibtex, exportSourceLibraryCsl, findSourceLibrary, importSources } from '@/lib/dal/source-import';
import { readReferenceFile } from '@/lib/reference-import';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createTeam, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const BIBTEX = readFileSync('tests/fixtures/references/library.bib', 'utf8');
const RIS = readFileSync('tests/fixtures/references/library.ris', 'utf8');

let database: TestDatabase;
let team: Team;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
});

afterAll(async () => {
  await database.drop();
});

describe('importing reference files into the source library', () => {
  it('only editors and owners import; other members and outsiders cannot', async () => {
    const input = { content: '@book{a, title={A}, year={2001}}' };
    expect(await outcomeOf(() => importSources(team.people.commenter, team.workspace.slug, input))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => importSources(team.people.outsider, team.workspace.slug, input))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => importSources(null, team.workspace.slug, input))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(() => importSources(team.people.editor, team.workspace.slug, { content: 'Just some words.' }))).toBe('INVALID_INPUT');
  });

  it('imports BibTeX of several types with non-ASCII names, names the malformed entry and merges duplicates', async () => {
    const report = await importSources(team.people.editor, team.workspace.slug, { content: BIBTEX });
    expect(report.format).toBe('BibTeX');
    expect(report.problems.map((problem) => problem.name)).toEqual(['broken2019']);
    expect(report.problems[0]?.message).toMatch(/could not be read/u);
    expect(report.imported).toBe(5);
    expect(report.merged).toBe(2);

    const library = await findSourceLibrary(team.people.viewer, team.workspace.slug);
    expect(library.canImport).toBe(false);
    const byTitle = new Map(library.sources.map((source) => [source.title, source]));
    expect(byTitle.get('Central Asian fighters in Syria and Iraq')).toMatchObject({ kind: 'ARTICLE', authors: ['Lemon, Edward', 'Wałęsa, Lech'], containerTitle: 'Central Asian Survey', doi: '10.1080/02634937.2016.1234567', issued: '2016' });
    expect(byTitle.get('Homo Jihadicus')).toMatchObject({ authors: ['Falkowski, Maciej', 'Lang, Józef'], issued: '2015-09' });
    expect(byTitle.get('Jihad: The Rise of Militant Islam in Central Asia')).toMatchObject({ kind: 'BOOK' });
    expect(byTitle.get('Foreign Fighters Trends in Łódź and Beyond')).toMatchObject({ kind: 'CHAPTER', authors: ['Zelin, Aaron Y.', 'Žižek, Slavoj'], containerTitle: 'Jihadist Networks' });
    expect(byTitle.get('Syria Calling: Radicalisation in Central Asia')?.authors).toEqual(['International Crisis Group']);
    expect(library.sources).toHaveLength(5);

    // The same file again adds nothing: every entry is a duplicate now.
    const again = await importSources(team.people.owner, team.workspace.slug, { content: BIBTEX, format: 'bibtex' });
    expect(again).toMatchObject({ imported: 0, merged: 7 });
  });

  it('imports RIS records, merging one with the DOI of another written differently', async () => {
    const report = await importSources(team.people.editor, team.workspace.slug, { content: RIS });
    expect(report).toMatchObject({ format: 'RIS', imported: 3, merged: 1, problems: [] });
    const library = await findSourceLibrary(team.people.editor, team.workspace.slug);
    expect(library.sources.find((source) => source.title === 'Radicalisation in the Fergana Valley')).toMatchObject({ authors: ['Śliwiński, Krzysztof', 'Ørsted, Åse'], doi: '10.5555/fergana.2018', issued: '2018-05-02' });
    expect(library.sources.find((source) => source.title === 'Вербовщики в Москве')).toMatchObject({ kind: 'NEWS', authors: ['Пантелеев, Иван'] });
  });

  it('exports the library as CSL-JSON and BibTeX that read back the same', async () => {
    const items = await exportSourceLibraryCsl(team.people.viewer, team.workspace.slug);
    expect(items).toHaveLength(8);
    const bibtex = await exportSourceLibraryBibtex(team.people.viewer, team.workspace.slug);
    const read = readReferenceFile(bibtex);
    expect(read.format).toBe('bibtex');
    const titles = read.entries.map((entry) => ('fields' in entry ? entry.fields.title : entry.problem));
    expect(titles).toContain('Foreign Fighters Trends in Łódź and Beyond');
    expect(titles).toContain('Вербовщики в Москве');
    expect(await outcomeOf(() => exportSourceLibraryCsl(team.people.outsider, team.workspace.slug))).toBe('NOT_FOUND');
  });

  it('reads CSL-JSON, naming items that are not objects or lack a title', async () => {
    const report = await importSources(team.people.owner, team.workspace.slug, {
      content: JSON.stringify([{ id: 'ok', type: 'webpage', title: 'A page', URL: 'https://example.org/page' }, 'not an item', { id: 'untitled', type: 'book' }]),
    });
    expect(report.imported).toBe(1);
    expect(report.problems.map((problem) => problem.name)).toEqual(['item 2', 'untitled']);
  });
});
