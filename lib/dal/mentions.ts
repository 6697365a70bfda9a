import 'server-only';
import { getDb } from '@/lib/db';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import type { Viewer } from '@/lib/dal/authorization';
import { AppError } from '@/lib/errors';
import { mentionedUserIds, mentionsAsText, renameMentions } from '@/lib/domain/mentions';

/** A person a comment may mention: their id (the reference stored) and current name. */
export type MentionSuggestion = { id: string; name: string };

const MAX_SUGGESTIONS = 8;

/**
 * Returns the members of the document's workspace who can read it and whose name matches `typed` (a word of it
 * starting with it first, then any containing it), for the `@` listbox of a comment field. Members only: someone
 * who cannot comment in the workspace has no one to mention. NOT_FOUND when the viewer may not read the document.
 */
export async function findMentionSuggestions(viewer: Viewer | null, documentSlug: string, typed: string): Promise<MentionSuggestion[]> {
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to mention people.');
  const db = getDb();
  const document = await db.document.findFirst({
    where: { AND: [{ slug: documentSlug }, readableDocumentsWhere(viewer)] },
    select: { id: true, workspaceId: true, workspace: { select: { memberships: { where: { userId: viewer.id }, select: { id: true } } } } },
  });
  if (!document) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  if (document.workspace.memberships.length === 0) return [];
  const query = typed.slice(0, 100).trim().toLocaleLowerCase('en');
  const members = await db.user.findMany({
    where: {
      memberships: { some: { workspaceId: document.workspaceId } },
      ...(query ? { name: { contains: query, mode: 'insensitive' as const } } : {}),
    },
    orderBy: { name: 'asc' },
    take: 200,
    select: { id: true, name: true },
  });
  // The same rule as every read: only the members who can read this document.
  const readers = await Promise.all(members.map(async (member) => ((await db.document.count({ where: { AND: [{ id: document.id }, readableDocumentsWhere(member)] } })) > 0 ? member : null)));
  const closeness = (name: string) => {
    const lower = name.toLocaleLowerCase('en');
    return lower.startsWith(query) ? 0 : lower.split(/\s+/u).some((part) => part.startsWith(query)) ? 1 : 2;
  };
  return readers
    .filter((member) => member !== null && member.id !== viewer.id)
    .map((member) => member as MentionSuggestion)
    .sort((a, b) => closeness(a.name) - closeness(b.name) || a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS);
}

/** Returns the current name of each person the `texts` mention (id → name), to put into their mentions. */
export async function currentMentionNames(texts: Iterable<string | null | undefined>): Promise<ReadonlyMap<string, string>> {
  const ids = new Set<string>();
  for (const text of texts) if (text) for (const id of mentionedUserIds(text)) ids.add(id);
  if (ids.size === 0) return new Map();
  const people = await getDb().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(people.map((person) => [person.id, person.name]));
}

/** Returns `items` with every mention in their `body` showing its person's current name (a mention is stored by id). */
export async function withCurrentMentionNames<T extends { body: string }>(items: T[]): Promise<T[]> {
  const names = await currentMentionNames(items.map((item) => item.body));
  if (names.size === 0) return items;
  return items.map((item) => ({ ...item, body: renameMentions(item.body, names) }));
}

/** Returns `texts` (verdict reasons, notification summaries) with each mention as plain "@Name", by current name. */
export async function withCurrentMentionText<T extends string | null>(texts: T[]): Promise<T[]> {
  const names = await currentMentionNames(texts);
  return texts.map((text) => (text === null ? text : (mentionsAsText(renameMentions(text, names)) as T)));
}
