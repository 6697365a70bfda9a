-- A version imported from a PDF keeps the original file, and each paragraph the pages it sits on.
ALTER TABLE "Paragraph" ADD COLUMN "pageStart" INTEGER;
ALTER TABLE "Paragraph" ADD COLUMN "pageEnd" INTEGER;

-- CreateTable
CREATE TABLE "DocumentPdf" (
    "versionId" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "fileName" TEXT,

    CONSTRAINT "DocumentPdf_pkey" PRIMARY KEY ("versionId"),
    -- The import refuses larger files; the table holds the same line.
    CONSTRAINT "DocumentPdf_byteSize_check" CHECK ("byteSize" <= 20971520 AND octet_length("bytes") = "byteSize")
);

-- CreateIndex
CREATE INDEX "DocumentPdf_fingerprint_idx" ON "DocumentPdf"("fingerprint");

-- AddForeignKey
ALTER TABLE "DocumentPdf" ADD CONSTRAINT "DocumentPdf_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
