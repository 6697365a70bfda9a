import { randomUUID } from 'node:crypto';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '@/lib/domain/selectors';
import { codePointLength } from '@/lib/domain/text';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

const TEXT = 'A memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] Another claim here.\n';
const CHAIN_DEPTH = 6_000;

let database: TestDatabase;
let server: AppServer;
let team: Team;
let cookie: string;
let slug: string;
let documentId: string;
let versionId: string;
const rootId = randomUUID();
let deepestId = '';

function selectorsOf(quote: string) {
  const at = TEXT.indexOf(quote);
  const start = codePointLength(TEXT.slice(0, at));
  const end = start + codePointLength(quote);
  return { selectors: describeRange(TEXT, start, end), anchorStart: start, anchorEnd: end };
}

const get = (path: string) => fetch(`${server.baseUrl}${path}`, { headers: { Cookie: cookie } });

beforeAll(async () => {
  database = await createMigratedDatabase();
  const { db } = database;
  team = await createTeam(db);
  slug = await createDocument(db, team.workspace.id, { text: TEXT });
  const document = await db.document.findUniqueOrThrow({ where: { slug }, select: { id: true, versions: { select: { id: true } } } });
  documentId = document.id;
  versionId = document.versions[0]!.id;
  const common = { documentId, versionId, authorId: team.people.editor.id, visibility: 'WORKSPACE' as const };
  const start = Date.parse('2025-01-01T00:00:00Z');
  // A reply chain 6,000 deep, written straight into the database as an old import could have left it.
  const ids = Array.from({ length: CHAIN_DEPTH }, () => randomUUID());
  deepestId = ids.at(-1)!;
  await db.annotation.create({ data: { ...common, id: rootId, ...selectorsOf('A claim with a source.'), body: 'The root of a long chain.', motivation: 'COMMENTING', createdAt: new Date(start) } });
  await db.annotation.createMany({
    data: ids.map((id, index) => ({
      ...common,
      id,
      parentId: index === 0 ? rootId : ids[index - 1]!,
      rootId,
      body: index === CHAIN_DEPTH - 1 ? 'The deepest reply of all.' : `Reply ${index + 1}`,
      motivation: 'REPLYING' as const,
      createdAt: new Date(start + (index + 1) * 1000),
    })),
  });
  server = await startAppServer(database.url);
  cookie = await signInOverHttp(server.baseUrl, team.people.editor.email, FACTORY_PASSWORD);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('a reply chain 6,000 deep', () => {
  it('still renders in report.md, at a size that grows linearly with the replies', async () => {
    const response = await get(`/api/documents/${slug}/export/report.md`);
    expect(response.status).toBe(200);
    const report = await response.text();
    expect(report).toContain('The deepest reply of all.');
    // 6,000 replies of about 70 bytes each, indented at most 50 levels: well under 2 MB (it was 17.7 MB at 3,000 deep).
    expect(report.length).toBeLessThan(2_000_000);
    const deepestIndent = Math.max(...report.split('\n').filter((line) => line.trimStart().startsWith('- **')).map((line) => line.length - line.trimStart().length));
    expect(deepestIndent).toBe(2 * 50);
  }, 120_000);

  it('still exports as JSON-LD and opens in the reader', async () => {
    const exported = await get(`/api/documents/${slug}/export/annotations.jsonld`);
    expect(exported.status).toBe(200);
    const collection = (await exported.json()) as { total: number };
    expect(collection.total).toBe(CHAIN_DEPTH + 1);
    const reader = await get(`/documents/${slug}?thread=${rootId}`);
    expect(reader.status).toBe(200);
    expect(await reader.text()).toContain('The root of a long chain.');
    const deepest = await get(`/api/documents/${slug}/annotations/${deepestId}`);
    expect(deepest.status).toBe(200);
  }, 120_000);

  it('refuses an import whose chain of replies is deeper than 100, naming the reply, and stores nothing', async () => {
    const target = `${server.baseUrl}/documents/${slug}/versions/1`;
    const quote = { type: 'TextQuoteSelector', exact: 'Another claim here.' };
    const items = [{ '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:chain:0', type: 'Annotation', motivation: 'commenting', body: { type: 'TextualBody', value: 'Start', format: 'text/markdown' }, target: { source: target, selector: quote } }];
    for (let depth = 1; depth <= 101; depth++) {
      items.push({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:chain:${depth}`, type: 'Annotation', motivation: 'replying', body: { type: 'TextualBody', value: `Reply ${depth}`, format: 'text/markdown' }, target: `urn:chain:${depth - 1}` as never });
    }
    const before = await database.db.annotation.count({ where: { documentId } });
    const response = await fetch(`${server.baseUrl}/api/documents/${slug}/annotations/import`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(items),
    });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toContain('urn:chain:101');
    expect(error.message).toContain('100 replies deep');
    expect(await database.db.annotation.count({ where: { documentId } })).toBe(before);
  }, 120_000);
});

describe('the Markdown and CSV exports', () => {
  // A document of their own, away from the long chain.
  let plain: { slug: string; documentId: string; versionId: string };
  beforeAll(async () => {
    const otherSlug = await createDocument(database.db, team.workspace.id, { text: TEXT });
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: otherSlug }, select: { id: true, versions: { select: { id: true } } } });
    plain = { slug: otherSlug, documentId: document.id, versionId: document.versions[0]!.id };
  });

  it('keep only http(s), mailto and relative link targets in report.md; any other link stays as its text', async () => {
    const body = [
      'See [the source](https://example.org/report) and [write](mailto:desk@example.org) or [the note](#fn-1).',
      '[click me](javascript:alert(1)) ![tracking](data:text/html;base64,PHNjcmlwdD4=) [old](VBScript:msgbox(1))',
      '[spaced](java\tscript:alert(2)) <javascript:alert(3)> [by reference][evil]',
      '',
      '[evil]: JAVASCRIPT:alert(4)',
    ].join('\n');
    await database.db.annotation.create({
      data: { id: randomUUID(), documentId: plain.documentId, versionId: plain.versionId, authorId: team.people.editor.id, visibility: 'WORKSPACE', ...selectorsOf('Its lead paragraph.'), body, motivation: 'COMMENTING' },
    });
    const report = await (await get(`/api/documents/${plain.slug}/export/report.md`)).text();
    expect(report).toContain('[the source](https://example.org/report)');
    expect(report).toContain('[write](mailto:desk@example.org)');
    expect(report).toContain('[the note](#fn-1)');
    expect(report).toContain('click me');
    expect(report).not.toMatch(/\]\((javascript|data|vbscript):/iu);
    expect(report).not.toMatch(/<javascript:/iu);
    expect(report).not.toMatch(/^\s*\[evil\]:/imu);
    // What a Markdown reader makes of the report: every link, image and definition left has a safe target.
    const targets: string[] = [];
    visit(unified().use(remarkParse).use(remarkGfm).parse(report), (node) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') targets.push((node as { url: string }).url);
    });
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((url) => !/^(https?:|mailto:|#|\/|[^:]*$)/iu.test(url))).toEqual([]);
  }, 60_000);

  it('neutralises CSV cells that a spreadsheet would run, also after spaces and in fullwidth forms', async () => {
    const bodies = [' =HYPERLINK("http://evil.example")', '\u3000+1+1', '＝SUM(A1:A9)', '＠cmd', '－2+3'];
    for (const [index, body] of bodies.entries()) {
      const id = randomUUID();
      await database.db.annotation.create({
        data: { id, documentId: plain.documentId, versionId: plain.versionId, authorId: team.people.editor.id, visibility: 'WORKSPACE', ...selectorsOf('Another claim here.'), body, motivation: 'COMMENTING', createdAt: new Date(Date.now() + index) },
      });
      const tag = await database.db.tag.upsert({ where: { workspaceId_name: { workspaceId: team.workspace.id, name: 'claim' } }, update: {}, create: { workspaceId: team.workspace.id, name: 'claim', label: 'claim', colour: '#ffe08a' } });
      await database.db.annotationTag.create({ data: { annotationId: id, tagId: tag.id } });
    }
    const csv = await (await get(`/api/documents/${plain.slug}/export/claims.csv`)).text();
    for (const body of bodies) {
      const quoted = body.includes('"') ? `"'${body.replace(/"/gu, '""')}"` : `'${body}`;
      expect(csv).toContain(`,${quoted},`);
    }
  }, 60_000);
});
