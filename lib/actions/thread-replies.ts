'use server';

import { createElement, type ReactNode } from 'react';
import { ReplyItems } from '@/components/annotations/annotation-threads';
import { findThreadReplyPage } from '@/lib/dal/thread-replies';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** The next page of a long thread's replies, rendered as the thread renders them, and how many are left after it. */
export async function showMoreRepliesAction(documentSlug: string, input: unknown): Promise<ActionResult<{ replies: ReactNode; count: number; remaining: number }>> {
  return runAction(async () => {
    const page = await findThreadReplyPage(await getViewer(), documentSlug, input);
    return { replies: createElement(ReplyItems, { replies: page.replies, documentSlug }), count: page.replies.length, remaining: page.remaining };
  });
}
