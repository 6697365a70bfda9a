// `npm run bench`: builds if stale, starts a throwaway embedded PostgreSQL and the production server on it, seeds
// the article with thousands of annotations, measures every figure the design notes budget, side by side in one
// run, and writes bench/results.json and bench/RESULTS.md. Not part of `npm test`.
//   tsx --conditions=react-server scripts/bench.ts [--port 3130] [--quick] [--skip-scaled] [--skip-browser] [--hold]
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfStale } from '@/lib/app-build';
import { createDatabaseClient, type PrismaClient } from '@/lib/db';
import { unsafeStoreDocumentVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { startThrowawayDatabase, type LocalDatabase } from '@/lib/local-database';
import { applyMigrations } from '@/lib/migrate';
import { hashPassword } from '@/lib/passwords';
import { readSeedFiles, seedDatabase } from '@/lib/seed';
import { signInOverHttp } from '@/tests/helpers/app-server';
import { benchmarkAnchoringQuality, benchmarkHeavyReanchor, seedArticleText } from './bench/anchoring';
import { benchmarkBrowser } from './bench/browser';
import { frameworkScriptFiles, measurePage, measureScripts, timedGet } from './bench/http';
import { benchmarkLiveDelivery } from './bench/live-streams';
import { benchmarkReanchoring } from './bench/reanchor-edit';
import type { BenchFigures } from './bench/report';
import { writeBenchResults, type BenchSettings } from './bench/results-files';
import { benchmarkPathology, measureScaledPoint, type ScaledPoint } from './bench/scale';
import { seedAnnotations, type SeedTarget } from './bench/seed-annotations';
import { databaseCpuMs, databaseServerPid, serverCpuMs, serverMemoryMb, startServer, stopServer } from './bench/server-process';
import { figuresTable, formatNumber } from './bench/stats';
import { annotationBody, benchmarkCapacity, benchmarkClosedLoop, benchmarkOpenLoop, benchmarkPlainInserts, idleServerCpuPerSecond, quotableSentence, warmUpWrites, type WriteTarget } from './bench/writes';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '3130' },
    // Fewer samples and shorter loads, to try the script itself; its figures are not the ones to publish.
    quick: { type: 'boolean', default: false },
    // Leaves out the 20,000-annotation step and the pathological data, the slowest, while working on the rest.
    'skip-scaled': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    // Keeps the server and database up once 5,000 annotations are seeded, to look at the page by hand (Ctrl-C ends).
    hold: { type: 'boolean', default: false },
  },
});

const PORT = options.port;
const BASE_URL = `http://localhost:${PORT}`;
const SEED_SLUG = 'exporting-jihad';
const CREATE_SLUG = 'bench-create-target';
const PATHOLOGY_SLUG = 'bench-pathological-data';
const PASSWORD = 'a long benchmark passphrase';
const OUT_DIR = path.join(process.cwd(), 'bench');
const quick = options.quick;
const RENDER_SAMPLES = quick ? { samples: 5, warmup: 2 } : { samples: 25, warmup: 4 };
const SCALED_SAMPLES = quick ? { samples: 5, warmup: 1 } : { samples: 20, warmup: 2 };
// Warmed up as the other pages are: the first requests after thousands of rows are written straight into the
// database pay once for what a settled database and a warm server no longer do (about 10 ms more for the chain).
const PATHOLOGY_SAMPLES = quick ? { samples: 3, warmup: 1 } : { samples: 15, warmup: 4 };
const OPEN_LOOP_SECONDS = quick ? 3 : 15;
// Long enough at 100/s for the server's CPU per request to settle (it falls by about half over the first 20 s).
const WARM_UP_SECONDS = quick ? 3 : 30;
const CAPACITY_SECONDS = quick ? 2 : 5;
const CLOSED_SECONDS = quick ? 3 : 10;
const CONNECTIONS = 32;
const OPEN_LOOP_SOCKETS = 256;
const STREAMS = 50;
const LIVE_WRITES = quick ? 10 : 40;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const started = performance.now();
const log = (message: string) => console.log(`[bench ${formatNumber((performance.now() - started) / 1000, 0).padStart(4)} s] ${message}`);

let database: LocalDatabase | null = null;
let server: ChildProcess | null = null;
let prisma: PrismaClient | null = null;
let pool: pg.Pool | null = null;

async function stopEverything(): Promise<void> {
  await pool?.end().catch(() => undefined);
  pool = null;
  await prisma?.$disconnect().catch(() => undefined);
  prisma = null;
  if (server) await stopServer(server);
  server = null;
  if (database) await Promise.race([database.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  database = null;
}

async function createPeople(db: PrismaClient, workspaceId: string): Promise<{ ids: string[]; emails: string[] }> {
  const passwordHash = await hashPassword(PASSWORD);
  const ids: string[] = [];
  const emails: string[] = [];
  for (const [index, name] of ['Ada Bench', 'Bo Bench', 'Cy Bench', 'Di Bench'].entries()) {
    const email = `${name.toLowerCase().replace(' ', '.')}@bench.example.org`;
    const user = await db.user.create({ data: { name, email, passwordHash }, select: { id: true } });
    await db.membership.create({ data: { workspaceId, userId: user.id, role: index === 0 ? 'OWNER' : 'EDITOR' } });
    ids.push(user.id);
    emails.push(email);
  }
  return { ids, emails };
}

async function currentVersion(client: pg.Pool, slug: string): Promise<{ documentId: string; versionId: string; text: string }> {
  const { rows } = await client.query<{ documentId: string; versionId: string; text: string }>(
    'SELECT d."id" AS "documentId", v."id" AS "versionId", v."text" FROM "Document" d JOIN "DocumentVersion" v ON v."documentId" = d."id" WHERE d."slug" = $1 ORDER BY v."number" DESC LIMIT 1',
    [slug],
  );
  if (!rows[0]) throw new Error(`No document ${slug}`);
  return rows[0];
}

async function countQuoteAnnotations(client: pg.Pool, documentId: string): Promise<number> {
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "Annotation" WHERE "documentId" = $1 AND "selectors" IS NOT NULL', [documentId]);
  return Number(rows[0]?.count ?? 0);
}

async function main() {
  process.on('SIGINT', () => void stopEverything().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stopEverything().then(() => process.exit(143)));

  log('Starting a throwaway embedded PostgreSQL...');
  database = await startThrowawayDatabase();
  await applyMigrations(database.url);
  prisma = createDatabaseClient(database.url);
  await seedDatabase(prisma);
  pool = new pg.Pool({ connectionString: database.url, max: 4 });

  const workspace = await prisma.workspace.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
  const seedFile = (await readSeedFiles()).find((file) => file.slug === SEED_SLUG);
  if (!seedFile) throw new Error('The seed article is missing.');
  for (const [slug, title] of [[CREATE_SLUG, 'create benchmark copy'], [PATHOLOGY_SLUG, 'pathological data copy']] as const) {
    await unsafeStoreDocumentVersion(prisma, { workspaceId: workspace.id, metadata: { ...seedFile.metadata, slug, title: `${seedFile.metadata.title} (${title})` }, parsed: parsePlainTextDocument(seedFile.text), isPublic: false });
  }
  const people = await createPeople(prisma, workspace.id);
  const tagIds = (await prisma.tag.findMany({ where: { workspaceId: workspace.id }, select: { id: true } })).map((tag) => tag.id);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: BASE_URL,
    PORT,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    // The API's rate limiting would turn the load test into a test of the limiter.
    API_RATE_LIMIT_PER_MINUTE: '0',
  };
  log('Building the app if its sources changed...');
  await buildIfStale(env, log);
  log(`Starting next start on port ${PORT}...`);
  server = await startServer(env, PORT);
  const serverPid = server.pid ?? 0;
  const readServerCpu = () => serverCpuMs(serverPid);
  const cookies = await Promise.all(people.emails.map((email) => signInOverHttp(BASE_URL, email, PASSWORD)));
  const ownerCookie = cookies[0] ?? '';

  const readerPath = `/documents/${SEED_SLUG}`;
  log('Reader with no annotations...');
  const emptyRender = await measurePage(`${BASE_URL}${readerPath}`, ownerCookie, RENDER_SAMPLES);
  log(`  p50 ${formatNumber(emptyRender.p50)} ms, ${formatNumber(emptyRender.bytes / 1000)} kB`);

  const seedDocument = await currentVersion(pool, SEED_SLUG);
  const seedTarget = (versionId: string): SeedTarget => ({ documentId: seedDocument.documentId, versionId, authorIds: people.ids, tagIds });
  const scaled: ScaledPoint[] = [];
  const measureScaled = async (annotations: number, samples = SCALED_SAMPLES) => {
    const point = await measureScaledPoint(BASE_URL, readerPath, ownerCookie, annotations, samples, SCALED_SAMPLES);
    log(`  ${annotations}: render p50 ${formatNumber(point.render.p50)} ms; search p95 ${Object.entries(point.search).map(([name, timing]) => `${name} ${formatNumber(timing.p95)} ms`).join(', ')}`);
    scaled.push(point);
    return point.render;
  };
  log('Seeding 500 annotations...');
  await seedAnnotations(pool, seedTarget(seedDocument.versionId), 500, 1);
  await measureScaled(500);
  log('Seeding up to 5,000 annotations...');
  await seedAnnotations(pool, seedTarget(seedDocument.versionId), 4500, 2);
  const total5000 = await countQuoteAnnotations(pool, seedDocument.documentId);
  const fullRender = await measureScaled(total5000, RENDER_SAMPLES);
  const highlightTable = await measurePage(`${BASE_URL}${readerPath}/highlights`, ownerCookie, SCALED_SAMPLES);
  if (options.hold) {
    log(`Holding: ${BASE_URL}${readerPath} (cookie: ${ownerCookie}); database ${database.url}. Ctrl-C ends.`);
    await new Promise(() => {});
  }
  const page = await timedGet(`${BASE_URL}${readerPath}`, { Cookie: ownerCookie });
  const scripts = await measureScripts(BASE_URL, page.body, await frameworkScriptFiles(path.join(process.cwd(), '.next')));
  // Next answers an RSC request first with a redirect to its cache-busting `_rsc` address.
  const rsc = await timedGet(`${BASE_URL}${readerPath}`, { Cookie: ownerCookie, RSC: '1' }, 'follow');
  log(`  reader JS ${formatNumber(scripts.gzipBytes / 1000)} kB gzipped in ${scripts.chunks} chunks; RSC payload ${formatNumber(rsc.bytes / 1000)} kB`);

  let browser: BenchFigures['browser'] = null;
  if (!options['skip-browser']) {
    log('Browser: the reader in Chromium at 1280 px, and at 375 px with 4× CPU throttling...');
    browser = await benchmarkBrowser({ baseUrl: BASE_URL, path: readerPath, sessionCookie: ownerCookie, executablePath: CHROMIUM }, quick ? 1 : 3);
    for (const [name, run] of Object.entries(browser)) log(`  ${name}: LCP ${formatNumber(run.lcpMs ?? Number.NaN, 0)} ms, longest task after load ${formatNumber(run.longestTaskAfterLoadMs, 0)} ms, footnote ${run.footnote.ms} ms, thread ${run.thread.ms} ms, composer ${run.composer.ms} ms, CLS ${run.cumulativeLayoutShift}`);
  }

  log('Re-anchoring 5,000 annotations after an edit...');
  const reanchor = await benchmarkReanchoring(prisma, workspace.id, SEED_SLUG, seedDocument.text, total5000);
  log(`  ${formatNumber(reanchor.ms)} ms`);
  const article = await seedArticleText();
  const heavyReanchor = benchmarkHeavyReanchor(article);
  log(`  heavy rewrite: ${formatNumber(heavyReanchor.ms)} ms (CPU ${formatNumber(heavyReanchor.cpuMs, 0)} ms)`);
  const anchoringQuality = benchmarkAnchoringQuality(article);
  log(`  quality: ${formatNumber(anchoringQuality.correctRate * 100, 1)}% correct, ${formatNumber(anchoringQuality.wrongPlaceRate * 100, 1)}% wrong place of ${anchoringQuality.cases}`);

  const createDocument = await currentVersion(pool, CREATE_SLUG);
  const databasePid = await databaseServerPid(pool);
  const writeTarget: WriteTarget = { baseUrl: BASE_URL, slug: CREATE_SLUG, cookie: ownerCookie, exact: quotableSentence(createDocument.text), serverCpuMs: readServerCpu, databaseCpuMs: () => databaseCpuMs(databasePid) };
  await warmUpWrites(writeTarget, OPEN_LOOP_SOCKETS, 100, WARM_UP_SECONDS);
  const idleCpu = await idleServerCpuPerSecond(readServerCpu, 3);
  log(`Open loop: 100 requests a second for ${OPEN_LOOP_SECONDS} s each of the no-op, a refused create and creates, in alternating rounds after ${WARM_UP_SECONDS} s of warm-up (server idle CPU ${formatNumber(idleCpu, 1)} ms/s)...`);
  const openLoop = await benchmarkOpenLoop(writeTarget, 100, OPEN_LOOP_SECONDS, OPEN_LOOP_SOCKETS, idleCpu);
  log(`  create p95 ${formatNumber(openLoop.create.latencyMs.p95)} ms (${openLoop.create.failed} failed), no-op p95 ${formatNumber(openLoop.noOp.latencyMs.p95)} ms; CPU ${formatNumber(openLoop.create.serverCpuMsPerRequest ?? 0, 2)} vs ${formatNumber(openLoop.noOp.serverCpuMsPerRequest ?? 0, 2)} ms (refused create ${formatNumber(openLoop.refusedCreate.serverCpuMsPerRequest ?? 0, 2)} ms); PostgreSQL ${formatNumber(openLoop.create.databaseCpuMsPerRequest ?? 0, 2)} ms a create`);
  log('Capacity: the highest fixed rate with p95 under 50 ms...');
  const capacity = await benchmarkCapacity(writeTarget, CAPACITY_SECONDS, OPEN_LOOP_SOCKETS, 50);
  log(`  creates ${capacity.create.ratePerSecond}/s, no-op ${capacity.noOp.ratePerSecond}/s`);
  log(`Closed loop: ${CONNECTIONS} clients...`);
  const closedNoOp = await benchmarkClosedLoop(writeTarget, 'no-op', CLOSED_SECONDS, CONNECTIONS);
  const closedCreate = await benchmarkClosedLoop(writeTarget, 'create', CLOSED_SECONDS, CONNECTIONS);
  const selectorsJson = JSON.stringify({ quote: { type: 'TextQuoteSelector', exact: writeTarget.exact, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 10 } });
  const plainPg = await benchmarkPlainInserts({ databaseUrl: database.url, documentId: createDocument.documentId, versionId: createDocument.versionId, workspaceId: workspace.id, authorId: people.ids[0] ?? '', tagId: tagIds[0] ?? '', selectorsJson }, Math.max(2000, closedCreate.requests), CONNECTIONS);
  log(`  creates p95 ${formatNumber(closedCreate.latencyMs.p95)} ms at ${formatNumber(closedCreate.throughputPerSecond, 0)}/s; no-op ${formatNumber(closedNoOp.throughputPerSecond, 0)}/s; pg ${formatNumber(plainPg.throughputPerSecond, 0)}/s`);

  log(`Live delivery to ${STREAMS} open streams...`);
  const live = await benchmarkLiveDelivery(BASE_URL, CREATE_SLUG, cookies.slice(1), STREAMS, LIVE_WRITES, async (id, index) => {
    const response = await fetch(`${BASE_URL}/api/documents/${CREATE_SLUG}/annotations/`, { method: 'POST', headers: { 'Content-Type': 'application/ld+json', Cookie: ownerCookie, Slug: id }, body: annotationBody(BASE_URL, CREATE_SLUG, writeTarget.exact, `Live note ${index}`) });
    if (response.status !== 201) throw new Error(`A live write answered ${response.status}: ${await response.text()}`);
  });
  log(`  p95 ${formatNumber(live.latencyMs.p95)} ms, ${live.missing} missing`);

  let pathology: BenchFigures['pathology'] = null;
  if (!options['skip-scaled']) {
    log('Scaled run: up to 20,000 annotations...');
    const afterEdit = await currentVersion(pool, SEED_SLUG);
    await seedAnnotations(pool, seedTarget(afterEdit.versionId), 20_000 - (await countQuoteAnnotations(pool, seedDocument.documentId)), 3);
    await measureScaled(await countQuoteAnnotations(pool, seedDocument.documentId));
    log('Pathological data: a 6,000-deep reply chain and a 1,000-tag vocabulary...');
    const pathologyDocument = await currentVersion(pool, PATHOLOGY_SLUG);
    pathology = await benchmarkPathology(pool, BASE_URL, `/documents/${PATHOLOGY_SLUG}`, ownerCookie, { ...pathologyDocument, workspaceId: workspace.id, authorIds: people.ids }, PATHOLOGY_SAMPLES);
    log(`  deep chain ${formatNumber(pathology.deepChainRatio, 2)}×, 1,000 tags ${formatNumber(pathology.bigVocabularyRatio, 2)}×`);
  }
  const memoryMb = await serverMemoryMb(serverPid);
  log(`Server memory ${formatNumber(memoryMb)} MB`);

  const measured: BenchFigures = {
    emptyRender, fullRender, highlightTable, scripts, rscBytes: rsc.bytes, openLoop, capacity, closedLoop: { create: closedCreate, noOp: closedNoOp, plainPg },
    reanchor, heavyReanchor, anchoringQuality, live, browser, scaled, pathology, memoryMb,
  };
  const settings: BenchSettings = {
    quick, renderSamples: RENDER_SAMPLES, scaledSamples: SCALED_SAMPLES, openLoopSeconds: OPEN_LOOP_SECONDS, warmUpSeconds: WARM_UP_SECONDS, capacitySeconds: CAPACITY_SECONDS,
    connections: CONNECTIONS, openLoopSockets: OPEN_LOOP_SOCKETS, streams: STREAMS, liveWrites: LIVE_WRITES, apiRateLimitPerMinute: 0,
  };
  const { figures, totalSeconds } = await writeBenchResults(measured, settings, { quoteAnnotations: total5000, started, outDir: OUT_DIR });
  log(`Wrote bench/results.json, bench/RESULTS.md${quick ? '' : ' and the README table'} in ${formatNumber(totalSeconds / 60, 1)} minutes.`);
  console.log(`\n${figuresTable(figures)}\n`);
}

main()
  .then(() => stopEverything())
  .catch(async (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopEverything();
    process.exit(1);
  });
