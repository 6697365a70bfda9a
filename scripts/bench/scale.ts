// The reader and search as data grows: render and search at 500, 5,000 and 20,000 annotations, and pathological data
// (a 6,000-deep reply chain, a 1,000-tag vocabulary) set against the same page with a normal thread and vocabulary.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describeRange } from '@/lib/domain/selectors';
import { measurePage, type PageTiming } from './http';
import { formatNumber } from './stats';

/** The searches timed at each step: the bench's word, a phrase and a tag filter. */
export const SEARCH_QUERIES = { word: 'evidence', phrase: '"Central Asia"', tag: 'tag:claim' } as const;

/** Render and the three searches at one number of annotations. */
export type ScaledPoint = { annotations: number; render: PageTiming; search: Record<keyof typeof SEARCH_QUERIES, PageTiming> };

/** Times the reader and each search with `cookie`. */
export async function measureScaledPoint(baseUrl: string, readerPath: string, cookie: string, annotations: number, samples: { samples: number; warmup: number }, searchSamples: { samples: number; warmup: number }): Promise<ScaledPoint> {
  const render = await measurePage(`${baseUrl}${readerPath}`, cookie, samples);
  const search = {} as ScaledPoint['search'];
  for (const [name, q] of Object.entries(SEARCH_QUERIES) as Array<[keyof typeof SEARCH_QUERIES, string]>) {
    search[name] = await measurePage(`${baseUrl}/search?${new URLSearchParams({ q })}`, cookie, searchSamples);
  }
  return { annotations, render, search };
}

/** The Markdown table of the scaled run. */
export function scaledTable(points: ScaledPoint[], emptyRender: PageTiming): string {
  const ms = (value: number) => `${formatNumber(value, 0)} ms`;
  const rows = points.map(
    (point) =>
      `| ${formatNumber(point.annotations, 0)} | ${ms(point.render.p50)} | ${ms(point.render.p95)} | ${formatNumber(point.render.p50 / emptyRender.p50, 2)}× | ${formatNumber(point.render.bytes / 1e6, 2)} MB | ${ms(point.search.word.p95)} | ${ms(point.search.phrase.p95)} | ${ms(point.search.tag.p95)} |`,
  );
  return [
    `| Annotations | Render p50 | Render p95 | × empty page | HTML | Search p95: ${SEARCH_QUERIES.word} | ${SEARCH_QUERIES.phrase.replaceAll('"', '“')} | ${SEARCH_QUERIES.tag} |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| 0 | ${ms(emptyRender.p50)} | ${ms(emptyRender.p95)} | 1× | ${formatNumber(emptyRender.bytes / 1e6, 2)} MB | – | – | – |`,
    ...rows,
  ].join('\n');
}

/** A document whose reader is measured with pathological data, and who writes on it. */
export type PathologyTarget = { documentId: string; versionId: string; workspaceId: string; authorIds: string[] };

/** Render of one page with a normal thread and vocabulary, with a 6,000-deep chain, and with a 1,000-tag vocabulary. */
export type Pathology = { normal: PageTiming; deepChain: PageTiming & { depth: number }; bigVocabulary: PageTiming & { tags: number }; deepChainRatio: number; bigVocabularyRatio: number };

/** Inserts one annotation on the version's first long paragraph with a chain of `depth` replies, each answering the one before. */
export async function insertThread(client: pg.Pool, target: PathologyTarget, depth: number): Promise<void> {
  const { rows } = await client.query<{ text: string }>('SELECT "text" FROM "DocumentVersion" WHERE "id" = $1', [target.versionId]);
  const text = rows[0]?.text ?? '';
  const start = text.indexOf('\n\n', 200) + 2;
  const selectors = describeRange(text, start, start + 60);
  const starter = randomUUID();
  const ids = [starter, ...Array.from({ length: depth }, () => randomUUID())];
  const now = Date.now();
  await client.query(
    `INSERT INTO "Annotation" ("id", "documentId", "versionId", "authorId", "selectors", "anchorStart", "anchorEnd", "body", "motivation", "visibility", "parentId", "rootId", "createdAt", "updatedAt")
     SELECT r.id, $1::uuid, $2::uuid, r.author, CASE WHEN r.parent IS NULL THEN $3::jsonb END, CASE WHEN r.parent IS NULL THEN $4::int END, CASE WHEN r.parent IS NULL THEN $5::int END,
            r.body, (CASE WHEN r.parent IS NULL THEN 'COMMENTING' ELSE 'REPLYING' END)::"AnnotationMotivation", 'WORKSPACE'::"AnnotationVisibility", r.parent,
            CASE WHEN r.parent IS NULL THEN NULL ELSE $6::uuid END, r.created, r.created
     FROM unnest($7::uuid[], $8::uuid[], $9::uuid[], $10::text[], $11::timestamptz[]) AS r(id, author, parent, body, created)`,
    [
      target.documentId,
      target.versionId,
      JSON.stringify(selectors),
      start,
      start + 60,
      starter,
      ids,
      ids.map((_, index) => target.authorIds[index % target.authorIds.length]),
      ids.map((_, index) => (index === 0 ? null : ids[index - 1])),
      ids.map((_, index) => (index === 0 ? 'Is this figure from the survey?' : `Reply ${index}: I checked the source again.`)),
      ids.map((_, index) => new Date(now - (ids.length - index) * 1000)),
    ],
  );
  await client.query('ANALYZE "Annotation"');
}

/**
 * Measures the reader of `path` with a 10-reply thread and the starter vocabulary, then with the vocabulary grown to
 * 1,000 shared tags (taken away again afterwards), then with a 6,000-deep reply chain added (inserted directly in
 * the database). The chain stays: deleting thousands of rows that refer to each other is slow and measures nothing.
 */
export async function benchmarkPathology(client: pg.Pool, baseUrl: string, path: string, cookie: string, target: PathologyTarget, samples: { samples: number; warmup: number }): Promise<Pathology> {
  await insertThread(client, target, 10);
  const normal = await measurePage(`${baseUrl}${path}`, cookie, samples);
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "Tag" WHERE "workspaceId" = $1 AND "isShared"', [target.workspaceId]);
  const tags = 1000;
  const names = Array.from({ length: Math.max(0, tags - Number(rows[0]?.count ?? 0)) }, (_, index) => `bench-topic-${String(index).padStart(4, '0')}`);
  await client.query(
    `INSERT INTO "Tag" ("workspaceId", "name", "label", "colour", "isShared", "rank")
     SELECT $1::uuid, n, n, '#' || lpad(to_hex((i * 2654435761) % 16777216), 6, '0'), true, CASE WHEN i <= 200 THEN i + 100 END
     FROM unnest($2::text[]) WITH ORDINALITY AS t(n, i) ON CONFLICT DO NOTHING`,
    [target.workspaceId, names],
  );
  await client.query('ANALYZE "Tag"');
  const bigVocabulary = { ...(await measurePage(`${baseUrl}${path}`, cookie, samples)), tags };
  await client.query('DELETE FROM "Tag" WHERE "workspaceId" = $1 AND "name" = ANY($2::text[])', [target.workspaceId, names]);
  const depth = 6000;
  await insertThread(client, target, depth);
  const deepChain = { ...(await measurePage(`${baseUrl}${path}`, cookie, samples)), depth };
  return { normal, deepChain, bigVocabulary, deepChainRatio: deepChain.p50 / normal.p50, bigVocabularyRatio: bigVocabulary.p50 / normal.p50 };
}
