import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Viewer } from '@/lib/dal/authorization';
import { documentRightsOf, readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Role } from '@/lib/domain/permissions';

// Who may see the sources attached to a document's notes: whoever may read the document (lib/domain/permissions.ts
// explains how to add a rule). What they may do with them is documentRights' canProposeSources and canSetVerdicts.

/** The sources attached to notes that `viewer` may see: those on documents they may read. */
export function readableFootnoteSourcesWhere(viewer: Pick<Viewer, 'id'> | null): Prisma.FootnoteSourceWhereInput {
  return { document: readableDocumentsWhere(viewer) };
}

/** What the viewer may do with sources on a document. */
export type SourceRights = { canProposeSources: boolean; canSetVerdicts: boolean };

/** Returns what `viewer` may do with sources on a document: commenters propose, editors and owners also judge (lib/domain/permissions). */
export function sourceRightsOf(viewer: Pick<Viewer, 'id'> | null, document: { isPublic: boolean; role: Role | null }): SourceRights {
  const { canProposeSources, canSetVerdicts } = documentRightsOf(viewer, document);
  return { canProposeSources, canSetVerdicts };
}
