'use client';

import { MentionTextarea } from '@/components/notifications/mention-textarea';
import { useActionState, useId, useState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { setVerdictAction } from '@/lib/actions/sources';
import type { ActionResult } from '@/lib/errors';
import type { AttachedSource } from '@/lib/dal/sources';
import { formatInstant } from '@/lib/format/dates';
import { SOURCE_KIND_LABELS, VERDICT_LABELS, safeHref } from '@/lib/format/verdicts';
import { VERDICTS } from '@/lib/validation/source-choices';
import { useReader } from '@/components/reader/reader-state';
import { CitePassageButton } from './cite-passage-button';
import { CitedPassage } from './cited-passage';
import { VerdictBadge } from './verdict-badge';

/** A source attached to a note: its citation, the verdict with who set it, the evidence and the verdict history. */
export function SourceCard({ source, canSetVerdict, footnoteNumber }: { source: AttachedSource; canSetVerdict: boolean; footnoteNumber: number }) {
  const { documentSlug, rights } = useReader();
  const href = safeHref(source.url);
  const archive = safeHref(source.archiveUrl);
  const details = [SOURCE_KIND_LABELS[source.kind], source.publisher, source.issued].filter(Boolean).join(' · ');
  return (
    <article className="source-card" aria-label={source.title}>
      <p className="source-card__title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {source.title}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : (
          source.title
        )}
      </p>
      {source.authors.length > 0 && <p className="source-card__authors">{source.authors.join('; ')}</p>}
      <p className="source-card__details">
        {details}
        {archive && (
          <>
            {' · '}
            <a href={archive} target="_blank" rel="noopener noreferrer nofollow">
              Archived copy
            </a>
          </>
        )}
        {source.accessedOn && ` · accessed ${source.accessedOn}`}
      </p>
      <p className="source-card__verdict">
        <VerdictBadge verdict={source.verdict} />{' '}
        <span className="source-card__who">
          {source.verdict === 'UNVERIFIED' ? `proposed by ${source.attachedBy}` : `by ${source.verdictSetBy}, ${formatInstant(source.verdictSetAt)}`}
        </span>
      </p>
      {source.passage ? (
        <CitedPassage passage={source.passage} compareHref={`/documents/${documentSlug}/notes/${footnoteNumber}/compare`} />
      ) : (
        source.evidenceQuote && <blockquote className="source-card__evidence">{source.evidenceQuote}</blockquote>
      )}
      {source.sourceDocument && rights.canProposeSources && <CitePassageButton sourceDocumentSlug={source.sourceDocument.slug} footnoteSourceId={source.id} />}
      {source.history.length > 1 && (
        <details className="source-card__history">
          <summary>Verdict history ({source.history.length})</summary>
          <ol>
            {source.history.map((entry) => (
              <li key={entry.changedAt}>
                {VERDICT_LABELS[entry.verdict]}, by {entry.changedBy}, {formatInstant(entry.changedAt)}
                {entry.comment && `: ${entry.comment}`}
              </li>
            ))}
          </ol>
        </details>
      )}
      {canSetVerdict && <VerdictForm source={source} />}
    </article>
  );
}

function VerdictForm({ source }: { source: AttachedSource }) {
  const { documentSlug } = useReader();
  const [isOpen, setIsOpen] = useState(false);
  const [result, formAction, isPending] = useActionState(async (previous: ActionResult | null, form: FormData) => {
    const outcome = await setVerdictAction(documentSlug, source.id, previous, form);
    if (outcome.ok) setIsOpen(false);
    return outcome;
  }, null);
  const submit = submitWithoutReset(formAction);
  const id = useId();
  if (!isOpen) {
    return (
      <button type="button" className="button button--small" onClick={() => setIsOpen(true)} aria-label={`Change verdict on ${source.title}`}>
        Change verdict
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="form form--compact">
      <FormAlert message={result && !result.ok ? result.error : null} />
      <div className="form-field">
        <label htmlFor={`${id}-verdict`} className="form-field__label">
          Verdict
        </label>
        <select id={`${id}-verdict`} name="verdict" defaultValue={source.verdict} className="select">
          {VERDICTS.map((verdict) => (
            <option key={verdict} value={verdict}>
              {VERDICT_LABELS[verdict]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-comment`} className="form-field__label">
          Why (optional)
        </label>
        <MentionTextarea documentSlug={documentSlug} id={`${id}-comment`} name="comment" className="form-field__input" rows={2} maxLength={1000} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Save verdict
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => setIsOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
