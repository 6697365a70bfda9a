-- Imported annotations remember where they came from: the source annotation's IRI (one import per document,
-- so importing the same file twice adds nothing) and who wrote it there (the importer is the author here).
ALTER TABLE "Annotation" ADD COLUMN "importedFrom" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedCreator" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_documentId_importedFrom_key" ON "Annotation"("documentId", "importedFrom");
