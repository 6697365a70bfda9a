import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { findFreePort, startEmbeddedDatabase, type LocalDatabase } from '@/lib/local-database';

/** The media type the annotation container answers in and accepts. */
export const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** Server settings for reliability runs: no API rate limit, so load and retries measure the app, not the limiter. */
export const UNLIMITED_API = { API_RATE_LIMIT_PER_MINUTE: '0' };

/** An auth secret a test process and its server share, so the test can sign what the server checks. */
export const SHARED_AUTH_SECRET = 'a reliability-run secret of at least thirty-two characters';

/** A W3C annotation quoting `exact` in the document `slug`, with a Markdown comment and tags. */
export function quoteAnnotation(baseUrl: string, slug: string, exact: string, body: string, tags: string[] = []) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [
      { type: 'TextualBody', value: body, format: 'text/markdown', purpose: 'commenting' },
      ...tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
    ],
    target: { source: `${baseUrl}/documents/${slug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact }] },
    visibility: 'workspace',
  };
}

/** A PostgreSQL of a test's own on a fixed port, which the test may stop and start again under running app servers. */
export type RestartablePostgres = { url: () => string; stop: () => Promise<void>; start: () => Promise<void>; remove: () => Promise<void> };

/** Starts a PostgreSQL in a fresh temporary folder; `stop` and `start` keep its data and port. */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const folder = await mkdtemp(path.join(tmpdir(), 'marginalia-fault-'));
  // The server may run as another OS user (see startEmbeddedDatabase), who must reach the folder.
  await chmod(folder, 0o755);
  const port = await findFreePort();
  const start = () => startEmbeddedDatabase({ dataDir: path.join(folder, 'postgres'), port });
  let running: LocalDatabase | null = await start();
  const url = running.url;
  return {
    url: () => url,
    start: async () => {
      running = await start();
    },
    stop: async () => {
      await running?.stop();
      running = null;
    },
    remove: async () => {
      await running?.stop();
      running = null;
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A promise with its resolver, for awaiting an event that another part of the test signals. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Rejects with a message naming `what` when `promise` has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Launches the system Chromium as the browser tests do; browsers are never downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
