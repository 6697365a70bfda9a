'use server';

import { revalidatePath } from 'next/cache';
import { importSources, type SourceImportReport } from '@/lib/dal/source-import';
import { getViewer } from '@/lib/dal/viewer';
import { AppError, runAction, type ActionResult } from '@/lib/errors';
import { MAX_REFERENCE_FILE_CHARACTERS } from '@/lib/validation/source-import';

/** Imports a BibTeX, RIS or CSL-JSON file (chosen or pasted) into the workspace's source library. */
export async function importSourcesAction(workspaceSlug: string, _previous: ActionResult<SourceImportReport> | null, form: FormData): Promise<ActionResult<SourceImportReport>> {
  return runAction(async () => {
    const file = form.get('file');
    let content = form.get('pasted');
    if (file instanceof File && file.size > 0) {
      // A file far over the limit is refused before it is read into memory.
      if (file.size > MAX_REFERENCE_FILE_CHARACTERS * 4) throw new AppError('PAYLOAD_TOO_LARGE', 'Keep the file under 2 MB.');
      content = await file.text();
    }
    const report = await importSources(await getViewer(), workspaceSlug, { content: typeof content === 'string' ? content : '', format: form.get('format') ?? undefined });
    revalidatePath(`/workspaces/${workspaceSlug}/sources`);
    return report;
  });
}
