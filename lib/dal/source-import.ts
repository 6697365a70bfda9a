import 'server-only';
import { getDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { memberWorkspacesWhere, workspaceRightsOf } from '@/lib/dal/access/workspaces';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { recordTracingChanges } from '@/lib/dal/tracing-history';
import { identityKeys } from '@/lib/domain/tracing';
import { AppError, parseInput } from '@/lib/errors';
import { readReferenceFile, toBibtex, type CslInput } from '@/lib/reference-import';
import { sourceRecordSchema } from '@/lib/validation/sources';
import { sourceImportSchema } from '@/lib/validation/source-import';
import { CSL_TYPES, type SourceKindName } from '@/lib/validation/source-choices';

/** What an import did: sources added, duplicates merged into sources the workspace had, and entries refused by name. */
export type SourceImportReport = { format: string; imported: number; merged: number; problems: Array<{ name: string; message: string }> };

/** A source of the workspace library, as its page lists it. */
export type LibrarySource = { id: string; kind: SourceKindName; title: string; authors: string[]; issued: string | null; containerTitle: string | null; doi: string | null; url: string | null; useCount: number };

const FORMAT_NAMES = { bibtex: 'BibTeX', ris: 'RIS', 'csl-json': 'CSL-JSON' } as const;

async function requireLibrary(viewer: Viewer | null, workspaceSlug: string) {
  const signedIn = requireViewer(viewer);
  const workspace = await getDb().workspace.findFirst({
    where: { AND: [{ slug: workspaceSlug }, memberWorkspacesWhere(signedIn)] },
    select: { id: true, slug: true, name: true, memberships: { where: { userId: signedIn.id }, select: { role: true } } },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'There is no such workspace, or you are not a member of it.');
  return { workspace, role: workspace.memberships[0]?.role ?? null, viewer: signedIn };
}

/** Returns the workspace's source library (members only), by title, with whether the viewer may import into it. */
export async function findSourceLibrary(viewer: Viewer | null, workspaceSlug: string): Promise<{ workspaceName: string; canImport: boolean; sources: LibrarySource[] }> {
  const { workspace, role } = await requireLibrary(viewer, workspaceSlug);
  const sources = await getDb().source.findMany({
    where: { workspaceId: workspace.id },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    select: { id: true, kind: true, title: true, authors: true, issued: true, containerTitle: true, doi: true, url: true, _count: { select: { footnotes: true } } },
  });
  return { workspaceName: workspace.name, canImport: workspaceRightsOf(viewer, role).canManageSources, sources: sources.map(({ _count, ...source }) => ({ ...source, useCount: _count.footnotes })) };
}

const messageOf = (error: unknown) =>
  error instanceof AppError ? (Object.values(error.fieldErrors ?? {})[0]?.[0] ?? error.message) : 'It could not be read.';

/**
 * Imports a BibTeX, RIS or CSL-JSON file into the workspace's source library (editors and owners). Each entry is
 * read and validated on its own: a malformed one is named in the report while the others import. An entry with the
 * DOI, address, or title and year of a source the library has (or of an earlier entry) fills in what that source
 * lacks instead of adding a second copy.
 */
export async function importSources(viewer: Viewer | null, workspaceSlug: string, input: unknown): Promise<SourceImportReport> {
  const { content, format } = parseInput(sourceImportSchema, input);
  const { workspace, role, viewer: signedIn } = await requireLibrary(viewer, workspaceSlug);
  if (!workspaceRightsOf(signedIn, role).canManageSources) throw new AppError('FORBIDDEN', 'Only editors and owners import sources.');
  const read = readReferenceFile(content, format ?? undefined);
  if (!read.format) throw new AppError('INVALID_INPUT', 'This is not a BibTeX, RIS or CSL-JSON file.', { fieldErrors: { content: ['This is not a BibTeX, RIS or CSL-JSON file.'] } });
  if (read.entries.length === 0) throw new AppError('INVALID_INPUT', 'The file holds no references.', { fieldErrors: { content: ['The file holds no references.'] } });
  const report: SourceImportReport = { format: FORMAT_NAMES[read.format], imported: 0, merged: 0, problems: [] };
  const reason = `Imported from ${FORMAT_NAMES[read.format]}`;
  await getDb().$transaction(async (tx) => {
    const existing = await tx.source.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true, issued: true, url: true, doi: true } });
    const byKey = new Map<string, string>();
    for (const source of existing) for (const key of identityKeys(source)) if (!byKey.has(key)) byKey.set(key, source.id);
    for (const entry of read.entries) {
      if ('problem' in entry) {
        report.problems.push({ name: entry.name, message: entry.problem });
        continue;
      }
      let fields;
      try {
        fields = parseInput(sourceRecordSchema, entry.fields);
      } catch (error) {
        report.problems.push({ name: entry.name, message: messageOf(error) });
        continue;
      }
      const { accessedOn, ...record } = fields;
      const data = { ...record, accessedOn: accessedOn ? new Date(`${accessedOn}T00:00:00Z`) : null };
      const keys = identityKeys({ title: data.title, issued: data.issued ?? null, url: data.url ?? null, doi: data.doi ?? null });
      const duplicateOf = keys.map((key) => byKey.get(key)).find(Boolean);
      if (duplicateOf) {
        const current = await tx.source.findUniqueOrThrow({ where: { id: duplicateOf }, select: { title: true, authors: true, publisher: true, containerTitle: true, doi: true, issued: true, url: true, archiveUrl: true, accessedOn: true } });
        const fill: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(data)) {
          const had = current[field as keyof typeof current];
          const isEmpty = had === null || (Array.isArray(had) && had.length === 0);
          if (isEmpty && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) fill[field] = value;
        }
        if (Object.keys(fill).length) {
          await tx.source.update({ where: { id: duplicateOf }, data: fill as Prisma.SourceUpdateInput });
          await recordTracingChanges(
            tx,
            Object.entries(fill).map(([field, value]) => ({
              workspaceId: workspace.id,
              sourceId: duplicateOf,
              sourceTitle: current.title,
              subject: 'source' as const,
              field,
              after: value instanceof Date ? value.toISOString().slice(0, 10) : Array.isArray(value) ? value.join('; ') : String(value),
              reason: `${reason}: a duplicate filled in what was missing`,
              changedById: signedIn.id,
            })),
          );
        }
        for (const key of keys) if (!byKey.has(key)) byKey.set(key, duplicateOf);
        report.merged += 1;
        continue;
      }
      const created = await tx.source.create({ data: { ...data, workspaceId: workspace.id, createdById: signedIn.id }, select: { id: true, title: true } });
      await recordTracingChanges(tx, [{ workspaceId: workspace.id, sourceId: created.id, sourceTitle: created.title, subject: 'source', field: 'created', after: created.title, reason, changedById: signedIn.id }]);
      for (const key of keys) if (!byKey.has(key)) byKey.set(key, created.id);
      report.imported += 1;
    }
  });
  return report;
}

const dateParts = (value: string | null) => (value && /^\d{4}(-\d{2}){0,2}$/u.test(value) ? { 'date-parts': [value.split('-').map(Number)] } : null);
const cslName = (author: string) => {
  const comma = author.indexOf(',');
  return comma < 0 ? { literal: author.trim() } : { family: author.slice(0, comma).trim(), given: author.slice(comma + 1).trim() };
};

/** Returns the workspace's whole source library (members only) as CSL-JSON items. */
export async function exportSourceLibraryCsl(viewer: Viewer | null, workspaceSlug: string): Promise<CslInput[]> {
  const { workspace } = await requireLibrary(viewer, workspaceSlug);
  const sources = await getDb().source.findMany({ where: { workspaceId: workspace.id }, orderBy: [{ title: 'asc' }, { id: 'asc' }] });
  return sources.map((source) => {
    const issued = dateParts(source.issued);
    const accessed = dateParts(source.accessedOn?.toISOString().slice(0, 10) ?? null);
    return {
      id: source.id,
      type: CSL_TYPES[source.kind],
      title: source.title,
      ...(source.authors.length ? { author: source.authors.map(cslName) } : {}),
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(source.containerTitle ? { 'container-title': source.containerTitle } : {}),
      ...(issued ? { issued } : {}),
      ...(accessed ? { accessed } : {}),
      ...(source.doi ? { DOI: source.doi } : {}),
      ...(source.url ? { URL: source.url } : {}),
    };
  });
}

/** Returns the workspace's whole source library (members only) as BibTeX. */
export async function exportSourceLibraryBibtex(viewer: Viewer | null, workspaceSlug: string): Promise<string> {
  return toBibtex(await exportSourceLibraryCsl(viewer, workspaceSlug));
}
