'use server';

import { revalidatePath } from 'next/cache';
import { signOffReport, type ReportSignOffEntry } from '@/lib/dal/verification-report';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';

/** Signs off the verification report of the document's newest version. */
export async function signOffReportAction(documentSlug: string): Promise<ActionResult<ReportSignOffEntry>> {
  return runAction(async () => {
    const signed = await signOffReport(await getViewer(), documentSlug);
    revalidatePath(`/documents/${documentSlug}/report`);
    return signed;
  });
}
