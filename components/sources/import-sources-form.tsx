'use client';

import { useActionState, useId } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { TextAreaField } from '@/components/ui/text-area-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { importSourcesAction } from '@/lib/actions/source-import';
import type { SourceImportReport } from '@/lib/dal/source-import';
import type { ActionResult } from '@/lib/errors';

/** Import references from a BibTeX, RIS or CSL-JSON file, with a report of what came in and what was refused. */
export function ImportSourcesForm({ workspaceSlug }: { workspaceSlug: string }) {
  const [result, formAction, isPending] = useActionState(
    (previous: ActionResult<SourceImportReport> | null, form: FormData) => importSourcesAction(workspaceSlug, previous, form),
    null,
  );
  const submit = submitWithoutReset(formAction);
  const id = useId();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={submit} className="form" aria-label="Import references" noValidate>
      <FormAlert message={result && !result.ok ? result.error : null} />
      <div className="form-field">
        <label htmlFor={`${id}-file`} className="form-field__label">
          Reference file
        </label>
        <input id={`${id}-file`} name="file" type="file" accept=".bib,.bibtex,.ris,.json,application/json,text/plain" className="form-field__input" />
      </div>
      <TextAreaField id={`${id}-pasted`} label="Or paste references" name="pasted" rows={6} errors={errors.content} />
      <div className="form-field">
        <label htmlFor={`${id}-format`} className="form-field__label">
          Format
        </label>
        <select id={`${id}-format`} name="format" defaultValue="" className="select">
          <option value="">Detect</option>
          <option value="bibtex">BibTeX</option>
          <option value="ris">RIS</option>
          <option value="csl-json">CSL-JSON</option>
        </select>
      </div>
      <button type="submit" className="button button--primary" disabled={isPending}>
        {isPending ? 'Importing…' : 'Import references'}
      </button>
      {result?.ok && (
        <div role="status" className="import-report">
          <p>
            {result.value.format}: {result.value.imported} imported, {result.value.merged} merged into sources the library had.
          </p>
          {result.value.problems.length > 0 && (
            <ul aria-label="Entries not imported">
              {result.value.problems.map((problem) => (
                <li key={problem.name}>
                  <strong>{problem.name}</strong>: {problem.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
