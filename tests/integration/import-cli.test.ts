import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createTeam, type Team } from '@/tests/helpers/factories';

const run = promisify(execFile);

let database: TestDatabase;
let team: Team;
let folder: string;

type CliOutcome = { code: number; stdout: string; stderr: string };

// Runs `npm run import` exactly as a person would, against this test's database.
async function importCli(...args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'import', '--', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.url },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

async function writeFixture(name: string, content: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  team = await createTeam(database.db);
  folder = await mkdtemp(path.join(tmpdir(), 'import-cli-'));
});

afterAll(async () => {
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('imports a Markdown file, then a changed copy as version 2 with a re-anchoring report', async () => {
    const first = await writeFixture('brief.md', '# Border Brief\n\nThe crossing reopened on Monday.[^1]\n\nQueues reached nine kilometres.\n\n[^1]: Customs notice 12/2024.\n');
    const imported = await importCli(first, '--workspace', team.workspace.slug);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported "Border Brief" as /documents/border-brief.');
    const footnote = await database.db.footnote.findFirstOrThrow({ where: { version: { document: { slug: 'border-brief' } } }, select: { noteText: true } });
    expect(footnote.noteText).toBe('Customs notice 12/2024.');

    const second = await writeFixture('brief-v2.md', '# Border Brief\n\nThe crossing reopened on Tuesday.[^1]\n\nQueues reached nine kilometres.\n\n[^1]: Customs notice 12/2024.\n');
    const reimported = await importCli(second, '--workspace', team.workspace.slug, '--slug', 'border-brief');
    expect(reimported.code).toBe(0);
    expect(reimported.stdout).toContain('Stored version 2 of "Border Brief"');
    expect(reimported.stdout).toContain('Annotations re-anchored: 0 exact, 0 moved, 0 fuzzy, 0 orphaned; 0 need confirmation.');
    expect(await database.db.documentVersion.count({ where: { document: { slug: 'border-brief' } } })).toBe(2);
  });

  it('exits non-zero with the reason, storing nothing, when the file cannot be imported', async () => {
    const before = await database.db.documentVersion.count();
    const empty = await writeFixture('empty.html', '<html><body><script>alert(1)</script></body></html>');
    const unreadable = await importCli(empty, '--workspace', team.workspace.slug, '--title', 'Nothing here');
    expect(unreadable.code).not.toBe(0);
    expect(unreadable.stderr).toContain('has no readable text');

    const noWorkspace = await importCli(empty, '--workspace', 'no-such-workspace');
    expect(noWorkspace.code).not.toBe(0);
    expect(noWorkspace.stderr).toContain('There is no workspace "no-such-workspace"');

    const missing = await importCli(path.join(folder, 'missing.md'), '--workspace', team.workspace.slug);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('There is no file');
    expect(await database.db.documentVersion.count()).toBe(before);
  });
});
