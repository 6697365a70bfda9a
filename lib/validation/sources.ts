import { z } from '@/lib/zod';
import { hygienic } from '@/lib/validation/unicode';
import { SOURCE_KINDS, VERDICTS } from './source-choices';

export { SOURCE_KINDS, VERDICTS };
export type { SourceKindName, VerdictName } from './source-choices';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const noControlCharacters = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** An absolute http(s) address; other schemes (javascript:, data:, file:) are refused. */
export const webAddressSchema = z
  .string()
  .trim()
  .max(2000, 'Keep the address under 2,000 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
    } catch {
      return false;
    }
  }, 'Enter a full web address starting with http:// or https://.');

const optionalText = (max: number, label: string) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep the ${label} under ${max} characters.`).refine(noControlCharacters, `The ${label} cannot contain control characters.`).optional());

const reasonText = optionalText(1000, 'reason');

/** A DOI as people paste it (`10.1000/xyz`, `doi:…`, `https://doi.org/…`); stored as `10.1000/xyz`, lower-cased. */
const doiSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(300, 'Keep the DOI under 300 characters.')
    .transform((value, context) => {
      const match = /10\.\d{4,9}\/[^\s\u0000-\u001f\u007f<>"]+/u.exec(value);
      if (!match) {
        context.addIssue({ code: 'custom', message: 'Write the DOI as 10.1000/xyz (or paste its https://doi.org/ address).' });
        return z.NEVER;
      }
      return match[0].replace(/[.,;]+$/u, '').toLowerCase();
    })
    .optional(),
);

/** Every field of a source's record, as the add and edit forms send them. */
const sourceRecordShape = {
  kind: z.enum(SOURCE_KINDS, { error: 'Choose what kind of source this is.' }),
  title: hygienic(
    z
      .string({ error: 'Give the source’s title.' })
      .trim()
      .min(1, 'Give the source’s title.')
      .max(300, 'Keep the title under 300 characters.')
      .refine(noControlCharacters, 'The title cannot contain control characters.'),
    'the title',
    { isName: false },
  ),
  // One author per line or separated by semicolons: "Family, Given" keeps its comma.
  authors: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(/[;\n]/).map((author) => author.trim()).filter(Boolean) : (value ?? [])),
    z
      .array(z.string().max(120, 'Keep each author under 120 characters.').refine(noControlCharacters, 'An author cannot contain control characters.'))
      .max(30, 'List at most 30 authors; add “et al.” for the rest.'),
  ),
  publisher: optionalText(200, 'publisher'),
  containerTitle: optionalText(300, 'journal or site'),
  doi: doiSchema,
  issued: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'Write the date as 2016, 2016-05 or 2016-05-17.')
      .optional(),
  ),
  url: z.preprocess(blankToUndefined, webAddressSchema.optional()),
  archiveUrl: z.preprocess(blankToUndefined, webAddressSchema.optional()),
  accessedOn: z.preprocess(
    blankToUndefined,
    z.iso
      .date('Write the date as 2024-03-17.')
      .refine((date) => date <= new Date().toISOString().slice(0, 10), 'The access date cannot be in the future.')
      .optional(),
  ),
};

/** A new source and how it bears on the note it is attached to. */
export const newSourceSchema = z.object({
  ...sourceRecordShape,
  evidenceQuote: optionalText(2000, 'quotation'),
  verdict: z.preprocess(blankToUndefined, z.enum(VERDICTS, { error: 'Choose a verdict.' }).default('UNVERIFIED')),
});

/** A source's record alone, as an imported reference brings it. */
export const sourceRecordSchema = z.object(sourceRecordShape);

/** A source's record edited in full (a blank field clears it), with the reason for the change. */
export const editSourceSchema = z.object({ ...sourceRecordShape, reason: reasonText });

/** Why a source is deleted (optional). */
export const deleteSourceSchema = z.object({ reason: reasonText });

/** A note's evidence quote from a source, edited (blank clears it), with the reason. */
export const editEvidenceSchema = z.object({ evidenceQuote: optionalText(2000, 'quotation'), reason: reasonText });

/** Attaching a source the workspace already has to another note. */
export const attachSourceSchema = z.object({
  sourceId: z.uuid('Choose one of the workspace’s sources.'),
  evidenceQuote: optionalText(2000, 'quotation'),
  verdict: z.preprocess(blankToUndefined, z.enum(VERDICTS, { error: 'Choose a verdict.' }).default('UNVERIFIED')),
});

/** A new verdict on an attached source. */
export const setVerdictSchema = z.object({
  verdict: z.enum(VERDICTS, { error: 'Choose a verdict.' }),
  evidenceQuote: optionalText(2000, 'quotation'),
  comment: optionalText(1000, 'comment'),
});
