import { z } from '@/lib/zod';

/** The largest reference file accepted, in characters of text. */
export const MAX_REFERENCE_FILE_CHARACTERS = 2_000_000;

/** A reference file to import into a workspace's source library: its text, and its format unless it is to be detected. */
export const sourceImportSchema = z.object({
  content: z
    .string({ error: 'Choose a file or paste the references.' })
    .min(1, 'Choose a file or paste the references.')
    .max(MAX_REFERENCE_FILE_CHARACTERS, 'Keep the file under 2 MB.'),
  format: z.preprocess((value) => (value === '' || value === null ? undefined : value), z.enum(['bibtex', 'ris', 'csl-json'], { error: 'Choose BibTeX, RIS or CSL-JSON.' }).optional()),
});
