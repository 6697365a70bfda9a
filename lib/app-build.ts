import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Everything `next build` turns into the production bundle.
const INPUTS = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package-lock.json', 'tsconfig.json', 'prisma/schema.prisma'];
const SKIPPED_DIRS = new Set(['generated', 'node_modules']);

async function listFiles(entry: string): Promise<string[]> {
  if (!existsSync(entry)) return [];
  const stat = await readdir(entry, { withFileTypes: true }).catch(() => null);
  if (!stat) return [entry];
  const nested = await Promise.all(
    stat
      .filter((child) => !(child.isDirectory() && SKIPPED_DIRS.has(child.name)))
      .map((child) => listFiles(path.join(entry, child.name))),
  );
  return nested.flat();
}

/** Returns a hash of the sources a production build is made from, to tell whether a build is stale. */
export async function computeBuildFingerprint(root = process.cwd()): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const files = (await listFiles(path.join(root, input))).sort();
    for (const file of files) {
      hash.update(path.relative(root, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
}

const NEXT_BIN = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
// Gives route handlers the address of each request's connection (see lib/client-address.ts).
const SOCKET_ADDRESS_PRELOAD = path.join(process.cwd(), 'lib', 'socket-address-preload.mjs');
const FINGERPRINT_FILE = path.join(process.cwd(), '.next', 'marginalia-build-fingerprint');

// On a machine with memory to spare, V8 sizes its heap limit from the machine (about 4 GB on 24 GB) and may then let
// the heap grow to four times what survived its last full collection before collecting again; pages it has grown
// into stay resident. After a few heavy pages (20,000 annotations, a 6,000-deep thread) the server held about 600 MB
// of which about 115 MB was live. A 1 GB old space lowers that growth to about 1.6 times, still far above what the
// heaviest page keeps alive at once. An operator's own NODE_OPTIONS setting wins.
const SERVER_HEAP_FLAG = '--max-old-space-size=1024';

/** The Node.js flags a long-running app server (`next start`, `next dev`) gets: a heap limit, unless NODE_OPTIONS sets one. */
export function serverNodeFlags(nodeOptions: string | undefined): string[] {
  return /--max[-_]old[-_]space[-_]size/u.test(nodeOptions ?? '') ? [] : [SERVER_HEAP_FLAG];
}

/** Runs the Next.js CLI with `args` in a child process sharing this terminal. */
export function runNext(args: string[], env: NodeJS.ProcessEnv, stdio: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  if (args[0] === 'build') return spawn(process.execPath, ['--import', SOCKET_ADDRESS_PRELOAD, NEXT_BIN, ...args], { stdio, env });
  // glibc gives each thread that allocates (libuv's pool, V8's helpers) an arena of its own, up to eight per core,
  // and each keeps what it once held: two arenas hold the server's native memory with less left over.
  return spawn(process.execPath, [...serverNodeFlags(env.NODE_OPTIONS), '--import', SOCKET_ADDRESS_PRELOAD, NEXT_BIN, ...args], { stdio, env: { MALLOC_ARENA_MAX: '2', ...env } });
}

/** Runs `next build` unless the last build was made from the same sources. */
export async function buildIfStale(env: NodeJS.ProcessEnv, log: (message: string) => void = () => {}): Promise<void> {
  const fingerprint = await computeBuildFingerprint();
  const builtFrom = existsSync(FINGERPRINT_FILE) ? (await readFile(FINGERPRINT_FILE, 'utf8')).trim() : null;
  if (builtFrom === fingerprint && existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) return;
  log('Building the app (first start, or the sources changed)...');
  const code = await new Promise<number | null>((resolve) => runNext(['build'], env).on('exit', resolve));
  if (code !== 0) throw new Error('The build failed; see the messages above.');
  await writeFile(FINGERPRINT_FILE, `${fingerprint}\n`);
}
