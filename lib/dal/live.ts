import 'server-only';
import { getDb } from '@/lib/db';
import { visibleAnnotationsWhere } from '@/lib/dal/access/annotations';
import { readableDocumentsWhere } from '@/lib/dal/access/documents';
import { memberWorkspacesWhere } from '@/lib/dal/access/workspaces';
import type { Viewer } from '@/lib/dal/authorization';
import { AppError, parseInput } from '@/lib/errors';
import { countRateLimitedEvent, type RateLimit } from '@/lib/rate-limit';
import { isUuid } from '@/lib/domain/ids';
import { presenceSchema } from '@/lib/validation/presence';

/** What a live stream follows: one document's activity, or a whole workspace's (its feed). */
export type LiveScope = { kind: 'document'; documentId: string; workspaceId: string } | { kind: 'workspace'; workspaceId: string };

/** One Activity row as the live hub reads it back after a notification; never sent to a browser as is. */
export type ActivityRecord = {
  id: bigint;
  workspaceId: string;
  documentId: string | null;
  actorId: string | null;
  kind: string;
  subjectId: string;
  audienceUserId: string | null;
};

/** An activity as a stream sends it: ids and kind only; the browser refetches what changed through normal reads. */
export type LiveEvent = { id: string; kind: string; subjectId: string; isOwn: boolean };

/** Where a stream starts: after `afterId`; `isBehind` when the reader missed too much to replay and must reload instead. */
export type ReplayPlan = { afterId: bigint; isBehind: boolean };

/** A reader of a document right now, as other processes learn of it through `pg_notify('presence', …)`. Holds a user id: server-side only. */
export type PresenceNotice = { documentId: string; tabId: string; userId: string; name: string; sectionSlug: string | null; isLeaving: boolean };

/** More missed events than this and a reconnecting reader is told to reload rather than replayed to. */
export const MAX_REPLAY = 1000;

// A page is rendered from reads made a moment before it stamps `since`, and an Activity row's
// createdAt is its transaction's start, not its commit: start this far back so nothing falls in
// between. Replaying a few events the page already shows costs one refresh and marks nothing new.
const SINCE_MARGIN_MS = 10_000;

/** Returns the stream scope of document `slug` if the viewer may read it, with whether they are a member (members share presence); null otherwise. */
export async function getLiveDocument(viewer: Viewer, slug: string): Promise<{ scope: LiveScope; isMember: boolean } | null> {
  const document = await getDb().document.findFirst({
    where: { AND: [{ slug }, readableDocumentsWhere(viewer)] },
    select: { id: true, workspaceId: true, workspace: { select: { memberships: { where: { userId: viewer.id }, select: { role: true } } } } },
  });
  if (!document) return null;
  return { scope: { kind: 'document', documentId: document.id, workspaceId: document.workspaceId }, isMember: document.workspace.memberships.length > 0 };
}

/** Returns the stream scope of workspace `slug` if the viewer is a member; null otherwise. */
export async function getLiveWorkspace(viewer: Viewer, slug: string): Promise<LiveScope | null> {
  const workspace = await getDb().workspace.findFirst({ where: { AND: [{ slug }, memberWorkspacesWhere(viewer)] }, select: { id: true } });
  return workspace ? { kind: 'workspace', workspaceId: workspace.id } : null;
}

/** Whether the viewer still exists and may still follow `scope` (membership can end while a stream is open). */
export async function canStillFollow(viewer: Viewer, scope: LiveScope): Promise<boolean> {
  const db = getDb();
  const count =
    scope.kind === 'document'
      ? await db.document.count({ where: { AND: [{ id: scope.documentId }, readableDocumentsWhere(viewer)] } })
      : await db.workspace.count({ where: { AND: [{ id: scope.workspaceId }, memberWorkspacesWhere(viewer)] } });
  return count > 0;
}

const scopeWhere = (scope: LiveScope) => (scope.kind === 'document' ? { documentId: scope.documentId } : { workspaceId: scope.workspaceId });

/**
 * Returns up to `limit` activity rows of `scope` after `afterId`, oldest first. Unsafe: no authorization;
 * only the live hub calls it, and every row passes through `filterLiveEvents` before a stream sends it.
 */
export async function unsafeFindActivityAfter(scope: LiveScope, afterId: bigint, limit: number): Promise<ActivityRecord[]> {
  return getDb().activity.findMany({
    where: { ...scopeWhere(scope), id: { gt: afterId } },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, workspaceId: true, documentId: true, actorId: true, kind: true, subjectId: true, audienceUserId: true },
  });
}

/**
 * Decides where a stream starts. With a Last-Event-ID, right after it, unless more than MAX_REPLAY events of the
 * scope followed it or it is not an id this database could have issued (older than the oldest row kept, newer
 * than the newest): then at the head, telling the reader to reload. With only `since` (the page's render time),
 * from a little before it. With neither, at the head.
 */
export async function planReplay(scope: LiveScope, lastEventId: string | null, since: string | null): Promise<ReplayPlan> {
  const db = getDb();
  const head = async () => (await db.activity.findFirst({ where: scopeWhere(scope), orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
  if (lastEventId !== null) {
    if (!/^\d{1,19}$/.test(lastEventId)) return { afterId: await head(), isBehind: true };
    const afterId = BigInt(lastEventId);
    const bounds = await db.activity.aggregate({ _min: { id: true }, _max: { id: true } });
    const isUnknown = afterId > (bounds._max.id ?? 0n) || (bounds._min.id !== null && afterId < bounds._min.id - 1n);
    const missed = isUnknown ? 0 : (await db.activity.findMany({ where: { ...scopeWhere(scope), id: { gt: afterId } }, take: MAX_REPLAY + 1, select: { id: true } })).length;
    return isUnknown || missed > MAX_REPLAY ? { afterId: await head(), isBehind: true } : { afterId, isBehind: false };
  }
  const sinceTime = since ? Date.parse(since) : Number.NaN;
  if (Number.isFinite(sinceTime)) {
    const before = await db.activity.findFirst({
      where: { ...scopeWhere(scope), createdAt: { lt: new Date(sinceTime - SINCE_MARGIN_MS) } },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    const afterId = before?.id ?? 0n;
    const missed = (await db.activity.findMany({ where: { ...scopeWhere(scope), id: { gt: afterId } }, take: MAX_REPLAY + 1, select: { id: true } })).length;
    return missed > MAX_REPLAY ? { afterId: await head(), isBehind: true } : { afterId, isBehind: false };
  }
  return { afterId: await head(), isBehind: false };
}

/**
 * Returns the activities of `records` the viewer may learn of, as stream events, through the same rules as any read:
 * an activity meant for one person (a private note) reaches only them; an annotation's reaches only those who can see
 * that annotation (`visibleAnnotationsWhere`, deleted and hidden ones included, so removals reach everyone who saw
 * them); any other kind reaches those who may still follow the scope. Returns [] when the viewer may no longer follow it.
 */
export function filterLiveEvents(viewer: Viewer, scope: LiveScope, records: ActivityRecord[]): Promise<LiveEvent[]> {
  const key = JSON.stringify([viewer.id, scope, records.map((record) => record.id.toString())]);
  const shared = sharedChecks.get(key);
  if (shared) return shared;
  const check = authorizeLiveEvents(viewer, scope, records);
  sharedChecks.set(key, check);
  const forget = () => void setTimeout(() => sharedChecks.delete(key), SHARED_CHECK_MS).unref();
  check.then(forget, forget);
  return check;
}

// A change reaches every open stream at once, and one person often has several tabs open (50 streams of three
// people are 50 checks of three answers): streams of the same person, scope and batch share one check for a moment.
const SHARED_CHECK_MS = 1_000;
const sharedChecks = new Map<string, Promise<LiveEvent[]>>();

async function authorizeLiveEvents(viewer: Viewer, scope: LiveScope, records: ActivityRecord[]): Promise<LiveEvent[]> {
  const addressed = records.filter((record) => record.audienceUserId === null || record.audienceUserId === viewer.id);
  if (addressed.length === 0 || !(await canStillFollow(viewer, scope))) return [];
  // Annotation ids are UUIDs; anything else cannot name a visible annotation (and must not fail the query for the rest).
  const annotationIds = [...new Set(addressed.filter((record) => record.kind.startsWith('annotation.') && isUuid(record.subjectId)).map((record) => record.subjectId))];
  const visible = new Set(
    annotationIds.length
      ? (
          await getDb().annotation.findMany({
            where: { AND: [{ id: { in: annotationIds } }, visibleAnnotationsWhere(viewer), { document: readableDocumentsWhere(viewer) }] },
            select: { id: true },
          })
        ).map((annotation) => annotation.id)
      : [],
  );
  return addressed
    .filter((record) => !record.kind.startsWith('annotation.') || visible.has(record.subjectId))
    .map((record) => ({ id: record.id.toString(), kind: record.kind, subjectId: record.subjectId, isOwn: record.actorId === viewer.id }));
}

// A tab beats every 15 s and on settling in another section; a reader with several tabs stays far below this.
const PRESENCE_LIMIT: RateLimit = { name: 'presence-user', limit: 120, windowSeconds: 60 };

/**
 * Records that the viewer is reading document `slug` (in a section, or leaving it) by broadcasting it to every app
 * process. Only members of the document's workspace share presence: for another reader it does nothing and returns
 * false. NOT_FOUND when the viewer may not read the document; RATE_LIMITED past 120 a minute.
 */
export async function recordPresence(viewer: Viewer, slug: string, input: unknown): Promise<boolean> {
  const data = parseInput(presenceSchema, input);
  // Every heartbeat is broadcast to every process; a runaway client must not flood them.
  const rate = await countRateLimitedEvent(getDb(), PRESENCE_LIMIT, viewer.id);
  if (rate.isLimited) throw new AppError('RATE_LIMITED', 'Too many presence updates; slow down.', { retryAfterSeconds: rate.retryAfterSeconds });
  const live = await getLiveDocument(viewer, slug);
  if (!live) throw new AppError('NOT_FOUND', 'There is no such document, or it is not shared with you.');
  if (!live.isMember || live.scope.kind !== 'document') return false;
  const notice: PresenceNotice = {
    documentId: live.scope.documentId,
    tabId: data.tabId,
    userId: viewer.id,
    name: viewer.name,
    sectionSlug: data.isLeaving ? null : (data.sectionSlug ?? null),
    isLeaving: data.isLeaving ?? false,
  };
  await getDb().$executeRaw`SELECT pg_notify('presence', ${JSON.stringify(notice)})`;
  return true;
}
