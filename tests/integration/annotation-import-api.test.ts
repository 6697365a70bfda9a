import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationImportReport } from '@/lib/dal/annotation-import';
import { normalizeText } from '@/lib/domain/text';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

const ARTICLE = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const HYPOTHESIS = readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8');

type Actor = 'commenter' | 'viewer' | 'outsider' | 'visitor';
type ErrorBody = { error: { code: string; message: string } };

let database: TestDatabase;
let server: AppServer;
let people: Team['people'];
let slug: string;
const cookies: Partial<Record<Actor, string>> = {};

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const team = await createTeam(database.db);
  people = team.people;
  slug = await createDocument(database.db, team.workspace.id, { text: ARTICLE });
  server = await startAppServer(database.url);
  for (const actor of ['commenter', 'viewer', 'outsider'] as const) cookies[actor] = await signInOverHttp(server.baseUrl, people[actor].email, FACTORY_PASSWORD);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

function post(actor: Actor, body: BodyInit, contentType = 'application/json', documentSlug = slug): Promise<Response> {
  return fetch(`${server.baseUrl}/api/documents/${documentSlug}/annotations/import`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': contentType, ...(actor === 'visitor' ? {} : { Cookie: cookies[actor] ?? '' }) },
    body,
    duplex: 'half',
  } as RequestInit);
}

const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;
const count = () => database.db.annotation.count({ where: { document: { slug } } });

describe('POST /api/documents/<slug>/annotations/import', () => {
  it('imports a Hypothesis export with 201 and the report, then answers 200 with everything skipped', async () => {
    const response = await post('commenter', HYPOTHESIS);
    expect(response.status).toBe(201);
    const report = (await response.json()) as AnnotationImportReport;
    expect(report).toMatchObject({ format: 'hypothesis', imported: 7, exact: 3, moved: 0, orphaned: 1, pageNotes: 1, replies: 2 });
    expect(report.unplaced.map((item) => item.kind)).toEqual(['orphan', 'page-note']);
    const again = await post('commenter', HYPOTHESIS, 'application/ld+json');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ imported: 0, skipped: 7 });
    expect(await count()).toBe(7);
  });

  it('answers 401 to a visitor, 403 to a viewer, 404 to a member of another workspace and for an unknown document', async () => {
    expect((await post('visitor', HYPOTHESIS)).status).toBe(401);
    const viewer = await post('viewer', HYPOTHESIS);
    expect(viewer.status).toBe(403);
    expect((await errorOf(viewer)).message).toMatch(/Only workspace members who can comment may import annotations/);
    expect((await post('outsider', HYPOTHESIS)).status).toBe(404);
    expect((await post('commenter', HYPOTHESIS, 'application/json', 'no-such-document')).status).toBe(404);
  });

  it('answers 415 to a body that is not sent as JSON', async () => {
    const response = await post('commenter', HYPOTHESIS, 'text/plain');
    expect(response.status).toBe(415);
    expect((await errorOf(response)).message).toMatch(/Send the file as JSON/);
  });

  it('answers 413 to a 20 MB upload, announced or streamed without a length, and imports nothing', async () => {
    const before = await count();
    const big = `[${' '.repeat(20 * 1024 * 1024)}]`;
    const announced = await post('commenter', big);
    expect(announced.status).toBe(413);
    const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post('commenter', stream);
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).message).toMatch(/larger than 10 MB/);
    expect(await count()).toBe(before);
  });

  it('answers 422 with a human message to malformed JSON, a file that is no export, and an unknown selector type', async () => {
    const malformed = await post('commenter', '{"rows": [');
    expect(malformed.status).toBe(422);
    expect((await errorOf(malformed)).message).toMatch(/^The file is not valid JSON: .*at line 1, column 11\./);
    const notExport = await post('commenter', '{"hello": "world"}');
    expect(notExport.status).toBe(422);
    expect((await errorOf(notExport)).message).toMatch(/^This is not an annotation export/);
    const unknown = await post(
      'commenter',
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://elsewhere.example/anno/1',
        type: 'Annotation',
        target: { source: 'https://elsewhere.example/doc', selector: [{ type: 'TextQuoteSelector', exact: 'Uzbekistan' }, { type: 'EpubCfiSelector', value: '/6/4' }] },
      }),
      'application/ld+json',
    );
    expect(unknown.status).toBe(422);
    expect((await errorOf(unknown)).message).toMatch(/^Nothing was imported\. https:\/\/elsewhere\.example\/anno\/1: Unknown selector type "EpubCfiSelector"/);
  });

  it('answers 422 to a file that is not UTF-8 text, as the document import does, and imports nothing', async () => {
    const before = await count();
    const latin1 = Buffer.from(HYPOTHESIS.replace('Marta Kowalska', 'Marta Kowalska\u00e9'), 'latin1');
    const response = await post('commenter', new Uint8Array(latin1));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toBe('The file is not UTF-8 text. Save it as UTF-8 and try again.');
    expect(await count()).toBe(before);
  });

  it('answers 422 naming the annotation whose quote holds a NUL character, instead of failing to store it', async () => {
    const before = await count();
    const response = await post(
      'commenter',
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://elsewhere.example/anno/nul',
        type: 'Annotation',
        target: { source: 'https://elsewhere.example/doc', selector: { type: 'TextQuoteSelector', exact: 'Uzbekistan\u0000' } },
      }),
      'application/ld+json',
    );
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toMatch(/^Nothing was imported\. https:\/\/elsewhere\.example\/anno\/nul: The quoted text \("exact"\) contains a NUL character/);
    expect(await count()).toBe(before);
  });

  it('answers 422 to an unknown format parameter', async () => {
    const response = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/import?format=csv`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.commenter ?? '' },
      body: HYPOTHESIS,
    });
    expect(response.status).toBe(422);
  });
});
