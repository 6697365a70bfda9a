'use client';

import { useActionState, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { FieldShell } from '@/components/ui/field-shell';
import { FormField } from '@/components/ui/form-field';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useReader } from '@/components/reader/reader-state';
import { addSourceAction } from '@/lib/actions/sources';
import type { ActionResult } from '@/lib/errors';
import { SOURCE_KIND_LABELS, VERDICT_LABELS } from '@/lib/format/verdicts';
import { SOURCE_KINDS, VERDICTS } from '@/lib/validation/source-choices';

/** "Add source" under a note: a new source, or one the workspace already has, with a verdict for editors. */
export function AddSourceForm({ footnoteNumber }: { footnoteNumber: number }) {
  const { documentSlug, rights, sourceOptions } = useReader();
  const [isOpen, setIsOpen] = useState(false);
  const [existingSourceId, setExistingSourceId] = useState('');
  const [result, formAction, isPending] = useActionState(async (previous: ActionResult | null, form: FormData) => {
    const outcome = await addSourceAction(documentSlug, footnoteNumber, previous, form);
    if (outcome.ok) {
      setIsOpen(false);
      setExistingSourceId('');
      // The tall form collapses; keep the note, now listing the new source, in view and in focus.
      const panel = document.getElementById(`fn-${footnoteNumber}`);
      panel?.focus({ preventScroll: true });
      panel?.scrollIntoView({ block: 'nearest' });
    }
    return outcome;
  }, null);
  const submit = submitWithoutReset(formAction);
  const id = useId();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const sources = sourceOptions.filter((option) => !option.isDocument);
  const documents = sourceOptions.filter((option) => option.isDocument);
  const isDocument = existingSourceId.startsWith('document:');

  if (!isOpen) {
    return (
      <button type="button" className="button button--small" onClick={() => setIsOpen(true)}>
        Add source
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="form form--compact add-source" aria-label={`Add a source to note ${footnoteNumber}`} noValidate>
      <FormAlert message={result && !result.ok && !result.fieldErrors ? result.error : null} />
      {sourceOptions.length > 0 && (
        <div className="form-field">
          <label htmlFor={`${id}-existing`} className="form-field__label">
            Source
          </label>
          <select id={`${id}-existing`} name="sourceId" className="select" value={existingSourceId} onChange={(event) => setExistingSourceId(event.target.value)}>
            <option value="">A new source</option>
            {sources.length > 0 && (
              <optgroup label="Sources of the workspace">
                {sources.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            )}
            {documents.length > 0 && (
              <optgroup label="Documents of the workspace">
                {documents.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {documents.length > 0 && <p className="form-field__hint">A document of the workspace becomes a source whose passages you can cite.</p>}
        </div>
      )}
      {!existingSourceId && (
        <>
          <div className="form-field">
            <label htmlFor={`${id}-kind`} className="form-field__label">
              Kind
            </label>
            <select id={`${id}-kind`} name="kind" defaultValue="REPORT" className="select">
              {SOURCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {SOURCE_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
          <FormField id={`${id}-title`} label="Title" name="title" required maxLength={300} errors={errors.title} />
          <TextAreaField id={`${id}-authors`} label="Authors" name="authors" rows={2} hint="One per line: Family, Given, or an organisation." errors={errors.authors} />
          <FormField id={`${id}-publisher`} label="Publisher" name="publisher" maxLength={200} errors={errors.publisher} />
          <FormField id={`${id}-issued`} label="Published" name="issued" placeholder="2016-05-17" hint="Year, year-month or full date." errors={errors.issued} />
          <FormField id={`${id}-url`} label="Web address" name="url" type="url" inputMode="url" placeholder="https://" errors={errors.url} />
          <FormField id={`${id}-archive`} label="Archived copy" name="archiveUrl" type="url" inputMode="url" placeholder="https://web.archive.org/…" errors={errors.archiveUrl} />
          <FormField id={`${id}-accessed`} label="Accessed on" name="accessedOn" type="date" errors={errors.accessedOn} />
        </>
      )}
      {!isDocument && (
        <TextAreaField
          id={`${id}-evidence`}
          label="Evidence"
          name="evidenceQuote"
          rows={3}
          maxLength={2000}
          hint="Quote the passage of the source that bears on the claim."
          errors={errors.evidenceQuote}
        />
      )}
      {rights.canSetVerdicts ? (
        <FieldShell id={`${id}-verdict`} label="Verdict" errors={errors.verdict}>
          {(aria) => (
            <select id={`${id}-verdict`} name="verdict" defaultValue="UNVERIFIED" className="select" {...aria}>
              {VERDICTS.map((verdict) => (
                <option key={verdict} value={verdict}>
                  {VERDICT_LABELS[verdict]}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      ) : (
        <p className="form-field__hint">Your source is added as not yet checked; an editor gives the verdict.</p>
      )}
      {errors.sourceId && <p className="form-field__error">{errors.sourceId.join(' ')}</p>}
      {errors.sourceDocumentId && <p className="form-field__error">{errors.sourceDocumentId.join(' ')}</p>}
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          {isPending ? 'Saving…' : 'Save source'}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => setIsOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
