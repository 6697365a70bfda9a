'use server';

import { revalidatePath } from 'next/cache';
import { citePassage } from '@/lib/dal/evidence';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Cites the passage selected in a source document for a note, with a verdict and a reason; answers with the comparison's address. */
export async function citePassageAction(footnoteSourceId: string, _previous: ActionResult<{ compareHref: string }> | null, form: FormData): Promise<ActionResult<{ compareHref: string }>> {
  return runAction(async () => {
    const field = (name: string) => form.get(name) ?? undefined;
    const cited = await citePassage(await getViewer(), footnoteSourceId, {
      versionNumber: field('versionNumber'),
      start: field('start'),
      end: field('end'),
      verdict: field('verdict'),
      reason: field('reason'),
    });
    for (const path of ['', '/sources', '/report', `/notes/${cited.footnoteNumber}/compare`]) revalidatePath(`/documents/${cited.documentSlug}${path}`);
    return { compareHref: `/documents/${cited.documentSlug}/notes/${cited.footnoteNumber}/compare` };
  });
}
