import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

// Everything `next build` turns into the production bundle.
const INPUTS = ['app', 'components', 'lib', 'public', 'next.config.js', 'package-lock.json', 'tsconfig.json', 'prisma/schema.prisma'];
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
