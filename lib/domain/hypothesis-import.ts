import { z } from '@/lib/zod';
import { validateTags } from './tags';
import { finishImport, importedBodyProblem, importedTextProblem, readImportedDate, readQuoteSelectors } from './imported-annotations';
import { type AnnotationImportResult, type AnnotationVisibility, type ImportedAnnotation, type ImportedTarget, type ImportProblem, type ImportResult } from './web-annotation';

// Hypothesis (https://h.readthedocs.io/en/latest/api-reference/) serves annotations in its own JSON, not W3C:
// `text` is the Markdown comment, `tags` a list of strings, `target[0].selector` the W3C-style selectors
// (RangeSelector, TextPositionSelector, TextQuoteSelector), `references` the thread's ancestors (root first,
// parent last), `user` an account URI such as "acct:alice@hypothes.is". Its TextPositionSelector counts
// UTF-16 units of the web page's text, not code points of our copy, so positions are kept only as hints.

const hypothesisAnnotationSchema = z.looseObject({
  id: z.string({ error: (issue) => (issue.input === undefined ? 'It has no id.' : 'Its id must be a string.') }).min(1, { error: 'Its id is empty.' }),
  text: z.string({ error: 'Its text must be a string.' }).optional(),
  tags: z.array(z.string({ error: 'Each tag must be a string.' }), { error: 'Its tags must be a list of strings.' }).optional(),
  uri: z.string().optional().catch(undefined),
  group: z.string().optional().catch(undefined),
  user: z.string().optional().catch(undefined),
  created: z.string().optional().catch(undefined),
  updated: z.string().optional().catch(undefined),
  references: z.array(z.string(), { error: 'Its references must be a list of annotation ids.' }).optional(),
  target: z.unknown().optional(),
  permissions: z.unknown().optional(),
  user_info: z.unknown().optional(),
});

const targetSchema = z.looseObject({ source: z.string().optional().catch(undefined), selector: z.unknown().optional() });
const permissionsSchema = z.looseObject({ read: z.array(z.string()).optional().catch(undefined) });
const userInfoSchema = z.looseObject({ display_name: z.string().nullable().optional().catch(undefined) });

/** Message given for a page note: it is imported, but there is no passage to highlight. */
export const PAGE_NOTE_WARNING =
  'A page note: it quotes no passage, so it cannot be placed on the text; it is about the document as a whole.';

/**
 * Reads a Hypothesis export: the API's search result (`{ total, rows }`, with `replies` when fetched with
 * `_separate_replies`), the client's export file (`{ annotations }`) or a plain list of annotations. Returns the
 * annotations as ImportedAnnotation records (parents before replies) and a problem for each one that cannot be
 * imported, and a notice when the search result holds only part of its `total`. Page notes come through with a
 * `resource` target and a warning. Pure; never throws.
 */
export function parseHypothesisExport(json: unknown): ImportResult {
  const rows = readRows(json);
  if (!rows.ok) return { annotations: [], problems: [{ id: null, message: rows.message }], notices: [] };

  const annotations: ImportedAnnotation[] = [];
  const problems: ImportProblem[] = [];
  for (const [index, row] of rows.rows.entries()) {
    const result = fromHypothesisAnnotation(row);
    if (result.ok) {
      annotations.push(result.value);
      continue;
    }
    const id = isRecord(row) && typeof row.id === 'string' && row.id !== '' ? row.id : null;
    problems.push({ id, message: id === null ? `Annotation ${index + 1} of ${rows.rows.length}: ${result.message}` : result.message });
  }
  return finishImport(annotations, problems, rows.notices);
}

/**
 * Reads one Hypothesis annotation: replies (non-empty `references`) point at their parent, the last reference;
 * annotations with a TextQuoteSelector become quote annotations; page notes, which have no selectors, target the
 * page. The creator's name is `user_info.display_name`, else the account's username. "Only me" annotations
 * (read permission limited to accounts) come through as private, group ones as workspace. Pure; never throws.
 */
export function fromHypothesisAnnotation(json: unknown): AnnotationImportResult {
  if (!isRecord(json)) return { ok: false, message: `Expected a Hypothesis annotation (a JSON object) and got ${describe(json)}.` };
  const parsed = hypothesisAnnotationSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'It is not a Hypothesis annotation.' };
  const row = parsed.data;
  const warnings: string[] = [];

  const body = row.text ?? '';
  const tooLong = importedBodyProblem(body);
  if (tooLong !== null) return { ok: false, message: tooLong };
  const tags = validateTags(row.tags ?? []);
  if (!tags.ok) return { ok: false, message: tags.message };

  const target = readTarget(row);
  if (!target.ok) return target;
  warnings.push(...target.warnings);

  const created = readImportedDate(row.created, 'created');
  if (!created.ok) return created;
  const modified = readImportedDate(row.updated, 'updated');
  if (!modified.ok) return modified;
  for (const warning of [created.warning, modified.warning]) if (warning !== null) warnings.push(warning);

  const creator = readCreator(row.user, row.user_info);
  const textProblem = importedTextProblem({ externalId: row.id, target: target.value, creator });
  if (textProblem !== null) return { ok: false, message: textProblem };

  return {
    ok: true,
    value: {
      externalId: row.id,
      target: target.value,
      motivation: target.value.kind === 'reply' ? 'replying' : body.trim() === '' ? 'highlighting' : 'commenting',
      body,
      tags: tags.labels,
      visibility: readVisibility(row.permissions),
      creator,
      created: created.value,
      modified: modified.value,
      warnings,
      group: row.group?.trim() || null,
      sourceUri: row.uri?.trim() || null,
    },
  };
}

/** Returns the username of a Hypothesis account URI ("acct:alice@hypothes.is" -> "alice"), or null if it is not one. */
export function hypothesisUsername(user: string): string | null {
  const match = /^acct:([^@]+)@.+$/u.exec(user);
  return match?.[1] ?? null;
}

type Rows = { ok: true; rows: unknown[]; notices: string[] } | { ok: false; message: string };

function readRows(json: unknown): Rows {
  if (Array.isArray(json)) return { ok: true, rows: json, notices: [] };
  if (isRecord(json) && Array.isArray(json.rows)) {
    const rows = [...json.rows, ...(Array.isArray(json.replies) ? json.replies : [])];
    const notices: string[] = [];
    // The search API pages its results (200 at most per request): a partial result silently loses threads.
    if (typeof json.total === 'number' && json.total > json.rows.length) {
      notices.push(`This search result holds ${json.rows.length} of ${json.total} annotations: fetch the other pages (search_after) and import them too.`);
    }
    return { ok: true, rows, notices };
  }
  if (isRecord(json) && Array.isArray(json.annotations)) return { ok: true, rows: json.annotations, notices: [] };
  return {
    ok: false,
    message: `This is not a Hypothesis export: expected a list of annotations, an API search result ({ "total", "rows" }) or the client's export ({ "annotations" }), and got ${describe(json)}.`,
  };
}

type TargetReading = { ok: true; value: ImportedTarget; warnings: string[] } | { ok: false; message: string };

function readTarget(row: z.infer<typeof hypothesisAnnotationSchema>): TargetReading {
  const parent = row.references?.at(-1);
  if (parent !== undefined) return { ok: true, value: { kind: 'reply', parentExternalId: parent }, warnings: [] };

  const first: unknown = Array.isArray(row.target) ? row.target[0] : row.target;
  const target = isRecord(first) ? targetSchema.parse(first) : null;
  const source = target?.source ?? row.uri ?? null;
  const selector = target?.selector;
  if (selector === undefined || selector === null || (Array.isArray(selector) && selector.length === 0)) {
    if (source === null) return { ok: false, message: 'It has neither selectors nor the address of the page it is about.' };
    return { ok: true, value: { kind: 'resource', iri: source }, warnings: [PAGE_NOTE_WARNING] };
  }
  const selectors = readQuoteSelectors(selector);
  if (!selectors.ok) return selectors;
  return { ok: true, value: { kind: 'quote', source, quote: selectors.quote, position: selectors.position }, warnings: selectors.warnings };
}

function readVisibility(permissions: unknown): AnnotationVisibility | null {
  const parsed = permissionsSchema.safeParse(permissions);
  const read = parsed.success ? parsed.data.read : undefined;
  if (read === undefined || read.length === 0) return null;
  if (read.every((principal) => principal.startsWith('acct:'))) return 'private';
  return read.some((principal) => principal.startsWith('group:')) ? 'workspace' : null;
}

function readCreator(user: string | undefined, userInfo: unknown): ImportedAnnotation['creator'] {
  const info = userInfoSchema.safeParse(userInfo);
  const displayName = info.success ? info.data.display_name?.trim() : undefined;
  if (user === undefined) return displayName ? { id: null, name: displayName } : null;
  return { id: user, name: displayName || hypothesisUsername(user) || user };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const PDF_URN = /^urn:x-pdf:([0-9a-f]{16,64})$/iu;

/**
 * Returns the pdf.js fingerprints of the PDFs a Hypothesis export was made on (Hypothesis keys a PDF by
 * `urn:x-pdf:<fingerprint>`, in `uri`, a target's `source` or `document.link`), lower-cased, without repeats. Pure.
 */
export function hypothesisPdfFingerprints(json: unknown): string[] {
  const rows = isRecord(json) && Array.isArray(json.rows) ? json.rows : isRecord(json) && Array.isArray(json.annotations) ? json.annotations : Array.isArray(json) ? json : [json];
  const found = new Set<string>();
  const consider = (value: unknown): void => {
    const match = typeof value === 'string' ? PDF_URN.exec(value.trim()) : null;
    if (match?.[1]) found.add(match[1].toLowerCase());
  };
  for (const row of rows.slice(0, 20_000)) {
    if (!isRecord(row)) continue;
    consider(row.uri);
    for (const target of Array.isArray(row.target) ? row.target : [row.target]) if (isRecord(target)) consider(target.source);
    const links = isRecord(row.document) && Array.isArray(row.document.link) ? row.document.link : [];
    for (const link of links) if (isRecord(link)) consider(link.href);
  }
  return [...found];
}
