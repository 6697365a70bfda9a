import 'server-only';
import { getDb } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { visibleAnnotationsSql, visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { isEmptyQuery, MATCH_END, MATCH_START, MAX_QUERY_LENGTH, parseSearchQuery, splitSnippet, type SearchQuery } from '@/lib/domain/search-query';
import { plainExcerpt, withoutFootnoteMarkers } from '@/lib/domain/excerpts';
import { withCurrentMentionNames } from '@/lib/dal/mentions';
import { AppError } from '@/lib/errors';

/** One thing found: where it is, what kind it is, and a snippet with the matches marked. */
export type SearchResult = {
  kind: 'paragraph' | 'annotation' | 'reply' | 'discussion' | 'footnote' | 'source';
  id: string;
  documentTitle: string;
  href: string;
  snippet: Array<{ text: string; isMatch: boolean }>;
  author: string | null;
  rank: number;
};

/** A search's answer: what was understood and what was found. */
export type SearchResponse = { query: SearchQuery; results: SearchResult[] };

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const PAGE_SIZE = 30;
// Annotations are first ranked in SQL (the full-text index), then re-checked through visibleAnnotationsWhere;
// enough candidates are fetched that those the viewer may not see rarely crowd out those they may.
const ANNOTATION_CANDIDATES = 300;

// memberDocumentIds: the readable documents of the viewer's own workspaces, where shared annotations are theirs to see.
type Scope = { documentIds: string[]; memberDocumentIds: string[]; titles: Map<string, { slug: string; title: string }> };

async function readableScope(viewer: Viewer | null, documentSlug?: string): Promise<Scope> {
  const documents = await getDb().document.findMany({
    where: { AND: [readableDocumentsWhere(viewer), documentSlug ? { slug: documentSlug } : {}] },
    select: { id: true, slug: true, title: true },
  });
  const documentIds = documents.map((document) => document.id);
  const memberDocuments = viewer
    ? await getDb().document.findMany({ where: { AND: [{ id: { in: documentIds } }, { workspace: memberWorkspacesWhere(viewer) }] }, select: { id: true } })
    : [];
  return {
    documentIds,
    memberDocumentIds: memberDocuments.map((document) => document.id),
    titles: new Map(documents.map((document) => [document.id, { slug: document.slug, title: document.title }])) };
}

/**
 * Searches document text, annotations (comments, replies, section discussions), footnotes and sources of
 * everything the viewer may read, with websearch syntax plus tag:, user: and quote:. Ranked, with snippets.
 */
export async function searchEverything(viewer: Viewer | null, rawQuery: string, options: { documentSlug?: string } = {}): Promise<SearchResponse> {
  if (rawQuery.length > MAX_QUERY_LENGTH) {
    throw new AppError('INVALID_INPUT', `Search for at most ${MAX_QUERY_LENGTH} characters; this query has ${rawQuery.length.toLocaleString('en')}.`);
  }
  const query = parseSearchQuery(rawQuery);
  if (isEmptyQuery(query)) return { query, results: [] };
  const scope = await readableScope(viewer, options.documentSlug);
  if (scope.documentIds.length === 0) return { query, results: [] };
  const hasOperators = query.tags.length > 0 || query.users.length > 0 || query.quotes.length > 0;
  const [paragraphs, annotations, sources] = await Promise.all([
    query.text && !hasOperators ? searchParagraphs(scope, query.text) : [],
    viewer ? searchAnnotations(viewer, scope, query) : [],
    query.text && !hasOperators ? searchSources(scope, query.text) : [],
  ]);
  const results = [...paragraphs, ...annotations, ...sources].sort((a, b) => b.rank - a.rank).slice(0, PAGE_SIZE * 2);
  return { query, results };
}

async function searchParagraphs(scope: Scope, text: string): Promise<SearchResult[]> {
  const rows = await getDb().$queryRaw<Array<{ documentId: string; ordinal: number; rank: number; snippet: string }>>`
    SELECT d.id AS "documentId", p.ordinal, ts_rank(to_tsvector('english', t.content), q.query) AS rank,
           ts_headline('english', t.content, q.query, ${HEADLINE_OPTIONS}) AS snippet
    FROM "Document" d
    JOIN "DocumentVersion" v ON v."documentId" = d.id
      AND v.number = (SELECT max(number) FROM "DocumentVersion" latest WHERE latest."documentId" = d.id)
    JOIN "Paragraph" p ON p."versionId" = v.id
    CROSS JOIN LATERAL (SELECT substr(v.text, p."startOffset" + 1, p."endOffset" - p."startOffset") AS content) t
    CROSS JOIN (SELECT websearch_to_tsquery('english', ${text}) AS query) q
    WHERE d.id = ANY(${scope.documentIds}::uuid[]) AND to_tsvector('english', t.content) @@ q.query
    ORDER BY rank DESC
    LIMIT ${PAGE_SIZE}`;
  return rows.map((row) => {
    const document = scope.titles.get(row.documentId);
    return {
      kind: 'paragraph',
      id: `${row.documentId}:${row.ordinal}`,
      documentTitle: document?.title ?? '',
      href: `/documents/${document?.slug}#p-${row.ordinal}`,
      snippet: plainTextSnippet(row.snippet),
      author: null,
      rank: Number(row.rank),
    };
  });
}

// Without words to rank by, the newest come first, read from the index on the time of writing until enough match: a
// tag on thousands of annotations is found among the newest few hundred, where every annotation was filtered and sorted.
const newestFirst = Prisma.sql`a."createdAt" DESC`;
const bestRankedFirst = Prisma.sql`rank DESC`;

/**
 * Ranks annotation ids with the full-text index. Named unsafe because it cannot use visibleAnnotationsWhere
 * (ranking is SQL; it narrows by the rule's SQL form, visibleAnnotationsSql): it only proposes candidates, which
 * searchAnnotations re-checks through that where-builder.
 */
async function unsafeRankAnnotationCandidates(viewer: Viewer, scope: Scope, query: SearchQuery) {
  const tags = query.tags;
  const users = query.users.map((user) => `%${user.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
  const quotes = query.quotes.join(' ');
  return getDb().$queryRaw<Array<{ id: string; rank: number }>>`
    SELECT a.id,
           CASE WHEN ${query.text} = '' THEN date_part('epoch', a."createdAt") / 1e10
                ELSE ts_rank(a."bodySearch", websearch_to_tsquery('english', ${query.text})) END AS rank
    FROM "Annotation" a
    WHERE a."documentId" = ANY(${scope.documentIds}::uuid[])
      AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL
      AND ${visibleAnnotationsSql(viewer, scope.memberDocumentIds)}
      AND (${query.text} = '' OR a."bodySearch" @@ websearch_to_tsquery('english', ${query.text}))
      AND (${quotes} = '' OR to_tsvector('english', coalesce(a.selectors -> 'quote' ->> 'exact', '')) @@ plainto_tsquery('english', ${quotes}))
      AND (cardinality(${users}::text[]) = 0 OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = a."authorId" AND u.name ILIKE ANY(${users}::text[])))
      AND (cardinality(${tags}::text[]) = 0 OR EXISTS (
            SELECT 1 FROM "AnnotationTag" at JOIN "Tag" t ON t.id = at."tagId"
            WHERE at."annotationId" = coalesce(a."rootId", a.id) AND t.name = ANY(${tags}::text[])))
    ORDER BY ${query.text === '' ? newestFirst : bestRankedFirst}
    LIMIT ${ANNOTATION_CANDIDATES}`;
}

async function searchAnnotations(viewer: Viewer, scope: Scope, query: SearchQuery): Promise<SearchResult[]> {
  const candidates = await unsafeRankAnnotationCandidates(viewer, scope, query);
  if (candidates.length === 0) return [];
  const visibleIds = new Set(
    (await getDb().annotation.findMany({ where: { AND: [{ id: { in: candidates.map((candidate) => candidate.id) } }, visibleAnnotationsWhere(viewer)] }, select: { id: true } })).map(
      (annotation) => annotation.id,
    ),
  );
  const shown = candidates.filter((candidate) => visibleIds.has(candidate.id)).slice(0, PAGE_SIZE);
  // Only the page shown is read in full. Mentions are stored by id: results name each person as they are called now.
  const visible = await withCurrentMentionNames(
    await getDb().annotation.findMany({
      where: { AND: [{ id: { in: shown.map((candidate) => candidate.id) } }, visibleAnnotationsWhere(viewer)] },
      select: { id: true, documentId: true, parentId: true, rootId: true, sectionSlug: true, selectors: true, body: true, author: { select: { name: true } } },
    }),
  );
  const byId = new Map(visible.map((annotation) => [annotation.id, annotation]));
  const snippets = await plainSnippets(shown.map((candidate) => byId.get(candidate.id)?.body ?? ''), query.text);
  return shown.flatMap((candidate, position): SearchResult[] => {
    const annotation = byId.get(candidate.id);
    const document = annotation ? scope.titles.get(annotation.documentId) : undefined;
    if (!annotation || !document) return [];
    const isDiscussion = annotation.selectors === null && annotation.parentId === null;
    return [
      {
        kind: annotation.parentId ? 'reply' : isDiscussion ? 'discussion' : 'annotation',
        id: annotation.id,
        documentTitle: document.title,
        href: `/documents/${document.slug}#annotation-${annotation.id}`,
        snippet: snippets[position] ?? [],
        author: annotation.author.name,
        rank: Number(candidate.rank),
      },
    ];
  });
}

// Comments are Markdown: their snippets are cut from the plain text they read as, with the matches marked again there.
async function plainSnippets(bodies: string[], text: string): Promise<SearchResult['snippet'][]> {
  const plain = bodies.map((body) => plainExcerpt(body));
  if (text === '') return plain.map((body) => [{ text: [...body].slice(0, 240).join(''), isMatch: false }]);
  if (plain.length === 0) return [];
  const rows = await getDb().$queryRaw<Array<{ snippet: string }>>`
    SELECT ts_headline('english', t.body, websearch_to_tsquery('english', ${text}), ${HEADLINE_OPTIONS}) AS snippet
    FROM unnest(${plain}::text[]) WITH ORDINALITY AS t(body, ordinal)
    ORDER BY t.ordinal`;
  return rows.map((row) => splitSnippet(row.snippet));
}

// The document's text carries its footnote markers; a snippet shows the words without them.
function plainTextSnippet(snippet: string): SearchResult['snippet'] {
  return splitSnippet(snippet).map((part) => ({ ...part, text: withoutFootnoteMarkers(part.text) })).filter((part) => part.text !== '');
}

async function searchSources(scope: Scope, text: string): Promise<SearchResult[]> {
  const rows = await getDb().$queryRaw<Array<{ kind: 'source' | 'footnote'; id: string; documentId: string; footnoteNumber: number; rank: number; snippet: string }>>`
    SELECT 'source' AS kind, fs.id, fs."documentId", fs."footnoteNumber", ts_rank(doc, q.query) AS rank,
           ts_headline('english', body, q.query, ${HEADLINE_OPTIONS}) AS snippet
    FROM "FootnoteSource" fs
    JOIN "Source" s ON s.id = fs."sourceId"
    CROSS JOIN LATERAL (SELECT concat_ws(' · ', s.title, array_to_string(s.authors, '; '), s.publisher, fs."evidenceQuote") AS body) b
    CROSS JOIN LATERAL (SELECT to_tsvector('english', b.body) AS doc) v
    CROSS JOIN (SELECT websearch_to_tsquery('english', ${text}) AS query) q
    WHERE fs."documentId" = ANY(${scope.documentIds}::uuid[]) AND v.doc @@ q.query
    UNION ALL
    SELECT 'footnote', f.id, v2."documentId", f.number, ts_rank(to_tsvector('english', f."noteText"), q.query), ts_headline('english', f."noteText", q.query, ${HEADLINE_OPTIONS})
    FROM "Footnote" f
    JOIN "DocumentVersion" v2 ON v2.id = f."versionId"
      AND v2.number = (SELECT max(number) FROM "DocumentVersion" latest WHERE latest."documentId" = v2."documentId")
    CROSS JOIN (SELECT websearch_to_tsquery('english', ${text}) AS query) q
    WHERE v2."documentId" = ANY(${scope.documentIds}::uuid[]) AND f."noteText" IS NOT NULL AND to_tsvector('english', f."noteText") @@ q.query
    ORDER BY rank DESC
    LIMIT ${PAGE_SIZE}`;
  return rows.map((row) => {
    const document = scope.titles.get(row.documentId);
    return {
      kind: row.kind,
      id: row.id,
      documentTitle: document?.title ?? '',
      href: `/documents/${document?.slug}#fn-${row.footnoteNumber}`,
      snippet: plainTextSnippet(row.snippet ?? ''),
      author: null,
      rank: Number(row.rank),
    };
  });
}
