-- The IRI a client named as an annotation's canonical one (Web Annotation Protocol §5.2: kept unchanged).
ALTER TABLE "Annotation" ADD COLUMN "canonical" TEXT;
