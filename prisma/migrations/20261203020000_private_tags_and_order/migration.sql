-- Tags first used on private notes stay with the people who used them until someone shares an annotation carrying
-- them; owners order the vocabulary (the first-ranked tag colours an annotation with several); each person chooses
-- what highlights are coloured by.
CREATE TYPE "HighlightColouring" AS ENUM ('TAG', 'AUTHOR', 'NONE');

ALTER TABLE "User" ADD COLUMN "highlightColouring" "HighlightColouring" NOT NULL DEFAULT 'TAG';

ALTER TABLE "Tag" ADD COLUMN "isShared" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Tag" ADD COLUMN "createdById" UUID;
ALTER TABLE "Tag" ADD COLUMN "rank" INTEGER;

ALTER TABLE "Tag" ADD CONSTRAINT "Tag_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE INDEX "Tag_workspaceId_isShared_idx" ON "Tag"("workspaceId", "isShared");

-- Tags that so far appear only on private notes become private to the person who first used them.
UPDATE "Tag" t
SET "isShared" = false,
    "createdById" = (
      SELECT a."authorId" FROM "AnnotationTag" at JOIN "Annotation" a ON a."id" = at."annotationId"
      WHERE at."tagId" = t."id" ORDER BY a."createdAt" LIMIT 1
    )
WHERE EXISTS (SELECT 1 FROM "AnnotationTag" at WHERE at."tagId" = t."id")
  AND NOT EXISTS (
    SELECT 1 FROM "AnnotationTag" at JOIN "Annotation" a ON a."id" = at."annotationId"
    WHERE at."tagId" = t."id" AND a."visibility" = 'WORKSPACE'
  );
