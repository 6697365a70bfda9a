// One command from a fresh clone to a running reader: database (embedded unless DATABASE_URL is set),
// migrations, seed, a production build when the sources changed, then the Next.js server.
//   tsx scripts/start.ts [--dev] [--port 3000] [--throwaway]
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale, runNext } from '@/lib/app-build';
import { createDatabaseClient } from '@/lib/db';
import { DataFolderLockedError, startEmbeddedDatabase, startThrowawayDatabase, type LocalDatabase } from '@/lib/local-database';
import { applyMigrations } from '@/lib/migrate';
import { seedDatabase } from '@/lib/seed';

const { values: options } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    // A database of its own, removed on exit: what the browser tests run against.
    throwaway: { type: 'boolean', default: false },
  },
});

const LOCAL_DATA_DIR = path.join(process.cwd(), '.data');

let database: LocalDatabase | null = null;
let server: ChildProcess | null = null;
let isStopping = false;

function log(message: string) {
  console.log(`[marginalia] ${message}`);
}

async function openDatabase(): Promise<string> {
  const databaseLog: string[] = [];
  const keepLog = (line: string) => databaseLog.push(line);
  if (process.env.DATABASE_URL && !options.throwaway) {
    log('Using the database at DATABASE_URL.');
    return process.env.DATABASE_URL;
  }
  try {
    database = options.throwaway
      ? await startThrowawayDatabase(keepLog)
      : await startEmbeddedDatabase({ dataDir: path.join(LOCAL_DATA_DIR, 'postgres'), onLog: keepLog, onNotice: log });
  } catch (error) {
    // The server's own lines help with a failure of its own, not with a folder it could not enter (one sentence says that).
    if (!(error instanceof DataFolderLockedError) && !/may not enter/u.test(String(error))) console.error(databaseLog.join('\n'));
    throw error;
  }
  log(options.throwaway ? 'Started a throwaway embedded PostgreSQL.' : `Started the embedded PostgreSQL (data in ${path.relative(process.cwd(), LOCAL_DATA_DIR)}/postgres).`);
  return database.url;
}

// Sessions must survive restarts, so a local run keeps one generated secret in the data folder;
// a throwaway run (tests) gets a fresh one. Production sets AUTH_SECRET itself.
async function resolveAuthSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (options.throwaway) return randomBytes(32).toString('base64url');
  const file = path.join(LOCAL_DATA_DIR, 'auth-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await mkdir(LOCAL_DATA_DIR, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  log(`Generated a session secret in ${path.relative(process.cwd(), file)}.`);
  return secret;
}

async function shutdown(exitCode: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (database) {
      // Ctrl-C reaches PostgreSQL too (same process group) and it may already be gone, in which
      // case stop() waits for an exit that has happened; do not hang on it.
      await Promise.race([database.stop(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      log('Stopped the embedded PostgreSQL.');
    }
  }
  process.exit(exitCode);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const databaseUrl = await openDatabase();
  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `Applied migrations: ${applied.join(', ')}.` : 'Database schema is up to date.');

  const db = createDatabaseClient(databaseUrl);
  try {
    const stored = await seedDatabase(db);
    const added = stored.filter((version) => version.isNewVersion).length;
    log(added ? `Loaded ${added} seed document version(s).` : 'Seed documents already loaded.');
  } finally {
    await db.$disconnect();
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: await resolveAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${options.port}`,
    PORT: options.port,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (options.dev) {
    server = runNext(['dev', '--port', options.port], env);
  } else {
    await buildIfStale(env, log);
    server = runNext(['start', '--port', options.port], env);
  }
  log(`Serving http://localhost:${options.port}`);
  server.on('exit', (code) => void shutdown(code ?? 0));
}

main().catch(async (error: unknown) => {
  console.error(`[marginalia] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
