import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';
import { hostilePdfs, longPdf } from '@/tests/helpers/pdf-fixtures';
import { UNLIMITED_API } from '@/tests/reliability/support';

// Hostile PDFs sent to the import route over HTTP, and a reader request racing a long PDF's extraction: pdf.js
// works in a worker thread, so the server keeps answering while it reads.
let database: TestDatabase;
let server: AppServer;
let team: Team;
let editorCookie: string;
let readerSlug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  readerSlug = await createDocument(database.db, team.workspace.id, { text: 'A memo\n\nIts lead paragraph.[1]\n' });
  server = await startAppServer(database.url, { env: UNLIMITED_API });
  editorCookie = await signInOverHttp(server.baseUrl, team.people.editor.email, FACTORY_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function postPdf(slug: string, bytes: Uint8Array): Promise<{ status: number; message: string; finishedAt: number }> {
  const response = await fetch(`${server.baseUrl}/api/workspaces/${team.workspace.slug}/documents?slug=${slug}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/pdf', Cookie: editorCookie },
    body: new Uint8Array(bytes),
  });
  const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { status: response.status, message: json?.error?.message ?? '', finishedAt: performance.now() };
}

describe('PDFs through the import route', () => {
  // The race runs first: a refused 25 MB upload makes the server close that connection, which a request reusing it would meet.
  it('a reader request sent while a long PDF is being read is answered before the PDF', async () => {
    const bytes = await longPdf(300);
    const importing = postPdf('long-report', bytes);
    // Let the upload arrive and its extraction start before the reader asks.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reader = fetch(`${server.baseUrl}/documents/${readerSlug}`, { headers: { Cookie: editorCookie } }).then(async (response) => {
      await response.text();
      return { status: response.status, finishedAt: performance.now() };
    });
    const [pdf, page] = await Promise.all([importing, reader]);
    expect(page.status).toBe(200);
    expect(pdf.status).toBe(201);
    expect(page.finishedAt).toBeLessThan(pdf.finishedAt);
  }, 240_000);

  it('answers every hostile PDF with a 4xx and a message', async () => {
    const hostile = await hostilePdfs();
    const answers: Record<string, [number, string]> = {};
    for (const [name, bytes] of Object.entries(hostile)) {
      const { status, message } = await postPdf(`hostile-${name.toLowerCase()}`, bytes);
      answers[name] = [status, message];
      expect(status, name).toBeGreaterThanOrEqual(400);
      expect(status, name).toBeLessThan(500);
      expect(message.length, name).toBeGreaterThan(20);
    }
    console.log(Object.entries(answers).map(([name, [status, message]]) => `${name}: ${status} ${message}`).join('\n'));
    expect(answers.oversized?.[0]).toBe(413);
    expect(answers.scanned?.[1]).toMatch(/scan/u);
    expect(answers.encrypted?.[1]).toMatch(/password/u);
  });
});
