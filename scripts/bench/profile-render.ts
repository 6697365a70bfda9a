// Profiling aid (not part of the bench): the reader's data for the seed article with 20,000 annotations (and, with
// --chain, the pathological copy with a 6,000-deep reply chain), loaded in this process straight through the data
// layer, without a server in the way, so a change to it can be timed in seconds. Prints the median of each step.
//   tsx --conditions=react-server scripts/bench/profile-render.ts [--annotations 20000] [--runs 30] [--chain [--depth 6000]] [--cpu-prof]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { createDatabaseClient } from '@/lib/db';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { startThrowawayDatabase } from '@/lib/local-database';
import { applyMigrations } from '@/lib/migrate';
import { readSeedFiles, seedDatabase } from '@/lib/seed';
import { seedAnnotations } from './seed-annotations';
import { insertThread } from './scale';

const { values: options } = parseArgs({ options: { annotations: { type: 'string', default: '20000' }, runs: { type: 'string', default: '30' }, chain: { type: 'boolean', default: false }, 'cpu-prof': { type: 'boolean', default: false }, depth: { type: 'string', default: '6000' } } });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main() {
  const database = await startThrowawayDatabase();
  process.env.DATABASE_URL = database.url;
  const prisma = createDatabaseClient(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    await applyMigrations(database.url);
    await seedDatabase(prisma);
    const workspace = await prisma.workspace.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
    const seedFile = (await readSeedFiles()).find((file) => file.slug === 'exporting-jihad')!;
    const slug = options.chain ? 'profile-chain' : seedFile.metadata.slug;
    if (options.chain) await unsafeStoreDocumentVersion(prisma, { workspaceId: workspace.id, metadata: { ...seedFile.metadata, slug, title: 'chain' }, parsed: parsePlainTextDocument(seedFile.text), isPublic: false });
    const user = await prisma.user.create({ data: { name: 'Ada Bench', email: 'ada@bench.example.org' }, select: { id: true, name: true, email: true } });
    await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: 'OWNER' } });
    const document = await prisma.document.findFirstOrThrow({ where: { slug }, select: { id: true, workspaceId: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { id: true } } } });
    const tagIds = (await prisma.tag.findMany({ where: { workspaceId: workspace.id }, select: { id: true } })).map((tag) => tag.id);
    const versionId = document.versions[0]!.id;
    if (options.chain) {
      // The pathology's rows: a 10-reply thread, then a 6,000-deep chain.
      const target = { documentId: document.id, versionId, workspaceId: workspace.id, authorIds: [user.id] };
      await insertThread(pool, target, 10);
      if (Number(options.depth) > 0) await insertThread(pool, target, Number(options.depth));
    } else {
      await seedAnnotations(pool, { documentId: document.id, versionId, authorIds: [user.id], tagIds }, Number(options.annotations), 3);
    }
    const { getReaderDocument } = await import('@/lib/dal/documents');
    const { readOutline } = await import('@/lib/dal/reader-annotations');
    const viewer = { id: user.id, name: user.name ?? '', email: user.email ?? '' };
    const runs = Number(options.runs);
    const steps: Record<string, number[]> = { page: [], outline: [] };
    const session = new Session();
    for (let run = 0; run < runs + 3; run++) {
      if (options['cpu-prof'] && run === 3) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      let started = performance.now();
      await getReaderDocument(viewer, slug);
      if (run >= 3) steps.page!.push(performance.now() - started);
      started = performance.now();
      await readOutline(viewer, { id: document.id, isMember: true }, [document.id]);
      if (run >= 3) steps.outline!.push(performance.now() - started);
    }
    if (options['cpu-prof']) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile('/tmp/render.cpuprofile', JSON.stringify(profile));
      console.log('CPU profile in /tmp/render.cpuprofile');
    }
    for (const [name, values] of Object.entries(steps)) console.log(`${name}: median ${median(values).toFixed(1)} ms, min ${Math.min(...values).toFixed(1)} ms`);
  } finally {
    await pool.end();
    await prisma.$disconnect();
    await database.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
