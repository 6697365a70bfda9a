-- Search matched comments through an index on to_tsvector('english', "body") but ranked them by parsing each match's
-- body again, thousands of times for a common word. The words are now kept in a stored generated column, indexed and
-- ranked as they are; the expression index it replaces is dropped.
ALTER TABLE "Annotation" ADD COLUMN "bodySearch" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "body")) STORED;
CREATE INDEX "Annotation_bodySearch_idx" ON "Annotation" USING GIN ("bodySearch");
DROP INDEX IF EXISTS "Annotation_body_search_idx";
