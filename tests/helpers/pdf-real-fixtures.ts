// The real-world PDFs under tests/fixtures/pdf, each with the notes its README's hand-checked table lists.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.join(process.cwd(), 'tests', 'fixtures', 'pdf');

/**
 * A published PDF and, by marker number, the page its note is printed on and how the note's text begins; with
 * its headings in reading order when its README lists them.
 */
export type RealPdfFixture = {
  name: string;
  bytes: Uint8Array;
  notes: Array<{ number: number; page: number; start: string }>;
  headings: string[] | null;
};

/** Every folder of tests/fixtures/pdf: its PDF, the `## Notes` table and the `## Headings` list of its README. */
export async function realPdfFixtures(): Promise<RealPdfFixture[]> {
  const folders = (await readdir(ROOT, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return Promise.all(
    folders.sort().map(async (folder) => {
      const files = await readdir(path.join(ROOT, folder));
      const pdf = files.find((file) => file.endsWith('.pdf'));
      if (!pdf) throw new Error(`tests/fixtures/pdf/${folder} holds no PDF`);
      const readme = await readFile(path.join(ROOT, folder, 'README.md'), 'utf8');
      return { name: `${folder} (${pdf})`, bytes: new Uint8Array(await readFile(path.join(ROOT, folder, pdf))), notes: notesTable(readme), headings: headingsList(readme) };
    }),
  );
}

// The rows `| 3 | 12 | Text… |` after the `## Notes` heading.
function notesTable(readme: string): RealPdfFixture['notes'] {
  const section = readme.split(/^## Notes$/mu)[1] ?? '';
  const rows = [...section.matchAll(/^\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(.+?)\s*\|$/gmu)];
  if (rows.length === 0) throw new Error('A fixture README needs a `## Notes` table: | Marker | Page | Note text begins |');
  return rows.map((row) => ({ number: Number(row[1]), page: Number(row[2]), start: row[3] ?? '' }));
}

// The items `- Heading` of the `## Headings` section, up to the next section; null when there is none.
function headingsList(readme: string): string[] | null {
  const section = readme.split(/^## Headings$/mu)[1]?.split(/^## /mu)[0];
  if (section === undefined) return null;
  return [...section.matchAll(/^- (.+?)\s*$/gmu)].map((item) => item[1] ?? '');
}
