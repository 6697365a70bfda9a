import { performance } from 'node:perf_hooks';

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
