-- Tags are now one when they match after NFKC and full case folding, with invisible characters refused. Tags stored
-- under the older rule (lower case and NFC) that the new rule makes one are merged here: the shared one, else the
-- oldest, keeps its id, its label and the annotations of the others. The folding matches normalizeTagName in
-- lib/domain/tags.ts: upper then lower case under ICU's root locale (ß -> SS -> ss), NFKC before and after.
DO $$
DECLARE
  invisible text := E'\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B\u180C\u180D\u180E\u180F\u200B\u200E\u200F'
    || E'\u202A\u202B\u202C\u202D\u202E\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206A\u206B\u206C'
    || E'\u206D\u206E\u206F\u3164\uFEFF\uFFA0';
  -- A server built without ICU folds with its default collation, which still merges every ASCII and NFKC case.
  fold text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN '"und-x-icu"' ELSE '"default"' END;
BEGIN
  EXECUTE format(
    'CREATE TEMP TABLE "TagFolding" AS
       SELECT id, "workspaceId", "isShared", "createdAt", rank, label,
              coalesce(nullif(normalize(lower(upper(normalize(translate(name, %1$L, ''''), NFKC) COLLATE %2$s) COLLATE %2$s), NFKC), ''''), name) AS folded
       FROM "Tag"',
    invisible, fold);

  CREATE TEMP TABLE "TagKeeper" AS
    SELECT id, folded, translate(label, invisible, '') AS label,
           first_value(id) OVER (PARTITION BY "workspaceId", folded ORDER BY "isShared" DESC, "createdAt", id) AS keeper,
           bool_or("isShared") OVER (PARTITION BY "workspaceId", folded) AS "anyShared",
           min(rank) OVER (PARTITION BY "workspaceId", folded) AS "firstRank"
    FROM "TagFolding";

  INSERT INTO "AnnotationTag" ("annotationId", "tagId")
    SELECT link."annotationId", k.keeper FROM "AnnotationTag" link JOIN "TagKeeper" k ON k.id = link."tagId"
    WHERE k.id <> k.keeper
    ON CONFLICT DO NOTHING;

  DELETE FROM "Tag" t USING "TagKeeper" k WHERE t.id = k.id AND k.id <> k.keeper;

  UPDATE "Tag" t
    SET name = k.folded, label = coalesce(nullif(k.label, ''), t.label), "isShared" = k."anyShared", rank = coalesce(t.rank, k."firstRank")
    FROM "TagKeeper" k
    WHERE t.id = k.id AND (t.name <> k.folded OR t.label <> k.label OR t."isShared" <> k."anyShared" OR t.rank IS DISTINCT FROM coalesce(t.rank, k."firstRank"));

  DROP TABLE "TagFolding";
  DROP TABLE "TagKeeper";
END $$;
