-- Typed links between annotations: supports, contradicts, same claim as, answers.
CREATE TYPE "AnnotationLinkKind" AS ENUM ('SUPPORTS', 'CONTRADICTS', 'SAME_CLAIM_AS', 'ANSWERS');

-- CreateTable
CREATE TABLE "AnnotationLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "fromAnnotationId" UUID NOT NULL,
    "toAnnotationId" UUID NOT NULL,
    "kind" "AnnotationLinkKind" NOT NULL,
    "reason" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedFrom" TEXT,

    CONSTRAINT "AnnotationLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationLink_fromAnnotationId_toAnnotationId_kind_key" ON "AnnotationLink"("fromAnnotationId", "toAnnotationId", "kind");

-- CreateIndex
CREATE INDEX "AnnotationLink_toAnnotationId_idx" ON "AnnotationLink"("toAnnotationId");

-- CreateIndex
CREATE INDEX "AnnotationLink_workspaceId_idx" ON "AnnotationLink"("workspaceId");

-- AddForeignKey
ALTER TABLE "AnnotationLink" ADD CONSTRAINT "AnnotationLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationLink" ADD CONSTRAINT "AnnotationLink_fromAnnotationId_fkey" FOREIGN KEY ("fromAnnotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationLink" ADD CONSTRAINT "AnnotationLink_toAnnotationId_fkey" FOREIGN KEY ("toAnnotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationLink" ADD CONSTRAINT "AnnotationLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
