import { z } from '@/lib/zod';
import { VERDICTS } from './source-choices';

const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);
const noControlCharacters = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** A document of the workspace attached to a note as its source. */
export const documentSourceSchema = z.object({
  sourceDocumentId: z.uuid('Choose one of the workspace’s documents.'),
  verdict: z.preprocess(blankToUndefined, z.enum(VERDICTS, { error: 'Choose a verdict.' }).default('UNVERIFIED')),
});

/** A passage selected in a source document (code points of its current version), cited for a note with a verdict and a reason. */
export const citePassageSchema = z
  .object({
    versionNumber: z.coerce.number({ error: 'Reload the source document and select the passage again.' }).int().positive(),
    start: z.coerce.number({ error: 'Select a passage of the source document first.' }).int().min(0, 'Select a passage of the source document first.'),
    end: z.coerce.number({ error: 'Select a passage of the source document first.' }).int().min(0, 'Select a passage of the source document first.'),
    verdict: z.preprocess(blankToUndefined, z.enum(VERDICTS, { error: 'Choose a verdict.' }).optional()),
    reason: z.preprocess(
      blankToUndefined,
      z.string().trim().max(1000, 'Keep the reason under 1000 characters.').refine(noControlCharacters, 'The reason cannot contain control characters.').optional(),
    ),
  })
  .refine((value) => value.end > value.start, { path: ['selection'], message: 'Select at least one word of the source document.' });
