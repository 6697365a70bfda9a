import { z } from '@/lib/zod';
import { IMPORT_FORMATS } from '@/lib/domain/import-formats';

/** Largest document text an import accepts, in bytes of UTF-8. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

// An empty form field means "not given", not "given as empty".
const optionalText = (schema: z.ZodString) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** The import form and the import API: what to import, where, and under which address. */
export const importDocumentSchema = z.object({
  workspaceSlug: z.string({ error: 'Choose a workspace.' }).trim().min(1, 'Choose a workspace.'),
  format: optionalText(z.string()).pipe(z.enum(IMPORT_FORMATS, { error: 'Choose Markdown, Plain text or HTML.' }).optional()),
  content: z.string({ error: 'Paste the document or choose a file.' }).refine((content) => content.trim() !== '', 'Paste the document or choose a file.'),
  title: optionalText(
    z
      .string()
      .trim()
      .max(300, 'Keep the title under 300 characters.')
      .refine((title) => !/[\p{Cc}]/u.test(title), 'The title cannot contain control characters.'),
  ),
  slug: optionalText(
    z
      .string()
      .trim()
      .max(80, 'Keep the address under 80 characters.')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, such as water-and-power.'),
  ),
  fileName: optionalText(z.string().max(255)),
  mediaType: optionalText(z.string().max(255)),
});

/** A validated import request. */
export type ImportDocumentInput = z.infer<typeof importDocumentSchema>;
