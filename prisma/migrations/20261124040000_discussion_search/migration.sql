-- CreateTable
CREATE TABLE "DocumentVisit" (
    "userId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "previousAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DocumentVisit_pkey" PRIMARY KEY ("userId","documentId")
);

-- CreateIndex
CREATE INDEX "DocumentVisit_documentId_idx" ON "DocumentVisit"("documentId");

-- AddForeignKey
ALTER TABLE "DocumentVisit" ADD CONSTRAINT "DocumentVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVisit" ADD CONSTRAINT "DocumentVisit_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over annotation bodies (comments, replies, section discussions). An expression index
-- rather than a column: Prisma's schema has no tsvector type, and queries use the same expression.
CREATE INDEX "Annotation_body_search_idx" ON "Annotation" USING GIN (to_tsvector('english', "body"));

-- The quoted passage, for the quote: operator.
CREATE INDEX "Annotation_quote_search_idx" ON "Annotation" USING GIN (to_tsvector('english', coalesce("selectors" -> 'quote' ->> 'exact', '')));
