import { z } from '@/lib/zod';
import { htmlToMarkdown } from './html-to-markdown';
import { validateTags } from './tags';
import { allMessages, describeValue, hasType, isIri, isRecord, shorten, valuesOf } from './json-ld-values';
import { finishImport, importedBodyProblem, importedTextProblem, readImportedDate, readQuoteSelectors } from './imported-annotations';
import {
  ANNOTATION_CONTEXT,
  isW3cMotivation,
  type AnnotationImportResult,
  type AnnotationMotivation,
  type AnnotationVisibility,
  type ImportedAnnotation,
  type ImportedTarget,
  type ImportProblem,
  type ImportResult,
} from './web-annotation';

// Reading W3C Web Annotation files: one annotation, a list, a page or a collection, into the ImportedAnnotation
// records the importer stores. What every importer shares (selectors, dates, limits, ordering) is in
// imported-annotations.ts.

/**
 * Reads a W3C export: one Annotation, a list of them, an AnnotationPage, or an AnnotationCollection whose pages
 * are embedded (pages only linked by IRI are reported as problems, to be fetched and imported separately).
 * Items without `@context` inherit their container's. Returns annotations with parents before replies. Pure.
 */
export function parseWebAnnotationExport(json: unknown): ImportResult {
  const items: Array<{ item: unknown; position: number }> = [];
  const problems: ImportProblem[] = [];
  const notices: string[] = [];
  const addItems = (list: unknown, context: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const inherited = isRecord(item) && !('@context' in item) && context !== undefined ? { '@context': context, ...item } : item;
      items.push({ item: inherited, position: items.length + 1 });
    }
  };

  if (Array.isArray(json)) addItems(json, undefined);
  else if (isRecord(json) && hasType(json, 'AnnotationCollection')) {
    let page: unknown = json.first;
    const seen = new Set<unknown>();
    while (page !== undefined && !seen.has(page)) {
      seen.add(page);
      if (typeof page === 'string') {
        notices.push(`The page ${page} is only linked from this file, not included: download it and import it too.`);
        break;
      }
      if (!isRecord(page) || !Array.isArray(page.items)) {
        problems.push({ id: null, message: 'A page of this collection has no list of items, so its annotations could not be read.' });
        break;
      }
      addItems(page.items, page['@context'] ?? json['@context']);
      page = page.next;
    }
  } else if (isRecord(json) && hasType(json, 'AnnotationPage')) {
    addItems(json.items, json['@context']);
    if (typeof json.next === 'string') {
      notices.push(`The next page, ${json.next}, is not in this file: download it and import it too.`);
    }
  } else if (isRecord(json)) {
    items.push({ item: json, position: 1 });
  } else {
    problems.push({ id: null, message: `This is not a W3C annotation export: expected an Annotation, a list of them or an AnnotationCollection, and got ${describeValue(json)}.` });
  }

  const annotations: ImportedAnnotation[] = [];
  for (const { item, position } of items) {
    const parts = splitTargetSets(item);
    for (const part of parts) {
      const result = fromWebAnnotation(part);
      const id = isRecord(part) && typeof part.id === 'string' ? part.id : null;
      const split = parts.length > 1 ? [`Its target lists ${parts.length} passages; each became an annotation of its own.`] : [];
      if (result.ok) annotations.push({ ...result.value, warnings: [...split, ...result.value.warnings] });
      else problems.push({ id, message: id === null ? `Annotation ${position} of ${items.length}: ${result.message}` : result.message });
    }
  }
  return finishImport(annotations, problems, notices);
}

const stringOrStrings = z.union([z.string(), z.array(z.string())]);

const envelopeSchema = z.looseObject({
  '@context': z
    .union([z.string(), z.array(z.unknown())], {
      error: (issue) =>
        issue.input === undefined
          ? `It has no @context: a W3C Web Annotation names "${ANNOTATION_CONTEXT}" as its @context.`
          : `Its @context must be "${ANNOTATION_CONTEXT}" or a list that includes it.`,
    })
    .refine(namesAnnotationContextLeniently, { error: `Its @context does not include "${ANNOTATION_CONTEXT}", so it is not a W3C Web Annotation.` }),
  type: z
    .union([z.string(), z.array(z.unknown())], {
      error: (issue) => (issue.input === undefined ? 'It has no type: a W3C Web Annotation has "type": "Annotation".' : 'Its type must be "Annotation" or a list that includes it.'),
    })
    .refine((type) => valuesOf(type).some((value) => value === 'Annotation' || value === 'oa:Annotation'), {
      error: 'Its type does not include "Annotation", so it is not a W3C Web Annotation.',
    }),
  id: z.string({ error: 'Its id must be an IRI, written as a string.' }).optional(),
  motivation: stringOrStrings.optional().catch(undefined),
  bodyValue: z.string({ error: 'Its bodyValue must be a string.' }).optional(),
  body: z.unknown().optional(),
  target: z.unknown().refine((target) => target !== undefined && target !== null && !(Array.isArray(target) && target.length === 0), {
    error: 'It has no target: an annotation must say what it annotates (a passage of a document, or the annotation it replies to).',
  }),
  created: z.string({ error: 'Its created date must be a string such as 2017-04-12T09:30:00Z.' }).optional(),
  modified: z.string({ error: 'Its modified date must be a string such as 2017-04-12T09:30:00Z.' }).optional(),
  creator: z.unknown().optional(),
  visibility: z.unknown().optional(),
  canonical: z.string().optional().catch(undefined),
  via: z.string().optional().catch(undefined),
  imported: z.looseObject({ group: z.string().optional().catch(undefined), source: z.string().optional().catch(undefined) }).optional().catch(undefined),
});

const bodyObjectSchema = z.looseObject({
  type: stringOrStrings.optional().catch(undefined),
  value: z.unknown().optional(),
  purpose: stringOrStrings.optional().catch(undefined),
  id: z.unknown().optional(),
  source: z.unknown().optional(),
  items: z.unknown().optional(),
  format: stringOrStrings.optional().catch(undefined),
  language: z.unknown().optional(),
});

const targetObjectSchema = z.looseObject({
  id: z.unknown().optional(),
  source: z.unknown().optional(),
  selector: z.unknown().optional(),
});

const agentSchema = z.looseObject({
  id: z.string().optional().catch(undefined),
  name: stringOrStrings.optional().catch(undefined),
  nickname: z.string().optional().catch(undefined),
});

/**
 * Reads one W3C Web Annotation from parsed JSON (any value; never throws). Accepts a body given as an object,
 * a list, a plain string or `bodyValue`; `tagging` TextualBodies become tags and the others the comment. The
 * target may be an IRI (a reply's parent when the motivation is `replying`, else a whole resource) or an
 * object whose selectors include a TextQuoteSelector, the one Marginalia anchors by; other selector types are
 * ignored beside it and refused alone. Refuses a comment over 10,000 characters and tags validateTags refuses.
 */
export function fromWebAnnotation(json: unknown): AnnotationImportResult {
  if (!isRecord(json)) return { ok: false, message: `Expected a W3C Web Annotation (a JSON object) and got ${describeValue(json)}.` };
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, message: allMessages(envelope.error) };
  const annotation = envelope.data;
  const warnings: string[] = [];

  const motivations = valuesOf(annotation.motivation);
  const isReply = motivations.includes('replying');

  const body = readBodies(annotation.body, annotation.bodyValue);
  if (!body.ok) return body;
  warnings.push(...body.warnings);

  const target = readTarget(annotation.target, isReply);
  if (!target.ok) return target;
  warnings.push(...target.warnings);

  const dates: Record<'created' | 'modified', string | null> = { created: null, modified: null };
  for (const field of ['created', 'modified'] as const) {
    const date = readImportedDate(annotation[field], field);
    if (!date.ok) return date;
    dates[field] = date.value;
    if (date.warning !== null) warnings.push(date.warning);
  }

  const creator = readAgent(annotation.creator);
  const textProblem = importedTextProblem({ externalId: annotation.id ?? null, target: target.value, creator });
  if (textProblem !== null) return { ok: false, message: textProblem };

  // Every motivation of the model is kept; a reply is a reply, and an annotation that says nothing of why is a
  // highlight when it has no words and a comment otherwise.
  const named = motivations.filter(isW3cMotivation).filter((value) => value !== 'replying');
  const motivation: AnnotationMotivation =
    target.value.kind === 'reply'
      ? 'replying'
      : named.includes('highlighting')
        ? 'highlighting'
        : (named[0] ?? (motivations.length === 0 && body.text === '' ? 'highlighting' : 'commenting'));
  return {
    ok: true,
    value: {
      externalId: annotation.id ?? null,
      target: target.value,
      motivation,
      body: body.text,
      tags: body.tags,
      visibility: readVisibility(annotation.visibility),
      creator,
      created: dates.created,
      modified: dates.modified,
      warnings,
      canonical: annotation.canonical !== undefined && isIri(annotation.canonical) ? annotation.canonical : null,
      via: annotation.via !== undefined && isIri(annotation.via) && annotation.via !== annotation.id ? annotation.via : null,
      group: nonEmpty(annotation.imported?.group),
      sourceUri: nonEmpty(annotation.imported?.source),
    },
  };
}

type BodyReading = { ok: true; text: string; tags: string[]; warnings: string[] } | { ok: false; message: string };

function readBodies(body: unknown, bodyValue: string | undefined): BodyReading {
  const texts: string[] = bodyValue !== undefined && bodyValue.trim() !== '' ? [bodyValue] : [];
  const rawTags: string[] = [];
  const warnings: string[] = [];
  const bodies = body === undefined || body === null ? [] : Array.isArray(body) ? body : [body];

  for (const [index, item] of bodies.entries()) {
    const label = bodies.length === 1 ? 'Its body' : `Body ${index + 1} of ${bodies.length}`;
    // A Choice offers alternatives (translations, say), and a List, Composite or Independents several parts: every
    // item is kept, one after another, so nothing its author wrote is lost.
    const isSet = isRecord(item) && BODY_SETS.some((type) => valuesOf(item.type).includes(type)) && Array.isArray(item.items);
    const items: unknown[] = isSet ? (item.items as unknown[]) : [item];
    if (isSet && items.length > 1) {
      const type = BODY_SETS.find((candidate) => valuesOf(item.type).includes(candidate));
      warnings.push(`${label} is a ${type} of ${items.length} bodies; all of them were kept, one after another.`);
    }
    for (const [part, entry] of items.entries()) {
      const read = readBody(entry, items.length === 1 ? label : `${label}, item ${part + 1}`);
      if (!read.ok) return read;
      if (read.tag !== null) rawTags.push(read.tag);
      if (read.text !== null) texts.push(read.text);
      if (read.warning !== null) warnings.push(read.warning);
    }
  }

  const text = texts.join('\n\n');
  const tooLong = importedBodyProblem(text);
  if (tooLong !== null) return { ok: false, message: tooLong };
  const tags = validateTags(rawTags);
  if (!tags.ok) return { ok: false, message: tags.message };
  return { ok: true, text, tags: tags.labels, warnings };
}

// The W3C types that hold several bodies (Data Model §3.2.7, §3.2.8).
const BODY_SETS = ['Choice', 'List', 'Composite', 'Independents'] as const;

type BodyPart = { ok: true; text: string | null; tag: string | null; warning: string | null } | { ok: false; message: string };

// One body: an IRI (kept as a link), a TextualBody (a tag, or text, HTML converted to Markdown), or a resource by id.
function readBody(body: unknown, label: string): BodyPart {
  if (typeof body === 'string') {
    // A string body is the IRI of a resource holding the comment (a blog post, say); keep it as a link.
    return { ok: true, text: body.trim() === '' ? null : body, tag: null, warning: null };
  }
  if (!isRecord(body)) return { ok: false, message: `${label} is ${describeValue(body)}; expected text or a TextualBody object.` };
  const parsed = bodyObjectSchema.parse(body);
  if (parsed.value !== undefined || valuesOf(parsed.type).includes('TextualBody')) {
    if (typeof parsed.value !== 'string') return { ok: false, message: `${label} is a TextualBody without its text: "value" must be a string.` };
    if (valuesOf(parsed.purpose).includes('tagging')) return { ok: true, text: null, tag: parsed.value, warning: null };
    const isHtml = valuesOf(parsed.format).some((format) => typeof format === 'string' && format.toLowerCase().startsWith('text/html'));
    const text = isHtml ? htmlToMarkdown(parsed.value) : parsed.value;
    const language = typeof parsed.language === 'string' && parsed.language.trim() !== '' ? `(${parsed.language.trim()}) ` : '';
    return { ok: true, text: text.trim() === '' ? null : `${language}${text}`, tag: null, warning: null };
  }
  const link = typeof parsed.id === 'string' ? parsed.id : typeof parsed.source === 'string' ? parsed.source : null;
  if (link !== null) return { ok: true, text: link, tag: null, warning: null };
  return { ok: true, text: null, tag: null, warning: `${label} was left out: it has neither text nor a link.` };
}

type TargetReading = { ok: true; value: ImportedTarget; warnings: string[] } | { ok: false; message: string };

function readTarget(target: unknown, isReply: boolean): TargetReading {
  const targets = Array.isArray(target) ? target : [target];
  // Several targets: the one with a quote is the one Marginalia can place.
  const chosen = targets.find((item) => isRecord(item) && item.selector !== undefined) ?? targets[0];
  const warnings = targets.length > 1 ? [`It has ${targets.length} targets; only one was imported.`] : [];

  if (typeof chosen === 'string') {
    if (!isIri(chosen)) return { ok: false, message: `Its target "${shorten(chosen)}" is not an IRI.` };
    return { ok: true, value: isReply ? { kind: 'reply', parentExternalId: chosen } : { kind: 'resource', iri: chosen }, warnings };
  }
  if (!isRecord(chosen)) return { ok: false, message: `Its target is ${describeValue(chosen)}; expected an IRI or an object with a source and selectors.` };

  const set = TARGET_SETS.find((type) => valuesOf(chosen.type).includes(type));
  if (set === 'Composite') {
    return {
      ok: false,
      message:
        'Its target is a Composite: several resources that together are what it annotates. Marginalia anchors an annotation to one passage, so it cannot keep that meaning; split it into one annotation per passage and import those.',
    };
  }
  if (set !== undefined) {
    const items = Array.isArray(chosen.items) ? chosen.items : [];
    if (items.length === 1) return readTarget(items[0], isReply);
    return { ok: false, message: `Its target is a ${set} of ${items.length} resources; send one annotation per passage (an import file splits it into one annotation per item by itself).` };
  }
  const parsed = targetObjectSchema.parse(chosen);
  const source = typeof parsed.source === 'string' ? parsed.source : isRecord(parsed.source) && typeof parsed.source.id === 'string' ? parsed.source.id : null;
  if (parsed.selector !== undefined && parsed.selector !== null) {
    const selectors = readQuoteSelectors(parsed.selector);
    if (!selectors.ok) return selectors;
    if (isReply) warnings.push('It is marked as a reply but quotes a passage; it was imported as a comment on that passage.');
    return { ok: true, value: { kind: 'quote', source, quote: selectors.quote, position: selectors.position }, warnings: [...warnings, ...selectors.warnings] };
  }
  const iri = typeof parsed.id === 'string' ? parsed.id : source;
  if (iri === null) return { ok: false, message: 'Its target names nothing: it has no id, no source and no selectors.' };
  if (!isIri(iri)) return { ok: false, message: `Its target "${shorten(iri)}" is not an IRI.` };
  return { ok: true, value: isReply ? { kind: 'reply', parentExternalId: iri } : { kind: 'resource', iri }, warnings };
}

// The W3C types that hold several targets (Data Model §3.2.7, §3.2.8).
const TARGET_SETS = ['List', 'Independents', 'Composite'] as const;

/**
 * Splits an annotation whose target is a List or Independents (W3C Data Model §3.2.8) into one annotation per
 * item, each with the same body and an id of its own (`<id>#target-<n>`), so every passage it names is imported.
 * Anything else is returned as it is. Pure.
 */
export function splitTargetSets(item: unknown): unknown[] {
  if (!isRecord(item) || !isRecord(item.target)) return [item];
  const target = item.target;
  const isSplit = valuesOf(target.type).some((type) => type === 'List' || type === 'Independents') && Array.isArray(target.items) && target.items.length > 1;
  if (!isSplit) return [item];
  return (target.items as unknown[]).map((part, index) => ({ ...item, ...(typeof item.id === 'string' ? { id: `${item.id}#target-${index + 1}` } : {}), target: part }));
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}

function readVisibility(value: unknown): AnnotationVisibility | null {
  if (typeof value !== 'string') return null;
  const lower = value.toLowerCase();
  return lower === 'private' || lower === 'workspace' ? lower : null;
}

function readAgent(value: unknown): ImportedAnnotation['creator'] {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return { id: first, name: null };
  if (!isRecord(first)) return null;
  const agent = agentSchema.parse(first);
  const name = valuesOf(agent.name)[0] ?? agent.nickname ?? null;
  return { id: agent.id ?? null, name: typeof name === 'string' && name.trim() !== '' ? name : null };
}

function namesAnnotationContextLeniently(context: unknown): boolean {
  // https: is not the registered context IRI, but it serves the same document and some tools write it.
  return valuesOf(context).some((value) => value === ANNOTATION_CONTEXT || value === 'https://www.w3.org/ns/anno.jsonld');
}
