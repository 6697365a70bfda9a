'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useId, useState, type FormEvent } from 'react';
import { readSelection } from '@/components/annotations/selection-offsets';
import { FormAlert } from '@/components/ui/form-alert';
import { citePassageAction } from '@/lib/actions/evidence';
import type { CitingRequest } from '@/lib/dal/evidence';
import type { ActionResult } from '@/lib/errors';
import { VERDICT_LABELS } from '@/lib/format/verdicts';
import { VERDICTS } from '@/lib/validation/source-choices';

type Selected = { start: number; end: number; quote: string };

/**
 * The reader in citing mode: a bar that asks the person to select the passage of this source document that bears
 * on a note of another document, keeps the last passage selected (focusing the form's fields would clear the
 * browser's selection), and cites it with a verdict and a reason.
 */
export function CitingBar({ request, versionNumber }: { request: CitingRequest; versionNumber: number }) {
  const router = useRouter();
  const id = useId();
  const [selected, setSelected] = useState<Selected | null>(null);
  const [selectionProblem, setSelectionProblem] = useState<string | null>(null);
  const [result, formAction, isPending] = useActionState(async (previous: ActionResult<{ compareHref: string }> | null, form: FormData) => {
    const outcome = await citePassageAction(request.footnoteSourceId, previous, form);
    if (outcome.ok) router.push(outcome.value.compareHref);
    return outcome;
  }, null);

  useEffect(() => {
    const root = document.querySelector('article.reader');
    if (!root) return;
    const onSelectionChange = () => {
      const selection = readSelection(root);
      if (!selection) return;
      if (selection.ok) {
        setSelected({ start: selection.start, end: selection.end, quote: selection.quote });
        setSelectionProblem(null);
      } else setSelectionProblem(selection.reason);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!selected) {
      setSelectionProblem('Select the passage in the text first.');
      return;
    }
    const form = new FormData(event.currentTarget);
    form.set('start', String(selected.start));
    form.set('end', String(selected.end));
    form.set('versionNumber', String(versionNumber));
    startTransition(() => formAction(form));
  };
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const note = `note ${request.footnoteNumber} of ${request.citingDocumentTitle}`;
  return (
    <section className="citing-bar" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="citing-bar__heading">
        Citing a passage for {note}
      </h2>
      <p className="citing-bar__hint">Select the passage of “{request.sourceTitle}” that bears on the claim, then cite it.</p>
      <form onSubmit={submit} className="citing-bar__form" aria-label={`Cite a passage for ${note}`} noValidate>
        <FormAlert message={result && !result.ok && !result.fieldErrors ? result.error : null} />
        <p className="citing-bar__selected" aria-live="polite">
          {selected ? (
            <>
              Selected: <q>{selected.quote.length > 300 ? `${selected.quote.slice(0, 300)}…` : selected.quote}</q>
            </>
          ) : (
            'No passage selected yet.'
          )}
        </p>
        {(selectionProblem || errors.selection) && <p className="form-field__error">{selectionProblem ?? errors.selection?.join(' ')}</p>}
        <div className="citing-bar__fields">
          {request.canSetVerdicts && (
            <div className="form-field">
              <label htmlFor={`${id}-verdict`} className="form-field__label">
                Verdict
              </label>
              <select id={`${id}-verdict`} name="verdict" defaultValue={request.verdict} className="select">
                {VERDICTS.map((verdict) => (
                  <option key={verdict} value={verdict}>
                    {VERDICT_LABELS[verdict]}
                  </option>
                ))}
              </select>
              {errors.verdict && <p className="form-field__error">{errors.verdict.join(' ')}</p>}
            </div>
          )}
          <div className="form-field citing-bar__reason">
            <label htmlFor={`${id}-reason`} className="form-field__label">
              Reason
            </label>
            <input id={`${id}-reason`} name="reason" className="form-field__input" maxLength={1000} />
            {errors.reason && <p className="form-field__error">{errors.reason.join(' ')}</p>}
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary button--small" disabled={isPending}>
            {isPending ? 'Citing…' : 'Cite this passage'}
          </button>
          <Link className="button button--small button--quiet" href={`/documents/${request.citingDocumentSlug}/sources`}>
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
