import 'server-only';
import { queryRows } from '@/lib/db';
import { visibleDocumentAnnotationsSql, type DocumentMembership } from '@/lib/dal/access/annotations';
import { visibleAnnotationLinksSql } from '@/lib/dal/access/annotation-links';
import type { Viewer } from '@/lib/dal/authorization';
import { isFilterActive, type AnnotationFilter } from '@/lib/domain/annotation-filter';
import { highlightColourOf, highlightLegend, type HighlightColouring, type LegendEntry } from '@/lib/domain/highlight-colours';
import type { HighlightRange } from '@/lib/domain/highlight-ranges';

// A document's threads as the reader lists them, worked out in SQL: which threads the filter leaves, in the list's
// order, and what the page says of all of them (the filter's choices, the legend, the highlight table's fingerprint).
// The page then reads in full only the threads it shows (reader-annotations.ts). With thousands of annotations,
// sending every row to the app to filter, sort and count there cost the reader most of its render time.
//
// The rules, as the list has always had them:
// - a thread is shown when its first annotation is (a reply's own tags or author never decide), and a deleted or hidden
//   first annotation only while a shown reply hangs below it;
// - the filter looks only at the first annotation: a deleted or hidden one has no author or tags to match;
// - threads on a passage are listed by where it starts (unplaced ones last), then oldest first; whole-section threads
//   are discussions; orphans (whose passage is gone) come apart, oldest first;
// - replies whose first annotation the viewer cannot see (left by hand-made data) make a thread of their own, listed
//   last, when no filter is asked for;
// - only shown first annotations with a place are drawn.

/** A filter's condition over the first annotations `"Annotation" a`, and the parameters it adds after the visibility's. */
type Condition = { sql: string; params: unknown[] };

const GONE = (alias: string) => `(${alias}."deletedAt" IS NOT NULL OR ${alias}."hiddenAt" IS NOT NULL)`;

function filterCondition(filter: AnnotationFilter, citingRanges: ReadonlyArray<{ start: number; end: number }>, firstParam: number): Condition {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${firstParam + params.push(value) - 1}`;
  const parts: string[] = [];
  if (filter.tag !== undefined) {
    parts.push(`NOT ${GONE('a')} AND EXISTS (SELECT 1 FROM "AnnotationTag" at JOIN "Tag" t ON t."id" = at."tagId" WHERE at."annotationId" = a."id" AND lower(t."label") = ${param(filter.tag)})`);
  }
  if (filter.author !== undefined) parts.push(`NOT ${GONE('a')} AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = a."authorId" AND u."name" = ${param(filter.author)})`);
  if (filter.section !== undefined) parts.push(`a."sectionSlug" = ${param(filter.section)}`);
  if (filter.status !== undefined) parts.push(`a."status"::text = ${param(filter.status)}`);
  if (filter.visibility !== undefined) parts.push(`a."visibility"::text = ${param(filter.visibility)}`);
  if (filter.link !== undefined) {
    const kind = filter.link === 'any' ? '' : ` AND l."kind"::text = ${param(filter.link)}`;
    parts.push(
      `EXISTS (SELECT 1 FROM "AnnotationLink" l
                 JOIN "Annotation" f ON f."id" = l."fromAnnotationId" JOIN "Document" fd ON fd."id" = f."documentId"
                 JOIN "Annotation" t ON t."id" = l."toAnnotationId" JOIN "Document" td ON td."id" = t."documentId"
               WHERE (l."fromAnnotationId" = a."id" OR l."toAnnotationId" = a."id") AND ${visibleAnnotationLinksSql('$2', '$3')}${kind})`,
    );
  }
  if (filter.footnote !== undefined) {
    const starts = param(citingRanges.map((range) => range.start));
    const ends = param(citingRanges.map((range) => range.end));
    parts.push(`EXISTS (SELECT 1 FROM unnest(${starts}::int[], ${ends}::int[]) AS cited(s, e) WHERE a."anchorStart" < cited.e AND a."anchorEnd" > cited.s)`);
  }
  return { sql: parts.map((part) => ` AND (${part})`).join(''), params };
}

/** The shown first annotations the filter leaves, as a `shown` CTE over the visible annotations, and its parameters. */
function shownThreadsCte(
  viewer: Viewer | null,
  document: DocumentMembership,
  filter: AnnotationFilter,
  citingRanges: ReadonlyArray<{ start: number; end: number }>,
): { cte: string; params: unknown[] } | null {
  const visible = visibleDocumentAnnotationsSql(viewer, document);
  const visibleReply = visibleDocumentAnnotationsSql(viewer, document, 'r');
  if (!visible || !visibleReply) return null;
  const filtered = filterCondition(filter, citingRanges, visible.params.length + 1);
  return {
    cte: `shown AS (
      SELECT a."id", a."authorId", a."anchorStart", a."anchorEnd", a."anchorStatus", a."createdAt" AS "time",
             (a."selectors" IS NULL AND a."sectionSlug" IS NOT NULL) AS "isSection", ${GONE('a')} AS "isGone"
      FROM "Annotation" a
      WHERE ${visible.condition} AND a."parentId" IS NULL
        AND (NOT ${GONE('a')} OR EXISTS (SELECT 1 FROM "Annotation" r WHERE r."rootId" = a."id" AND NOT ${GONE('r')} AND ${visibleReply.condition}))
        ${filtered.sql})`,
    params: [...visible.params, ...filtered.params],
  };
}

// What decides a drawn highlight's colour, by the viewer's choice: its first-ranked tag's colour (empty when untagged),
// its author, or nothing. The fingerprint of the table hashes these, so the page can name the table without reading it.
function colourKeySql(colouring: HighlightColouring): string {
  if (colouring === 'TAG') return `coalesce(first_tag."colour", '')`;
  if (colouring === 'AUTHOR') return `d."authorId"::text`;
  return `''`;
}

const DRAWN = `drawn AS (SELECT * FROM shown WHERE NOT "isGone" AND "anchorStart" IS NOT NULL AND "anchorEnd" IS NOT NULL),
  first_tag AS (
    SELECT DISTINCT ON (at."annotationId") at."annotationId" AS "id", t."label", t."colour"
    FROM "AnnotationTag" at JOIN "Tag" t ON t."id" = at."tagId"
    WHERE at."annotationId" IN (SELECT "id" FROM drawn)
    ORDER BY at."annotationId", t."rank" NULLS LAST, t."name")`;

// The fingerprint of the highlight table (see DRAWN), worked out where the table is, for the page and the table's
// answer alike: each drawn annotation's id, place and colour hashed together, summed so no sort is needed, with how
// many there are and what colours them. Null when nothing is drawn.
function fingerprintSql(colouring: HighlightColouring, modeParam: string): string {
  const rowHash = `uuid_hash_extended(d."id", d."anchorStart"::int8 * 4294967296 + d."anchorEnd") # hashtextextended(${colourKeySql(colouring)}, 0)`;
  return `(SELECT CASE WHEN count(*) > 0 THEN md5(${modeParam} || '|' || count(*) || '|' || sum(${rowHash})) END
           FROM drawn d LEFT JOIN first_tag ON first_tag."id" = d."id")`;
}

/** The threads the reader lists for a filter, by their first annotation's id, and what the page says of them. */
export type ReaderSummary = {
  /** Threads on a passage that is still there, in the list's order (see the rules above): the first `placedLimit` of them. */
  placed: string[];
  /** How many threads on a passage there are in all. */
  placedTotal: number;
  /** Threads whose passage is gone, oldest first. */
  orphans: string[];
  /** Threads on whole sections (discussions), oldest first. */
  sections: string[];
  /** The thread holding the annotation a permalink names, when the page was asked for one the viewer may see. */
  requestedThread: string | null;
  /** Fingerprint of the highlight table findDrawnHighlights gives for the same filter; null when nothing is drawn. */
  highlightsFingerprint: string | null;
  legend: LegendEntry[];
};

const splitIds = (joined: string | null): string[] => (joined ? joined.split(',') : []);
const splitPair = (entry: string) => entry.split('\n') as [string, string];

type SummaryRow = [
  placed: string | null,
  placedTotal: number,
  strays: string | null,
  orphans: string | null,
  sections: string | null,
  requestedThread: string | null,
  fingerprint: string | null,
  tags: string[] | null,
  hasUntagged: boolean | null,
  authors: string[] | null,
];

/**
 * Returns the threads of a document the viewer may read that `filter` leaves, as the reader lists them (see the
 * rules above), with the first `placedLimit` placed ones named (all when null), which thread holds annotation
 * `requestedId` when one is asked for, and the legend and fingerprint of the highlights: one statement, so the
 * annotations are scanned once.
 */
export async function readReaderSummary(
  viewer: Viewer | null,
  document: DocumentMembership,
  options: { filter: AnnotationFilter; citingRanges: ReadonlyArray<{ start: number; end: number }>; requestedId: string | null; placedLimit: number | null; colouring: HighlightColouring },
): Promise<ReaderSummary> {
  const shown = shownThreadsCte(viewer, document, options.filter, options.citingRanges);
  const visible = visibleDocumentAnnotationsSql(viewer, document, 'r');
  if (!shown || !visible) return { placed: [], placedTotal: 0, orphans: [], sections: [], requestedThread: null, highlightsFingerprint: null, legend: [] };
  const param = (value: unknown) => `$${shown.params.push(value)}`;
  const limit = param(options.placedLimit);
  const mode = `${param(options.colouring)}::text`;
  const requested = param(options.requestedId);
  // Without a filter, every thread with a shown annotation is in `shown` unless its first annotation is out of sight.
  const strays = isFilterActive(options.filter)
    ? 'NULL'
    : `(SELECT string_agg("key"::text, ',' ORDER BY "time", "key") FROM (
          SELECT r."rootId" AS "key", min(r."createdAt") AS "time"
          FROM "Annotation" r
          WHERE ${visible.condition} AND r."rootId" IS NOT NULL AND r."rootId" NOT IN (SELECT "id" FROM shown)
          GROUP BY 1 HAVING bool_or(NOT ${GONE('r')})) AS stray)`;
  const placed = `NOT "isSection" AND "anchorStatus" <> 'ORPHAN'`;
  const rows = await queryRows<SummaryRow>(
    `WITH ${shown.cte}, ${DRAWN}
     SELECT (SELECT string_agg("id"::text, ',') FROM (SELECT "id" FROM shown WHERE ${placed} ORDER BY "anchorStart" NULLS LAST, "time", "id" LIMIT ${limit}::int) AS listed),
            (SELECT count(*)::int FROM shown WHERE ${placed}),
            ${strays},
            (SELECT string_agg("id"::text, ',' ORDER BY "time", "id") FROM shown WHERE NOT "isSection" AND "anchorStatus" = 'ORPHAN'),
            (SELECT string_agg("id"::text, ',' ORDER BY "time", "id") FROM shown WHERE "isSection"),
            (SELECT coalesce(r."rootId", r."id")::text FROM "Annotation" r WHERE r."id" = ${requested}::uuid AND ${visible.condition}),
            ${fingerprintSql(options.colouring, mode)},
            (SELECT array_agg(DISTINCT first_tag."label" || E'\\n' || first_tag."colour") FROM first_tag WHERE ${mode} = 'TAG'),
            ${mode} = 'TAG' AND (SELECT count(*) FROM drawn) > (SELECT count(*) FROM first_tag),
            (SELECT array_agg(DISTINCT d."authorId"::text || E'\\n' || u."name") FROM drawn d JOIN "User" u ON u."id" = d."authorId" WHERE ${mode} = 'AUTHOR')`,
    shown.params,
  );
  const [placedIds, placedTotal, strayIds, orphans, sections, requestedThread, fingerprint, tags, hasUntagged, authors] = rows[0] ?? [null, 0, null, null, null, null, null, null, null, null];
  const listed = splitIds(placedIds);
  const strayThreads = splitIds(strayIds);
  // The legend's rule stays in highlightLegend: it is given one stand-in per colour source in use.
  const sources =
    options.colouring === 'AUTHOR'
      ? (authors ?? []).map((entry) => ({ authorId: splitPair(entry)[0], authorName: splitPair(entry)[1], tags: [] }))
      : [...(tags ?? []).map((entry) => ({ authorId: '', authorName: '', tags: [{ label: splitPair(entry)[0], colour: splitPair(entry)[1] }] })), ...(hasUntagged ? [{ authorId: '', authorName: '', tags: [] }] : [])];
  return {
    // Threads out of sight of their first annotation come after every placed one.
    placed: listed.length === placedTotal ? [...listed, ...strayThreads] : listed,
    placedTotal: placedTotal + strayThreads.length,
    orphans: splitIds(orphans),
    sections: splitIds(sections),
    requestedThread,
    highlightsFingerprint: fingerprint,
    legend: highlightLegend(sources, options.colouring),
  };
}

/**
 * Everyone who wrote a shown annotation of the document and every tag on one, whatever the filter leaves, to choose
 * from. Only first annotations carry tags (a reply's are refused when edited and left out when imported), so a thread
 * of thousands of replies adds its authors and nothing to look up in the tags.
 */
export async function readFilterChoices(viewer: Viewer | null, document: DocumentMembership): Promise<{ authors: string[]; tags: string[] }> {
  const visible = visibleDocumentAnnotationsSql(viewer, document);
  if (!visible) return { authors: [], tags: [] };
  // Each set is made distinct before it is joined: asked the other way round, PostgreSQL scanned every shown
  // annotation once per person or tag in the database.
  const rows = await queryRows<[authors: string[] | null, tags: string[] | null]>(
    `WITH seen AS (SELECT a."id", a."authorId", a."parentId" FROM "Annotation" a WHERE ${visible.condition} AND NOT ${GONE('a')})
     SELECT (SELECT array_agg(DISTINCT u."name") FROM (SELECT DISTINCT "authorId" FROM seen) s JOIN "User" u ON u."id" = s."authorId"),
            (SELECT array_agg(DISTINCT t."label") FROM (SELECT DISTINCT at."tagId" FROM seen JOIN "AnnotationTag" at ON at."annotationId" = seen."id" WHERE seen."parentId" IS NULL) used
             JOIN "Tag" t ON t."id" = used."tagId")`,
    visible.params,
  );
  const [authors, tags] = rows[0] ?? [null, null];
  return { authors: (authors ?? []).sort(), tags: (tags ?? []).sort() };
}

/**
 * Returns the highlights `filter` leaves, sorted by where they start ([id, start, end, colour]: what the reader's
 * script draws), and their fingerprint, the one readHighlightSummary gives the page.
 */
export async function findDrawnHighlights(
  viewer: Viewer | null,
  document: DocumentMembership,
  options: { filter: AnnotationFilter; citingRanges: ReadonlyArray<{ start: number; end: number }>; colouring: HighlightColouring },
): Promise<{ highlights: HighlightRange[]; fingerprint: string | null }> {
  const shown = shownThreadsCte(viewer, document, options.filter, options.citingRanges);
  if (!shown) return { highlights: [], fingerprint: null };
  const mode = `$${shown.params.push(options.colouring)}::text`;
  const rows = await queryRows<[id: string, start: number, end: number, colourKey: string, fingerprint: string]>(
    `WITH ${shown.cte}, ${DRAWN}
     SELECT d."id", d."anchorStart", d."anchorEnd", ${colourKeySql(options.colouring)}, ${fingerprintSql(options.colouring, mode)}
     FROM drawn d LEFT JOIN first_tag ON first_tag."id" = d."id"
     ORDER BY d."anchorStart", d."time", d."id"`,
    shown.params,
  );
  // Each author's colour is worked out once, not for every one of their thousands of annotations.
  const colours = new Map<string, string>();
  const colourOf = (key: string) => {
    let colour = colours.get(key);
    if (colour === undefined) {
      colour = options.colouring === 'TAG' ? highlightColourOf({ authorId: '', authorName: '', tags: key ? [{ label: '', colour: key }] : [] }, 'TAG') : highlightColourOf({ authorId: key, authorName: '', tags: [] }, options.colouring);
      colours.set(key, colour);
    }
    return colour;
  };
  return {
    highlights: rows.map(([id, start, end, key]): HighlightRange => [id, start, end, colourOf(key)]),
    fingerprint: rows[0]?.[4] ?? null,
  };
}
