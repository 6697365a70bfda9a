import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { spreadOf, type Spread } from './stats';

/** An open Server-Sent Events stream that notes when each annotation's activity arrived. */
export type EventStreamProbe = { arrivals: Map<string, number>; ready: Promise<void>; close: () => void };

/** Opens the document's live stream with `cookie` and records, per subject id, when its first activity event arrived. */
export function openEventStreamProbe(baseUrl: string, documentSlug: string, cookie: string): EventStreamProbe {
  const controller = new AbortController();
  const arrivals = new Map<string, number>();
  let markReady = () => {};
  let markFailed: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  void (async () => {
    const response = await fetch(`${baseUrl}/api/documents/${documentSlug}/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`The live stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffered = '';
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'ready') markReady();
        if (event === 'activity' && data) {
          const { subjectId } = JSON.parse(data) as { subjectId: string };
          if (!arrivals.has(subjectId)) arrivals.set(subjectId, performance.now());
        }
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) markFailed(error);
  });
  return { arrivals, ready, close: () => controller.abort() };
}

/** Delivery of live events: from sending each write to its event on each stream. */
export type LiveDelivery = { streams: number; writes: number; deliveries: number; missing: number; latencyMs: Spread };

/**
 * `streams` streams follow the document; one writer posts `writes` annotations one after another (`post` sends one
 * with the given id). Each delivery counts from the moment the write was sent to the moment its event reached a stream.
 */
export async function benchmarkLiveDelivery(baseUrl: string, slug: string, readerCookies: string[], streams: number, writes: number, post: (id: string, index: number) => Promise<void>): Promise<LiveDelivery> {
  const probes = Array.from({ length: streams }, (_, index) => openEventStreamProbe(baseUrl, slug, readerCookies[index % readerCookies.length] ?? ''));
  try {
    await Promise.all(probes.map((probe) => probe.ready));
    const sentAt = new Map<string, number>();
    for (let write = 0; write < writes; write++) {
      const id = randomUUID();
      sentAt.set(id, performance.now());
      await post(id, write);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies: number[] = [];
    let missing = 0;
    for (const probe of probes) {
      for (const [id, sent] of sentAt) {
        const arrived = probe.arrivals.get(id);
        if (arrived === undefined) missing += 1;
        else latencies.push(arrived - sent);
      }
    }
    return { streams, writes, deliveries: latencies.length, missing, latencyMs: spreadOf(latencies) };
  } finally {
    probes.forEach((probe) => probe.close());
  }
}
