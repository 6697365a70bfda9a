import 'server-only';
import type { DatabaseClient } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { assertVocabularyRoom, unsafeShareTags, visibleTagsWhere } from '@/lib/dal/access/tags';
import type { Viewer } from '@/lib/dal/authorization';
import { importKeyOfParent, marginaliaAnnotationIdOf, type AnnotationFileFormat } from '@/lib/domain/annotation-import';
import { paletteColourFor } from '@/lib/domain/colours';
import { validateTags } from '@/lib/domain/tags';
import { describeCharacter, findLoneSurrogateInJson } from '@/lib/domain/unicode';
import type { ImportedAnnotation } from '@/lib/domain/web-annotation';
import { AppError } from '@/lib/errors';

/** `depth`: 0 for a thread's first annotation, 1 for a reply to it, and so on. */
export type ParentRef = { id: string; rootId: string; visibility: 'PRIVATE' | 'WORKSPACE'; depth: number };

/** Deepest reply an import may bring in (a reply to a reply ... 100 times); deeper chains are refused whole. */
export const MAX_IMPORTED_REPLY_DEPTH = 100;

// Adds the tags the vocabulary lacks (as the annotation form would) and returns their labels and the links to make.
// Tags on shared annotations join the shared vocabulary, within its limit; the others stay private to the importer.
/** Adds the tags an import brings that the vocabulary lacks; returns the labels new to the importer and each annotation's tags. */
export async function createImportedTags(
  tx: DatabaseClient,
  { workspaceId, importerId }: { workspaceId: string; importerId: string },
  tagsByAnnotation: Map<string, string[]>,
  sharedIds: ReadonlySet<string>,
): Promise<{ created: string[]; byAnnotation: Map<string, { names: string[]; labels: string[] }> }> {
  const labels = new Map<string, string>();
  const namesByAnnotation = new Map<string, string[]>();
  const sharedNames = new Set<string>();
  for (const [annotationId, typed] of tagsByAnnotation) {
    const validation = validateTags(typed);
    // The parsers refused invalid tags already; this only normalises the names.
    if (!validation.ok) throw new AppError('INVALID_INPUT', validation.message);
    validation.tags.forEach((name, index) => labels.has(name) || labels.set(name, validation.labels[index] ?? name));
    namesByAnnotation.set(annotationId, [...new Set(validation.tags)]);
    if (sharedIds.has(annotationId)) for (const name of validation.tags) sharedNames.add(name);
  }
  if (labels.size === 0) return { created: [], byAnnotation: new Map() };
  await assertVocabularyRoom(tx, workspaceId, [...sharedNames]);
  const names = [...labels.keys()];
  const existing = new Set((await tx.tag.findMany({ where: { workspaceId, name: { in: names } }, select: { name: true } })).map((tag) => tag.name));
  // The report names the words new to the vocabulary as the importer sees it, so it neither names nor betrays others' private tags.
  const known = new Set((await tx.tag.findMany({ where: { AND: [{ name: { in: names } }, visibleTagsWhere({ id: importerId }, workspaceId)] }, select: { name: true } })).map((tag) => tag.name));
  const fresh = [...labels].filter(([name]) => !existing.has(name));
  await tx.tag.createMany({
    data: fresh.map(([name, label]) => ({ workspaceId, name, label, colour: paletteColourFor(name), isShared: sharedNames.has(name), createdById: importerId })),
    skipDuplicates: true,
  });
  await unsafeShareTags(tx, workspaceId, [...sharedNames]);
  const byAnnotation = new Map([...namesByAnnotation].map(([annotationId, names]) => [annotationId, { names, labels: names.map((name) => labels.get(name) ?? name) }]));
  return { created: [...labels].filter(([name]) => !known.has(name)).map(([, label]) => label), byAnnotation };
}

// The annotations this file's keys (and its replies' parents) already name on the document: earlier imports by
// their source IRI, and our own annotations by their IRI (an export of this very document brought back).
/** Returns the annotations an import's keys (and its replies' parents) already name on the document, as parents to reply to (null: not the importer's to reply to). */
export async function findKnownAnnotations(
  tx: DatabaseClient,
  viewer: Viewer,
  documentId: string,
  annotations: ImportedAnnotation[],
  keys: string[],
  format: AnnotationFileFormat,
): Promise<Map<string, ParentRef | null>> {
  const wanted = new Set(keys);
  for (const annotation of annotations) {
    const parentKey = importKeyOfParent(annotation, format);
    if (parentKey !== null) wanted.add(parentKey);
  }
  const ownIds = new Map<string, string>();
  for (const key of wanted) {
    const id = format === 'w3c' ? marginaliaAnnotationIdOf(key) : null;
    if (id !== null) ownIds.set(id, key);
  }
  const select = { id: true, rootId: true, visibility: true, importedFrom: true } as const;
  // One's own imports, and others' that one can see: a shared copy is not imported twice, while someone else's
  // private import stays out of sight and leaves room for one's own copy.
  const imported = await tx.annotation.findMany({
    where: { AND: [{ documentId, importedFrom: { in: [...wanted] } }, { OR: [{ authorId: viewer.id }, visibleAnnotationsWhere(viewer)] }] },
    select,
  });
  const own = ownIds.size > 0 ? await tx.annotation.findMany({ where: { documentId, id: { in: [...ownIds.keys()] } }, select }) : [];
  const visible = new Set(
    (await tx.annotation.findMany({ where: { AND: [{ id: { in: [...imported, ...own].map((row) => row.id) }, deletedAt: null, hiddenAt: null }, visibleAnnotationsWhere(viewer)] }, select: { id: true } })).map(
      (row) => row.id,
    ),
  );
  const depths = await replyDepthsOf(tx, [...visible]);
  // null: already on the document, but not for this viewer to reply to (someone's private note, or removed).
  const known = new Map<string, ParentRef | null>();
  const add = (key: string, row: { id: string; rootId: string | null; visibility: 'PRIVATE' | 'WORKSPACE' }) =>
    known.set(key, visible.has(row.id) ? { id: row.id, rootId: row.rootId ?? row.id, visibility: row.visibility, depth: depths.get(row.id) ?? 0 } : null);
  for (const row of imported) if (row.importedFrom !== null) add(row.importedFrom, row);
  for (const row of own) add(ownIds.get(row.id)!, row);
  return known;
}

// How deep each stored annotation sits in its thread, counted up its parents; the walk stops just past the import
// limit, which is all the check needs (older data may be deeper).
async function replyDepthsOf(tx: DatabaseClient, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: string; depth: number }>>`
    WITH RECURSIVE up AS (
      SELECT "id" AS "start", "parentId", 0 AS "depth" FROM "Annotation" WHERE "id" = ANY(${ids}::uuid[])
      UNION ALL
      SELECT up."start", a."parentId", up."depth" + 1 FROM up JOIN "Annotation" a ON a."id" = up."parentId"
      WHERE up."depth" <= ${MAX_IMPORTED_REPLY_DEPTH}
    )
    SELECT "start"::text AS "id", max("depth")::int AS "depth" FROM up GROUP BY "start"`;
  return new Map(rows.map((row) => [row.id, row.depth]));
}

/** Parses an annotation file's JSON, or throws INVALID_INPUT saying where it broke. */
export function parseJson(content: string): unknown {
  try {
    const value = JSON.parse(content) as unknown;
    const lone = findLoneSurrogateInJson(value);
    if (lone !== null) throw new AppError('INVALID_INPUT', `The file contains ${describeCharacter(lone)}, half of a character that cannot be stored. Nothing was imported.`);
    return value;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : 'it could not be read';
    // V8 gives no position when the text simply stops; the end is where it broke.
    const position = /at position (\d+)/u.exec(message)?.[1] ?? (/end of JSON input/u.test(message) ? String(content.length) : null);
    const where = position !== null ? ` at line ${lineAndColumn(content, Number(position))}` : '';
    const reason = message.replace(/\s*\(line \d+ column \d+\)$/u, '').replace(/ in JSON at position \d+$/u, '');
    throw new AppError('INVALID_INPUT', `The file is not valid JSON: ${reason}${where}. Nothing was imported.`);
  }
}

function lineAndColumn(content: string, offset: number): string {
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}, column ${offset - before.lastIndexOf('\n')}`;
}

