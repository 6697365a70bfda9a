-- CreateEnum
CREATE TYPE "TracingStatus" AS ENUM ('UNTRACED', 'IN_PROGRESS', 'TRACED', 'VERIFIED', 'DISPUTED');

-- AlterTable
ALTER TABLE "Source" ADD COLUMN "containerTitle" TEXT,
ADD COLUMN "doi" TEXT;

-- CreateTable
CREATE TABLE "NoteTracing" (
    "documentId" UUID NOT NULL,
    "footnoteNumber" INTEGER NOT NULL,
    "status" "TracingStatus" NOT NULL DEFAULT 'UNTRACED',
    "assigneeId" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NoteTracing_pkey" PRIMARY KEY ("documentId","footnoteNumber")
);

-- CreateTable
CREATE TABLE "TracingChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "documentId" UUID,
    "footnoteNumber" INTEGER,
    "sourceId" UUID,
    "footnoteSourceId" UUID,
    "sourceTitle" TEXT,
    "subject" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "changedById" UUID NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TracingChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSignOff" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "documentId" UUID NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "signedById" UUID NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoteTracing_assigneeId_idx" ON "NoteTracing"("assigneeId");

-- CreateIndex
CREATE INDEX "TracingChange_documentId_footnoteNumber_idx" ON "TracingChange"("documentId", "footnoteNumber");

-- CreateIndex
CREATE INDEX "TracingChange_sourceId_idx" ON "TracingChange"("sourceId");

-- CreateIndex
CREATE INDEX "TracingChange_workspaceId_idx" ON "TracingChange"("workspaceId");

-- CreateIndex
CREATE INDEX "ReportSignOff_documentId_versionNumber_idx" ON "ReportSignOff"("documentId", "versionNumber");

-- AddForeignKey
ALTER TABLE "NoteTracing" ADD CONSTRAINT "NoteTracing_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteTracing" ADD CONSTRAINT "NoteTracing_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracingChange" ADD CONSTRAINT "TracingChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracingChange" ADD CONSTRAINT "TracingChange_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracingChange" ADD CONSTRAINT "TracingChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSignOff" ADD CONSTRAINT "ReportSignOff_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSignOff" ADD CONSTRAINT "ReportSignOff_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
