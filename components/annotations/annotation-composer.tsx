'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useEscapeLayer } from '@/components/reader/escape-layers';
import { FormAlert } from '@/components/ui/form-alert';
import { createAnnotationAction } from '@/lib/actions/annotations';
import { clearDraft, writeDraft, type AnnotationDraft } from './annotation-drafts';

type ComposerProps = {
  documentSlug: string;
  draft: AnnotationDraft;
  canShare: boolean;
  vocabulary: Array<{ label: string }>;
  onClose: () => void;
  onSaved: (id: string) => void;
};

/** The form for a new annotation on the selected passage: Comment, Tags, Visibility, Save. Typing is kept as a draft. */
export function AnnotationComposer({ documentSlug, draft: initialDraft, canShare, vocabulary, onClose, onSaved }: ComposerProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [isSaving, setIsSaving] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    commentRef.current?.focus({ preventScroll: true });
  }, []);

  // Escape closes the composer; a draft with words in it is only dropped once the writer says so.
  useEscapeLayer(true, 'panel', () => {
    const hasWords = draft.body.trim() !== '' || draft.tags.trim() !== '';
    if (hasWords && !window.confirm('Discard this unsaved annotation?')) return;
    clearDraft(documentSlug);
    onClose();
  });

  function update(change: Partial<AnnotationDraft>) {
    const next = { ...draft, ...change };
    setDraft(next);
    writeDraft(documentSlug, next);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const result = await createAnnotationAction(documentSlug, {
        id: draft.id,
        versionNumber: draft.versionNumber,
        start: draft.start,
        end: draft.end,
        body: draft.body,
        tags: draft.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
        visibility: draft.visibility,
      });
      if (result.ok) {
        clearDraft(documentSlug);
        onSaved(result.value.id);
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.error);
    } catch {
      // The draft is still stored; saving again reuses its id, so nothing is doubled.
      setError('The annotation could not be sent. Your text is kept; try Save again.');
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <section className="composer" role="dialog" aria-label="New annotation">
      <form onSubmit={save} className="form form--compact composer__form" noValidate>
        <blockquote className="composer__quote">{draft.quote.length > 280 ? `${draft.quote.slice(0, 280)}…` : draft.quote}</blockquote>
        <FormAlert message={error} />
        <div className="form-field">
          <label htmlFor={`${id}-comment`} className="form-field__label">
            Comment
          </label>
          <textarea
            ref={commentRef}
            id={`${id}-comment`}
            name="body"
            className="form-field__input"
            rows={4}
            value={draft.body}
            aria-describedby={`${id}-comment-hint`}
            onChange={(event) => update({ body: event.target.value })}
          />
          <p id={`${id}-comment-hint`} className="form-field__hint">
            Markdown: **bold**, *italic*, [link](https://…), &gt; quote. Leave empty for a plain highlight.
          </p>
        </div>
        {canShare && (
          <div className="form-field">
            <label htmlFor={`${id}-tags`} className="form-field__label">
              Tags
            </label>
            <input
              id={`${id}-tags`}
              name="tags"
              className="form-field__input"
              autoComplete="off"
              value={draft.tags}
              placeholder="claim, statistic, actor:IMU"
              aria-describedby={`${id}-tags-hint`}
              aria-invalid={fieldErrors.tags ? true : undefined}
              onChange={(event) => update({ tags: event.target.value })}
            />
            <TagSuggestions vocabulary={vocabulary} typed={draft.tags} onPick={(tags) => update({ tags })} />
            <p id={`${id}-tags-hint`} className="form-field__hint">
              Separate tags with commas; new ones join the workspace’s vocabulary.
            </p>
          </div>
        )}
        <div className="form-field">
          <label htmlFor={`${id}-visibility`} className="form-field__label">
            Visibility
          </label>
          <select
            id={`${id}-visibility`}
            name="visibility"
            className="select"
            value={draft.visibility}
            onChange={(event) => update({ visibility: event.target.value === 'WORKSPACE' ? 'WORKSPACE' : 'PRIVATE' })}
          >
            <option value="PRIVATE">Only me</option>
            {canShare && <option value="WORKSPACE">The workspace</option>}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary button--small" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              clearDraft(documentSlug);
              onClose();
            }}
          >
            Discard
          </button>
        </div>
      </form>
    </section>
  );
}

// Suggestions from the workspace vocabulary for the tag being typed; a plain textbox stays the field itself.
function TagSuggestions({ vocabulary, typed, onPick }: { vocabulary: Array<{ label: string }>; typed: string; onPick: (tags: string) => void }) {
  const parts = typed.split(',');
  const current = (parts[parts.length - 1] ?? '').trim().toLowerCase();
  const chosen = new Set(parts.slice(0, -1).map((part) => part.trim().toLowerCase()));
  const suggestions = vocabulary
    .filter((tag) => !chosen.has(tag.label.toLowerCase()) && tag.label.toLowerCase().startsWith(current) && tag.label.toLowerCase() !== current)
    .slice(0, 6);
  if (suggestions.length === 0) return null;
  return (
    <div className="tag-suggestions" aria-label="Suggestions from the vocabulary" role="group">
      {suggestions.map((tag) => (
        <button
          key={tag.label}
          type="button"
          className="tag-suggestions__option"
          onClick={() => onPick([...parts.slice(0, -1).map((part) => part.trim()).filter(Boolean), tag.label].join(', ') + ', ')}
        >
          {tag.label}
        </button>
      ))}
    </div>
  );
}
