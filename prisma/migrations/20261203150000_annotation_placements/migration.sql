-- Where each quote annotation sat on every version it has left. No backfill: the placement on the version an
-- annotation sits on now stays on "Annotation" alone, and annotations that moved on before this table existed have
-- no row for the versions they left (their version pages place them again from their quotes, and say so).
CREATE TABLE "AnnotationPlacement" (
    "annotationId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "status" "AnchorStatus" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    "isConfirmed" BOOLEAN NOT NULL,
    "leftAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnnotationPlacement_pkey" PRIMARY KEY ("annotationId", "versionId")
);
CREATE INDEX "AnnotationPlacement_versionId_idx" ON "AnnotationPlacement"("versionId");
ALTER TABLE "AnnotationPlacement" ADD CONSTRAINT "AnnotationPlacement_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnnotationPlacement" ADD CONSTRAINT "AnnotationPlacement_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
