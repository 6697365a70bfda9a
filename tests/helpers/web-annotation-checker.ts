import { describeValue, forEachValue, isIri, isNonNegativeInteger, isRecord, join, readDateTime, shorten, single, valuesOf } from '@/lib/domain/json-ld-values';
import { ANNOTATION_CONTEXT, W3C_MOTIVATIONS } from '@/lib/domain/web-annotation';

// The MUSTs of the W3C Web Annotation Data Model, checked field by field: what the export tests hold every
// exported annotation and collection to.

/** A broken MUST of the Data Model: where (`target[0].selector[1].start`, '' for the whole document) and what. */
export type MustViolation = { path: string; message: string };

/**
 * Lists the MUSTs of the W3C Web Annotation Data Model that a JSON annotation breaks, field by field; an empty
 * list means it conforms. Checks: @context present and including anno.jsonld; id one absolute IRI; type
 * including Annotation; at least one target; not both body and bodyValue, bodyValue one string; string bodies
 * and targets are IRIs, as is the id of any resource or agent that has one; each TextualBody has one string
 * value; a Choice has items; a SpecificResource has exactly one source that is (or names) an IRI; each selector
 * is an IRI or has exactly one type; TextQuoteSelector has one string `exact` (prefix, suffix strings); Text and
 * Data Position selectors have non-negative integer start and end; Fragment, CSS and XPath selectors a string
 * value; RangeSelector a start and end selector; refinedBy selectors are checked too; created, modified and
 * generated are single xsd:dateTime values; motivation and purpose come from the W3C list (or are IRIs/CURIEs
 * of extensions); textDirection is ltr, rtl or auto; rights, via and canonical are IRIs. Two checks go beyond
 * the letter of the model, as Marginalia requires: dates carry a timezone (a SHOULD there) and a position
 * selector's start is not after its end. Pure; never throws.
 */
export function checkWebAnnotationMusts(json: unknown): MustViolation[] {
  const violations: MustViolation[] = [];
  checkAnnotation(json, '', violations, undefined);
  return violations;
}

/**
 * Lists the MUSTs of the Data Model (§5) that an AnnotationCollection with embedded pages breaks: its @context,
 * IRI id and type, a non-negative integer total, `first` and `last` as pages or IRIs, and for each embedded page
 * its IRI id, AnnotationPage type, items list, non-negative startIndex, IRI `next`/`prev`/`partOf`, and every
 * item by checkWebAnnotationMusts (an item may take its @context from the collection). Pure; never throws.
 */
export function checkAnnotationCollectionMusts(json: unknown): MustViolation[] {
  const violations: MustViolation[] = [];
  checkCollection(json, violations);
  return violations;
}

type Violations = MustViolation[];

const TEXT_DIRECTIONS = ['ltr', 'rtl', 'auto'];
const MOTIVATIONS: readonly string[] = W3C_MOTIVATIONS;

function checkAnnotation(json: unknown, path: string, out: Violations, inheritedContext: unknown): void {
  if (!isRecord(json)) {
    out.push({ path, message: `An Annotation MUST be a JSON object (Data Model §3.1); got ${describeValue(json)}.` });
    return;
  }
  checkContext(json['@context'] ?? inheritedContext, join(path, '@context'), 'An Annotation', out);
  checkId(json, path, 'An Annotation', out, true);
  checkType(json.type, join(path, 'type'), 'Annotation', out);

  if (json.target === undefined || (Array.isArray(json.target) && json.target.length === 0)) {
    out.push({ path: join(path, 'target'), message: 'An Annotation MUST have 1 or more targets (Data Model §3.1).' });
  } else {
    forEachValue(json.target, join(path, 'target'), (target, targetPath) => checkResource(target, targetPath, 'target', out));
  }

  if (json.body !== undefined && json.bodyValue !== undefined) {
    out.push({ path: join(path, 'bodyValue'), message: 'An Annotation MUST NOT have both body and bodyValue (Data Model §3.2.5).' });
  }
  if (json.bodyValue !== undefined && typeof single(json.bodyValue) !== 'string') {
    out.push({ path: join(path, 'bodyValue'), message: 'bodyValue MUST be exactly one string (Data Model §3.2.5).' });
  }
  if (json.body !== undefined) forEachValue(json.body, join(path, 'body'), (body, bodyPath) => checkResource(body, bodyPath, 'body', out));

  checkCommonProperties(json, path, out);
  checkMotivations(json.motivation, join(path, 'motivation'), 'motivation', out);
  for (const role of ['creator', 'generator'] as const) {
    if (json[role] !== undefined) forEachValue(json[role], join(path, role), (agent, agentPath) => checkAgent(agent, agentPath, out));
  }
}

function checkResource(resource: unknown, path: string, role: 'body' | 'target', out: Violations): void {
  if (typeof resource === 'string') {
    if (!isIri(resource)) out.push({ path, message: `A ${role} given as a string MUST be the IRI of an External Web Resource (Data Model §3.2.1); got "${shorten(resource)}".` });
    return;
  }
  if (!isRecord(resource)) {
    out.push({ path, message: `A ${role} MUST be an IRI or an object (Data Model §3.2); got ${describeValue(resource)}.` });
    return;
  }
  const types = valuesOf(resource.type);
  checkCommonProperties(resource, path, out);
  if (resource.purpose !== undefined) checkMotivations(resource.purpose, join(path, 'purpose'), 'purpose', out);
  const textDirection = single(resource.textDirection);
  if (resource.textDirection !== undefined && !(typeof textDirection === 'string' && TEXT_DIRECTIONS.includes(textDirection))) {
    out.push({ path: join(path, 'textDirection'), message: 'textDirection MUST be one of "ltr", "rtl" or "auto" (Data Model §3.2.4).' });
  }

  if (types.includes('Choice') || types.includes('Composite') || types.includes('List') || types.includes('Independents')) {
    if (!Array.isArray(resource.items) || resource.items.length === 0) {
      out.push({ path: join(path, 'items'), message: 'A Choice or other set of resources MUST have 1 or more items (Data Model §3.2.7).' });
    } else {
      resource.items.forEach((item, index) => checkResource(item, `${join(path, 'items')}[${index}]`, role, out));
    }
    checkId(resource, path, `A ${role}`, out, false);
    return;
  }
  if (resource.value !== undefined || types.includes('TextualBody')) {
    if (typeof single(resource.value) !== 'string') {
      out.push({ path: join(path, 'value'), message: 'A TextualBody MUST have exactly 1 value, a string (Data Model §3.2.4).' });
    }
    checkId(resource, path, 'A TextualBody', out, false);
    return;
  }
  if (resource.source !== undefined || resource.selector !== undefined || types.includes('SpecificResource')) {
    checkSpecificResource(resource, path, out);
    return;
  }
  checkId(resource, path, 'An External Web Resource', out, true);
}

function checkSpecificResource(resource: Record<string, unknown>, path: string, out: Violations): void {
  const sourcePath = join(path, 'source');
  const source = resource.source;
  if (source === undefined || (Array.isArray(source) && source.length !== 1)) {
    out.push({ path: sourcePath, message: 'A SpecificResource MUST have exactly 1 source (Data Model §4).' });
  } else {
    const value = single(source);
    if (typeof value === 'string') {
      if (!isIri(value)) out.push({ path: sourcePath, message: `A SpecificResource's source MUST be an IRI (Data Model §4); got "${shorten(value)}".` });
    } else if (isRecord(value)) {
      checkId(value, sourcePath, 'The source', out, true);
    } else {
      out.push({ path: sourcePath, message: `A SpecificResource's source MUST be an IRI or a resource with an IRI (Data Model §4); got ${describeValue(value)}.` });
    }
  }
  checkId(resource, path, 'A SpecificResource', out, false);
  if (resource.selector !== undefined) forEachValue(resource.selector, join(path, 'selector'), (selector, selectorPath) => checkSelector(selector, selectorPath, out, 0));
}

function checkSelector(selector: unknown, path: string, out: Violations, depth: number): void {
  if (depth > 16) return;
  if (typeof selector === 'string') {
    if (!isIri(selector)) out.push({ path, message: `A selector given as a string MUST be an IRI (Data Model §4.2); got "${shorten(selector)}".` });
    return;
  }
  if (!isRecord(selector)) {
    out.push({ path, message: `A selector MUST be an object or an IRI (Data Model §4.2); got ${describeValue(selector)}.` });
    return;
  }
  const types = valuesOf(selector.type);
  const type = types[0];
  if (types.length !== 1 || typeof type !== 'string') {
    out.push({ path: join(path, 'type'), message: 'A selector MUST have exactly 1 type (Data Model §4.2).' });
    return;
  }
  switch (type) {
    case 'TextQuoteSelector':
      if (typeof single(selector.exact) !== 'string') {
        out.push({ path: join(path, 'exact'), message: 'A TextQuoteSelector MUST have exactly 1 exact, the quoted text as a string (Data Model §4.2.4).' });
      }
      for (const context of ['prefix', 'suffix'] as const) {
        if (selector[context] !== undefined && typeof single(selector[context]) !== 'string') {
          out.push({ path: join(path, context), message: `A TextQuoteSelector's ${context} MUST be one string (Data Model §4.2.4).` });
        }
      }
      break;
    case 'TextPositionSelector':
    case 'DataPositionSelector': {
      const start = single(selector.start);
      const end = single(selector.end);
      for (const [name, value] of [['start', start], ['end', end]] as const) {
        if (!isNonNegativeInteger(value)) {
          out.push({ path: join(path, name), message: `A ${type}'s ${name} MUST be exactly 1 non-negative integer (Data Model, ${type}); got ${describeValue(value)}.` });
        }
      }
      if (isNonNegativeInteger(start) && isNonNegativeInteger(end) && start > end) {
        out.push({ path: join(path, 'end'), message: `A ${type}'s end (${end}) must not be before its start (${start}): end is the position after the last selected character.` });
      }
      break;
    }
    case 'FragmentSelector':
    case 'CssSelector':
    case 'XPathSelector':
      if (typeof single(selector.value) !== 'string') {
        out.push({ path: join(path, 'value'), message: `A ${type} MUST have exactly 1 value, a string (Data Model §4.2).` });
      }
      break;
    case 'RangeSelector':
      for (const end of ['startSelector', 'endSelector'] as const) {
        if (selector[end] === undefined) out.push({ path: join(path, end), message: `A RangeSelector MUST have exactly 1 ${end} (Data Model, Range Selector).` });
        else checkSelector(single(selector[end]), join(path, end), out, depth + 1);
      }
      break;
    default:
      break;
  }
  if (selector.refinedBy !== undefined) {
    forEachValue(selector.refinedBy, join(path, 'refinedBy'), (refinement, refinementPath) => checkSelector(refinement, refinementPath, out, depth + 1));
  }
}

function checkAgent(agent: unknown, path: string, out: Violations): void {
  if (typeof agent === 'string') {
    if (!isIri(agent)) out.push({ path, message: `An agent given as a string MUST be its IRI (Data Model §3.3.2); got "${shorten(agent)}".` });
    return;
  }
  if (!isRecord(agent)) {
    out.push({ path, message: `An agent MUST be an object or an IRI (Data Model §3.3.2); got ${describeValue(agent)}.` });
    return;
  }
  checkId(agent, path, 'An agent', out, false);
}

// Lifecycle, rights and other identities: allowed on annotations, bodies and targets alike.
function checkCommonProperties(resource: Record<string, unknown>, path: string, out: Violations): void {
  for (const field of ['created', 'modified', 'generated'] as const) {
    const value = resource[field];
    if (value === undefined) continue;
    const date = single(value);
    const fieldPath = join(path, field);
    if (typeof date !== 'string' || (Array.isArray(value) && value.length !== 1)) {
      out.push({ path: fieldPath, message: `${field} MUST be exactly 1 xsd:dateTime (Data Model §3.3.1); got ${describeValue(value)}.` });
      continue;
    }
    const parsed = readDateTime(date);
    if (parsed === null) out.push({ path: fieldPath, message: `${field} MUST be an xsd:dateTime such as 2017-04-12T09:30:00Z (Data Model §3.3.1); got "${shorten(date)}".` });
    else if (parsed.utc === null) out.push({ path: fieldPath, message: `${field} must name a timezone (Z or ±hh:mm): the Data Model says SHOULD (§3.3.1) and Marginalia requires it; got "${shorten(date)}".` });
  }
  for (const field of ['rights', 'via'] as const) {
    if (resource[field] === undefined) continue;
    forEachValue(resource[field], join(path, field), (value, valuePath) => {
      if (typeof value !== 'string' || !isIri(value)) out.push({ path: valuePath, message: `${field} MUST be an IRI (Data Model §3.3.6–3.3.7); got ${describeValue(value)}.` });
    });
  }
  if (resource.canonical !== undefined) {
    const canonical = resource.canonical;
    if (typeof canonical !== 'string' || !isIri(canonical)) {
      out.push({ path: join(path, 'canonical'), message: `canonical MUST be exactly 1 IRI (Data Model §3.3.7); got ${describeValue(canonical)}.` });
    }
  }
}

function checkMotivations(value: unknown, path: string, field: 'motivation' | 'purpose', out: Violations): void {
  if (value === undefined) return;
  forEachValue(value, path, (motivation, motivationPath) => {
    // A bare word outside the anno.jsonld vocabulary does not expand to a Motivation; extensions use an IRI or CURIE.
    if (typeof motivation !== 'string' || (!MOTIVATIONS.includes(motivation) && !motivation.includes(':'))) {
      out.push({
        path: motivationPath,
        message: `A ${field} MUST be a Motivation: one of ${W3C_MOTIVATIONS.join(', ')}, or the IRI of an extension (Data Model §3.3.5); got ${describeValue(motivation)}.`,
      });
    }
  });
}

function checkContext(context: unknown, path: string, subject: string, out: Violations): void {
  if (context === undefined) {
    out.push({ path, message: `${subject} MUST have 1 or more @context values (Data Model §3.1); it has none.` });
  } else if (!valuesOf(context).includes(ANNOTATION_CONTEXT)) {
    out.push({ path, message: `${subject}'s @context MUST include "${ANNOTATION_CONTEXT}" (Data Model §3.1).` });
  }
}

function checkId(resource: Record<string, unknown>, path: string, subject: string, out: Violations, isRequired: boolean): void {
  const id = resource.id;
  if (id === undefined) {
    if (isRequired) out.push({ path: join(path, 'id'), message: `${subject} MUST have exactly 1 IRI that identifies it, its id (Data Model §3.1, §3.2.1).` });
    return;
  }
  if (typeof id !== 'string' || !isIri(id)) {
    out.push({ path: join(path, 'id'), message: `${subject}'s id MUST be exactly 1 absolute IRI (Data Model §3.1); got ${describeValue(id)}.` });
  }
}

function checkType(type: unknown, path: string, expected: string, out: Violations): void {
  if (type === undefined) out.push({ path, message: `It MUST have 1 or more types, and ${expected} MUST be one of them (Data Model §3.1, §5); it has none.` });
  else if (!valuesOf(type).includes(expected)) out.push({ path, message: `Its type MUST include "${expected}" (Data Model §3.1, §5); got ${describeValue(type)}.` });
}

function checkCollection(json: unknown, out: Violations): void {
  if (!isRecord(json)) {
    out.push({ path: '', message: `An AnnotationCollection MUST be a JSON object (Data Model §5.1); got ${describeValue(json)}.` });
    return;
  }
  const context = json['@context'];
  checkContext(context, '@context', 'An AnnotationCollection', out);
  checkId(json, '', 'An AnnotationCollection', out, true);
  checkType(json.type, 'type', 'AnnotationCollection', out);
  if (json.total !== undefined && !isNonNegativeInteger(single(json.total))) {
    out.push({ path: 'total', message: `total MUST be a non-negative integer (Data Model §5.1); got ${describeValue(json.total)}.` });
  }
  if (isNonNegativeInteger(json.total) && json.total > 0 && json.first === undefined) {
    out.push({ path: 'first', message: 'A non-empty AnnotationCollection MUST link to its first page (Data Model §5.1).' });
  }
  if (json.last !== undefined && !(typeof json.last === 'string' && isIri(json.last))) {
    out.push({ path: 'last', message: `last MUST be the IRI of the last page (Data Model §5.1); got ${describeValue(json.last)}.` });
  }
  const first = json.first;
  if (first === undefined) return;
  if (typeof first === 'string') {
    if (!isIri(first)) out.push({ path: 'first', message: `first MUST be a page or its IRI (Data Model §5.1); got "${shorten(first)}".` });
    return;
  }
  if (!isRecord(first)) {
    out.push({ path: 'first', message: `first MUST be a page or its IRI (Data Model §5.1); got ${describeValue(first)}.` });
    return;
  }
  checkId(first, 'first', 'An AnnotationPage', out, true);
  checkType(first.type, 'first.type', 'AnnotationPage', out);
  for (const link of ['next', 'prev'] as const) {
    if (first[link] !== undefined && !(typeof first[link] === 'string' && isIri(first[link]))) {
      out.push({ path: `first.${link}`, message: `${link} MUST be the IRI of a page (Data Model §5.2); got ${describeValue(first[link])}.` });
    }
  }
  const partOf = isRecord(first.partOf) ? first.partOf.id : first.partOf;
  if (first.partOf !== undefined && !(typeof partOf === 'string' && isIri(partOf))) {
    out.push({ path: 'first.partOf', message: 'partOf MUST name the collection by its IRI (Data Model §5.2).' });
  }
  if (first.startIndex !== undefined && !isNonNegativeInteger(first.startIndex)) {
    out.push({ path: 'first.startIndex', message: `startIndex MUST be a non-negative integer (Data Model §5.2); got ${describeValue(first.startIndex)}.` });
  }
  if (!Array.isArray(first.items)) {
    out.push({ path: 'first.items', message: 'An AnnotationPage MUST list its annotations in items (Data Model §5.2).' });
    return;
  }
  first.items.forEach((item, index) => checkAnnotation(item, `first.items[${index}]`, out, first['@context'] ?? context));
}
