// Profiling aid (not part of the bench): a seeded production server with a signed-in owner, loaded with creates at
// a fixed rate, and the open-loop figures for creates and the no-op printed. With PROFILE_PRELOAD set, the server
// loads that module and gets SIGUSR2 around the measured load (a CPU profile and a count of its SQL statements).
//   tsx --conditions=react-server scripts/bench/profile-create.ts [--port 3135] [--rate 100] [--seconds 10]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfStale } from '@/lib/app-build';
import { createDatabaseClient } from '@/lib/db';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { startThrowawayDatabase } from '@/lib/local-database';
import { applyMigrations } from '@/lib/migrate';
import { hashPassword } from '@/lib/passwords';
import { readSeedFiles, seedDatabase } from '@/lib/seed';
import { signInOverHttp } from '@/tests/helpers/app-server';
import { databaseCpuMs, databaseServerPid, serverCpuMs, startServer, stopServer } from './server-process';
import { runOpenLoop } from './open-loop';
import { annotationBody, benchmarkCapacity, benchmarkClosedLoop, idleServerCpuPerSecond, quotableSentence, warmUpWrites, type WriteTarget } from './writes';

const { values: options } = parseArgs({ options: { port: { type: 'string', default: '3135' }, rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '10' }, capacity: { type: 'boolean', default: false }, closed: { type: 'boolean', default: false } } });
const PORT = options.port;
const BASE_URL = `http://localhost:${PORT}`;
const SLUG = 'bench-create-target';
const PASSWORD = 'a long benchmark passphrase';

async function main() {
  const database = await startThrowawayDatabase();
  const prisma = createDatabaseClient(database.url);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await applyMigrations(database.url);
    await seedDatabase(prisma);
    const workspace = await prisma.workspace.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
    const seedFile = (await readSeedFiles())[0]!;
    await unsafeStoreDocumentVersion(prisma, { workspaceId: workspace.id, metadata: { ...seedFile.metadata, slug: SLUG, title: 'create target' }, parsed: parsePlainTextDocument(seedFile.text), isPublic: false });
    const user = await prisma.user.create({ data: { name: 'Ada Bench', email: 'ada@bench.example.org', passwordHash: await hashPassword(PASSWORD) }, select: { id: true } });
    await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: 'OWNER' } });
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString('base64url'), NEXTAUTH_URL: BASE_URL, PORT, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', API_RATE_LIMIT_PER_MINUTE: process.env.API_RATE_LIMIT_PER_MINUTE ?? '0' };
    if (process.env.PROFILE_PRELOAD) env.NODE_OPTIONS = `--require ${process.env.PROFILE_PRELOAD}`;
    await buildIfStale(env, console.log);
    server = await startServer(env, PORT);
    const pid = server.pid ?? 0;
    const cookie = await signInOverHttp(BASE_URL, 'ada@bench.example.org', PASSWORD);
    const version = await prisma.documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG } }, select: { text: true } });
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const databasePid = await databaseServerPid(pool);
    await pool.end();
    const target: WriteTarget = { baseUrl: BASE_URL, slug: SLUG, cookie, exact: quotableSentence(version.text), serverCpuMs: () => serverCpuMs(pid), databaseCpuMs: () => databaseCpuMs(databasePid) };
    await warmUpWrites(target, 256, Number(options.rate), 30);
    const idle = await idleServerCpuPerSecond(target.serverCpuMs, 3);
    const rate = Number(options.rate);
    // Profiled, the no-op and the creates get a profile each.
    const profiled = async <T>(work: () => Promise<T>): Promise<T> => {
      if (!process.env.PROFILE_PRELOAD) return work();
      process.kill(pid, 'SIGUSR2');
      const result = await work();
      process.kill(pid, 'SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return result;
    };
    const common = { baseUrl: BASE_URL, ratePerSecond: rate, seconds: Number(options.seconds), connections: 256, serverCpuMs: target.serverCpuMs, serverIdleCpuMsPerSecond: idle, databaseCpuMs: target.databaseCpuMs };
    const noOp = await profiled(() => runOpenLoop({ ...common, request: () => ({ method: 'GET', path: '/api/ping', headers: {} }), isOk: (status) => status === 204 }));
    const body = annotationBody(BASE_URL, SLUG, target.exact, 'A claim to check against its source.');
    const create = await profiled(() => runOpenLoop({ ...common, request: () => ({ method: 'POST', path: `/api/documents/${SLUG}/annotations/`, headers: { 'Content-Type': 'application/ld+json', Cookie: cookie }, body }), isOk: (status) => status === 201 }));
    const show = (name: string, run: typeof create) => console.log(`${name}: p50 ${run.latencyMs.p50.toFixed(1)} p95 ${run.latencyMs.p95.toFixed(1)} ms, failed ${run.failed}, server CPU ${run.serverCpuMsPerRequest?.toFixed(2)} ms/request, PostgreSQL ${run.databaseCpuMsPerRequest?.toFixed(2)} ms/request, generator ${(run.generatorCpuShare * 100).toFixed(0)}% (${run.generatorCpuMsPerRequest.toFixed(2)} ms/request), in flight max ${run.maxInFlight}`);
    console.log(`idle server CPU ${idle.toFixed(1)} ms/s at ${rate}/s`);
    show('no-op', noOp);
    show('create', create);
    if (options.capacity) {
      const capacity = await benchmarkCapacity(target, 5, 256, 50);
      console.log(`capacity: creates ${capacity.create.ratePerSecond}/s, no-op ${capacity.noOp.ratePerSecond}/s (${capacity.ratio.toFixed(2)}×)`);
      for (const step of capacity.create.steps) console.log(`  create ${step.ratePerSecond}/s p95 ${step.latencyMs.p95.toFixed(1)} CPU ${step.serverCpuMsPerRequest ?? '-'}`);
    }
    if (options.closed) {
      const closedNoOp = await benchmarkClosedLoop(target, 'no-op', 10, 32);
      const closedCreate = await benchmarkClosedLoop(target, 'create', 10, 32);
      console.log(`closed loop 32: creates ${closedCreate.throughputPerSecond.toFixed(0)}/s p95 ${closedCreate.latencyMs.p95.toFixed(0)} ms (CPU ${closedCreate.serverCpuMsPerRequest?.toFixed(2)} ms); no-op ${closedNoOp.throughputPerSecond.toFixed(0)}/s (CPU ${closedNoOp.serverCpuMsPerRequest?.toFixed(2)})`);
    }
  } finally {
    if (server) await stopServer(server);
    await prisma.$disconnect();
    await database.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
