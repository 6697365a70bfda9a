'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { signOffReportAction } from '@/lib/actions/report';
import type { ReportSignOffEntry } from '@/lib/dal/verification-report';
import type { ActionResult } from '@/lib/errors';

/** `Sign off report`: freezes the report of this version with its SHA-256, who signed and when. */
export function SignOffButton({ documentSlug, versionNumber }: { documentSlug: string; versionNumber: number }) {
  const [result, formAction, isPending] = useActionState(
    (): Promise<ActionResult<ReportSignOffEntry>> => signOffReportAction(documentSlug),
    null as ActionResult<ReportSignOffEntry> | null,
  );
  return (
    <form action={formAction} className="report-sign-off__form">
      <FormAlert message={result && !result.ok ? result.error : null} />
      <button type="submit" className="button button--primary" disabled={isPending}>
        Sign off report of version {versionNumber}
      </button>
    </form>
  );
}
