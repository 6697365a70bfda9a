'use server';

import { revalidatePath } from 'next/cache';
import { importAnnotations, MAX_IMPORT_BYTES, type AnnotationImportReport } from '@/lib/dal/annotation-import';
import { getViewer } from '@/lib/dal/viewer';
import { AppError, parseInput, runAction, type ActionResult } from '@/lib/errors';
import { importAnnotationsFormSchema } from '@/lib/validation/annotation-import';

/** Imports the chosen file (or the pasted JSON) onto the document and returns the report. */
export async function importAnnotationsAction(documentSlug: string, _previous: unknown, form: FormData): Promise<ActionResult<AnnotationImportReport>> {
  return runAction(async () => {
    const viewer = await getViewer();
    const { format, pasted } = parseInput(importAnnotationsFormSchema, { format: form.get('format') ?? 'auto', pasted: form.get('pasted') ?? '' });
    const file = form.get('file');
    const hasFile = file instanceof File && file.size > 0;
    if (hasFile && file.size > MAX_IMPORT_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than 10 MB. Split it into smaller files and import each.', { fieldErrors: { file: ['Larger than 10 MB.'] } });
    }
    const content = hasFile ? await file.text() : pasted;
    if (content.trim() === '') {
      throw new AppError('INVALID_INPUT', 'Choose a file or paste its contents first.', { fieldErrors: { file: ['Choose a W3C or Hypothesis JSON file, or paste one below.'] } });
    }
    const report = await importAnnotations(viewer, { documentSlug, content, format });
    revalidatePath(`/documents/${documentSlug}`);
    return report;
  });
}
