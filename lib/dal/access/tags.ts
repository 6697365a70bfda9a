import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DatabaseClient } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import { MAX_SHARED_TAGS } from '@/lib/domain/tags';
import { AppError } from '@/lib/errors';

/**
 * The one rule for which tags of a workspace's vocabulary a person sees, for every read of tags (the tags page, a
 * tag's page, suggestions, editing the vocabulary). A member sees the shared tags, and a private tag (one used so
 * far only on private notes) only if they first used it or carry it on an annotation of their own. Nobody else
 * sees any: tags on annotations reach other readers only with annotations they may see.
 */
export function visibleTagsWhere(viewer: Pick<Viewer, 'id'>, workspaceId: string): Prisma.TagWhereInput {
  return {
    workspaceId,
    workspace: memberWorkspacesWhere(viewer),
    OR: [{ isShared: true }, { createdById: viewer.id }, { annotations: { some: { annotation: { authorId: viewer.id } } } }],
  };
}

/**
 * Refuses (INVALID_INPUT, with a message for the tags field) a write that would take the workspace's shared
 * vocabulary past MAX_SHARED_TAGS: `names` are the normalised tags about to be used on shared annotations. Private
 * tags do not count. For the data layer's writes, inside or before the transaction that shares the tags.
 */
export async function assertVocabularyRoom(db: DatabaseClient, workspaceId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const [counts] = await db.$queryRaw<Array<{ shared: number; alreadyShared: number }>>`
    SELECT count(*)::int AS shared, count(*) FILTER (WHERE "name" = ANY(${[...names]}::text[]))::int AS "alreadyShared"
    FROM "Tag" WHERE "workspaceId" = ${workspaceId}::uuid AND "isShared"`;
  refuseVocabularyOverflow({ shared: counts?.shared ?? 0, alreadyShared: counts?.alreadyShared ?? 0 }, names);
}

/** How full a workspace's shared vocabulary is, and how many of the names a write uses are in it already. */
export type VocabularyCounts = { shared: number; alreadyShared: number };

/** assertVocabularyRoom's rule on counts a write has already read (see requireWritableDocument): throws INVALID_INPUT. */
export function refuseVocabularyOverflow(counts: VocabularyCounts, names: readonly string[]): void {
  const adding = names.length - counts.alreadyShared;
  if (adding > 0 && counts.shared + adding > MAX_SHARED_TAGS) {
    const message = vocabularyFullMessage(counts.shared, adding);
    throw new AppError('INVALID_INPUT', message, { fieldErrors: { tags: [message] } });
  }
}

/** The message a write over the vocabulary limit gets: how full it is and what to do instead. */
export function vocabularyFullMessage(shared: number, adding: number): string {
  const room = Math.max(0, MAX_SHARED_TAGS - shared);
  return (
    `This workspace’s vocabulary has ${shared.toLocaleString('en')} shared tags, and at most ${MAX_SHARED_TAGS.toLocaleString('en')} are allowed; ` +
    `this would add ${adding.toLocaleString('en')} new ${adding === 1 ? 'one' : 'ones'}${room > 0 ? ` where ${room.toLocaleString('en')} fit` : ''}. ` +
    'Use tags the vocabulary already has, or ask an editor to merge some.'
  );
}

/** Makes the workspace's tags `names` shared, because they were just used on a shared annotation. Not authorized: for the data layer's writes. */
export async function unsafeShareTags(db: DatabaseClient, workspaceId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await db.tag.updateMany({ where: { workspaceId, name: { in: [...names] }, isShared: false }, data: { isShared: true } });
}
