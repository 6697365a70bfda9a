import { randomUUID } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseClient, type PrismaClient } from '@/lib/db';
import { applyMigrations } from '@/lib/migrate';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createDocument, createTeam, FACTORY_PASSWORD } from '@/tests/helpers/factories';
import { JSON_LD, launchChromium, quoteAnnotation, signal, startRestartablePostgres, UNLIMITED_API, within, type RestartablePostgres } from '@/tests/reliability/support';

// PostgreSQL is stopped and started again while several clients write annotations through the W3C container. Each
// client names every annotation itself (Slug) and retries with the same name until it is acknowledged, as a careful
// API client would. Counts are exact: every acknowledged write is stored once, and nothing else is.
const TEXT = 'A fault memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
const QUOTE = 'About 4,000 fighters left.';
const CLIENTS = 4;
const WRITES_PER_CLIENT = 15;
/** Acknowledged writes before the database is stopped, so the outage falls mid-burst. */
const STOP_AFTER = 12;
/** 503 answers to see before the database comes back, so every client has met the outage at least once. */
const OUTAGE_ANSWERS = CLIENTS;
const RETRY_PAUSE_MS = 100;

let postgres: RestartablePostgres;
let db: PrismaClient;
let server: AppServer;
let slug: string;
let browser: Browser;
const cookies: string[] = [];

beforeAll(async () => {
  postgres = await startRestartablePostgres();
  await applyMigrations(postgres.url());
  db = createDatabaseClient(postgres.url());
  const team = await createTeam(db);
  slug = await createDocument(db, team.workspace.id, { text: TEXT });
  server = await startAppServer(postgres.url(), { env: UNLIMITED_API });
  for (const person of [team.people.owner, team.people.editor, team.people.commenter]) {
    cookies.push(await signInOverHttp(server.baseUrl, person.email, FACTORY_PASSWORD));
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.$disconnect();
  await postgres?.remove();
});

type Tally = { acknowledged: Map<string, string>; unavailable: number; retryAfter: Set<string>; networkErrors: number; unexpected: string[] };

describe('PostgreSQL stopped and restarted during a burst of annotation writes', () => {
  it('stores every acknowledged write exactly once, answers 503 with Retry-After while away, and the server survives', async () => {
    const tally: Tally = { acknowledged: new Map(), unavailable: 0, retryAfter: new Set(), networkErrors: 0, unexpected: [] };
    const enoughWritten = signal();
    const outageSeen = signal();
    const pidAtStart = server.pid;
    const pageAnswers: Array<{ path: string; isExplained: boolean }> = [];

    const writeOnce = async (cookie: string, id: string, body: string): Promise<'done' | 'retry'> => {
      let response: Response;
      try {
        response = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/`, {
          method: 'POST',
          headers: { 'Content-Type': JSON_LD, Cookie: cookie, Slug: id },
          body: JSON.stringify(quoteAnnotation(server.baseUrl, slug, QUOTE, body, ['claim'])),
        });
      } catch {
        tally.networkErrors += 1;
        return 'retry';
      }
      if (response.status === 201 || response.status === 200) {
        await response.arrayBuffer();
        tally.acknowledged.set(id, body);
        if (tally.acknowledged.size >= STOP_AFTER) enoughWritten.resolve();
        return 'done';
      }
      const text = await response.text();
      if (response.status === 503) {
        tally.unavailable += 1;
        tally.retryAfter.add(response.headers.get('retry-after') ?? 'missing');
        if (tally.unavailable >= OUTAGE_ANSWERS) outageSeen.resolve();
        return 'retry';
      }
      tally.unexpected.push(`${response.status} ${text.slice(0, 300)}`);
      return 'done';
    };

    const client = async (index: number) => {
      const cookie = cookies[index % cookies.length] ?? '';
      for (let write = 0; write < WRITES_PER_CLIENT; write += 1) {
        const id = randomUUID();
        const body = `Client ${index}, write ${write}`;
        // The same id on every attempt: a retry after a lost answer must find the stored annotation, not add one.
        while ((await writeOnce(cookie, id, body)) === 'retry') await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    };

    const fault = async () => {
      await within(enoughWritten.promise, 60_000, `${STOP_AFTER} acknowledged writes`);
      await postgres.stop();
      await within(outageSeen.promise, 30_000, `${OUTAGE_ANSWERS} answers of 503 while the database is away`);
      const health = await fetch(`${server.baseUrl}/api/health`);
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBe('5');
      // A person opening a page meanwhile is told to try again, not shown a crash.
      const page = await browser.newPage();
      for (const path of [`/documents/${slug}`, '/']) {
        await page.goto(`${server.baseUrl}${path}`);
        const heading = page.getByRole('heading', { level: 1, name: /temporarily unavailable/u });
        await heading.waitFor({ timeout: 10_000 }).catch(() => undefined);
        pageAnswers.push({ path, isExplained: (await heading.count()) === 1 && (await page.getByRole('button', { name: 'Try again' }).count()) === 1 });
      }
      await page.close();
      expect(server.isRunning()).toBe(true);
      await postgres.start();
    };

    await within(Promise.all([fault(), ...Array.from({ length: CLIENTS }, (_, index) => client(index))]), 100_000, 'the burst to finish');

    expect(tally.unexpected).toEqual([]);
    expect(pageAnswers).toEqual([
      { path: `/documents/${slug}`, isExplained: true },
      { path: '/', isExplained: true },
    ]);
    expect(tally.unavailable).toBeGreaterThanOrEqual(OUTAGE_ANSWERS);
    expect([...tally.retryAfter]).toEqual(['5']);
    expect(server.isRunning()).toBe(true);
    expect(server.pid).toBe(pidAtStart);
    expect(process.kill(server.pid, 0)).toBe(true);

    const acknowledged = tally.acknowledged.size;
    expect(acknowledged).toBe(CLIENTS * WRITES_PER_CLIENT);
    const stored = await db.annotation.findMany({ where: { document: { slug } }, select: { id: true, body: true } });
    const duplicates = stored.length - new Set(stored.map((annotation) => annotation.body)).size;
    expect({ written: stored.length, duplicates }).toEqual({ written: acknowledged, duplicates: 0 });
    expect(new Map(stored.map((annotation) => [annotation.id, annotation.body]))).toEqual(tally.acknowledged);
    // A retried write must not be logged twice either: the live stream and the feed read from this table.
    const created = await db.activity.count({ where: { kind: 'annotation.created', subjectId: { in: [...tally.acknowledged.keys()] } } });
    expect(created).toBe(acknowledged);

    // Once the database is back, reads work again without restarting the server.
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    const container = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/`, { headers: { Cookie: cookies[0] ?? '' } });
    expect(container.status).toBe(200);
    expect(((await container.json()) as { total: number }).total).toBe(acknowledged);
  });
});
