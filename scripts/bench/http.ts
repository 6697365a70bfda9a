import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { spreadOf, type Spread } from './stats';

/** One timed response: status, milliseconds until the whole body arrived, and the body. */
export type TimedResponse = { status: number; ms: number; body: string; bytes: number };

/** Fetches `url` and times it until the last byte of the body. */
export async function timedGet(url: string, headers: Record<string, string> = {}, redirect: RequestRedirect = 'manual'): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect });
  const buffer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, ms: performance.now() - started, body: buffer.toString('utf8'), bytes: buffer.length };
}

/** Server render of a page: its median and p95 over `samples` sequential requests after `warmup` unmeasured ones, and its size. */
export type PageTiming = Spread & { bytes: number };

/** Requests a page `warmup + samples` times, one after another, and returns its timing; throws on a non-200 answer. */
export async function measurePage(url: string, cookie: string, { samples, warmup }: { samples: number; warmup: number }): Promise<PageTiming> {
  const times: number[] = [];
  let bytes = 0;
  for (let attempt = 0; attempt < warmup + samples; attempt++) {
    const response = await timedGet(url, { Cookie: cookie });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${response.body.slice(0, 300)}`);
    if (attempt >= warmup) times.push(response.ms);
    bytes = response.bytes;
  }
  return { ...spreadOf(times), bytes };
}

/**
 * The script chunks an HTML page references, and their gzipped size (what a browser downloads with compression).
 * `noModule` scripts (legacy polyfills) are left out: browsers that run modules never fetch them. Of them, those
 * named in `frameworkFiles` are counted apart too.
 */
export async function measureScripts(baseUrl: string, html: string, frameworkFiles: readonly string[] = []): Promise<{ chunks: number; rawBytes: number; gzipBytes: number; frameworkGzipBytes: number }> {
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  const sources = [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1]?.replaceAll('&amp;', '&') ?? []))];
  let rawBytes = 0;
  let gzipBytes = 0;
  let frameworkGzipBytes = 0;
  for (const source of sources) {
    const response = await fetch(new URL(source, baseUrl));
    if (!response.ok) throw new Error(`Script ${source} answered ${response.status}`);
    const buffer = Buffer.from(await response.arrayBuffer());
    const gzipped = gzipSync(buffer, { level: 9 }).length;
    rawBytes += buffer.length;
    gzipBytes += gzipped;
    if (frameworkFiles.some((file) => new URL(source, baseUrl).pathname.endsWith(file))) frameworkGzipBytes += gzipped;
  }
  return { chunks: sources.length, rawBytes, gzipBytes, frameworkGzipBytes };
}

/** The chunks every page of the build loads whatever it holds (React, the Next.js runtime), from the build manifest. */
export async function frameworkScriptFiles(buildDirectory: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(buildDirectory, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  return manifest.rootMainFiles ?? [];
}
