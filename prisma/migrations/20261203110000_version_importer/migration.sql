-- Each version names who imported it, for the list of versions.
ALTER TABLE "DocumentVersion" ADD COLUMN "importedById" UUID;

-- AddForeignKey
ALTER TABLE "DocumentVersion" ADD CONSTRAINT "DocumentVersion_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Versions after the first were logged in the activity feed with their importer; the first versions were not.
UPDATE "DocumentVersion" v SET "importedById" = a."actorId"
FROM "Activity" a
WHERE a."kind" = 'document.versioned' AND a."documentId" = v."documentId" AND a."subjectId" = v."number"::text AND v."importedById" IS NULL;
