'use client';

import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { createAnnotationLinkAction } from '@/lib/actions/annotation-links';
import type { LinkCandidate } from '@/lib/dal/annotation-links';
import { LINK_KIND_NAMES, LINK_KINDS } from '@/lib/domain/annotation-links';

type Scope = 'document' | 'workspace';

const SEARCH_DELAY_MS = 200;

/**
 * The Link… form under a card: a link type, a search over the annotations of this document or of the whole
 * workspace (only those the person may see come back), the annotation chosen, and an optional reason.
 */
export function AnnotationLinkForm({ documentSlug, annotationId, onDone }: { documentSlug: string; annotationId: string; onDone: () => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<Scope>('document');
  const [candidates, setCandidates] = useState<LinkCandidate[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const kindField = useRef<HTMLSelectElement>(null);

  // The form opens where the person pressed Link…; the first choice takes the focus so a keyboard can go on.
  useEffect(() => kindField.current?.focus(), []);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const search = new URLSearchParams({ q: query, scope, exclude: annotationId });
      fetch(`/documents/${encodeURIComponent(documentSlug)}/link-candidates?${search.toString()}`, { signal: controller.signal })
        .then(async (response) => {
          const answer = (await response.json()) as { candidates?: LinkCandidate[]; error?: string };
          if (!response.ok) throw new Error(answer.error ?? 'The search did not work; try again.');
          setCandidates(answer.candidates ?? []);
        })
        .catch((failure: unknown) => {
          if (!controller.signal.aborted) setError(failure instanceof Error ? failure.message : 'The search did not work; try again.');
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [documentSlug, annotationId, query, scope]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!chosen) {
      setError('Choose the annotation to link to.');
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await createAnnotationLinkAction(documentSlug, { fromId: annotationId, toId: chosen, kind: String(form.get('kind') ?? ''), reason: String(form.get('reason') ?? '') });
      if (result.ok) onDone();
      else setError(result.fieldErrors?.toId?.[0] ?? result.fieldErrors?.kind?.[0] ?? result.fieldErrors?.reason?.[0] ?? result.error);
    });
  }

  return (
    <form className="form form--compact annotation-link-form" onSubmit={submit} aria-label="Link to another annotation">
      <div className="form-field">
        <label htmlFor={`${id}-kind`} className="form-field__label">
          Link type
        </label>
        <select id={`${id}-kind`} ref={kindField} name="kind" className="select" defaultValue="SUPPORTS">
          {LINK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {`This ${LINK_KIND_NAMES[kind]}…`}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-search`} className="form-field__label">
          Find an annotation
        </label>
        <input id={`${id}-search`} type="search" className="form-field__input" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" placeholder="Words of its quote or comment" />
      </div>
      <fieldset className="annotation-link-form__scope">
        <legend className="form-field__label">Search in</legend>
        <label>
          <input type="radio" name="scope" value="document" checked={scope === 'document'} onChange={() => setScope('document')} /> This document
        </label>
        <label>
          <input type="radio" name="scope" value="workspace" checked={scope === 'workspace'} onChange={() => setScope('workspace')} /> All documents of the workspace
        </label>
      </fieldset>
      <fieldset className="annotation-link-form__results">
        <legend className="form-field__label">Annotation to link to</legend>
        {candidates === null ? (
          <p className="form-field__hint">Searching…</p>
        ) : candidates.length === 0 ? (
          <p className="form-field__hint">No annotation matches; try other words{scope === 'document' ? ' or all documents of the workspace' : ''}.</p>
        ) : (
          <ul className="annotation-link-form__list">
            {candidates.map((candidate) => (
              <li key={candidate.id}>
                <label className="annotation-link-form__candidate">
                  <input type="radio" name="toId" value={candidate.id} checked={chosen === candidate.id} onChange={() => setChosen(candidate.id)} />
                  <span>
                    “{candidate.quote}”
                    <span className="annotation-link-form__meta">
                      {candidate.authorName}
                      {candidate.isThisDocument ? '' : ` · ${candidate.documentTitle}`}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="form-field">
        <label htmlFor={`${id}-reason`} className="form-field__label">
          Reason (optional)
        </label>
        <textarea id={`${id}-reason`} name="reason" className="form-field__input" rows={2} maxLength={1000} />
      </div>
      <FormAlert message={error} />
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Save link
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
