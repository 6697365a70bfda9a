// Open-loop load: requests sent at a fixed arrival rate whatever the server does, as real users arrive. Latency counts
// from the moment each request was due, not the moment it was sent, so a server (or a generator) that falls behind
// shows up in the figures instead of quietly slowing the arrivals (coordinated omission, corrected).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { spreadOf, type Spread } from './stats';

/** One request the generator sends: method, path on the server, headers and an optional body. */
export type LoadRequest = { method: string; path: string; headers: Record<string, string>; body?: string };

/** What a fixed-rate run measured. `latencyMs` counts from each request's due time; `serviceMs` from its actual send. */
export type OpenLoopRun = {
  ratePerSecond: number;
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  achievedPerSecond: number;
  latencyMs: Spread;
  serviceMs: Spread;
  /** Most requests in flight at once; below `connections` means the generator never waited for a socket. */
  maxInFlight: number;
  connections: number;
  /** CPU the generator's own process used, as a share of one core, and per request. */
  generatorCpuShare: number;
  generatorCpuMsPerRequest: number;
  /** Server CPU per request (the server's idle use over the same time taken off), when a reader of it was given. */
  serverCpuMsPerRequest: number | null;
  /** PostgreSQL's CPU per request (all its processes, idle use not taken off), when a reader of it was given. */
  databaseCpuMsPerRequest: number | null;
};

/** How to run: the server, the rate, for how long, how many sockets at most, which status counts as success. */
export type OpenLoopOptions = {
  baseUrl: string;
  ratePerSecond: number;
  seconds: number;
  connections: number;
  request: (sequence: number) => LoadRequest;
  isOk: (status: number) => boolean;
  serverCpuMs?: () => Promise<number>;
  serverIdleCpuMsPerSecond?: number;
  databaseCpuMs?: () => Promise<number>;
};

/** Sends `ratePerSecond` requests a second for `seconds` on keep-alive sockets and measures every answer. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopRun> {
  return summarize(options, [await sendOpenLoop(options)]);
}

/**
 * Runs several kinds of request at the same rate, each for its `seconds` in all, in `rounds` alternating blocks:
 * the server's JIT keeps warming as it serves, so kinds measured one after the other would each be measured at a
 * different stage of it, and the later one flattered. Figures per kind are over all of its blocks.
 */
export async function runOpenLoopsInterleaved(kinds: readonly OpenLoopOptions[], rounds: number): Promise<OpenLoopRun[]> {
  const blocks: RawRun[][] = kinds.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, options] of kinds.entries()) blocks[index]!.push(await sendOpenLoop({ ...options, seconds: options.seconds / rounds }));
  }
  return kinds.map((options, index) => summarize(options, blocks[index]!));
}

// One block's measurements, before they are summed over blocks.
type RawRun = { total: number; ok: number; failed: number; latencies: number[]; services: number[]; maxInFlight: number; wallMs: number; generatorCpuMs: number; serverCpuMs: number | null; databaseCpuMs: number | null };

function summarize(options: OpenLoopOptions, runs: readonly RawRun[]): OpenLoopRun {
  const sum = (pick: (run: RawRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const total = sum((run) => run.total);
  const wallMs = sum((run) => run.wallMs);
  const generatorCpuMs = sum((run) => run.generatorCpuMs);
  const ok = sum((run) => run.ok);
  const failed = sum((run) => run.failed);
  const perRequest = (pick: (run: RawRun) => number | null) => (runs.every((run) => pick(run) !== null) ? sum((run) => pick(run) ?? 0) / total : null);
  return {
    ratePerSecond: options.ratePerSecond,
    seconds: options.seconds,
    sent: total,
    ok,
    failed,
    achievedPerSecond: (ok + failed) / (wallMs / 1000),
    latencyMs: spreadOf(runs.flatMap((run) => run.latencies)),
    serviceMs: spreadOf(runs.flatMap((run) => run.services)),
    maxInFlight: Math.max(...runs.map((run) => run.maxInFlight)),
    connections: options.connections,
    generatorCpuShare: generatorCpuMs / wallMs,
    generatorCpuMsPerRequest: generatorCpuMs / total,
    serverCpuMsPerRequest: perRequest((run) => run.serverCpuMs),
    databaseCpuMsPerRequest: perRequest((run) => run.databaseCpuMs),
  };
}

async function sendOpenLoop(options: OpenLoopOptions): Promise<RawRun> {
  const { baseUrl, ratePerSecond, seconds, connections, request, isOk } = options;
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.round(ratePerSecond * seconds));
  const latencies: number[] = [];
  const services: number[] = [];
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const serverBefore = options.serverCpuMs ? await options.serverCpuMs() : 0;
  const databaseBefore = options.databaseCpuMs ? await options.databaseCpuMs() : 0;
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const finished: Array<Promise<void>> = [];

  const send = (sequence: number, dueAt: number) =>
    new Promise<void>((resolve) => {
      const { method, path, headers, body } = request(sequence);
      const sentAt = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (isSuccess: boolean) => {
        const now = performance.now();
        inFlight--;
        latencies.push(now - dueAt);
        services.push(now - sentAt);
        if (isSuccess) ok++;
        else failed++;
        resolve();
      };
      const outgoing = http.request(
        { agent, host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => done(isOk(response.statusCode ?? 0)));
          response.on('error', () => done(false));
        },
      );
      outgoing.on('error', () => done(false));
      outgoing.end(body);
    });

  // Each tick sends every request that has come due since the last one, each timed from its own due moment.
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - began;
      while (next < total && (next * 1000) / ratePerSecond <= elapsed) {
        finished.push(send(next, began + (next * 1000) / ratePerSecond));
        next++;
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, (next * 1000) / ratePerSecond - elapsed)));
    };
    tick();
  });
  await Promise.all(finished);
  const wallMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  const generatorCpuMs = (cpu.user + cpu.system) / 1000;
  agent.destroy();
  // The server's idle use over the same time is taken off its figure; PostgreSQL's is left in.
  const serverCpuMs = options.serverCpuMs ? Math.max(0, (await options.serverCpuMs()) - serverBefore - ((options.serverIdleCpuMsPerSecond ?? 0) * wallMs) / 1000) : null;
  const databaseCpuMs = options.databaseCpuMs ? (await options.databaseCpuMs()) - databaseBefore : null;
  return { total, ok, failed, latencies, services, maxInFlight, wallMs, generatorCpuMs, serverCpuMs, databaseCpuMs };
}

/** The highest rate tried at which p95 (from due time) stayed under the limit with every request answered, and each step. */
export type Capacity = { ratePerSecond: number; p95LimitMs: number; steps: OpenLoopRun[] };

/**
 * Raises the fixed rate step by step (`rates`, ascending) until p95 reaches `p95LimitMs` or a request fails, then
 * tries the rate halfway between the last good step and the first bad one. Returns the highest good rate (0 if none).
 */
export async function findCapacity(options: Omit<OpenLoopOptions, 'ratePerSecond'>, rates: readonly number[], p95LimitMs: number, pause: () => Promise<void>): Promise<Capacity> {
  const steps: OpenLoopRun[] = [];
  const holds = (run: OpenLoopRun) => run.failed === 0 && run.latencyMs.p95 < p95LimitMs;
  let good = 0;
  let bad: number | null = null;
  for (const rate of rates) {
    const run = await runOpenLoop({ ...options, ratePerSecond: rate });
    steps.push(run);
    await pause();
    if (!holds(run)) {
      bad = rate;
      break;
    }
    good = rate;
  }
  if (bad !== null && bad - good > 10) {
    const middle = Math.round((good + bad) / 2);
    const run = await runOpenLoop({ ...options, ratePerSecond: middle });
    steps.push(run);
    await pause();
    if (holds(run)) good = middle;
  }
  return { ratePerSecond: good, p95LimitMs, steps };
}
