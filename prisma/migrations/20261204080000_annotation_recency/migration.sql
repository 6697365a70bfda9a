-- A search with no words (tag:, user:, quote: only) lists the newest matches first. Without an index on the time of
-- writing, PostgreSQL filtered every annotation of every readable document and sorted the matches; with it, it reads
-- the newest first and stops at the candidates it needs.
CREATE INDEX "Annotation_createdAt_idx" ON "Annotation"("createdAt");
