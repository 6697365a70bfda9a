-- Every motivation of the W3C Web Annotation Data Model (§3.3.5), so an imported bookmark stays a bookmark.
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'ASSESSING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'BOOKMARKING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'CLASSIFYING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'DESCRIBING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'EDITING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'IDENTIFYING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'LINKING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'MODERATING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'QUESTIONING';
ALTER TYPE "AnnotationMotivation" ADD VALUE IF NOT EXISTS 'TAGGING';
