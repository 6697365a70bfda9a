-- AlterEnum
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'ASSESSING';

-- AlterTable
ALTER TABLE "Source" ADD COLUMN "documentId" UUID;

-- AlterTable
ALTER TABLE "FootnoteSource" ADD COLUMN "evidenceAnnotationId" UUID;

-- CreateIndex
CREATE INDEX "Source_documentId_idx" ON "Source"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "FootnoteSource_evidenceAnnotationId_key" ON "FootnoteSource"("evidenceAnnotationId");

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FootnoteSource" ADD CONSTRAINT "FootnoteSource_evidenceAnnotationId_fkey" FOREIGN KEY ("evidenceAnnotationId") REFERENCES "Annotation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
