'use server';

import { revalidatePath } from 'next/cache';
import { addDocumentSourceToNote } from '@/lib/dal/evidence';
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
    const chosen = form.get('sourceId');
    if (typeof chosen === 'string' && chosen.startsWith('document:')) {
      await addDocumentSourceToNote(viewer, documentSlug, footnoteNumber, { sourceDocumentId: chosen.slice('document:'.length), verdict: input.verdict });
    } else if (chosen) {
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
