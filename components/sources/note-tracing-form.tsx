'use client';

import { useActionState, useId } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { setNoteTracingAction } from '@/lib/actions/tracing';
import { TRACING_STATUSES, TRACING_STATUS_LABELS, type TracingStatusName } from '@/lib/domain/tracing';
import type { ActionResult } from '@/lib/errors';

type NoteTracingFormProps = {
  documentSlug: string;
  footnoteNumber: number;
  status: TracingStatusName;
  assigneeId: string | null;
  members: Array<{ id: string; name: string }>;
  canVerify: boolean;
};

/** A note's status and assignee on the desk, saved together. */
export function NoteTracingForm({ documentSlug, footnoteNumber, status, assigneeId, members, canVerify }: NoteTracingFormProps) {
  const [result, formAction, isPending] = useActionState(
    (previous: ActionResult | null, form: FormData) => setNoteTracingAction(documentSlug, footnoteNumber, previous, form),
    null,
  );
  const submit = submitWithoutReset(formAction);
  const id = useId();
  // A live refresh brings a newer status or assignee: the key makes the selects show it rather than the old choice.
  return (
    <form key={`${status}:${assigneeId}`} onSubmit={submit} className="note-tracing" aria-label={`Tracing of note ${footnoteNumber}`}>
      <FormAlert message={result && !result.ok ? result.error : null} />
      <label htmlFor={`${id}-status`} className="note-tracing__label">
        Status<span className="visually-hidden"> of note {footnoteNumber}</span>
      </label>
      <select id={`${id}-status`} name="status" defaultValue={status} className="select">
        {TRACING_STATUSES.map((choice) => (
          <option key={choice} value={choice} disabled={choice === 'VERIFIED' && !canVerify && status !== 'VERIFIED'}>
            {TRACING_STATUS_LABELS[choice]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-assignee`} className="note-tracing__label">
        Assignee<span className="visually-hidden"> of note {footnoteNumber}</span>
      </label>
      <select id={`${id}-assignee`} name="assigneeId" defaultValue={assigneeId ?? ''} className="select">
        <option value="">Nobody</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={isPending} aria-label={`Save tracing of note ${footnoteNumber}`}>
        {isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
