-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('ARTICLE', 'REPORT', 'BOOK', 'CHAPTER', 'NEWS', 'WEBPAGE', 'DATASET', 'LEGAL', 'OTHER');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('UNVERIFIED', 'SUPPORTS', 'PARTIALLY_SUPPORTS', 'DOES_NOT_SUPPORT', 'CANNOT_ACCESS');

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "authors" TEXT[],
    "publisher" TEXT,
    "issued" TEXT,
    "url" TEXT,
    "archiveUrl" TEXT,
    "accessedOn" DATE,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FootnoteSource" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "documentId" UUID NOT NULL,
    "footnoteNumber" INTEGER NOT NULL,
    "sourceId" UUID NOT NULL,
    "verdict" "Verdict" NOT NULL DEFAULT 'UNVERIFIED',
    "evidenceQuote" TEXT,
    "attachedById" UUID NOT NULL,
    "attachedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verdictSetById" UUID NOT NULL,
    "verdictSetAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FootnoteSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerdictChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "footnoteSourceId" UUID NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "evidenceQuote" TEXT,
    "comment" TEXT,
    "changedById" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerdictChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Source_workspaceId_idx" ON "Source"("workspaceId");

-- CreateIndex
CREATE INDEX "FootnoteSource_sourceId_idx" ON "FootnoteSource"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "FootnoteSource_documentId_footnoteNumber_sourceId_key" ON "FootnoteSource"("documentId", "footnoteNumber", "sourceId");

-- CreateIndex
CREATE INDEX "VerdictChange_footnoteSourceId_idx" ON "VerdictChange"("footnoteSourceId");

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FootnoteSource" ADD CONSTRAINT "FootnoteSource_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FootnoteSource" ADD CONSTRAINT "FootnoteSource_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FootnoteSource" ADD CONSTRAINT "FootnoteSource_attachedById_fkey" FOREIGN KEY ("attachedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FootnoteSource" ADD CONSTRAINT "FootnoteSource_verdictSetById_fkey" FOREIGN KEY ("verdictSetById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictChange" ADD CONSTRAINT "VerdictChange_footnoteSourceId_fkey" FOREIGN KEY ("footnoteSourceId") REFERENCES "FootnoteSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictChange" ADD CONSTRAINT "VerdictChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
