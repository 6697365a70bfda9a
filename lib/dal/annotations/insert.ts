import 'server-only';
import { queryObjects, type DatabaseClient } from '@/lib/db';
import { paletteColourFor } from '@/lib/domain/colours';
import type { TextSelectors } from '@/lib/domain/selectors';
import { AppError } from '@/lib/errors';
import type { AnnotationMotivation } from '@/lib/generated/prisma/client';

/** Where new annotations go and who writes them: one document, one author, per insert. */
export type InsertScope = { workspaceId: string; documentId: string; versionId: string; authorId: string };

/**
 * One annotation to store. Fields left out take the column defaults: placed exactly at its range, written now, no
 * import provenance. Tag names are validated already (what makes two tags the same), with the labels typed.
 */
export type NewAnnotation = {
  id: string;
  selectors?: TextSelectors | null;
  sectionSlug?: string | null;
  anchorStatus?: 'EXACT' | 'MOVED' | 'FUZZY' | 'ORPHAN';
  anchorScore?: number;
  anchorStart?: number | null;
  anchorEnd?: number | null;
  isAnchorConfirmed?: boolean;
  body: string;
  motivation: AnnotationMotivation;
  visibility: 'PRIVATE' | 'WORKSPACE';
  parentId?: string | null;
  rootId?: string | null;
  importedFrom?: string | null;
  importedCreator?: string | null;
  importedVia?: string | null;
  importedCreatorName?: string | null;
  importedCreatorIri?: string | null;
  importedGroup?: string | null;
  importedSource?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  tags?: { names: string[]; labels: string[] };
};

/** What the database gave one stored annotation, and its tags as the vocabulary spells them. */
export type InsertedAnnotation = { id: string; createdAt: Date; updatedAt: Date; revision: number; tagLabels: string[] };

/**
 * Runs the insert statement: on the pool (a create, autocommitted) or on a transaction's client (an import). `name`
 * names it as a prepared statement where that helps (see queryObjects).
 */
export type StatementRunner = <Row extends object>(text: string, values: unknown[], name?: string) => Promise<Row[]>;

/** Runs statements on the shared pool, each committed on its own; a named one as a prepared statement. */
export const onPool: StatementRunner = (text, values, name) => queryObjects(text, values, name);

/** Runs statements inside a Prisma transaction, so they commit or roll back with it. */
export function onTransaction(tx: DatabaseClient): StatementRunner {
  return <Row extends object>(text: string, values: unknown[]) => tx.$queryRawUnsafe<Row[]>(text, ...values);
}

/**
 * `authorFollowsNewThreads`: the author follows each new thread (an annotation that replies to nothing), as a person
 * who writes in the reader or through the API takes part in it; an import leaves follows alone.
 */
export type InsertOptions = { authorFollowsNewThreads?: boolean; guard?: InsertGuard };

/**
 * A condition the insert holds itself to, checked in the same statement: `sql` is a SELECT whose parameters start
 * at $8 (the insert's own are $1–$7); nothing is stored unless it returns a row. `name` names the prepared statement.
 */
export type InsertGuard = { sql: string; values: unknown[]; name: string };

/**
 * Stores new annotations with their tags (adding words new to the workspace's vocabulary) and one activity each,
 * in one statement: one round trip, one atomic commit, and the activity's ordering lock (taken by a trigger, see
 * the activity_notify migration) held for no longer than that statement. Every annotation is stored here, whether
 * written in the reader, posted to the API or imported from a file. Returns the rows stored, in the order given;
 * an id already taken is skipped (so a create's race shows as an empty answer).
 *
 * A tag another request adds at the same moment is not in this statement's snapshot; ON CONFLICT DO UPDATE then
 * waits for it and returns it, where DO NOTHING would silently leave the tag off. The update touches no key column,
 * so it does not wait for writers that merely reference the tag.
 *
 * The parts of one statement run in no promised order, and two orders of the same locks deadlock: the tag insert
 * may wait for another transaction that waits for the ordering lock this one holds. So the activity rows, which
 * take that lock, read the finished tag links first: every write takes its tag locks before the ordering lock, as
 * the transactions that record activity last do too.
 *
 * Parents come before their replies in `annotations`; the self-reference is checked at the end of the statement.
 */
export async function insertAnnotations(run: StatementRunner, scope: InsertScope, annotations: readonly NewAnnotation[], options: InsertOptions = {}): Promise<InsertedAnnotation[]> {
  if (annotations.length === 0) return [];
  const rows = annotations.map((annotation, ordinal) => ({
    ordinal,
    id: annotation.id,
    selectors: annotation.selectors ?? null,
    sectionSlug: annotation.sectionSlug ?? null,
    anchorStatus: annotation.anchorStatus ?? null,
    anchorScore: annotation.anchorScore ?? null,
    anchorStart: annotation.anchorStart ?? null,
    anchorEnd: annotation.anchorEnd ?? null,
    isAnchorConfirmed: annotation.isAnchorConfirmed ?? null,
    body: annotation.body,
    motivation: annotation.motivation,
    visibility: annotation.visibility,
    parentId: annotation.parentId ?? null,
    rootId: annotation.rootId ?? null,
    importedFrom: annotation.importedFrom ?? null,
    importedCreator: annotation.importedCreator ?? null,
    importedVia: annotation.importedVia ?? null,
    importedCreatorName: annotation.importedCreatorName ?? null,
    importedCreatorIri: annotation.importedCreatorIri ?? null,
    importedGroup: annotation.importedGroup ?? null,
    importedSource: annotation.importedSource ?? null,
    createdAt: annotation.createdAt?.toISOString() ?? null,
    updatedAt: annotation.updatedAt?.toISOString() ?? null,
  }));
  const tags = annotations.flatMap((annotation, ordinal) =>
    (annotation.tags?.names ?? []).map((name, index) => ({ annotationId: annotation.id, ordinal, name, label: annotation.tags?.labels[index] ?? name, colour: paletteColourFor(name) })),
  );
  const values = [JSON.stringify(rows), JSON.stringify(tags), scope.workspaceId, scope.documentId, scope.versionId, scope.authorId, options.authorFollowsNewThreads === true];
  const inserted = options.guard
    ? await run<InsertedAnnotation>(guardedInsertSql(options.guard.sql), [...values, ...options.guard.values], options.guard.name)
    : await run<InsertedAnnotation>(INSERT_SQL, values, 'annotation-insert');
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return annotations.flatMap((annotation) => byId.get(annotation.id) ?? []);
}

const INPUT_RECORDS = `jsonb_to_recordset($1::jsonb) AS r(
    "ordinal" integer, "id" uuid, "selectors" jsonb, "sectionSlug" text, "anchorStatus" text, "anchorScore" float8,
    "anchorStart" integer, "anchorEnd" integer, "isAnchorConfirmed" boolean, "body" text, "motivation" text, "visibility" text,
    "parentId" uuid, "rootId" uuid, "importedFrom" text, "importedCreator" text, "importedVia" text, "importedCreatorName" text,
    "importedCreatorIri" text, "importedGroup" text, "importedSource" text, "createdAt" timestamptz, "updatedAt" timestamptz)`;

// Everything after the input: the annotations, their follows, tags and activity, and what was stored.
const STORING_SQL = `
inserted AS (
  INSERT INTO "Annotation" ("id", "documentId", "versionId", "authorId", "selectors", "sectionSlug", "anchorStatus", "anchorScore",
                            "anchorStart", "anchorEnd", "isAnchorConfirmed", "body", "motivation", "visibility", "parentId", "rootId",
                            "importedFrom", "importedCreator", "importedVia", "importedCreatorName", "importedCreatorIri", "importedGroup",
                            "importedSource", "createdAt", "updatedAt")
  SELECT r."id", $4::uuid, $5::uuid, $6::uuid, r."selectors", r."sectionSlug", coalesce(r."anchorStatus", 'EXACT')::"AnchorStatus",
         coalesce(r."anchorScore", 1), r."anchorStart", r."anchorEnd", coalesce(r."isAnchorConfirmed", false), r."body",
         r."motivation"::"AnnotationMotivation", r."visibility"::"AnnotationVisibility", r."parentId", r."rootId", r."importedFrom",
         r."importedCreator", r."importedVia", r."importedCreatorName", r."importedCreatorIri", r."importedGroup", r."importedSource",
         coalesce(r."createdAt", CURRENT_TIMESTAMP), coalesce(r."updatedAt", CURRENT_TIMESTAMP)
  FROM input r ORDER BY r."ordinal"
  ON CONFLICT ("id") DO NOTHING
  RETURNING "id", "createdAt", "updatedAt", "revision", "visibility", "parentId"
),
followed AS (
  INSERT INTO "Follow" ("userId", "target", "targetKey", "documentId")
  SELECT $6::uuid, 'THREAD', i."id"::text, $4::uuid FROM inserted i WHERE $7::boolean AND i."parentId" IS NULL
  ON CONFLICT DO NOTHING
),
wanted AS (
  SELECT w."annotationId", w."ordinal", w."name", w."label", w."colour", i."visibility" = 'WORKSPACE' AS "isShared"
  FROM jsonb_to_recordset($2::jsonb) AS w("annotationId" uuid, "ordinal" integer, "name" text, "label" text, "colour" text)
  JOIN inserted i ON i."id" = w."annotationId"
),
names AS (
  SELECT w."name", (array_agg(w."label" ORDER BY w."ordinal"))[1] AS "label", (array_agg(w."colour"))[1] AS "colour", bool_or(w."isShared") AS "isShared"
  FROM wanted w GROUP BY w."name"
),
known AS (
  SELECT t."id", t."name", t."label" FROM "Tag" t JOIN names n ON n."name" = t."name" WHERE t."workspaceId" = $3::uuid
),
shared AS (
  UPDATE "Tag" t SET "isShared" = true
  FROM known k JOIN names n ON n."name" = k."name"
  WHERE t."id" = k."id" AND NOT t."isShared" AND n."isShared"
  RETURNING t."id"
),
added AS (
  INSERT INTO "Tag" ("workspaceId", "name", "label", "colour", "isShared", "createdById")
  SELECT $3::uuid, n."name", n."label", n."colour", n."isShared", $6::uuid FROM names n
  WHERE NOT EXISTS (SELECT 1 FROM "Tag" t WHERE t."workspaceId" = $3::uuid AND t."name" = n."name")
  ON CONFLICT ("workspaceId", "name") DO UPDATE SET "label" = "Tag"."label", "isShared" = "Tag"."isShared" OR EXCLUDED."isShared"
  RETURNING "id", "name", "label"
),
vocabulary AS (
  SELECT "id", "name", "label" FROM known UNION SELECT "id", "name", "label" FROM added
),
tagged AS (
  INSERT INTO "AnnotationTag" ("annotationId", "tagId")
  SELECT DISTINCT w."annotationId", v."id" FROM wanted w JOIN vocabulary v ON v."name" = w."name"
  RETURNING "annotationId", "tagId"
),
activity AS (
  INSERT INTO "Activity" ("workspaceId", "documentId", "actorId", "kind", "subjectId", "audienceUserId")
  SELECT $3::uuid, $4::uuid, $6::uuid, 'annotation.created', i."id"::text, CASE WHEN i."visibility" = 'PRIVATE' THEN $6::uuid END
  FROM inserted i JOIN input r ON r."id" = i."id"
  WHERE (SELECT count(*) FROM tagged) + (SELECT count(*) FROM shared) >= 0
  ORDER BY r."ordinal"
)
SELECT i."id"::text AS "id", i."createdAt", i."updatedAt", i."revision",
       ARRAY(SELECT v."label" FROM tagged t JOIN vocabulary v ON v."id" = t."tagId" WHERE t."annotationId" = i."id") AS "tagLabels"
FROM inserted i`;

// The insert with its input held back unless `guard` returns a row.
const guardedInsertSql = (guard: string) => `
WITH guard AS (${guard}),
input AS (
  SELECT * FROM ${INPUT_RECORDS} WHERE EXISTS (SELECT 1 FROM guard)
),${STORING_SQL}`;

const INSERT_SQL = `
WITH input AS (
  SELECT * FROM ${INPUT_RECORDS}
),${STORING_SQL}`;

/**
 * Answers a create whose id another request stored first: a retry of the same person's request is fine (not new),
 * anyone else has picked an id that is taken.
 */
export async function resolveIdRace(db: DatabaseClient, id: string, authorId: string): Promise<{ id: string; isNew: boolean }> {
  const stored = await db.annotation.findUnique({ where: { id }, select: { authorId: true } });
  if (stored?.authorId === authorId) return { id, isNew: false };
  throw new AppError('CONFLICT', 'That annotation id is already in use. Generate a new one.');
}
