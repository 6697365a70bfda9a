'use server';

import { revalidatePath } from 'next/cache';
import { addSourceToNote, attachExistingSource, setVerdict } from '@/lib/dal/sources';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

const SOURCE_FIELDS = ['kind', 'title', 'authors', 'publisher', 'issued', 'url', 'archiveUrl', 'accessedOn', 'evidenceQuote', 'verdict'] as const;

function revalidateDocument(documentSlug: string) {
  revalidatePath(`/documents/${documentSlug}`);
  revalidatePath(`/documents/${documentSlug}/sources`);
}

/** Adds a new source to a note from the panel's form. */
export async function addSourceAction(documentSlug: string, footnoteNumber: number, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = Object.fromEntries(SOURCE_FIELDS.map((field) => [field, form.get(field) ?? undefined]));
    const viewer = await getViewer();
    if (form.get('sourceId')) {
      await attachExistingSource(viewer, documentSlug, footnoteNumber, { sourceId: form.get('sourceId'), verdict: input.verdict, evidenceQuote: input.evidenceQuote });
    } else {
      await addSourceToNote(viewer, documentSlug, footnoteNumber, input);
    }
    revalidateDocument(documentSlug);
  });
}

/** Records a new verdict on a source attached to a note. */
export async function setVerdictAction(documentSlug: string, footnoteSourceId: string, _previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await setVerdict(await getViewer(), footnoteSourceId, {
      verdict: form.get('verdict'),
      evidenceQuote: form.get('evidenceQuote') ?? undefined,
      comment: form.get('comment') ?? undefined,
    });
    revalidateDocument(documentSlug);
  });
}
