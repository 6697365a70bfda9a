-- Where an imported annotation came from, kept field by field so an export can say it again: its original IRI
-- when the file itself had it from elsewhere (W3C `via`), its original author's name and IRI, the group it was
-- shared in there and the address of the page it was made on.
ALTER TABLE "Annotation" ADD COLUMN "importedVia" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedCreatorName" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedCreatorIri" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedGroup" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "importedSource" TEXT;
