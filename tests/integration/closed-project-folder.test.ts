import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Run as root (as CI runs), the embedded PostgreSQL runs as the OS user `postgres`. A project in a folder that user
// cannot enter (root's home is mode 700) must still start its database, for `npm start` and for the tests alike.
const isRoot = process.getuid?.() === 0;
let closed: string | null = null;
let relocated: string | null = null;

afterAll(async () => {
  if (closed) await rm(closed, { recursive: true, force: true });
  if (relocated) await rm(path.dirname(relocated), { recursive: true, force: true });
});

function runNode(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, DATABASE_URL: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.runIf(isRoot)('a project in a folder other users cannot enter, run as root', () => {
  it('starts the local and the throwaway database, saying where the cluster lives, with no permission error', async () => {
    closed = await mkdtemp(path.join(tmpdir(), 'marginalia-closed-'));
    await chmod(closed, 0o700);
    const project = path.join(closed, 'project');
    await mkdir(project);
    // Hard links: a copy of the project at another path in seconds, so the binaries really sit below the closed folder.
    for (const entry of ['node_modules', 'lib', 'tests', 'package.json', 'tsconfig.json']) {
      await new Promise<void>((resolve, reject) => {
        const copy = spawn('cp', ['-al', path.join(process.cwd(), entry), path.join(project, entry)]);
        copy.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cp ${entry} failed`))));
      });
    }
    const { code, output } = await runNode([path.join(project, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/helpers/database-probe.ts'], project);
    relocated = /kept in (\S+?)\.?$/mu.exec(output)?.[1] ?? null;
    expect(output).not.toMatch(/EACCES|permission denied|^\s+at /imu);
    expect(output).toContain('local: 42');
    expect(output).toContain('throwaway: 42');
    expect(output).toMatch(new RegExp(`cannot enter ${closed.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}, so the cluster for .* is kept in /var/lib/marginalia/`, 'u'));
    expect(code).toBe(0);
  }, 300_000);
});
