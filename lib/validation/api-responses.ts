import { z } from '@/lib/zod';
import { IMPORT_FORMATS } from '@/lib/domain/import-formats';

// What the API answers besides annotations, as zod schemas: the error body every failing route sends and the
// reports of the imports. The types the server builds these answers with are inferred from them, and the OpenAPI
// document's schemas are generated from them.

/** The JSON body of every error answer: a code for programs and a message for people. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ['INVALID_INPUT', 'NOT_FOUND', 'RATE_LIMITED'] }),
      message: z.string().meta({ description: 'What went wrong and what to do, for a person.' }),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Messages for each field of the input that needs another look.' }),
      retryAfterSeconds: z.int().positive().optional(),
    }),
  })
  .meta({ description: 'An error.' });

/** The JSON body of an error answer. */
export type ErrorBody = z.output<typeof errorBodySchema>;

/** Where the annotations of the previous version landed on a new version's text. */
export const reanchorReportSchema = z
  .object({
    exact: z.int().nonnegative(),
    moved: z.int().nonnegative(),
    fuzzy: z.int().nonnegative(),
    orphan: z.int().nonnegative(),
    needsConfirmation: z.int().nonnegative().meta({ description: 'Fuzzy placements doubtful enough for a person to confirm.' }),
  })
  .meta({ description: 'Where the annotations of the previous version landed on the new text.' });

/** Where the annotations of the previous version landed on a new version's text. */
export type ReanchorReport = z.output<typeof reanchorReportSchema>;

/** What an import read from a document, shown before anything is stored. */
export const importPreviewSchema = z
  .object({
    format: z.enum([...IMPORT_FORMATS, 'pdf']),
    title: z.string(),
    sections: z.array(z.string().nullable()).meta({ description: 'Section headings in order; null for text before the first heading.' }),
    paragraphCount: z.int().nonnegative(),
    noteCount: z.int().nonnegative(),
    markerCount: z.int().nonnegative(),
    markersWithoutNotes: z.array(z.int()),
    removedMarkup: z.int().nonnegative(),
    firstParagraphs: z.array(z.string()),
  })
  .meta({ description: 'What was read: sections, paragraphs, notes, and markup removed.' });

/** What an import did: the document's address, its version, and for a new version the re-anchoring report. */
export const documentImportResultSchema = z.object({
  documentSlug: z.string(),
  title: z.string(),
  versionNumber: z.int().positive(),
  isNewDocument: z.boolean(),
  isNewVersion: z.boolean().meta({ description: 'False when this exact text was already the document’s version: nothing was stored.' }),
  reanchor: reanchorReportSchema.nullable(),
  preview: importPreviewSchema,
});

/** An imported annotation that could not be placed on a passage: an orphan, or a note on the whole page. */
export const unplacedImportSchema = z.object({
  id: z.string(),
  kind: z.enum(['orphan', 'page-note']),
  quote: z.string().nullable(),
  body: z.string(),
  originalCreator: z.string().nullable(),
});

/** What an annotation import did; see AnnotationImportReport in the data layer for what each count means. */
export const annotationImportReportSchema = z.object({
  format: z.enum(['w3c', 'hypothesis']),
  imported: z.int().nonnegative().meta({ description: 'Annotations added, replies included.' }),
  exact: z.int().nonnegative(),
  moved: z.int().nonnegative(),
  fuzzy: z.int().nonnegative(),
  orphaned: z.int().nonnegative().meta({ description: 'Quotes not found in the text; kept, and listed in `unplaced`.' }),
  pageNotes: z.int().nonnegative(),
  sectionComments: z.int().nonnegative(),
  replies: z.int().nonnegative(),
  skipped: z.int().nonnegative().meta({ description: 'Already on the document from an earlier import or our own export.' }),
  links: z.int().nonnegative().optional().meta({ description: 'Links between annotations made from the file’s `linking` annotations (W3C files only).' }),
  tagsCreated: z.array(z.string()).meta({ description: 'Labels new to the workspace’s vocabulary.' }),
  unplaced: z.array(unplacedImportSchema),
  warnings: z.array(z.string()),
});
