// The real-world PDFs under tests/fixtures/pdf, each with the notes its README's hand-checked table lists.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.join(process.cwd(), 'tests', 'fixtures', 'pdf');

/** A published PDF and, by marker number, the page its note is printed on and how the note's text begins. */
export type RealPdfFixture = { name: string; bytes: Uint8Array; notes: Array<{ number: number; page: number; start: string }> };

/** Every folder of tests/fixtures/pdf: its PDF and the `## Notes` table of its README. */
export async function realPdfFixtures(): Promise<RealPdfFixture[]> {
  const folders = (await readdir(ROOT, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return Promise.all(
    folders.sort().map(async (folder) => {
      const files = await readdir(path.join(ROOT, folder));
      const pdf = files.find((file) => file.endsWith('.pdf'));
      if (!pdf) throw new Error(`tests/fixtures/pdf/${folder} holds no PDF`);
      const readme = await readFile(path.join(ROOT, folder, 'README.md'), 'utf8');
      return { name: `${folder} (${pdf})`, bytes: new Uint8Array(await readFile(path.join(ROOT, folder, pdf))), notes: notesTable(readme) };
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
