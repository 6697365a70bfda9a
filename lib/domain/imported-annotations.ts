import { z } from '@/lib/zod';
import type { TextPositionSelector, TextQuoteSelector } from './selectors';
import { isRecord, readDateTime, shorten, valuesOf, firstMessage } from './json-ld-values';
import { MAX_IMPORTED_BODY_LENGTH, toUtcDateTime, type ImportedAnnotation, type ImportProblem, type ImportResult } from './web-annotation';

// What every annotation importer shares, the W3C one (web-annotation-import.ts) and Hypothesis's
// (hypothesis-import.ts): reading quote selectors, the limits on what is stored, dates, and ordering a file.

/**
 * Reads the selectors of a target (one selector or a list; any values): the first TextQuoteSelector, normalised
 * like stored text (NFC, `\n` line ends), and the first valid TextPositionSelector as a hint. Other selector
 * types are ignored when a quote is present and named in the error when none is. Shared by the importers.
 */
export function readQuoteSelectors(selector: unknown): { ok: true; quote: TextQuoteSelector; position: TextPositionSelector | null; warnings: string[] } | { ok: false; message: string } {
  const list = Array.isArray(selector) ? selector : [selector];
  let quote: TextQuoteSelector | null = null;
  let position: TextPositionSelector | null = null;
  const warnings: string[] = [];
  const unsupported: string[] = [];
  let hasPosition = false;
  for (const item of list) {
    const type = isRecord(item) ? selectorType(item) : null;
    if (type === 'TextQuoteSelector') {
      if (quote !== null) continue;
      const parsed = quoteSelectorSchema.safeParse(item);
      if (!parsed.success) return { ok: false, message: firstMessage(parsed.error) };
      quote = {
        type: 'TextQuoteSelector',
        exact: normalizeQuoted(parsed.data.exact),
        prefix: normalizeQuoted(parsed.data.prefix ?? ''),
        suffix: normalizeQuoted(parsed.data.suffix ?? ''),
      };
    } else if (type === 'TextPositionSelector') {
      hasPosition = true;
      if (position !== null) continue;
      const parsed = positionSelectorSchema.safeParse(item);
      if (parsed.success) position = { type: 'TextPositionSelector', start: parsed.data.start, end: parsed.data.end };
      else warnings.push(`A TextPositionSelector was ignored: ${firstMessage(parsed.error)}`);
    } else if (type !== null && !KNOWN_SELECTOR_TYPES.includes(type)) {
      return {
        ok: false,
        message: `Unknown selector type "${shorten(type)}": the selector types of the Web Annotation model are ${KNOWN_SELECTOR_TYPES.join(', ')}.`,
      };
    } else {
      unsupported.push(type ?? (typeof item === 'string' ? 'given by IRI' : 'without a type'));
    }
  }
  if (quote !== null) return { ok: true, quote, position, warnings };
  if (list.length === 0) return { ok: false, message: 'The target lists no selectors, so there is no passage to place the annotation on.' };
  if (hasPosition) {
    return {
      ok: false,
      message: 'The target has a TextPositionSelector but no TextQuoteSelector: Marginalia places annotations by their quoted text, so it needs the quote.',
    };
  }
  const types = [...new Set(unsupported)].join(', ');
  return {
    ok: false,
    message: `Unsupported selector type ${types}: Marginalia places annotations by their quoted text and needs a TextQuoteSelector.`,
  };
}

/**
 * The selector types the Web Annotation Data Model defines (§4.2). Only TextQuoteSelector places an annotation
 * here (TextPositionSelector is a hint); the others are ignored beside a quote. Any other type is refused, since
 * a file using it was made for some other kind of resource.
 */
export const KNOWN_SELECTOR_TYPES: readonly string[] = [
  'TextQuoteSelector',
  'TextPositionSelector',
  'RangeSelector',
  'XPathSelector',
  'CssSelector',
  'FragmentSelector',
  'DataPositionSelector',
  'SvgSelector',
];

/** Checks an imported comment: at most 10,000 characters (as the annotation form allows) and no U+0000; returns a message or null. */
export function importedBodyProblem(body: string): string | null {
  // PostgreSQL cannot store U+0000; refusing it here gives a 422 the client can act on instead of a failed insert.
  if (body.includes('\u0000')) return 'The comment contains a NUL character (U+0000), which cannot be stored. Remove it and send the annotation again.';
  if (body.length <= MAX_IMPORTED_BODY_LENGTH) return null;
  return `The comment has ${body.length.toLocaleString('en')} characters; Marginalia keeps comments under ${MAX_IMPORTED_BODY_LENGTH.toLocaleString('en')}. Shorten it or split it into replies, then import it again.`;
}

/**
 * Checks the text an import stores besides the comment (the annotation's id, its target, quote and creator) for
 * U+0000; returns a message naming the field, or null. Shared by the importers, with importedBodyProblem.
 */
export function importedTextProblem(annotation: Pick<ImportedAnnotation, 'externalId' | 'target' | 'creator'>): string | null {
  const { target, creator } = annotation;
  type Field = [name: string, value: string | null | undefined];
  const targetFields: Field[] =
    target.kind === 'quote'
      ? [
          ["Its target's source", target.source],
          ['The quoted text ("exact")', target.quote.exact],
          ['The text before the quote ("prefix")', target.quote.prefix],
          ['The text after the quote ("suffix")', target.quote.suffix],
        ]
      : target.kind === 'reply'
        ? [['The id of the annotation it replies to', target.parentExternalId]]
        : [["Its target's address", target.iri]];
  const fields: Field[] = [['Its id', annotation.externalId], ...targetFields, ["Its creator's id", creator?.id], ["Its creator's name", creator?.name]];
  // PostgreSQL cannot store U+0000 in text: refused here as a 422 naming the field rather than a failed insert.
  const field = fields.find(([, value]) => value?.includes('\u0000'))?.[0];
  return field === undefined ? null : `${field} contains a NUL character (U+0000), which cannot be stored. Remove it and send the annotation again.`;
}

/** Reads an optional imported date: null when absent, the UTC ISO string, or a message; a date without timezone is read as UTC with a warning. */
export function readImportedDate(value: string | undefined, field: string): { ok: true; value: string | null; warning: string | null } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: null, warning: null };
  const parsed = readDateTime(value);
  if (parsed === null) return { ok: false, message: `Its ${field} date "${shorten(value)}" is not a date and time such as 2017-04-12T09:30:00Z.` };
  if (parsed.utc !== null) return { ok: true, value: parsed.utc, warning: null };
  return { ok: true, value: toUtcDateTime(`${value}Z`), warning: `Its ${field} date has no timezone; it was read as UTC.` };
}

/**
 * Finishes a file import: drops repeated ids (reporting them), warns about replies whose parent is not in the
 * file, and orders the annotations so every parent comes before its replies (the database needs the parent
 * first), otherwise keeping file order. Shared by the importers. Pure.
 */
export function finishImport(annotations: readonly ImportedAnnotation[], problems: readonly ImportProblem[], notices: readonly string[] = []): ImportResult {
  const byId = new Map<string, ImportedAnnotation>();
  const unique: ImportedAnnotation[] = [];
  const allProblems = [...problems];
  for (const annotation of annotations) {
    if (annotation.externalId !== null) {
      if (byId.has(annotation.externalId)) {
        allProblems.push({ id: annotation.externalId, message: 'This id appears more than once in the file; only the first annotation with it was kept.' });
        continue;
      }
      byId.set(annotation.externalId, annotation);
    }
    unique.push(annotation);
  }

  const ordered: ImportedAnnotation[] = [];
  const placed = new Set<ImportedAnnotation>();
  for (const annotation of unique) {
    // Climb to the oldest ancestor not yet placed, then place the chain top-down; `chain` also stops cycles.
    const chain = new Set<ImportedAnnotation>();
    let current: ImportedAnnotation | undefined = annotation;
    while (current !== undefined && !placed.has(current) && !chain.has(current)) {
      chain.add(current);
      current = current.target.kind === 'reply' ? byId.get(current.target.parentExternalId) : undefined;
    }
    for (const item of [...chain].reverse()) {
      placed.add(item);
      ordered.push(
        item.target.kind === 'reply' && !byId.has(item.target.parentExternalId)
          ? { ...item, warnings: [...item.warnings, `It replies to ${item.target.parentExternalId}, which is not in this file.`] }
          : item,
      );
    }
  }
  return { annotations: ordered, problems: allProblems, notices: [...notices] };
}

const quoteSelectorSchema = z.looseObject({
  exact: z
    .string({ error: 'A TextQuoteSelector needs the quoted text, as a string, in "exact".' })
    .refine((exact) => exact.trim() !== '', { error: 'A TextQuoteSelector quotes nothing: its "exact" is empty.' }),
  prefix: z.string({ error: 'A TextQuoteSelector\'s "prefix" must be a string.' }).optional(),
  suffix: z.string({ error: 'A TextQuoteSelector\'s "suffix" must be a string.' }).optional(),
});

const offset = (name: string) =>
  z.number({ error: `its ${name} must be a number` }).int({ error: `its ${name} must be a whole number` }).min(0, { error: `its ${name} must not be negative` });

const positionSelectorSchema = z
  .looseObject({ start: offset('start'), end: offset('end') })
  .refine((selector) => selector.start <= selector.end, { error: 'its start is after its end' });

function selectorType(selector: Record<string, unknown>): string | null {
  const types = valuesOf(selector.type).filter((type): type is string => typeof type === 'string');
  return types[0] ?? null;
}

function normalizeQuoted(text: string): string {
  return text.replace(/\r\n?/gu, '\n').normalize('NFC');
}
