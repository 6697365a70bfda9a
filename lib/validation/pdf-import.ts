import { z } from '@/lib/zod';
import { importDocumentSchema } from '@/lib/validation/document-import';

/** The fields that come with an uploaded PDF: where it goes, and an optional title and address. */
export const importPdfSchema = importDocumentSchema.pick({ workspaceSlug: true, title: true, slug: true, fileName: true });

/** A validated PDF import request (the bytes travel beside it). */
export type ImportPdfInput = z.infer<typeof importPdfSchema>;
