-- Imported annotations remember where they came from: the source annotation's IRI (one copy per document and
-- importer, so importing the same file twice adds nothing, while someone else's private import neither blocks
-- nor reveals anything) and who wrote it there (the importer is the author here).
ALTER TABLE "Annotation" ADD COLUMN "importedFrom" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedCreator" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_documentId_authorId_importedFrom_key" ON "Annotation"("documentId", "authorId", "importedFrom");
