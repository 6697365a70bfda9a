'use server';

import { revalidatePath } from 'next/cache';
import { updateHighlightColouring } from '@/lib/dal/reader-preferences';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Remembers what the viewer has highlights coloured by (tag, author or none) and redraws the documents they read. */
export async function updateHighlightColouringAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await updateHighlightColouring(await getViewer(), { colouring: form.get('colouring') });
    revalidatePath('/documents/[documentSlug]', 'page');
  });
}
