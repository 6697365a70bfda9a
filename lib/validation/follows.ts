import { z } from '@/lib/zod';

/** Following or unfollowing a thread (any annotation in it), a note, or a document. */
export const followSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('DOCUMENT'), documentSlug: z.string().min(1).max(200), isFollowing: z.boolean() }),
  z.object({ target: z.literal('THREAD'), documentSlug: z.string().min(1).max(200), annotationId: z.uuid('That thread does not exist.'), isFollowing: z.boolean() }),
  z.object({ target: z.literal('NOTE'), documentSlug: z.string().min(1).max(200), footnoteNumber: z.number().int().positive().max(100_000), isFollowing: z.boolean() }),
], { error: 'Say what to follow: a document, a thread or a note.' });

/** A notification to mark read or unread. */
export const notificationReadSchema = z.object({ notificationId: z.uuid('There is no such notification.'), isRead: z.boolean().default(true) });

/** Why an editor hides an annotation, for the moderation review. */
export const hideReasonSchema = z.object({
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
});
