import 'server-only';
import { getDb } from '@/lib/db';
import type { Viewer } from '@/lib/dal/authorization';
import { documentKey, followForTakingPart, noteKey, threadKey, unsafeFollowersOf } from '@/lib/dal/follows';
import { recordNotifications, type NotificationItem } from '@/lib/dal/notifications';
import { plainExcerptKeepingMentions } from '@/lib/domain/excerpts';
import { mentionedUserIds } from '@/lib/domain/mentions';

// What each change tells whom. Each runs after its change is stored, and a failure here is logged, never thrown: a
// reply is kept even when telling people of it failed. Candidates come from follows and mentions; recordNotifications
// holds every one of them to the read rules. Excerpts keep their mentions as references, so the inbox and mail name
// each person as they are called when read.

const EXCERPT_LENGTH = 140;

async function quietly(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`[notifications] Could not notify of ${what}:`, error);
  }
}

const annotationHref = (slug: string, id: string) => `/documents/${encodeURIComponent(slug)}?thread=${id}#annotation-${id}`;
const noteHref = (slug: string, footnoteNumber: number) => `/documents/${encodeURIComponent(slug)}#fn-${footnoteNumber}`;

async function findAnnotation(annotationId: string) {
  return getDb().annotation.findUnique({
    where: { id: annotationId },
    select: { id: true, rootId: true, parentId: true, authorId: true, body: true, documentId: true, document: { select: { slug: true, title: true, workspaceId: true } } },
  });
}

/**
 * After `actor` wrote an annotation, a reply or a section comment (or edited one: `previousBody`): they follow its
 * thread; the people it newly mentions hear of it; for a reply, the thread's and the document's followers hear of it.
 */
export async function notifyAnnotationWritten(actor: Viewer, annotationId: string, previousBody: string | null = null): Promise<void> {
  await quietly('an annotation', async () => {
    const db = getDb();
    const annotation = await findAnnotation(annotationId);
    if (!annotation) return;
    const { document } = annotation;
    const rootId = annotation.rootId ?? annotation.id;
    await followForTakingPart(db, actor.id, annotation.documentId, threadKey(rootId));
    const excerpt = plainExcerptKeepingMentions(annotation.body, EXCERPT_LENGTH);
    const item = { actorId: actor.id, workspaceId: document.workspaceId, documentId: annotation.documentId, annotationId, href: annotationHref(document.slug, annotationId) };
    const before = new Set(previousBody === null ? [] : mentionedUserIds(previousBody));
    const mentioned = mentionedUserIds(annotation.body).filter((id) => !before.has(id));
    const told = await recordNotifications(db, mentioned, { ...item, kind: 'MENTION', summary: `${actor.name} mentioned you on “${document.title}”: ${excerpt}` });
    if (annotation.parentId === null || previousBody !== null) return;
    const followers = await unsafeFollowersOf(db, [threadKey(rootId), documentKey(annotation.documentId)]);
    await recordNotifications(
      db,
      followers.filter((id) => !told.includes(id)),
      { ...item, kind: 'REPLY', summary: `${actor.name} replied in a thread on “${document.title}”: ${excerpt}` },
    );
  });
}

/**
 * After `actor` started a thread (an annotation, section comment or page note stored with authorFollowsNewThreads,
 * so they follow it already): only the people its comment mentions hear of it, and a comment that mentions nobody
 * costs nothing more. Nobody follows a thread before it exists, so there are no followers to tell.
 */
export async function notifyThreadStarted(actor: Viewer, annotationId: string, body: string): Promise<void> {
  if (mentionedUserIds(body).length === 0) return;
  await notifyAnnotationWritten(actor, annotationId);
}

/** After `actor` resolved or reopened the thread of `rootId`: its followers and the document's hear of it. */
export async function notifyThreadStatus(actor: Viewer, rootId: string, isResolved: boolean): Promise<void> {
  await quietly('a thread status', async () => {
    const db = getDb();
    const annotation = await findAnnotation(rootId);
    if (!annotation) return;
    const followers = await unsafeFollowersOf(db, [threadKey(rootId), documentKey(annotation.documentId)]);
    const excerpt = plainExcerptKeepingMentions(annotation.body, EXCERPT_LENGTH);
    await recordNotifications(db, followers, {
      kind: isResolved ? 'THREAD_RESOLVED' : 'THREAD_REOPENED',
      actorId: actor.id,
      workspaceId: annotation.document.workspaceId,
      documentId: annotation.documentId,
      annotationId: rootId,
      summary: `${actor.name} ${isResolved ? 'resolved' : 'reopened'} a thread on “${annotation.document.title}”${excerpt ? `: ${excerpt}` : ''}`,
      href: annotationHref(annotation.document.slug, rootId),
    });
  });
}

/** After an editor hid or unhid an annotation: its author hears of it, with the reason given. */
export async function notifyModeration(actor: Viewer, annotationId: string, isHidden: boolean, reason: string | null): Promise<void> {
  await quietly('a moderation', async () => {
    const annotation = await findAnnotation(annotationId);
    if (!annotation) return;
    await recordNotifications(getDb(), [annotation.authorId], {
      kind: isHidden ? 'ANNOTATION_HIDDEN' : 'ANNOTATION_UNHIDDEN',
      actorId: actor.id,
      workspaceId: annotation.document.workspaceId,
      documentId: annotation.documentId,
      annotationId,
      summary: `${actor.name} ${isHidden ? 'hid' : 'showed again'} your annotation on “${annotation.document.title}”${reason ? `: ${reason}` : '.'}`,
      href: annotationHref(annotation.document.slug, annotationId),
    });
  });
}

/** A change to a note: its status, its assignee, or a verdict on one of its sources. */
export type NoteChange =
  | { kind: 'status'; status: string }
  | { kind: 'assigned'; assigneeId: string }
  | { kind: 'verdict'; verdict: string; sourceTitle: string; reason: string | null };

/**
 * After `actor` changed note `footnoteNumber` of a document: they follow the note (tracing it); an assignee follows
 * it and hears of the assignment; the note's and the document's followers hear of status and verdict changes.
 */
export async function notifyNoteChanged(actor: Viewer, documentId: string, footnoteNumber: number, change: NoteChange): Promise<void> {
  await quietly('a note change', async () => {
    const db = getDb();
    const document = await db.document.findUnique({ where: { id: documentId }, select: { slug: true, title: true, workspaceId: true } });
    if (!document) return;
    const key = noteKey(documentId, footnoteNumber);
    await followForTakingPart(db, actor.id, documentId, key);
    const item = { actorId: actor.id, workspaceId: document.workspaceId, documentId, annotationId: null, href: noteHref(document.slug, footnoteNumber) };
    const note = `note ${footnoteNumber} of “${document.title}”`;
    if (change.kind === 'assigned') {
      await followForTakingPart(db, change.assigneeId, documentId, key);
      await recordNotifications(db, [change.assigneeId], { ...item, kind: 'NOTE_ASSIGNED', summary: `${actor.name} assigned you ${note}.` });
      return;
    }
    const mentioned = change.kind === 'verdict' && change.reason ? mentionedUserIds(change.reason) : [];
    const told = await recordNotifications(db, mentioned, { ...item, kind: 'MENTION', summary: `${actor.name} mentioned you on ${note}: ${plainExcerptKeepingMentions(change.kind === 'verdict' ? (change.reason ?? '') : '', EXCERPT_LENGTH)}` });
    const followers = (await unsafeFollowersOf(db, [key, documentKey(documentId)])).filter((id) => !told.includes(id));
    const entry: Omit<NotificationItem, 'summary' | 'kind'> = item;
    await recordNotifications(
      db,
      followers,
      change.kind === 'status'
        ? { ...entry, kind: 'NOTE_STATUS_CHANGED', summary: `${actor.name} marked ${note} ${change.status.toLowerCase().replace('_', ' ')}.` }
        : { ...entry, kind: 'VERDICT_CHANGED', summary: `${actor.name} set the verdict on “${change.sourceTitle}” for ${note} to ${change.verdict.toLowerCase().replace('_', ' ')}.` },
    );
  });
}

/** After `newcomer` joined a workspace with an invite: whoever made the invite hears of it. */
export async function notifyInviteAccepted(newcomer: Viewer, inviteId: string): Promise<void> {
  await quietly('an accepted invite', async () => {
    const invite = await getDb().invite.findUnique({ where: { id: inviteId }, select: { createdById: true, workspace: { select: { id: true, name: true, slug: true } } } });
    if (!invite) return;
    await recordNotifications(getDb(), [invite.createdById], {
      kind: 'INVITE_ACCEPTED',
      actorId: newcomer.id,
      workspaceId: invite.workspace.id,
      documentId: null,
      annotationId: null,
      summary: `${newcomer.name} joined “${invite.workspace.name}” with your invite.`,
      href: `/workspaces/${encodeURIComponent(invite.workspace.slug)}`,
    });
  });
}
