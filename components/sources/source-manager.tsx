'use client';

import { useActionState, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { TextAreaField } from '@/components/ui/text-area-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { deleteSourceAction, editEvidenceAction, editSourceAction } from '@/lib/actions/tracing';
import type { DeskSource } from '@/lib/dal/verification-desk';
import type { ActionResult } from '@/lib/errors';
import { SOURCE_KIND_LABELS } from '@/lib/format/verdicts';
import { SOURCE_KINDS } from '@/lib/validation/source-choices';

type Mode = 'idle' | 'edit' | 'evidence' | 'delete';

/** An editor's tools for one source under a note: `Edit source`, `Edit evidence` and `Delete source` with its confirmation. */
export function SourceManager({ documentSlug, source }: { documentSlug: string; source: DeskSource }) {
  const [mode, setMode] = useState<Mode>('idle');
  const close = () => setMode('idle');
  if (mode === 'edit') return <EditSourceForm documentSlug={documentSlug} source={source} onDone={close} />;
  if (mode === 'evidence') return <EditEvidenceForm documentSlug={documentSlug} source={source} onDone={close} />;
  if (mode === 'delete') return <DeleteSourceForm documentSlug={documentSlug} source={source} onDone={close} />;
  return (
    <div className="button-row source-manager">
      <button type="button" className="button button--small" onClick={() => setMode('edit')}>
        Edit source
      </button>
      <button type="button" className="button button--small" onClick={() => setMode('evidence')}>
        Edit evidence
      </button>
      <button type="button" className="button button--small button--danger" onClick={() => setMode('delete')}>
        Delete source
      </button>
    </div>
  );
}

function useSourceAction(action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>, onDone: () => void) {
  const [result, formAction, isPending] = useActionState(async (previous: ActionResult | null, form: FormData) => {
    const outcome = await action(previous, form);
    if (outcome.ok) onDone();
    return outcome;
  }, null);
  return { result, submit: submitWithoutReset(formAction), isPending, errors: result && !result.ok ? (result.fieldErrors ?? {}) : {} };
}

function EditSourceForm({ documentSlug, source, onDone }: { documentSlug: string; source: DeskSource; onDone: () => void }) {
  const { result, submit, isPending, errors } = useSourceAction((previous, form) => editSourceAction(documentSlug, source.sourceId, previous, form), onDone);
  const id = useId();
  return (
    <form onSubmit={submit} className="form form--compact" aria-label={`Edit source ${source.title}`} noValidate>
      <FormAlert message={result && !result.ok && !result.fieldErrors ? result.error : null} />
      <div className="form-field">
        <label htmlFor={`${id}-kind`} className="form-field__label">
          Kind
        </label>
        <select id={`${id}-kind`} name="kind" defaultValue={source.kind} className="select">
          {SOURCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {SOURCE_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <FormField id={`${id}-title`} label="Title" name="title" defaultValue={source.title} required maxLength={300} errors={errors.title} />
      <TextAreaField id={`${id}-authors`} label="Authors" name="authors" rows={2} defaultValue={source.authors.join('\n')} hint="One per line: Family, Given, or an organisation." errors={errors.authors} />
      <FormField id={`${id}-publisher`} label="Publisher" name="publisher" defaultValue={source.publisher ?? ''} maxLength={200} errors={errors.publisher} />
      <FormField id={`${id}-container`} label="Journal or site" name="containerTitle" defaultValue={source.containerTitle ?? ''} maxLength={300} errors={errors.containerTitle} />
      <FormField id={`${id}-issued`} label="Published" name="issued" defaultValue={source.issued ?? ''} hint="Year, year-month or full date." errors={errors.issued} />
      <FormField id={`${id}-doi`} label="DOI" name="doi" defaultValue={source.doi ?? ''} errors={errors.doi} />
      <FormField id={`${id}-url`} label="Web address" name="url" type="url" defaultValue={source.url ?? ''} errors={errors.url} />
      <FormField id={`${id}-archive`} label="Archived copy" name="archiveUrl" type="url" defaultValue={source.archiveUrl ?? ''} errors={errors.archiveUrl} />
      <FormField id={`${id}-accessed`} label="Accessed on" name="accessedOn" type="date" defaultValue={source.accessedOn ?? ''} errors={errors.accessedOn} />
      <FormField id={`${id}-reason`} label="Reason for the change" name="reason" maxLength={1000} errors={errors.reason} />
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Save source
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditEvidenceForm({ documentSlug, source, onDone }: { documentSlug: string; source: DeskSource; onDone: () => void }) {
  const { result, submit, isPending, errors } = useSourceAction((previous, form) => editEvidenceAction(documentSlug, source.id, previous, form), onDone);
  const id = useId();
  return (
    <form onSubmit={submit} className="form form--compact" aria-label={`Edit evidence from ${source.title}`} noValidate>
      <FormAlert message={result && !result.ok && !result.fieldErrors ? result.error : null} />
      <TextAreaField id={`${id}-evidence`} label="Evidence" name="evidenceQuote" rows={3} maxLength={2000} defaultValue={source.evidenceQuote ?? ''} errors={errors.evidenceQuote} />
      <FormField id={`${id}-reason`} label="Reason for the change" name="reason" maxLength={1000} errors={errors.reason} />
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Save evidence
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeleteSourceForm({ documentSlug, source, onDone }: { documentSlug: string; source: DeskSource; onDone: () => void }) {
  const { result, submit, isPending, errors } = useSourceAction((previous, form) => deleteSourceAction(documentSlug, source.sourceId, previous, form), onDone);
  const id = useId();
  const uses = source.uses.map((use) => (use.isThisDocument ? `note ${use.footnoteNumber}` : `note ${use.footnoteNumber} of ${use.documentTitle}`));
  return (
    <form onSubmit={submit} className="form form--compact source-delete" aria-label={`Delete source ${source.title}`} noValidate>
      <FormAlert message={result && !result.ok && !result.fieldErrors ? result.error : null} />
      <p id={`${id}-uses`}>
        Delete “{source.title}”? It is used by {uses.length ? uses.join(', ') : 'no note'}. Each note keeps its verdict history.
      </p>
      <FormField id={`${id}-reason`} label="Reason for deleting" name="reason" maxLength={1000} errors={errors.reason} />
      <div className="button-row">
        <button type="submit" className="button button--danger button--small" disabled={isPending} aria-describedby={`${id}-uses`}>
          Confirm delete
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
