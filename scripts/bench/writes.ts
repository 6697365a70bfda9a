// Annotation writes under load: a fixed arrival rate (open loop) at 100 creates a second, the capacity of creates and
// of a request that does no work, the 32-client closed loop (reported without a budget), and the same rows as plain
// inserts through pg.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { findCapacity, runOpenLoopsInterleaved, type Capacity, type LoadRequest, type OpenLoopRun } from './open-loop';
import { spreadOf, type Spread } from './stats';

/** A W3C annotation on `exact` of document `slug`: a quote, a comment and a tag, shared with the workspace. */
export function annotationBody(baseUrl: string, slug: string, exact: string, note: string): string {
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [
      { type: 'TextualBody', value: note, format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'claim', purpose: 'tagging' },
    ],
    target: { source: `${baseUrl}/documents/${slug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact }] },
    visibility: 'workspace',
  });
}

/** A sentence of the article that the create benchmark quotes; long enough to be unique. */
export function quotableSentence(text: string): string {
  const sentence = text.split('\n').find((line) => line.length > 200)?.match(/[^.]{60,160}\./)?.[0]?.trim();
  if (!sentence) throw new Error('The article has no sentence to quote.');
  return sentence;
}

/** Who writes where: the server, the document, a signed-in session, the quote, and readers of the server's and the database's CPU time. */
export type WriteTarget = { baseUrl: string; slug: string; cookie: string; exact: string; serverCpuMs: () => Promise<number>; databaseCpuMs?: () => Promise<number> };

/** Closed-loop figures: clients that each send again the moment they are answered. */
export type ClosedLoad = { requests: number; created: number; throughputPerSecond: number; latencyMs: Spread; errors: number; non2xx: number; seconds: number; serverCpuMsPerRequest: number | null };

const createRequest = (target: WriteTarget) => {
  const body = annotationBody(target.baseUrl, target.slug, target.exact, 'A claim to check against its source.');
  return (): LoadRequest => ({ method: 'POST', path: `/api/documents/${target.slug}/annotations/`, headers: { 'Content-Type': 'application/ld+json', Cookie: target.cookie }, body });
};
const noOpRequest = (): LoadRequest => ({ method: 'GET', path: '/api/ping', headers: {} });

// The same signed-in POST with a body of the same size whose target names no passage, refused (422) before anything
// is stored: what a write costs the server before the create's own work (body, session, validation, the answer).
const refusedCreateRequest = (target: WriteTarget) => {
  const annotation = JSON.parse(annotationBody(target.baseUrl, target.slug, target.exact, 'A claim to check against its source.')) as { target: { selector: unknown[] } };
  annotation.target.selector = [{ type: 'CssSelector', value: `p:nth-of-type(3) /* ${target.exact} */` }];
  const body = JSON.stringify(annotation);
  return (): LoadRequest => ({ method: 'POST', path: `/api/documents/${target.slug}/annotations/`, headers: { 'Content-Type': 'application/ld+json', Cookie: target.cookie }, body });
};

/** CPU the idle server uses a second (timers, the live connection), so per-request figures leave it out. */
export async function idleServerCpuPerSecond(serverCpuMs: () => Promise<number>, seconds: number): Promise<number> {
  const before = await serverCpuMs();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return ((await serverCpuMs()) - before) / seconds;
}

// The three kinds of request the open loop compares, each with the status that counts as success.
const openLoopKinds = (target: WriteTarget) => [
  { request: noOpRequest, isOk: (status: number) => status === 204 },
  { request: refusedCreateRequest(target), isOk: (status: number) => status === 422 },
  { request: createRequest(target), isOk: (status: number) => status === 201 },
];

/**
 * Sends each kind of request, unmeasured, at the open loop's rate for `seconds` each, in alternating rounds: the
 * server compiles its hot paths over the first thousands of requests, and the figures are of a server that has.
 */
export async function warmUpWrites(target: WriteTarget, connections: number, ratePerSecond: number, seconds: number): Promise<void> {
  await runOpenLoopsInterleaved(openLoopKinds(target).map((kind) => ({ baseUrl: target.baseUrl, ratePerSecond, seconds, connections, ...kind })), 3);
}

/**
 * The no-op request, the refused create and creates at the same fixed rate, `seconds` each in alternating rounds
 * (see runOpenLoopsInterleaved): latency from due time, and CPU per request on both sides.
 */
export async function benchmarkOpenLoop(target: WriteTarget, ratePerSecond: number, seconds: number, connections: number, idleCpuPerSecond: number): Promise<{ create: OpenLoopRun; noOp: OpenLoopRun; refusedCreate: OpenLoopRun }> {
  const common = { baseUrl: target.baseUrl, ratePerSecond, seconds, connections, serverCpuMs: target.serverCpuMs, serverIdleCpuMsPerSecond: idleCpuPerSecond, ...(target.databaseCpuMs ? { databaseCpuMs: target.databaseCpuMs } : {}) };
  const [noOp, refusedCreate, create] = await runOpenLoopsInterleaved(openLoopKinds(target).map((kind) => ({ ...common, ...kind })), 3);
  return { create: create!, noOp: noOp!, refusedCreate: refusedCreate! };
}

/** The highest fixed rates at which creates and no-op requests keep p95 under `p95LimitMs`. */
export async function benchmarkCapacity(target: WriteTarget, seconds: number, connections: number, p95LimitMs: number): Promise<{ create: Capacity; noOp: Capacity; ratio: number }> {
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1000));
  const common = { baseUrl: target.baseUrl, seconds, connections };
  const noOp = await findCapacity({ ...common, request: noOpRequest, isOk: (status) => status === 204 }, [50, 100, 200, 400, 600, 800, 1200, 1600, 2400], p95LimitMs, pause);
  const create = await findCapacity({ ...common, request: createRequest(target), isOk: (status) => status === 201 }, [25, 50, 100, 150, 200, 300, 400, 600], p95LimitMs, pause);
  return { create, noOp, ratio: noOp.ratePerSecond === 0 ? 0 : create.ratePerSecond / noOp.ratePerSecond };
}

/** `connections` clients that each send again as soon as answered, for `seconds`: creates, or the no-op request. */
export async function benchmarkClosedLoop(target: WriteTarget, kind: 'create' | 'no-op', seconds: number, connections: number): Promise<ClosedLoad> {
  const request = kind === 'create' ? createRequest(target)() : noOpRequest();
  const isCreated = (status: number) => (kind === 'create' ? status === 201 : false);
  const cpuBefore = await target.serverCpuMs();
  const latencies: number[] = [];
  let created = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${target.baseUrl}${request.path}`, method: request.method as 'GET' | 'POST', connections, duration: seconds, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
      (error, finished) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (isCreated(statusCode)) created += 1;
    });
  });
  return {
    requests: result.requests.total,
    created,
    throughputPerSecond: latencies.length / result.duration,
    latencyMs: spreadOf(latencies),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    serverCpuMsPerRequest: ((await target.serverCpuMs()) - cpuBefore) / Math.max(1, latencies.length),
  };
}

/** The rows one create writes and where they go. */
export type InsertTarget = { databaseUrl: string; documentId: string; versionId: string; workspaceId: string; authorId: string; tagId: string; selectorsJson: string };

/**
 * What the database itself does with the rows one create writes (annotation, its tag, its activity), in one
 * transaction each, from `connections` concurrent connections of a plain pg pool.
 */
export async function benchmarkPlainInserts(target: InsertTarget, count: number, connections: number): Promise<ClosedLoad> {
  const insertPool = new pg.Pool({ connectionString: target.databaseUrl, max: connections });
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    const client = await insertPool.connect();
    try {
      while (next < count) {
        next += 1;
        const id = randomUUID();
        const t0 = performance.now();
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO "Annotation" ("id", "documentId", "versionId", "authorId", "selectors", "sectionSlug", "anchorStart", "anchorEnd", "body", "motivation", "visibility", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, NULL, 0, 10, 'A claim to check against its source.', 'COMMENTING', 'WORKSPACE', now())`,
          [id, target.documentId, target.versionId, target.authorId, target.selectorsJson],
        );
        await client.query('INSERT INTO "AnnotationTag" ("annotationId", "tagId") VALUES ($1, $2)', [id, target.tagId]);
        await client.query('INSERT INTO "Activity" ("workspaceId", "documentId", "actorId", "kind", "subjectId") VALUES ($1, $2, $3, $4, $5)', [target.workspaceId, target.documentId, target.authorId, 'annotation.created', id]);
        await client.query('COMMIT');
        latencies.push(performance.now() - t0);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - began) / 1000;
  await insertPool.end();
  return { requests: latencies.length, created: latencies.length, throughputPerSecond: latencies.length / seconds, latencyMs: spreadOf(latencies), errors: 0, non2xx: 0, seconds, serverCpuMsPerRequest: null };
}
